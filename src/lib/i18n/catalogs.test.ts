/**
 * The translations are complete: every English text of the UI and every message of the domain
 * rules and services has a Hungarian, Polish and Russian translation, with every plural form the
 * language needs, the same placeholders, and words that differ from the English (except the few
 * in `sameAsEnglish`). A catalog key that nothing uses any more fails too, so a changed English
 * text is noticed in every language.
 */
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import hu from './locales/hu.json';
import pl from './locales/pl.json';
import ru from './locales/ru.json';
import {
	collect,
	domainMessagesIn,
	keyMatchesTemplate,
	listFiles,
	uiTextsIn,
	type FoundText
} from './extract';
import { patternOf } from './messages';

const ROOT = process.cwd();
const catalogs: Record<'hu' | 'pl' | 'ru', Record<string, string>> = { hu, pl, ru };

/** Words that are the same in a language as in English: product names, codes, loan words. */
const sameAsEnglish: Record<keyof typeof catalogs, string[]> = {
	hu: [
		'MPN ID',
		'Microsoft Cloud Germany',
		'Microsoft Cloud for US Government',
		'Partner',
		'Offline'
	],
	pl: [
		'MPN ID',
		'Microsoft Cloud Germany',
		'Microsoft Cloud for US Government',
		'Partner',
		'Offline',
		'Status'
	],
	ru: ['MPN ID', 'Microsoft Cloud Germany', 'Microsoft Cloud for US Government']
};

/** Where the UI texts are: everything in src/ but tests, the translations and the developer pages. */
const uiFiles = listFiles(
	'src',
	(path) =>
		/\.(svelte|ts)$/.test(path) &&
		!/\.test\.ts$/.test(path) &&
		!/^src\/(lib\/i18n|lib\/bench|routes\/dev|service-worker)\//.test(path)
);

/**
 * The domain rules and services whose messages reach the UI. Not here: data (countries, states,
 * offers, legal forms, GDAP role names, demo data, the set-up of an organisation from the
 * server), test fixtures, and sync internals that only log (replication, background sync).
 */
const domainFiles = listFiles(
	'src',
	(path) =>
		/^src\/lib\/(domain|services|sync)\/.*\.ts$/.test(path) &&
		!/\.test\.ts$|fixtures\.ts$/.test(path) &&
		!/\/(countries|states|catalog|legal-forms|roles|role-groups|demo-data|demo-data-reseller|demo-gdap|server-organisation|test-support|test-factories|context|replication|background-sync|endpoint-history)\.ts$/.test(
			path
		)
);

/** Texts the extraction finds in domain files that are not messages a user sees. */
const notMessages = [
	'The start date is not a valid ISO timestamp: ${startIso}',
	'Unknown term duration: ${String(term)}',
	'${written.error.length} subscription(s) could not be saved',
	// A partner's label, "Name (MPN ID)" (cut at its inner template).
	'${p.name}${p.mpnId ? ',
	// The parameter of "Enter a valid date and time for …"; the catalogs have each sentence.
	'Enter a valid date and time for ${what}.',
	// Warnings in the developer console (sync/couch-fetch.ts), never shown to the user.
	'What this push sends could not be kept',
	'The revisions of this pull could not be kept'
];

/** Templates written where the extraction cannot find them (the summaries built in demo-data.ts and demo-data-reseller.ts). */
const extraTemplates = [
	'Loaded demo data: ${resellers.length} resellers, ${data.customers.length} customers, ${data.subscriptions.length} subscriptions',
	'Loaded demo data: ${providers.length} indirect providers, ${data.customers.length} customers, ${data.invitations.length} invitations',
	...[
		'acceptance',
		'removal',
		'current time',
		'request',
		'approval',
		'termination',
		'sending',
		'withdrawal'
	].map((what) => `Enter a valid date and time for the ${what}.`)
];

const uiTexts: FoundText[] = collect(ROOT, uiFiles, uiTextsIn);
const domainTemplates: string[] = [
	...new Set(collect(ROOT, domainFiles, domainMessagesIn).map((found) => found.text))
]
	.filter((text) => !notMessages.includes(text))
	.concat(extraTemplates);
const uiKeys = new Set(uiTexts.map((found) => found.text));

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) =>
	new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((match) => match[1]));
const pluralKeys = new Set(Object.keys(en).map(baseKey));
const categories = (language: string) =>
	new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];

/** The catalog has the key, or all its plural forms. */
function translationsOf(catalog: Record<string, string>, language: string, key: string) {
	if (pluralKeys.has(key)) {
		return categories(language).map((category) => ({
			key: `${key}_${category}`,
			value: catalog[`${key}_${category}`]
		}));
	}
	return [{ key, value: catalog[key] }];
}

