/** The languages of the UI: English (built in) and the ones loaded when chosen. */
export const languages = [
	{ code: 'en', name: 'English', locale: 'en-GB' },
	{ code: 'hu', name: 'Magyar', locale: 'hu-HU' },
	{ code: 'pl', name: 'Polski', locale: 'pl-PL' },
	{ code: 'ru', name: 'Русский', locale: 'ru-RU' }
] as const;

export type Language = (typeof languages)[number]['code'];

export const defaultLanguage: Language = 'en';

export function isLanguage(value: unknown): value is Language {
	return languages.some((language) => language.code === value);
}

/** The BCP 47 locale Intl formats with for a language, e.g. 'hu-HU'. */
export function localeOf(language: Language): string {
	return languages.find((l) => l.code === language)?.locale ?? 'en-GB';
}

/** The first of the browser's preferred languages the UI has, e.g. 'pl' for ['pl-PL', 'en']. */
export function matchLanguage(preferred: readonly string[]): Language | undefined {
	for (const tag of preferred) {
		const code = tag.toLowerCase().split('-')[0];
		if (isLanguage(code)) return code;
	}
	return undefined;
}
