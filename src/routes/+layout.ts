import { startLanguage } from '$lib/i18n';
import { storedUser } from '$lib/app/account';

export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

/** The user's language is loaded before the first render, so no page flashes in English. */
export async function load() {
	performance.mark('csp:layout-load');
	await startLanguage(storedUser()?.name);
	performance.mark('csp:language-ready');
	return {};
}