/** Whether a domain message template has a key: exactly, or by a key with placeholders. */
function covers(catalog: Record<string, string>, template: string): boolean {
	if (!template.includes('${')) {
		if (catalog[template] !== undefined) return true;
		return Object.keys(catalog).some((key) => patternOf(key)?.regex.test(template) ?? false);
	}
	return Object.keys(catalog).some((key) => keyMatchesTemplate(key, template));
}

describe('the source', () => {
	it('has UI texts and domain messages to translate', () => {
		expect(uiKeys.size).toBeGreaterThan(300);
		expect(domainTemplates.length).toBeGreaterThan(80);
	});

	it('marks plural texts in English with one and other', () => {
		for (const key of pluralKeys) {
			expect(uiKeys.has(key), `en.json: "${key}" is not used`).toBe(true);
			expect(en).toHaveProperty([`${key}_one`]);
			expect(en).toHaveProperty([`${key}_other`]);
		}
	});
});

describe.each(Object.keys(catalogs) as (keyof typeof catalogs)[])('the %s catalog', (language) => {
	const catalog = catalogs[language];

	it('translates every UI text, with every plural form of the language', () => {
		const missing = [...uiKeys].flatMap((key) =>
			translationsOf(catalog, language, key)
				.filter((t) => !t.value?.trim())
				.map((t) => `${t.key} (${uiTexts.find((found) => found.text === key)?.file})`)
		);
		expect(missing).toEqual([]);
	});

	it('translates every message of the domain rules and services', () => {
		const missing = domainTemplates.filter((template) => !covers(catalog, template));
		expect(missing).toEqual([]);
	});

	it('leaves nothing in English but the allowed words', () => {
		const english = (key: string) => {
			const base = baseKey(key);
			if (!pluralKeys.has(base)) return base;
			return (en as Record<string, string>)[`${base}_other`];
		};
		const same = Object.entries(catalog)
			.filter(([key, value]) => value.trim() === english(key).trim())
			.map(([key]) => key)
			.filter((key) => !sameAsEnglish[language].includes(key));
		expect(same).toEqual([]);
	});

	it('keeps the placeholders of the English text', () => {
		const wrong = Object.entries(catalog).filter(([key, value]) => {
			const expected = placeholders(baseKey(key));
			const found = placeholders(value);
			// A form for exactly one may say the number in words.
			if (key.endsWith('_one')) expected.delete('count');
			found.delete(key.endsWith('_one') ? 'count' : '');
			return (
				[...expected].some((name) => !found.has(name)) ||
				[...found].some((name) => !placeholders(baseKey(key)).has(name))
			);
		});
		expect(wrong.map(([key]) => key)).toEqual([]);
	});

	it('has no key that nothing uses', () => {
		const unused = Object.keys(catalog)
			.map(baseKey)
			.filter((key) => !uiKeys.has(key))
			.filter((key) => !domainTemplates.some((template) => coversKey(key, template)));
		expect([...new Set(unused)]).toEqual([]);
	});
});

function coversKey(key: string, template: string): boolean {
	if (!template.includes('${'))
		return key === template || (patternOf(key)?.regex.test(template) ?? false);
	return keyMatchesTemplate(key, template);
}

describe('the extraction', () => {
	it('finds texts of t() and msg() calls, in any quotes', () => {
		const source = `t('Sign in'); t("Don't"); msg(\`Done\`); format(x); set('no'); it('no')`;
		expect(uiTextsIn(source)).toEqual(['Sign in', "Don't", 'Done']);
	});

	it('refuses a text built at run time', () => {
		expect(() => uiTextsIn('t(`Hello ${name}`)')).toThrow(/built at run time/);
	});

	it('finds the messages of a domain file with their values marked', () => {
		const source = [
			'// Enter nothing in comments.',
			"return 'Choose an offer.';",
			'return `${offerName} can have ${range} licences.`;',
			"const code = 'partnership/not-requested';"
		].join('\n');
		expect(domainMessagesIn(source)).toEqual([
			'Choose an offer.',
			'${offerName} can have ${range} licences.'
		]);
	});

	it('matches a key to a template, placeholders and fixed words alike', () => {
		const template = "Enter the contact's ${which} name (1–${PERSON_NAME_MAX_LENGTH} characters).";
		expect(
			keyMatchesTemplate("Enter the contact's first name (1–{{max}} characters).", template)
		).toBe(true);
		expect(keyMatchesTemplate('Enter the city (up to {{max}} characters).', template)).toBe(false);
	});
});
