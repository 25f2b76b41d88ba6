/**
 * PRODUCT.md's role table, for the UI to offer only what the signed-in user may do (the server
 * enforces the same table in scripts/couch/validation.js). Not signed in: the local field user
 * may do everything on this device.
 */
import { storedUser, type OrganisationRole, type SignedInUser } from '$lib/sync/session';

export type Permission =
	| 'requestPartnership'
	| 'removePartnership'
	| 'editCustomersAndSubscriptions'
	| 'manageCustomerRelationship'
	| 'manageUsers';

const table: Record<Permission, OrganisationRole[]> = {
	requestPartnership: ['global-admin', 'admin-agent', 'sales-agent'],
	removePartnership: ['global-admin', 'admin-agent'],
	editCustomersAndSubscriptions: ['global-admin', 'admin-agent', 'sales-agent'],
	manageCustomerRelationship: ['global-admin', 'admin-agent'],
	manageUsers: ['global-admin', 'user-management-admin']
};

const reasons: Record<Permission, string> = {
	requestPartnership:
		'Only a Global admin, an Admin agent or a Sales agent can request a partnership.',
	removePartnership: 'Only a Global admin or an Admin agent can remove a partnership.',
	editCustomersAndSubscriptions:
		'Only a Global admin, an Admin agent or a Sales agent can change customers and subscriptions.',
	manageCustomerRelationship:
		'Only a Global admin or an Admin agent can request or remove a customer relationship.',
	manageUsers: 'Only a Global admin or a User management admin can manage users.'
};

export function can(permission: Permission, user: SignedInUser | null = storedUser()): boolean {
	if (!user) return true;
	return user.roles.some((role) => table[permission].includes(role));
}

/** Why an action is unavailable, to show next to it; empty when it is allowed. */
export function whyNot(permission: Permission, user: SignedInUser | null = storedUser()): string {
	return can(permission, user) ? '' : reasons[permission];
}
