import { describe, expect, it } from 'vitest';
import { can, whyNot } from './permissions';
import type { OrganisationRole } from '$lib/sync/session';

const user = (...roles: OrganisationRole[]) => ({
	name: 'u',
	displayName: 'U',
	org: 'demo',
	roles
});

describe('can', () => {
	it('follows the role table of PRODUCT.md', () => {
		expect(can('removePartnership', user('sales-agent'))).toBe(false);
		expect(can('requestPartnership', user('sales-agent'))).toBe(true);
		expect(can('manageCustomerRelationship', user('sales-agent'))).toBe(false);
		expect(can('editCustomersAndSubscriptions', user('user-management-admin'))).toBe(false);
		expect(can('manageUsers', user('user-management-admin'))).toBe(true);
		expect(can('removePartnership', user('sales-agent', 'admin-agent'))).toBe(true);
		expect(can('manageUsers', user('admin-agent'))).toBe(false);
	});

	it('lets the local field user do everything, and says why not otherwise', () => {
		expect(can('manageUsers', null)).toBe(true);
		expect(whyNot('removePartnership', user('sales-agent'))).toMatch(
			/Global admin or an Admin agent/
		);
		expect(whyNot('removePartnership', user('global-admin'))).toBe('');
	});
});
