import { describe, expect, it } from 'vitest';
import type { CustomerDetailsInput } from './rules';
import { context, customerInput } from './rules.fixtures';
import { validateCustomerDetails } from './rules';

type Address = CustomerDetailsInput['address'];

/** A valid address per country, for tests that change one field. */
const addresses: Record<string, Address> = {
	HU: {
		line1: 'Váci utca 1.',
		line2: '',
		city: 'Budapest',
		state: '',
		postalCode: '1052',
		country: 'HU'
	},
	US: {
		line1: '1 Microsoft Way',
		line2: '',
		city: 'Redmond',
		state: 'WA',
		postalCode: '98052',
		country: 'US'
	},
	CA: {
		line1: '80 Wellington St',
		line2: '',
		city: 'Ottawa',
		state: 'ON',
		postalCode: 'K1A 0A2',
		country: 'CA'
	},
	AU: {
		line1: '1 Macquarie St',
		line2: '',
		city: 'Sydney',
		state: 'NSW',
		postalCode: '2000',
		country: 'AU'
	},
	LU: {
		line1: '1 Rue du Fort',
		line2: '',
		city: 'Luxembourg',
		state: '',
		postalCode: 'L-1111',
		country: 'LU'
	}
};

function check(address: Partial<Address>, base = 'HU') {
	return validateCustomerDetails(
		customerInput({ address: { ...addresses[base], ...address } }),
		context
	);
}

function errorsOf(address: Partial<Address>, base = 'HU') {
	const result = check(address, base);
	return result.ok ? {} : result.errors;
}

describe('country', () => {
	it.each(['HU', 'hu', ' Hu '])('accepts %j as HU', (country) => {
		const result = check({ country });
		expect(result.ok && result.value.address.country).toBe('HU');
	});

	it('asks for the country when empty', () => {
		expect(errorsOf({ country: '' })['address.country']).toBe('Choose the country/region.');
	});

	it.each(['XX', 'UK', 'EU', 'HUN', 'H', '12', 'Hungary'])('refuses %j', (country) => {
		expect(errorsOf({ country })['address.country']).toBe('Choose a country/region from the list.');
	});

	it('does not check the postal code nor the state against an unknown country', () => {
		const errors = errorsOf({ country: 'XX', postalCode: 'anything', state: 'any' });
		expect(Object.keys(errors)).toEqual(['address.country']);
	});

	it('still limits the postal code of an unknown country to 20 characters', () => {
		expect(errorsOf({ country: 'XX', postalCode: 'x'.repeat(21) })['address.postalCode']).toMatch(
			/at most 20/
		);
	});
});

describe('address lines and city', () => {
	it('accepts 200-character lines and a 100-character city', () => {
		expect(
			check({ line1: 'a'.repeat(200), line2: 'b'.repeat(200), city: 'c'.repeat(100) }).ok
		).toBe(true);
	});

	it.each([
		['empty', ''],
		['spaces', '   '],
		['201 characters', 'a'.repeat(201)]
	])('refuses line 1 that is %s', (_label, line1) => {
		expect(errorsOf({ line1 })['address.line1']).toBe(
			'Enter the street address (up to 200 characters).'
		);
	});

	it('keeps line 2 optional but limits it to 200 characters', () => {
		expect(check({ line2: '' }).ok).toBe(true);
		expect(errorsOf({ line2: 'b'.repeat(201) })['address.line2']).toBe(
			'Address line 2 can be at most 200 characters.'
		);
	});

	it.each([
		['empty', ''],
		['101 characters', 'c'.repeat(101)]
	])('refuses a city that is %s', (_label, city) => {
		expect(errorsOf({ city })['address.city']).toBe('Enter the city (up to 100 characters).');
	});
});

describe('postal code', () => {
	it('stores it in the standard way of the country', () => {
		const result = check({ country: 'PL', postalCode: '00950' });
		expect(result.ok && result.value.address.postalCode).toBe('00-950');
	});

	it('names the country and an example in messages', () => {
		expect(errorsOf({ postalCode: '123' })['address.postalCode']).toBe(
			'Enter a valid postal code for Hungary, like 1051.'
		);
		expect(errorsOf({ postalCode: '' })['address.postalCode']).toBe(
			'Enter the postal code (required for Hungary, like 1051).'
		);
	});

	it.each([
		['US', '98052-6399'],
		['CA', 'K1A 0B1'],
		['AU', '2000']
	])('accepts a good postal code with a state (%s %s)', (country, postalCode) => {
		expect(check({ postalCode }, country).ok).toBe(true);
	});

	it.each([
		['US', '9805'],
		['CA', '12345'],
		['AU', '200']
	])('refuses a bad postal code (%s %s)', (country, postalCode) => {
		expect(errorsOf({ postalCode }, country)['address.postalCode']).toMatch(/valid postal code/);
	});

	it('is optional in a country without a rule', () => {
		expect(check({ postalCode: '' }, 'LU').ok).toBe(true);
	});

	it('is optional in Ireland, but must be an Eircode when given', () => {
		const ie = { line1: '1 Grand Canal Sq', line2: '', city: 'Dublin', state: '', country: 'IE' };
		expect(check({ ...ie, postalCode: '' }).ok).toBe(true);
		expect(check({ ...ie, postalCode: 'D02 X285' }).ok).toBe(true);
		expect(errorsOf({ ...ie, postalCode: 'Dublin 2' })['address.postalCode']).toBe(
			'Enter a valid postal code for Ireland, like D02 X285.'
		);
	});
});

describe('state', () => {
	it.each([
		['US', 'WA', 'WA'],
		['US', 'dc', 'DC'],
		['US', 'New York', 'NY'],
		['CA', 'on', 'ON'],
		['CA', 'Quebec', 'QC'],
		['AU', 'vic', 'VIC'],
		['AU', 'Australian Capital Territory', 'ACT']
	])('%s accepts %j and stores %s', (country, state, code) => {
		const result = check({ state }, country);
		expect(result.ok && result.value.address.state).toBe(code);
	});

	it.each([
		['US', 'Choose the state (required for United States).'],
		['CA', 'Choose the province or territory (required for Canada).'],
		['AU', 'Choose the state or territory (required for Australia).']
	])('is required in %s', (country, message) => {
		expect(errorsOf({ state: '' }, country)['address.state']).toBe(message);
	});

	it.each([
		['US', 'XX', 'Choose a state of United States from the list.'],
		['US', 'PR', 'Choose a state of United States from the list.'],
		['CA', 'WA', 'Choose a province or territory of Canada from the list.'],
		['AU', 'ON', 'Choose a state or territory of Australia from the list.']
	])('%s refuses %j', (country, state, message) => {
		expect(errorsOf({ state }, country)['address.state']).toBe(message);
	});

	it('is free text elsewhere, optional, at most 100 characters', () => {
		expect(check({ state: '' }).ok).toBe(true);
		const result = check({ state: ' Pest megye ' });
		expect(result.ok && result.value.address.state).toBe('Pest megye');
		expect(check({ state: 's'.repeat(100) }).ok).toBe(true);
		expect(errorsOf({ state: 's'.repeat(101) })['address.state']).toBe(
			'The state or region can be at most 100 characters.'
		);
	});
});
