import { startLanguage } from '$lib/i18n';
import { storedUser } from '$lib/app/account';
import { z } from 'zod';

// No `new Function` probe: the page's Content-Security-Policy has no 'unsafe-eval'.
z.config({ jitless: true });

export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

/** The user's language is loaded before the first render, so no page flashes in English. */
export async function load() {
	await startLanguage(storedUser()?.name);
	return {};
}
