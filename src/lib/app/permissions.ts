/**
 * PRODUCT.md's role table, for the UI to offer only what the signed-in user may do (the server
 * enforces the same table in server/validation.js). Not signed in: the local field user
 * may do everything on this device.
 */
import { storedUser, type OrganisationRole, type SignedInUser } from '$lib/sync/session';
import { msg, t } from '$lib/i18n';

export type Permission =
	| 'requestPartnership'
	| 'removePartnership'
	| 'editCustomersAndSubscriptions'
	| 'manageCustomerRelationship'
	| 'manageSubscriptionLifecycle'
	| 'manageGdap'
	| 'manageOrganisationSettings'
	| 'manageUsers'
	| 'answerPartnershipRequest';

/** Exported for the rule-parity test (server/rule-parity.test.js). */
export const table: Record<Permission, OrganisationRole[]> = {
	requestPartnership: ['global-admin', 'admin-agent', 'sales-agent'],
	removePartnership: ['global-admin', 'admin-agent'],
	editCustomersAndSubscriptions: ['global-admin', 'admin-agent', 'sales-agent'],
	manageCustomerRelationship: ['global-admin', 'admin-agent'],
	/** Not in PRODUCT.md's table: cancelling and suspending a subscription are heavier. */
	manageSubscriptionLifecycle: ['global-admin', 'admin-agent'],
	/** Not in PRODUCT.md's table: GDAP is admin access to customers, as the relationship is. */
	manageGdap: ['global-admin', 'admin-agent'],
	/** Not in PRODUCT.md's table: the tenant ID and the invitation link template. */
	manageOrganisationSettings: ['global-admin'],
	manageUsers: ['global-admin', 'user-management-admin'],
	/** An indirect reseller accepts or declines a provider's partnership request (issue 12). */
	answerPartnershipRequest: ['global-admin', 'admin-agent']
};

const reasons: Record<Permission, string> = {
	requestPartnership: msg(
		'Only a Global admin, an Admin agent or a Sales agent can request a partnership.'
	),
	removePartnership: msg('Only a Global admin or an Admin agent can remove a partnership.'),
	editCustomersAndSubscriptions: msg(
		'Only a Global admin, an Admin agent or a Sales agent can change customers and subscriptions.'
	),
	manageCustomerRelationship: msg(
		'Only a Global admin or an Admin agent can request or remove a customer relationship.'
	),
	manageSubscriptionLifecycle: msg(
		'Only a Global admin or an Admin agent can cancel, suspend or reactivate a subscription.'
	),
	manageGdap: msg(
		'Only a Global admin or an Admin agent can request or terminate GDAP relationships.'
	),
	manageOrganisationSettings: msg('Only a Global admin can change the organisation settings.'),
	manageUsers: msg('Only a Global admin or a User management admin can manage users.'),
	answerPartnershipRequest: msg(
		'Only a Global admin or an Admin agent of your organisation can accept or decline a partnership request.'
	)
};

export function can(permission: Permission, user: SignedInUser | null = storedUser()): boolean {
	if (!user) return true;
	return user.roles.some((role) => table[permission].includes(role));
}

/** Why an action is unavailable, to show next to it; empty when it is allowed. */
export function whyNot(permission: Permission, user: SignedInUser | null = storedUser()): string {
	return can(permission, user) ? '' : t(reasons[permission]);
}

const roleLabels: Record<OrganisationRole, string> = {
	'global-admin': msg('Global admin'),
	'user-management-admin': msg('User management admin'),
	'admin-agent': msg('Admin agent'),
	'sales-agent': msg('Sales agent')
};

/** The user's roles as PRODUCT.md names them, e.g. "Sales agent, Admin agent". */
export function rolesText(user: SignedInUser): string {
	return user.roles.length === 0
		? t('no roles')
		: user.roles.map((role) => (roleLabels[role] ? t(roleLabels[role]) : role)).join(', ');
}

/**
 * The message a page shows instead of its form when the user may not do its action, e.g.
 * "You cannot add a customer with your roles (User management admin)."; empty when allowed.
 * `action` is English, marked with msg() where it is written ("add a customer").
 */
export function notAllowedMessage(
	permission: Permission,
	action: string,
	user: SignedInUser | null = storedUser()
): string {
	if (!user || can(permission, user)) return '';
	const sentence = t('You cannot {{action}} with your roles ({{roles}}).', {
		action: t(action),
		roles: rolesText(user)
	});
	return `${sentence} ${t(reasons[permission])}`;
}

/** The reasons, one per permission the user lacks (none when not signed in or all allowed). */
export function missingReasons(
	permissions: Permission[],
	user: SignedInUser | null = storedUser()
): string[] {
	return [...new Set(permissions.map((permission) => whyNot(permission, user)).filter(Boolean))];
}

/** The id of a page's role note, for the disabled actions it explains (aria-describedby). */
export const roleNoteId = 'role-note';
