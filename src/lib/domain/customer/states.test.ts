import { describe, expect, it } from 'vitest';
import { findStateCode, stateLabel, statesFor } from './states';

describe('statesFor', () => {
	it('lists the 50 US states and DC', () => {
		const us = statesFor('US');
		expect(us).toHaveLength(51);
		expect(us?.map((s) => s.code)).toContain('DC');
		expect(us?.every((s) => /^[A-Z]{2}$/.test(s.code))).toBe(true);
	});

	it('lists the 13 Canadian provinces and territories', () => {
		expect(
			statesFor('CA')
				?.map((s) => s.code)
				.sort()
		).toEqual(
			['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'].sort()
		);
	});

	it('lists the 8 Australian states and territories', () => {
		expect(
			statesFor('AU')
				?.map((s) => s.code)
				.sort()
		).toEqual(['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA'].sort());
	});

	it('accepts a lower-case country code', () => {
		expect(statesFor('us')).toBe(statesFor('US'));
	});

	it.each(['HU', 'PL', 'DE', 'GB', '', 'XX'])('has no list for %j', (country) => {
		expect(statesFor(country)).toBeUndefined();
	});

	it('has unique codes and names in every list', () => {
		for (const country of ['US', 'CA', 'AU']) {
			const list = statesFor(country) ?? [];
			expect(new Set(list.map((s) => s.code)).size).toBe(list.length);
			expect(new Set(list.map((s) => s.name)).size).toBe(list.length);
		}
	});
});

describe('findStateCode', () => {
	it.each([
		['US', 'WA', 'WA'],
		['US', 'wa', 'WA'],
		['US', ' Washington ', 'WA'],
		['US', 'district of columbia', 'DC'],
		['US', 'New  York', 'NY'],
		['CA', 'QC', 'QC'],
		['CA', 'Quebec', 'QC'],
		['AU', 'nsw', 'NSW'],
		['AU', 'Victoria', 'VIC']
	])('finds %s %j → %s', (country, state, code) => {
		expect(findStateCode(country, state)).toBe(code);
	});

	it.each([
		['US', 'XX'],
		['US', 'PR'],
		['US', ''],
		['CA', 'WA'],
		['AU', 'QC'],
		['AU', 'VI'],
		['HU', 'Pest']
	])('does not find %s %j', (country, state) => {
		expect(findStateCode(country, state)).toBeUndefined();
	});
});

describe('stateLabel', () => {
	it('names the subdivision per country', () => {
		expect(stateLabel('US')).toBe('state');
		expect(stateLabel('CA')).toBe('province or territory');
		expect(stateLabel('AU')).toBe('state or territory');
		expect(stateLabel('HU')).toBe('state');
	});
});
