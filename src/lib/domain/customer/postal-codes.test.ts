import { describe, expect, it } from 'vitest';
import { checkPostalCode, countriesWithPostalCodeRule, postalCodeRuleFor } from './postal-codes';

/** [country, as typed, as stored] */
const validCodes: [string, string, string][] = [
	['HU', '1051', '1051'],
	['HU', '9999', '9999'],
	['PL', '00-950', '00-950'],
	['PL', '00950', '00-950'],
	['PL', '31 042', '31-042'],
	['RU', '101000', '101000'],
	['US', '98052', '98052'],
	['US', '98052-6399', '98052-6399'],
	['US', '980526399', '98052-6399'],
	['US', '98052 6399', '98052-6399'],
	['GB', 'SW1A 1AA', 'SW1A 1AA'],
	['GB', 'sw1a1aa', 'SW1A 1AA'],
	['GB', 'M1 1AE', 'M1 1AE'],
	['GB', 'B33 8TH', 'B33 8TH'],
	['GB', 'CR2 6XH', 'CR2 6XH'],
	['GB', 'DN55 1PT', 'DN55 1PT'],
	['GB', 'W1A 0AX', 'W1A 0AX'],
	['GB', 'EC1A1BB', 'EC1A 1BB'],
	['GB', 'GIR 0AA', 'GIR 0AA'],
	['DE', '10115', '10115'],
	['DE', '01067', '01067'],
	['FR', '75001', '75001'],
	['AT', '1010', '1010'],
	['CZ', '110 00', '110 00'],
	['CZ', '11000', '110 00'],
	['SK', '811 01', '811 01'],
	['SK', '81101', '811 01'],
	['RO', '010011', '010011'],
	['UA', '01001', '01001'],
	['BY', '220030', '220030'],
	['KZ', '050000', '050000'],
	['KZ', 'Z05H9E8', 'Z05H9E8'],
	['KZ', 'a15e3c4', 'A15E3C4'],
	['NL', '1012 AB', '1012 AB'],
	['NL', '1012ab', '1012 AB'],
	['CA', 'K1A 0B1', 'K1A 0B1'],
	['CA', 'k1a0b1', 'K1A 0B1'],
	['CA', 'H2X 1Y4', 'H2X 1Y4'],
	['AU', '2000', '2000'],
	['AU', '0800', '0800'],
	['IN', '110001', '110001'],
	['IN', '110 001', '110001'],
	['JP', '100-0001', '100-0001'],
	['JP', '1000001', '100-0001'],
	['BG', '1000', '1000'],
	['HR', '10000', '10000'],
	['SI', '1000', '1000'],
	['RS', '11000', '11000'],
	['IT', '00100', '00100'],
	['ES', '28001', '28001'],
	['ES', '52001', '52001'],
	['PT', '1000-001', '1000-001'],
	['PT', '1000001', '1000-001'],
	['SE', '111 22', '111 22'],
	['SE', '11122', '111 22'],
	['NO', '0150', '0150'],
	['DK', '1050', '1050'],
	['FI', '00100', '00100'],
	['CH', '8001', '8001'],
	['BE', '1000', '1000'],
	['IE', 'D02 X285', 'D02 X285'],
	['IE', 'd02x285', 'D02 X285'],
	['IE', 'D6W 1234', 'D6W 1234'],
	['IE', 'A65 F4E2', 'A65 F4E2'],
	['IE', '', '']
];

/** [country, as typed] */
const invalidCodes: [string, string][] = [
	['HU', '105'],
	['HU', '10510'],
	['HU', '0123'],
	['HU', 'H-1051'],
	['PL', '00-9500'],
	['PL', '0-950'],
	['PL', '00/950'],
	['RU', '10100'],
	['RU', '1010000'],
	['US', '9805'],
	['US', '98052-639'],
	['US', 'ABCDE'],
	['GB', 'SW1A'],
	['GB', '1AA SW1'],
	['GB', 'SW1A 1A'],
	['GB', 'SW1A-1AA!'],
	['DE', '1011'],
	['DE', '101155'],
	['FR', '7500'],
	['AT', '0100'],
	['AT', '10100'],
	['CZ', '1100'],
	['CZ', '110-00'],
	['SK', '8110'],
	['RO', '01001'],
	['UA', '0100'],
	['UA', '010011'],
	['BY', '22003'],
	['KZ', '05000'],
	['KZ', 'Z05H9E'],
	['KZ', '5Z0H9E8'],
	['NL', '1012'],
	['NL', '0123 AB'],
	['NL', '1012 A1'],
	['CA', 'K1A 0B'],
	['CA', 'D1A 0B1'],
	['CA', '12345'],
	['AU', '200'],
	['AU', '20000'],
	['IN', '011000'],
	['IN', '11000'],
	['JP', '100-001'],
	['JP', '10-00001'],
	['BG', '100'],
	['HR', '1000'],
	['SI', '10000'],
	['RS', '1100'],
	['IT', '0010'],
	['ES', '53001'],
	['ES', '00001'],
	['PT', '0100-001'],
	['PT', '1000-01'],
	['SE', '011 22'],
	['SE', '1112'],
	['NO', '015'],
	['DK', '10500'],
	['FI', '0010'],
	['CH', '0800'],
	['BE', '0999'],
	['IE', 'D02'],
	['IE', 'B02 X285'],
	['IE', 'D02 O285']
];

