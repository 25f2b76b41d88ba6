/**
 * The app's translations: one i18next instance and a Svelte 5 adapter around it.
 *
 * - Keys are the English text itself (gettext style), so English needs no catalog except the
 *   plural forms (locales/en.json); Hungarian, Polish and Russian are JSON catalogs loaded when
 *   chosen (their own chunks, precached by the service worker, so switching works offline).
 * - `t()` reads the active language from a `$state`, so every template and `$derived` that calls
 *   it renders again when the language changes.
 * - i18next does the lookup, the interpolation (`{{name}}`), the number formats
 *   (`{{count, number}}`) and the plural forms (Intl.PluralRules: one/few/many/other).
 */
import i18next, { type TOptions } from 'i18next';
import en from './locales/en.json';
import { defaultLanguage, localeOf, matchLanguage, type Language } from './languages';
import { readPreference, writePreference } from './preference';

export type Catalog = Record<string, string>;

const catalogs: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalog }>> = {
	hu: () => import('./locales/hu.json'),
	pl: () => import('./locales/pl.json'),
	ru: () => import('./locales/ru.json')
};

export const i18n = i18next.createInstance();
void i18n.init({
	lng: defaultLanguage,
	fallbackLng: defaultLanguage,
	resources: { en: { translation: en } },
	// Natural-language keys contain '.' and ':'.
	keySeparator: false,
	nsSeparator: false,
	// Svelte escapes what it renders.
	interpolation: { escapeValue: false },
	returnNull: false,
	returnEmptyString: false,
	// Resources are given: init at once, so t() works on the first render.
	initAsync: false
});

const state = $state<{ language: Language }>({ language: defaultLanguage });

/** Translates an English text (the key) into the active language. */
export function t(key: string, options?: TOptions): string {
	// Reading the language subscribes the caller: it updates when the language changes.
	void state.language;
	return i18n.t(key, options) as string;
}

export { msg } from '$lib/domain/shared/text';

/** The active language ('en', 'hu', 'pl' or 'ru'). */
export function currentLanguage(): Language {
	return state.language;
}

/** The BCP 47 locale of the active language, for Intl formats ('hu-HU'). */
export function currentLocale(): string {
	return localeOf(state.language);
}

/** The active catalog (empty for English), for the translation of domain messages. */
export function activeCatalog(): Catalog {
	const language = state.language;
	if (language === 'en') return {};
	return (i18n.getResourceBundle(language, 'translation') as Catalog | undefined) ?? {};
}

/** Loads a language's catalog once (a lazily loaded chunk). */
export async function loadLanguage(language: Language): Promise<void> {
	if (language === 'en' || i18n.hasResourceBundle(language, 'translation')) return;
	const catalog = await catalogs[language]();
	i18n.addResourceBundle(language, 'translation', catalog.default, true, true);
}

/** Switches the UI language (loading its catalog first); `<html lang>` follows. */
export async function useLanguage(language: Language): Promise<void> {
	await loadLanguage(language);
	await i18n.changeLanguage(language);
	state.language = language;
	if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Switches the language and remembers it for this user (or this device when not signed in). */
export async function chooseLanguage(language: Language, userName?: string): Promise<void> {
	// Remembered at once, so a reload or a link followed while the catalog loads keeps the choice.
	writePreference(userName, language);
	await useLanguage(language);
}

/**
 * The language at start-up: the one this user chose before, otherwise the one chosen on this
 * device before signing in, otherwise the browser's language when the UI has it, otherwise
 * English. A catalog that cannot be loaded leaves English.
 */
export async function startLanguage(userName?: string): Promise<Language> {
	const preferred =
		(userName === undefined ? undefined : readPreference(userName)) ??
		readPreference(undefined) ??
		(typeof navigator === 'undefined' ? undefined : matchLanguage(navigator.languages ?? [])) ??
		defaultLanguage;
	try {
		await useLanguage(preferred);
	} catch (error) {
		console.warn(`The ${preferred} translation could not be loaded`, error);
		await useLanguage(defaultLanguage);
	}
	return state.language;
}
