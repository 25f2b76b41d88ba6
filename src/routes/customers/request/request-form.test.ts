import { describe, expect, it } from 'vitest';
import { customer } from '$lib/domain/invitation/rules.fixtures';
import { chooseCustomer, emptyRelationshipRequest, requestableCustomers } from './request-form';

describe('chooseCustomer', () => {
	it('fills the form from a customer on this device and drops an earlier draft', () => {
		const form = {
			...emptyRelationshipRequest('HU'),
			delegatedAdminPrivileges: false,
			draft: { link: 'l', subject: 's', body: 'b' }
		};
		expect(chooseCustomer(form, customer({ cloud: 'us-government' }), 'HU')).toEqual({
			customerId: 'c1',
			companyName: 'Kovács és Társa Kft.',
			contactName: 'Anna Kovács',
			email: 'anna.kovacs@kovacs.hu',
			country: 'HU',
			cloud: 'us-government',
			delegatedAdminPrivileges: false,
			draft: null
		});
	});

	it('starts an empty recipient in the own country for a customer not on this device', () => {
		const form = chooseCustomer(emptyRelationshipRequest('HU'), customer(), 'HU');
		expect(chooseCustomer(form, undefined, 'HU')).toEqual(emptyRelationshipRequest('HU'));
	});
});

describe('requestableCustomers', () => {
	it('leaves out the customers on the reseller Customers list', () => {
		const list = [
			customer({ id: 'a', resellerId: 'r1', resellerRelationship: 'active' }),
			customer({ id: 'b', resellerId: 'r1', resellerRelationship: 'removed' }),
			customer({ id: 'c', resellerId: '', resellerRelationship: 'none' }),
			customer({ id: 'd', resellerId: 'r2', resellerRelationship: 'active' })
		];
		expect(requestableCustomers(list, 'r1').map((c) => c.id)).toEqual(['b', 'c', 'd']);
	});
});