describe('checkPostalCode', () => {
	it.each(validCodes)('%s accepts %j as %j', (country, typed, stored) => {
		expect(checkPostalCode(country, typed)).toEqual({ ok: true, value: stored });
	});

	it.each(invalidCodes)('%s refuses %j with an example', (country, typed) => {
		const result = checkPostalCode(country, typed, 'the country');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			const example = postalCodeRuleFor(country)?.example ?? '';
			expect(result.error).toBe(`Enter a valid postal code for the country, like ${example}.`);
		}
	});

	it('has both valid and invalid cases for every country with a rule', () => {
		for (const country of countriesWithPostalCodeRule) {
			expect(validCodes.some(([c, typed]) => c === country && typed !== '')).toBe(true);
			expect(invalidCodes.some(([c]) => c === country)).toBe(true);
		}
	});

	it('accepts the example of every rule', () => {
		for (const country of countriesWithPostalCodeRule) {
			const example = postalCodeRuleFor(country)?.example ?? '';
			expect(checkPostalCode(country, example)).toEqual({ ok: true, value: example });
		}
	});

	it('requires the postal code where a rule is known, except in Ireland', () => {
		for (const country of countriesWithPostalCodeRule) {
			const result = checkPostalCode(country, '  ', 'Somewhere');
			if (country === 'IE') {
				expect(result).toEqual({ ok: true, value: '' });
			} else {
				expect(result.ok).toBe(false);
				if (!result.ok)
					expect(result.error).toMatch(/^Enter the postal code \(required for Somewhere, like /);
			}
		}
	});

	it('names the country in the message (code by default)', () => {
		expect(checkPostalCode('HU', '1')).toEqual({
			ok: false,
			error: 'Enter a valid postal code for HU, like 1051.'
		});
		expect(checkPostalCode('HU', '', 'Hungary')).toEqual({
			ok: false,
			error: 'Enter the postal code (required for Hungary, like 1051).'
		});
	});

	it('accepts a lower-case country code', () => {
		expect(checkPostalCode('pl', '00950')).toEqual({ ok: true, value: '00-950' });
	});

	it('trims and collapses spaces', () => {
		expect(checkPostalCode('CZ', '  110   00 ')).toEqual({ ok: true, value: '110 00' });
	});

	it('has no rule, and keeps the postal code optional, in other countries', () => {
		expect(postalCodeRuleFor('LU')).toBeUndefined();
		expect(checkPostalCode('LU', '')).toEqual({ ok: true, value: '' });
		expect(checkPostalCode('AE', '')).toEqual({ ok: true, value: '' });
		expect(checkPostalCode('LU', 'l-1234')).toEqual({ ok: true, value: 'L-1234' });
	});

	it('limits postal codes of other countries to 20 characters', () => {
		expect(checkPostalCode('LU', 'X'.repeat(20)).ok).toBe(true);
		expect(checkPostalCode('LU', 'X'.repeat(21))).toEqual({
			ok: false,
			error: 'The postal code can be at most 20 characters.'
		});
	});

	it('covers every country the brief names', () => {
		expect([...countriesWithPostalCodeRule].sort()).toEqual(
			[
				'HU',
				'PL',
				'RU',
				'US',
				'GB',
				'DE',
				'FR',
				'AT',
				'CZ',
				'SK',
				'RO',
				'UA',
				'BY',
				'KZ',
				'NL',
				'CA',
				'AU',
				'IN',
				'JP',
				'BG',
				'HR',
				'SI',
				'RS',
				'IT',
				'ES',
				'PT',
				'SE',
				'NO',
				'DK',
				'FI',
				'CH',
				'BE',
				'IE'
			].sort()
		);
	});
});

describe('postalCodeRuleFor', () => {
	it('tells the example and whether it is required', () => {
		expect(postalCodeRuleFor('HU')).toEqual({ example: '1051', required: true });
		expect(postalCodeRuleFor('ie')).toEqual({ example: 'D02 X285', required: false });
	});
});
