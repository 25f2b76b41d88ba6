import { describe, expect, it } from 'vitest';
import { countryCode } from '../shared/schema';
import { countries, countryName, isKnownCountry } from './countries';

describe('countries', () => {
	it('lists all 249 officially assigned ISO 3166-1 alpha-2 codes', () => {
		expect(countries).toHaveLength(249);
	});

	it('has unique codes, in code order', () => {
		const codes = countries.map((c) => c.code);
		expect(new Set(codes).size).toBe(codes.length);
		expect([...codes].sort()).toEqual(codes);
	});

	it('has codes the schema accepts', () => {
		for (const { code } of countries) expect(countryCode.safeParse(code).success).toBe(true);
	});

	it('has a unique, non-empty English name for every code', () => {
		const names = countries.map((c) => c.name);
		expect(names.every((n) => n.trim() === n && n.length > 1)).toBe(true);
		expect(new Set(names).size).toBe(names.length);
	});

	it('contains the markets we serve', () => {
		for (const code of [
			'HU',
			'PL',
			'RU',
			'UA',
			'BY',
			'KZ',
			'RO',
			'CZ',
			'SK',
			'AT',
			'DE',
			'GB',
			'US'
		])
			expect(isKnownCountry(code)).toBe(true);
	});

	it('names countries the way people say them', () => {
		expect(countryName('HU')).toBe('Hungary');
		expect(countryName('PL')).toBe('Poland');
		expect(countryName('RU')).toBe('Russia');
		expect(countryName('GB')).toBe('United Kingdom');
		expect(countryName('US')).toBe('United States');
		expect(countryName('CD')).toBe('Congo (DRC)');
		expect(countryName('HK')).toBe('Hong Kong SAR');
		expect(countryName('KN')).toBe('Saint Kitts and Nevis');
	});

	it.each(['UK', 'EU', 'XK', 'AN', 'SU', 'YU', 'ZZ', 'hu', '', 'HUN'])(
		'does not know %j (not officially assigned, or not upper case)',
		(code) => {
			expect(isKnownCountry(code)).toBe(false);
			expect(countryName(code)).toBe('');
		}
	);

	it('has no name with an ampersand or "St." (spelled out)', () => {
		expect(countries.filter((c) => /&|^St\. /.test(c.name))).toEqual([]);
	});
});
