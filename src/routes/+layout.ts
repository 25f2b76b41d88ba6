import { startLanguage } from '$lib/i18n';
import { storedUser } from '$lib/sync/session';

export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

/** The user's language is loaded before the first render, so no page flashes in English. */
export async function load() {
	await startLanguage(storedUser()?.name);
	return {};
}
