import { describe, expect, it } from 'vitest';
import type { CustomerDetailsInput } from './rules';
import { context, customerInput } from './rules.fixtures';
import {
	countriesRequiringPhoneAndRegistration,
	phoneError,
	validateCustomerDetails
} from './rules';

type Contact = CustomerDetailsInput['contact'];

function errorsOf(contact: Partial<Contact>, overrides: Parameters<typeof customerInput>[0] = {}) {
	const result = validateCustomerDetails(customerInput({ ...overrides, contact }), context);
	return result.ok ? {} : result.errors;
}

describe('contact names', () => {
	it.each(['A', 'Li', 'Anna', 'Kovács', 'Иванова', "O'Brien", 'Mary-Jane', 'x'.repeat(2) + 'y'])(
		'accepts %j',
		(name) => {
			expect(errorsOf({ firstName: name, lastName: name })).toEqual({});
		}
	);

	it('accepts 40 characters and refuses 41', () => {
		expect(errorsOf({ firstName: 'a'.repeat(40), lastName: 'b'.repeat(40) })).toEqual({});
		expect(errorsOf({ firstName: 'a'.repeat(41), lastName: 'b'.repeat(41) })).toEqual({
			'contact.firstName': "Enter the contact's first name (1–40 characters).",
			'contact.lastName': "Enter the contact's last name (1–40 characters)."
		});
	});

	it.each(['', '   '])('refuses an empty name %j', (name) => {
		expect(errorsOf({ firstName: name })['contact.firstName']).toBe(
			"Enter the contact's first name (1–40 characters)."
		);
	});

	it.each([
		'test',
		'Test',
		'ADMIN',
		'administrator',
		'nobody',
		'none',
		'null',
		'undefined',
		'user',
		'name',
		'firstname',
		'lastname',
		'unknown',
		'n/a',
		'NA',
		'xxx',
		'asdf',
		'qwerty',
		'John Doe',
		'-',
		'тест'
	])('refuses the placeholder %j', (name) => {
		const errors = errorsOf({ firstName: name, lastName: name });
		expect(errors['contact.firstName']).toBe(
			"Enter the contact's real first name, not a placeholder such as Test or N/A."
		);
		expect(errors['contact.lastName']).toBe(
			"Enter the contact's real last name, not a placeholder such as Test or N/A."
		);
	});
});

describe('contact email', () => {
	it('asks for the email when empty', () => {
		expect(errorsOf({ email: ' ' })['contact.email']).toBe(
			"Enter the email address of the customer's contact."
		);
	});

	it.each(['anna', 'anna@kovacs', 'anna kovacs@kovacs.hu', 'anna@@kovacs.hu'])(
		'refuses the invalid address %j',
		(email) => {
			expect(errorsOf({ email })['contact.email']).toBe(
				'Enter a valid email address, like name@example.com.'
			);
		}
	);

	it.each([
		'anna@budapestcloud.hu',
		'Anna@BudapestCloud.HU',
		'sales@contoso-distribution.com',
		'x@mail.budapestcloud.hu'
	])("refuses the partner's own domain: %j", (email) => {
		expect(errorsOf({ email })['contact.email']).toBe(
			"Use the customer's own email address, not the partner's: the customer receives the account details."
		);
	});

	it('accepts domains that only look like the partner domain', () => {
		expect(errorsOf({ email: 'anna@notbudapestcloud.hu' })).toEqual({});
		expect(errorsOf({ email: 'anna@budapestcloud.hu.example' })).toEqual({});
	});

	it('tolerates partner domains written with @ or in capitals', () => {
		const result = validateCustomerDetails(customerInput({ contact: { email: 'a@partner.com' } }), {
			...context,
			partnerEmailDomains: ['@Partner.com']
		});
		expect(result.ok).toBe(false);
	});

	it('keeps the email as typed, trimmed', () => {
		const result = validateCustomerDetails(
			customerInput({ contact: { email: '  Anna@Kovacs.HU ' } }),
			context
		);
		expect(result.ok && result.value.contact.email).toBe('Anna@Kovacs.HU');
	});
});

