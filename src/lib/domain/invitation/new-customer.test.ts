import { describe, expect, it } from 'vitest';
import { customerSchema } from '../customer/schema';
import { customerFromInvitation, splitContactName } from './new-customer';
import { invitation } from './rules.fixtures';

const accepted = invitation({
	kind: 'reseller-and-provider',
	providerId: 'provider1',
	customerId: '',
	companyName: 'Tatai Tejüzem Kft.',
	contactName: 'Réka Fehér',
	email: 'reka.feher@tatai-tejuzem.example',
	status: 'accepted',
	acceptedAt: '2026-01-12T09:00:00.000Z',
	acceptedBy: { name: 'Réka Fehér', email: '', isGlobalAdmin: true },
	mcaAccepted: true,
	acceptedRecordedBy: 'u2'
});

describe('customerFromInvitation', () => {
	it('makes the invited company a customer of the reseller and the provider', () => {
		const result = customerFromInvitation(accepted, {
			id: 'new1',
			domainPrefix: ' TataiTejuzem ',
			knownDomainPrefixes: []
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toMatchObject({
			id: 'new1',
			companyName: 'Tatai Tejüzem Kft.',
			domainPrefix: 'tataitejuzem',
			adminUserName: 'admin@tataitejuzem.onmicrosoft.com',
			address: { country: 'HU', city: '' },
			contact: { firstName: 'Réka', lastName: 'Fehér', email: 'reka.feher@tatai-tejuzem.example' },
			resellerId: 'reseller1',
			resellerRelationship: 'active',
			providerRelationship: 'active',
			delegatedAdminPrivileges: true,
			customerAgreementAccepted: true
		});
		const meta = {
			createdAt: accepted.sentAt,
			createdBy: 'u',
			updatedAt: accepted.sentAt,
			updatedBy: 'u',
			deviceId: 'd'
		};
		expect(customerSchema.safeParse({ ...result.value, ...meta }).success).toBe(true);
	});

	it('leaves the provider out of a reseller relationship request', () => {
		const result = customerFromInvitation(
			{ ...accepted, kind: 'reseller-relationship', providerId: '' },
			{ id: 'new1', domainPrefix: 'tatai', knownDomainPrefixes: [] }
		);
		expect(result.ok && result.value.providerRelationship).toBe('none');
	});

	it('refuses a domain prefix that is taken or not valid, next to the field', () => {
		expect(
			customerFromInvitation(accepted, {
				id: 'n',
				domainPrefix: 'tatai',
				knownDomainPrefixes: ['Tatai']
			})
		).toEqual({
			ok: false,
			errors: {
				domainPrefix: 'tatai.onmicrosoft.com is already taken. Choose another domain prefix.'
			}
		});
		const bad = customerFromInvitation(accepted, {
			id: 'n',
			domainPrefix: 'tatai tej',
			knownDomainPrefixes: []
		});
		expect(bad.ok).toBe(false);
	});

	it('refuses an invitation that is not accepted or names a known customer', () => {
		const input = { id: 'n', domainPrefix: 'tatai', knownDomainPrefixes: [] };
		expect(() => customerFromInvitation({ ...accepted, status: 'sent' }, input)).toThrowError(
			expect.objectContaining({ code: 'invitation/not-accepted' })
		);
		expect(() => customerFromInvitation({ ...accepted, customerId: 'c1' }, input)).toThrowError(
			expect.objectContaining({ code: 'invitation/existing-customer' })
		);
	});
});

describe('splitContactName', () => {
	it.each([
		['Anna Kovács', 'Anna', 'Kovács'],
		['  Anna   Maria  Kovács ', 'Anna', 'Maria Kovács'],
		['Anna', 'Anna', ''],
		['', '', '']
	])('splits %j', (name, firstName, lastName) => {
		expect(splitContactName(name)).toEqual({ firstName, lastName });
	});
});
