/**
 * Messages of the domain rules and services, translated in the UI. The rules return English
 * sentences (FieldErrors, DomainError) and are tested in English; the catalogs hold those
 * sentences as keys. A sentence with values in it (a domain name, a country, a number) has a
 * key with placeholders, e.g. "{{domain}} is already taken. Choose another domain prefix.": the
 * key is turned into a pattern, the values are taken from the message and put into the
 * translation. Values that are themselves English words of the catalog (a country/region name,
 * "state") are translated too.
 */
import { countries } from '$lib/domain/customer/countries';
import { escapeRegExp } from '$lib/domain/shared/text';
import { activeCatalog, currentLanguage, currentLocale, t, type Catalog } from './i18n.svelte';

export interface MessagePattern {
	key: string;
	regex: RegExp;
	names: string[];
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** A pattern for a key with placeholders; undefined for a key without any. */
export function patternOf(key: string): MessagePattern | undefined {
	const names: string[] = [];
	let source = '';
	let last = 0;
	for (const match of key.matchAll(PLACEHOLDER)) {
		source += escapeRegExp(key.slice(last, match.index));
		source += '(.+?)';
		names.push(match[1]);
		last = match.index + match[0].length;
	}
	if (names.length === 0) return undefined;
	source += escapeRegExp(key.slice(last));
	return { key, regex: new RegExp(`^${source}$`, 's'), names };
}

/** The patterns of a catalog, the most specific (most fixed text) first. */
export function patternsOf(catalog: Catalog): MessagePattern[] {
	const keys = new Set(Object.keys(catalog).map((key) => key.replace(PLURAL_SUFFIX, '')));
	return [...keys]
		.map(patternOf)
		.filter((pattern): pattern is MessagePattern => pattern !== undefined)
		.sort((a, b) => fixedLength(b.key) - fixedLength(a.key));
}

const fixedLength = (key: string) => key.replace(PLACEHOLDER, '').length;

const cache = new WeakMap<Catalog, MessagePattern[]>();

function cachedPatterns(catalog: Catalog): MessagePattern[] {
	let patterns = cache.get(catalog);
	if (!patterns) {
		patterns = patternsOf(catalog);
		cache.set(catalog, patterns);
	}
	return patterns;
}

const englishCountryCodes = new Map(countries.map((c) => [c.name, c.code]));

/** A value taken from an English message, in the active language where it is a known word. */
function translateValue(value: string, catalog: Catalog): string {
	if (catalog[value] !== undefined) return t(value);
	const code = englishCountryCodes.get(value);
	if (code) return regionName(code) ?? value;
	// A day the rule wrote as yyyy-mm-dd (an invitation's expiry).
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
		const day = Date.parse(`${value}T00:00:00Z`);
		if (!Number.isNaN(day)) {
			return new Intl.DateTimeFormat(currentLocale(), {
				dateStyle: 'medium',
				timeZone: 'UTC'
			}).format(day);
		}
	}
	// A number the rule wrote in English with thousands separators ("1,000"); plain digits (an
	// MPN ID, a year) stay as they are.
	if (/^\d{1,3}(,\d{3})+$/.test(value)) {
		return new Intl.NumberFormat(currentLocale()).format(Number(value.replaceAll(',', '')));
	}
	return value;
}

function regionName(code: string): string | undefined {
	try {
		return regionNames().of(code);
	} catch {
		return undefined;
	}
}

let cachedRegionNames: { locale: string; names: Intl.DisplayNames } | undefined;

function regionNames(): Intl.DisplayNames {
	const locale = currentLocale();
	if (cachedRegionNames?.locale !== locale) {
		cachedRegionNames = { locale, names: new Intl.DisplayNames([locale], { type: 'region' }) };
	}
	return cachedRegionNames.names;
}

/**
 * An English message of the domain rules or services in the active language; the message as it
 * is when the catalog has no translation for it (and in English).
 */
export function translateMessage(message: string): string;
export function translateMessage(message: string | undefined): string | undefined;
export function translateMessage(message: string | undefined): string | undefined {
	if (!message || currentLanguage() === 'en') return message;
	const catalog = activeCatalog();
	if (catalog[message] !== undefined) return t(message);
	for (const pattern of cachedPatterns(catalog)) {
		const match = pattern.regex.exec(message);
		if (!match) continue;
		const values: Record<string, string | number> = {};
		pattern.names.forEach((name, index) => {
			const value = match[index + 1];
			values[name] =
				name === 'count' && /^\d+$/.test(value) ? Number(value) : translateValue(value, catalog);
		});
		return t(pattern.key, values);
	}
	return message;
}

/**
 * A text the domain wrote line by line (an email draft) in the active language: each line that
 * the catalog knows is translated, the others (the link, a name) stay as they are.
 */
export function translateLines(text: string): string {
	if (currentLanguage() === 'en') return text;
	return text
		.split('\n')
		.map((line) => (line.trim() === '' ? line : translateMessage(line)))
		.join('\n');
}

/** Field errors of a domain rule, each in the active language. */
export function translateErrors(errors: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(errors).map(([field, message]) => [field, translateMessage(message)])
	);
}