describe('phone and organisation registration number', () => {
	it.each([...countriesRequiringPhoneAndRegistration])('are required in %s', (country) => {
		const result = validateCustomerDetails(
			customerInput({
				organisationRegistrationNumber: '',
				// Only countries with postal-code rules need a real code; the others take anything.
				address: {
					country,
					postalCode:
						{ HU: '1052', RU: '101000', UA: '01001', BY: '220030', KZ: '050000' }[country] ?? ''
				},
				contact: { phone: '' }
			}),
			context
		);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(Object.keys(result.errors).sort()).toEqual([
				'contact.phone',
				'organisationRegistrationNumber'
			]);
			expect(result.errors['contact.phone']).toMatch(
				/^Enter the contact's phone number \(required for /
			);
			expect(result.errors.organisationRegistrationNumber).toMatch(
				/^Enter the organisation registration number \(required for /
			);
		}
	});

	it('names the country in the message', () => {
		expect(errorsOf({ phone: '' })['contact.phone']).toBe(
			"Enter the contact's phone number (required for Hungary)."
		);
	});

	it.each(['PL', 'DE', 'US', 'GB', 'GE'])('are optional in %s', (country) => {
		const address = {
			PL: { country, postalCode: '00-950' },
			DE: { country, postalCode: '10115' },
			US: { country, postalCode: '98052', state: 'WA' },
			GB: { country, postalCode: 'SW1A 1AA' },
			GE: { country, postalCode: '' }
		}[country];
		const result = validateCustomerDetails(
			customerInput({ organisationRegistrationNumber: '', address, contact: { phone: '' } }),
			context
		);
		expect(result.ok).toBe(true);
	});

	it('checks a phone number given where it is optional', () => {
		const result = validateCustomerDetails(
			customerInput({
				address: { country: 'PL', postalCode: '00-950' },
				contact: { phone: 'call me' }
			}),
			context
		);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors['contact.phone']).toMatch(/6–20 digits/);
	});

	it('limits the registration number to 50 characters', () => {
		const ok = validateCustomerDetails(
			customerInput({ organisationRegistrationNumber: '1'.repeat(50) }),
			context
		);
		expect(ok.ok).toBe(true);
		const tooLong = validateCustomerDetails(
			customerInput({ organisationRegistrationNumber: '1'.repeat(51) }),
			context
		);
		expect(tooLong.ok === false && tooLong.errors.organisationRegistrationNumber).toBe(
			'The organisation registration number can be at most 50 characters.'
		);
	});

	it('refuses a registration number of punctuation only', () => {
		const result = validateCustomerDetails(
			customerInput({ organisationRegistrationNumber: '--/--' }),
			context
		);
		expect(result.ok === false && result.errors.organisationRegistrationNumber).toMatch(
			/as written on the company's registration/
		);
	});
});

describe('phoneError', () => {
	it.each([
		'123456',
		'+36 1 555 0101',
		'+7 (495) 555-01-13',
		'(206) 555-0100',
		'06-30-123-4567',
		'12345678901234567890',
		'+1 234 567 890 123 456 789 0',
		'  +48 22 555 0107  '
	])('accepts %j', (phone) => {
		expect(phoneError(phone)).toBeUndefined();
	});

	it.each([
		['5 digits', '12345'],
		['21 digits', '123456789012345678901'],
		['letters', '+36 1 555 CALL'],
		['extension word', '555 0101 ext 12'],
		['plus in the middle', '36+1 555 0101'],
		['two pluses', '++36 1 555 0101'],
		['dots', '+36.1.555.0101'],
		['slash', '06/30 123 4567'],
		['only symbols', '+() -'],
		['over 40 characters', '1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1']
	])('refuses %s', (_label, phone) => {
		expect(phoneError(phone)).toBe(
			'Enter a phone number with 6–20 digits. You can use spaces, a leading +, dashes and brackets, like +36 1 555 0101.'
		);
	});
});
