// Test data of the invitation and reseller-relationship tests (imported by *.test.ts only).
import type { Customer } from '../customer/schema';
import type { Invitation } from './schema';

export const SENT_AT = '2026-01-10T09:00:00.000Z';

/** A sent reseller-relationship invitation to an existing Hungarian customer. */
export function invitation(overrides: Partial<Invitation> = {}): Invitation {
	return {
		id: 'inv1',
		kind: 'reseller-relationship',
		resellerId: 'reseller1',
		providerId: '',
		customerId: 'c1',
		companyName: 'Kovács és Társa Kft.',
		contactName: 'Anna Kovács',
		email: 'anna.kovacs@kovacs.hu',
		country: 'HU',
		cloud: 'public',
		delegatedAdminPrivileges: true,
		link: 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f&msppId=0&DAP=true#/BillingAccounts/partner-invitation',
		emailDraft: 'Hello',
		status: 'sent',
		sentAt: SENT_AT,
		sentBy: 'u1',
		createdAt: SENT_AT,
		createdBy: 'u1',
		updatedAt: SENT_AT,
		updatedBy: 'u1',
		deviceId: 'd1',
		...overrides
	};
}

/** A Hungarian customer in the public cloud, not yet in a relationship with the reseller. */
export function customer(overrides: Partial<Customer> = {}): Customer {
	return {
		id: 'c1',
		companyName: 'Kovács és Társa Kft.',
		nameLower: 'kovács és társa kft.',
		domainPrefix: 'kovacsestarsa',
		address: {
			line1: 'Váci utca 1.',
			line2: '',
			city: 'Budapest',
			state: '',
			postalCode: '1052',
			country: 'HU'
		},
		contact: {
			firstName: 'Anna',
			lastName: 'Kovács',
			email: 'anna.kovacs@kovacs.hu',
			phone: '+36 1 555 0101'
		},
		organisationRegistrationNumber: '01-09-111111',
		cloud: 'public',
		resellerId: '',
		providerRelationship: 'active',
		resellerRelationship: 'none',
		delegatedAdminPrivileges: false,
		customerAgreementAccepted: false,
		adminUserName: 'admin@kovacsestarsa.onmicrosoft.com',
		createdAt: SENT_AT,
		createdBy: 'u1',
		updatedAt: SENT_AT,
		updatedBy: 'u1',
		deviceId: 'd1',
		...overrides
	};
}
