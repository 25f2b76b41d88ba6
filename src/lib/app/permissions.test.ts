import { afterEach, describe, expect, it } from 'vitest';
import { can, missingReasons, notAllowedMessage, rolesText, whyNot } from './permissions';
import type { OrganisationRole } from '$lib/sync/session';
import { useLanguage } from '$lib/i18n/i18n.svelte';

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

	it('lets Global admins and Admin agents manage GDAP, only Global admins the settings', () => {
		expect(can('manageGdap', user('admin-agent'))).toBe(true);
		expect(can('manageGdap', user('global-admin'))).toBe(true);
		expect(can('manageGdap', user('sales-agent'))).toBe(false);
		expect(can('manageGdap', user('user-management-admin'))).toBe(false);
		expect(can('manageOrganisationSettings', user('global-admin'))).toBe(true);
		expect(can('manageOrganisationSettings', user('admin-agent', 'user-management-admin'))).toBe(
			false
		);
		expect(whyNot('manageGdap', user('sales-agent'))).toBe(
			'Only a Global admin or an Admin agent can request or terminate GDAP relationships.'
		);
		expect(whyNot('manageOrganisationSettings', user('sales-agent'))).toBe(
			'Only a Global admin can change the organisation settings.'
		);
	});

	it('lets the local field user do everything, and says why not otherwise', () => {
		expect(can('manageUsers', null)).toBe(true);
		expect(whyNot('removePartnership', user('sales-agent'))).toMatch(
			/Global admin or an Admin agent/
		);
		expect(whyNot('removePartnership', user('global-admin'))).toBe('');
	});
});

describe('notAllowedMessage', () => {
	it('names the action, the roles and who may do it', () => {
		expect(
			notAllowedMessage(
				'editCustomersAndSubscriptions',
				'add a customer',
				user('user-management-admin')
			)
		).toBe(
			'You cannot add a customer with your roles (User management admin). Only a Global admin, an Admin agent or a Sales agent can change customers and subscriptions.'
		);
		expect(rolesText(user('sales-agent', 'admin-agent'))).toBe('Sales agent, Admin agent');
	});

	it('is empty when allowed or not signed in', () => {
		expect(notAllowedMessage('removePartnership', 'remove a partnership', null)).toBe('');
		expect(notAllowedMessage('removePartnership', 'remove', user('admin-agent'))).toBe('');
	});
});

describe('missingReasons', () => {
	it('lists each missing permission once', () => {
		expect(
			missingReasons(
				['requestPartnership', 'removePartnership', 'removePartnership'],
				user('sales-agent')
			)
		).toEqual(['Only a Global admin or an Admin agent can remove a partnership.']);
		expect(
			missingReasons(['requestPartnership', 'removePartnership'], user('global-admin'))
		).toEqual([]);
		expect(missingReasons(['removePartnership'], null)).toEqual([]);
	});
});

describe('in another language', () => {
	afterEach(async () => {
		await useLanguage('en');
	});

	it('names the roles and the reason in the language', async () => {
		await useLanguage('hu');
		expect(notAllowedMessage('editCustomersAndSubscriptions', 'add a customer', user())).toBe(
			'A szerepköreivel (nincs szerepköre) nem végezheti el ezt a műveletet: ügyfél hozzáadása. Ügyfeleket és előfizetéseket csak globális rendszergazda, rendszergazdai ügynök vagy értékesítési ügynök módosíthat.'
		);
		expect(rolesText(user('sales-agent'))).toBe('Értékesítési ügynök');
	});
});
