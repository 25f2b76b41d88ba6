/**
 * The chosen language, remembered per signed-in user (by user name) or, for the local field user
 * who has not signed in, per device. Kept in localStorage, so it is there offline and on a cold
 * start.
 */
import { isLanguage, type Language } from './languages';

const PREFIX = 'csp-field:language:';
/** The key of the local field user (a user name never contains a space). */
export const DEVICE_USER = 'this device';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export function preferenceKey(userName: string | undefined): string {
	return `${PREFIX}${userName ?? DEVICE_USER}`;
}

export function readPreference(
	userName: string | undefined,
	store: Store | undefined = globalThis.localStorage
): Language | undefined {
	try {
		const value = store?.getItem(preferenceKey(userName));
		return isLanguage(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

export function writePreference(
	userName: string | undefined,
	language: Language,
	store: Store | undefined = globalThis.localStorage
): void {
	try {
		store?.setItem(preferenceKey(userName), language);
	} catch {
		// Storage full: the language still changes for this visit.
	}
}
