import { describe, expect, it } from 'vitest';
import { customerSchema } from './schema';
import { context, customerInput } from './rules.fixtures';
import {
	adminUserName,
	countriesRequiringPhoneAndRegistration,
	domainName,
	requiresPhoneAndRegistration,
	validateCustomerDetails
} from './rules';

describe('validateCustomerDetails: the whole form', () => {
	it('accepts a complete customer', () => {
		const input = customerInput();
		expect(validateCustomerDetails(input, context)).toEqual({ ok: true, value: input });
	});

	it('returns trimmed and normalised values', () => {
		const result = validateCustomerDetails(
			customerInput({
				companyName: '  Kovács és Társa Kft. ',
				domainPrefix: ' KovacsEsTarsa ',
				organisationRegistrationNumber: ' 01-09-111111 ',
				address: {
					line1: ' Váci utca 1. ',
					line2: ' 2. emelet ',
					city: ' Budapest ',
					state: ' Pest ',
					postalCode: ' 1052 ',
					country: ' hu '
				},
				contact: {
					firstName: ' Anna ',
					lastName: ' Kovács ',
					email: ' Anna.Kovacs@Kovacs.hu ',
					phone: ' +36 1 555 0101 '
				}
			}),
			context
		);
		expect(result).toEqual({
			ok: true,
			value: customerInput({
				domainPrefix: 'kovacsestarsa',
				address: { line2: '2. emelet', state: 'Pest' },
				contact: { email: 'Anna.Kovacs@Kovacs.hu' }
			})
		});
	});

	it('does not change the input object', () => {
		const input = customerInput({ domainPrefix: 'UPPER', address: { country: 'hu' } });
		const snapshot = structuredClone(input);
		validateCustomerDetails(input, context);
		expect(input).toEqual(snapshot);
	});

	it('reports every wrong field at once, keyed by path', () => {
		const result = validateCustomerDetails(
			{
				companyName: '',
				domainPrefix: '',
				organisationRegistrationNumber: '',
				cloud: 'moon' as never,
				address: { line1: '', line2: '', city: '', state: '', postalCode: '', country: 'HU' },
				contact: { firstName: '', lastName: '', email: '', phone: '' }
			},
			context
		);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(Object.keys(result.errors).sort()).toEqual(
				[
					'address.city',
					'address.line1',
					'address.postalCode',
					'cloud',
					'companyName',
					'contact.email',
					'contact.firstName',
					'contact.lastName',
					'contact.phone',
					'domainPrefix',
					'organisationRegistrationNumber'
				].sort()
			);
			for (const message of Object.values(result.errors)) {
				expect(message).toMatch(/^[A-Z].*[.)]$/);
			}
		}
	});

	it('gives values that fit the stored customer document', () => {
		const result = validateCustomerDetails(customerInput(), context);
		expect(result.ok).toBe(true);
		if (result.ok) {
			const { value } = result;
			const doc = {
				...value,
				id: 'c-1',
				nameLower: value.companyName.toLowerCase(),
				resellerId: '',
				providerRelationship: 'active',
				resellerRelationship: 'none',
				delegatedAdminPrivileges: true,
				customerAgreementAccepted: false,
				adminUserName: adminUserName(value.domainPrefix),
				createdAt: '2025-03-10T09:00:00.000Z',
				createdBy: 'u',
				updatedAt: '2025-03-10T09:00:00.000Z',
				updatedBy: 'u',
				deviceId: 'd'
			};
			expect(customerSchema.safeParse(doc).success).toBe(true);
		}
	});
});

describe('cloud', () => {
	it.each(['public', 'microsoft-cloud-germany', 'us-government'] as const)(
		'accepts %s',
		(cloud) => {
			expect(validateCustomerDetails(customerInput({ cloud }), context).ok).toBe(true);
		}
	);

	it.each(['', 'azure', 'Public'])('refuses %j', (cloud) => {
		const result = validateCustomerDetails(customerInput({ cloud: cloud as never }), context);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.cloud).toMatch(/^Choose the cloud/);
	});
});

describe('domainName and adminUserName', () => {
	it('builds the onmicrosoft.com domain', () => {
		expect(domainName('contoso')).toBe('contoso.onmicrosoft.com');
	});

	it('builds the admin user name', () => {
		expect(adminUserName('contoso')).toBe('admin@contoso.onmicrosoft.com');
	});

	it('gives an admin user name that fits the stored document for the longest prefix', () => {
		expect(
			customerSchema.shape.adminUserName.safeParse(adminUserName('a'.repeat(27))).success
		).toBe(true);
	});
});

describe('requiresPhoneAndRegistration', () => {
	it('lists the eleven countries', () => {
		expect([...countriesRequiringPhoneAndRegistration].sort()).toEqual(
			['AM', 'AZ', 'BY', 'HU', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'UZ', 'UA'].sort()
		);
	});

	it.each([...countriesRequiringPhoneAndRegistration])('is true for %s', (country) => {
		expect(requiresPhoneAndRegistration(country)).toBe(true);
		expect(requiresPhoneAndRegistration(country.toLowerCase())).toBe(true);
	});

	it.each(['PL', 'DE', 'US', 'GB', 'GE', 'TM', '', 'XX'])('is false for %j', (country) => {
		expect(requiresPhoneAndRegistration(country)).toBe(false);
	});
});
