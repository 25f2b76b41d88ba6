import { countries } from '$lib/domain/customer/countries';
import type { BillingCycle, TermDuration } from '$lib/domain/offer/schema';
import { currentLanguage, currentLocale, msg, t } from '$lib/i18n';

/**
 * Intl formats of the active language, made once per locale (they are costly to create). Each
 * function reads the language, so a template that calls it updates when the language changes.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(kind: 'date' | 'dateTime' | 'time'): Intl.DateTimeFormat {
	const locale = currentLocale();
	const cacheKey = `${locale}|${kind}`;
	let format = formats.get(cacheKey);
	if (!format) {
		format = new Intl.DateTimeFormat(
			locale,
			kind === 'date'
				? { dateStyle: 'medium' }
				: kind === 'dateTime'
					? { dateStyle: 'medium', timeStyle: 'short' }
					: { hour: '2-digit', minute: '2-digit' }
		);
		formats.set(cacheKey, format);
	}
	return format;
}

/** A day as people read it, e.g. "3 Mar 2025" ("2025. márc. 3." in Hungarian); '—' when none. */
export function formatDate(iso: string | undefined): string {
	if (!iso) return '—';
	const time = Date.parse(iso);
	return Number.isNaN(time) ? iso : dateTimeFormat('date').format(time);
}

/** A moment as people read it, e.g. "3 Mar 2025, 14:05". */
export function formatDateTime(iso: string): string {
	const time = Date.parse(iso);
	return Number.isNaN(time) ? iso : dateTimeFormat('dateTime').format(time);
}

/** A time of day, e.g. "14:05"; '' when there is none. */
export function formatTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const time = Date.parse(iso);
	return Number.isNaN(time) ? '' : dateTimeFormat('time').format(time);
}

/**
 * How far ahead a moment is, in the language's words and the largest whole unit: "in 2 days",
 * "in 5 hours", "in 12 minutes" (days from 48 hours on, so "in 47 hours" stays exact).
 */
export function formatTimeAhead(msAhead: number): string {
	const format = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'always' });
	const hours = msAhead / 3_600_000;
	if (hours >= 48) return format.format(Math.floor(hours / 24), 'day');
	if (hours >= 1) return format.format(Math.floor(hours), 'hour');
	return format.format(Math.max(1, Math.ceil(msAhead / 60_000)), 'minute');
}

/** A number with the active language's separators, e.g. "10,000" or "10 000". */
export function formatNumber(value: number): string {
	return new Intl.NumberFormat(currentLocale()).format(value);
}

const billingCycleLabels: Record<BillingCycle, string> = {
	monthly: msg('Monthly'),
	annual: msg('Annual'),
	triennial: msg('Every three years'),
	none: msg('Billed by usage')
};

export const billingCycleLabel = (cycle: BillingCycle) =>
	billingCycleLabels[cycle] ? t(billingCycleLabels[cycle]) : cycle;

const termLabels: Record<TermDuration, string> = {
	P1M: msg('1 month'),
	P1Y: msg('1 year'),
	P3Y: msg('3 years'),
	none: msg('No fixed term')
};

export const termLabel = (term: TermDuration) => (termLabels[term] ? t(termLabels[term]) : term);

const englishNames = new Map(countries.map((c) => [c.code, c.name]));
const regionNames = new Map<string, Intl.DisplayNames>();

/** Intl's names of countries/regions in a locale, made once per locale. */
export function regionNamesIn(locale: string): Intl.DisplayNames {
	let names = regionNames.get(locale);
	if (!names) {
		names = new Intl.DisplayNames([locale], { type: 'region' });
		regionNames.set(locale, names);
	}
	return names;
}

/**
 * The name of a country/region code in the active language (Intl's region names; in English
 * the app's own list), or the code itself when it is unknown.
 */
export function countryName(code: string): string {
	const english = englishNames.get(code);
	if (!english) return code;
	if (currentLanguage() === 'en') return english;
	try {
		return regionNamesIn(currentLocale()).of(code) ?? english;
	} catch {
		return english;
	}
}

const collators = new Map<string, Intl.Collator>();

/** Sorts texts in the active language's alphabetical order. */
export function compareText(a: string, b: string): number {
	const locale = currentLocale();
	let collator = collators.get(locale);
	if (!collator) {
		collator = new Intl.Collator(locale);
		collators.set(locale, collator);
	}
	return collator.compare(a, b);
}

const countryOptionsByLocale = new Map<string, { value: string; label: string }[]>();

/** Every country/region as a select option, named and sorted in the active language (made once per language). */
export function countryOptions(): { value: string; label: string }[] {
	const locale = currentLocale();
	let options = countryOptionsByLocale.get(locale);
	if (!options) {
		options = countries
			.map((c) => ({ value: c.code, label: countryName(c.code) }))
			.sort((a, b) => compareText(a.label, b.label));
		countryOptionsByLocale.set(locale, options);
	}
	return options;
}
