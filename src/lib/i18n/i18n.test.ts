import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	chooseLanguage,
	currentLanguage,
	currentLocale,
	msg,
	startLanguage,
	t,
	useLanguage
} from './i18n.svelte';
import { isLanguage, languages, localeOf, matchLanguage } from './languages';
import { DEVICE_USER, preferenceKey, readPreference, writePreference } from './preference';

/** localStorage as a Map, per test. */
function memoryStorage() {
	const data = new Map<string, string>();
	return {
		getItem: (key: string) => data.get(key) ?? null,
		setItem: (key: string, value: string) => void data.set(key, value),
		removeItem: (key: string) => void data.delete(key),
		data
	};
}

let storage: ReturnType<typeof memoryStorage>;

beforeEach(() => {
	storage = memoryStorage();
	vi.stubGlobal('localStorage', storage);
	vi.stubGlobal('navigator', { languages: ['en-US'] });
});

afterEach(async () => {
	await useLanguage('en');
	vi.unstubAllGlobals();
});

describe('t in English', () => {
	it('returns the English text, which is the key', () => {
		expect(t('Add new customer')).toBe('Add new customer');
		expect(t('Signing out failed: {{error}}', { error: 'offline' })).toBe(
			'Signing out failed: offline'
		);
	});

	it('chooses the plural form and formats the number', () => {
		expect(t('{{count}} customers', { count: 1 })).toBe('1 customer');
		expect(t('{{count}} customers', { count: 0 })).toBe('0 customers');
		expect(t('{{count}} customers', { count: 12345 })).toBe('12,345 customers');
	});

	it('shows a text no catalog has in English', () => {
		expect(t('A text nobody translated yet')).toBe('A text nobody translated yet');
	});

	it('marks texts with msg() without changing them', () => {
		expect(msg('Relationship active')).toBe('Relationship active');
	});
});

describe('switching the language', () => {
	it('translates into the chosen language and tells its locale', async () => {
		await useLanguage('hu');
		expect(currentLanguage()).toBe('hu');
		expect(currentLocale()).toBe('hu-HU');
		expect(t('Add new customer')).toBe('Új ügyfél hozzáadása');
		await useLanguage('ru');
		expect(t('Add new customer')).toBe('Добавить нового клиента');
	});

	it('uses the Polish and Russian plural forms (one, few, many)', async () => {
		await useLanguage('pl');
		expect([1, 3, 5, 22, 25].map((count) => t('{{count}} licences', { count }))).toEqual([
			'1 licencja',
			'3 licencje',
			'5 licencji',
			'22 licencje',
			'25 licencji'
		]);
		await useLanguage('ru');
		expect([1, 3, 5, 21].map((count) => t('{{count}} customers', { count }))).toEqual([
			'1 клиент',
			'3 клиента',
			'5 клиентов',
			'21 клиент'
		]);
	});

	it('formats numbers in the language', async () => {
		await useLanguage('hu');
		expect(t('{{count}} customers', { count: 10000 })).toMatch(/^10\s000 ügyfél$/);
	});

	it('falls back to English for a text the catalog lacks', async () => {
		await useLanguage('pl');
		expect(t('A text nobody translated yet')).toBe('A text nobody translated yet');
	});

	it('sets the lang attribute of the page', async () => {
		const documentElement = { lang: 'en' };
		vi.stubGlobal('document', { documentElement });
		await useLanguage('pl');
		expect(documentElement.lang).toBe('pl');
	});
});

describe('the remembered language', () => {
	it('is kept per signed-in user and for the local field user per device', async () => {
		await chooseLanguage('pl', 'anna');
		await chooseLanguage('ru');
		expect(storage.data.get(preferenceKey('anna'))).toBe('pl');
		expect(storage.data.get(preferenceKey(undefined))).toBe('ru');
		expect(preferenceKey(undefined)).toContain(DEVICE_USER);
	});

	it('opens in the signed-in user’s language', async () => {
		writePreference('anna', 'hu', storage);
		writePreference(undefined, 'ru', storage);
		expect(await startLanguage('anna')).toBe('hu');
		expect(t('Sign in')).toBe('Bejelentkezés');
	});

	it('opens a user without a choice in the language chosen on this device', async () => {
		writePreference(undefined, 'ru', storage);
		expect(await startLanguage('dave')).toBe('ru');
	});

	it('opens in the browser language when nothing was chosen, otherwise in English', async () => {
		vi.stubGlobal('navigator', { languages: ['pl-PL', 'en'] });
		expect(await startLanguage(undefined)).toBe('pl');
		vi.stubGlobal('navigator', { languages: ['de-DE'] });
		expect(await startLanguage(undefined)).toBe('en');
	});

	it('ignores a stored value that is not a language', () => {
		storage.setItem(preferenceKey('anna'), 'klingon');
		expect(readPreference('anna', storage)).toBeUndefined();
	});
});

describe('languages', () => {
	it('are named in their own language', () => {
		expect(languages.map((l) => l.name)).toEqual(['English', 'Magyar', 'Polski', 'Русский']);
	});

	it('match the browser’s preferred languages', () => {
		expect(matchLanguage(['de-AT', 'hu-HU'])).toBe('hu');
		expect(matchLanguage(['fr'])).toBeUndefined();
		expect(isLanguage('ru')).toBe(true);
		expect(isLanguage('de')).toBe(false);
		expect(localeOf('en')).toBe('en-GB');
	});
});
