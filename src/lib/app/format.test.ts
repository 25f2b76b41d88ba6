import { afterEach, describe, expect, it } from 'vitest';
import { useLanguage } from '$lib/i18n/i18n.svelte';
import {
	countryOptions,
	billingCycleLabel,
	compareText,
	countryName,
	formatDate,
	formatDateTime,
	formatNumber,
	formatTime,
	termLabel
} from './format';

afterEach(async () => {
	await useLanguage('en');
});

// Midday UTC: the same calendar day in every time zone the tests may run in.
const DAY = '2025-03-03T12:00:00.000Z';

describe('dates', () => {
	it('are written the British way in English', () => {
		expect(formatDate(DAY)).toBe('3 Mar 2025');
		expect(formatDate(undefined)).toBe('—');
		expect(formatDate('not a date')).toBe('not a date');
	});

	it('follow the active language', async () => {
		await useLanguage('hu');
		expect(formatDate(DAY)).toMatch(/^2025\. márc\. 3\.$/);
		await useLanguage('pl');
		expect(formatDate(DAY)).toMatch(/^3 mar 2025$/);
		await useLanguage('ru');
		expect(formatDate(DAY)).toMatch(/^3 мар\. 2025/);
	});

	it('give times in the 24-hour clock of the language', async () => {
		await useLanguage('pl');
		expect(formatTime(DAY)).toMatch(/^\d{2}:\d{2}$/);
		expect(formatDateTime(DAY)).toContain('2025');
		expect(formatTime(null)).toBe('');
	});
});

describe('numbers', () => {
	it('use the separators of the language', async () => {
		expect(formatNumber(12345.5)).toBe('12,345.5');
		await useLanguage('hu');
		expect(formatNumber(12345.5)).toMatch(/^12\s345,5$/);
		await useLanguage('ru');
		expect(formatNumber(12345.5)).toMatch(/^12\s345,5$/);
	});
});

describe('names and labels', () => {
	it('name countries/regions in the language', async () => {
		expect(countryName('HU')).toBe('Hungary');
		expect(countryName('XX')).toBe('XX');
		await useLanguage('hu');
		expect(countryName('HU')).toBe('Magyarország');
		await useLanguage('pl');
		expect(countryName('HU')).toBe('Węgry');
		await useLanguage('ru');
		expect(countryName('PL')).toBe('Польша');
	});

	it('translate billing cycles and terms', async () => {
		expect(billingCycleLabel('annual')).toBe('Annual');
		await useLanguage('pl');
		expect(billingCycleLabel('annual')).toBe('Rocznie');
		expect(termLabel('P3Y')).toBe('3 lata');
	});

	it('sort in the alphabetical order of the language', async () => {
		await useLanguage('pl');
		expect(['Zabrze', 'Łódź', 'Lublin'].sort(compareText)).toEqual(['Lublin', 'Łódź', 'Zabrze']);
	});
});

describe('countryOptions', () => {
	it('names and sorts every country/region in the active language', async () => {
		const english = countryOptions();
		expect(english.find((o) => o.value === 'HU')?.label).toBe('Hungary');
		const labels = english.map((o) => o.label);
		expect(labels).toEqual([...labels].sort(new Intl.Collator('en').compare));
		await useLanguage('hu');
		const hungarian = countryOptions();
		expect(hungarian).toHaveLength(english.length);
		expect(hungarian.find((o) => o.value === 'HU')?.label).toBe('Magyarország');
	});
});
