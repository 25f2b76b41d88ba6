/**
 * The rules of user management (issue 14), as pure functions. The server checks the same rules
 * in server/api/user-rules.js; server/api/user-rules.test.js runs the same cases through both
 * and expects the same answers, so keep the two in step.
 *
 * PRODUCT.md: Global admins and User management admins manage the users of their organisation;
 * only a Global admin gives (or takes) the Global admin role, and an organisation always keeps
 * one active Global admin. Where Partner Center says nothing, these are the product decisions:
 * - nobody changes their own roles, nor deactivates, deletes or resets their own account (a
 *   user changes their own password with the current one);
 * - only a Global admin resets the password of, deactivates, reactivates or deletes a Global
 *   admin (as in Microsoft Entra, where a User Administrator cannot reset a Global
 *   Administrator's password);
 * - the last active Global admin is named as such even when they try it on themselves.
 */
import type { FieldErrors } from '../shared/result';

export const USER_ROLES = [
	'global-admin',
	'user-management-admin',
	'admin-agent',
	'sales-agent'
] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_ACTIONS = [
	'add',
	'change-roles',
	'reset-password',
	'deactivate',
	'reactivate',
	'delete'
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** A user of the organisation as the rules see them. */
export interface MemberFacts {
	name: string;
	roles: readonly string[];
	active: boolean;
}

export interface UserChange {
	/** The signed-in user (always active). */
	actor: { name: string; roles: readonly string[] };
	action: UserAction;
	/** The user the action is for; for `add`, the user being made (not yet a member). */
	target: MemberFacts;
	/** `add` and `change-roles`: the roles the target is to have. */
	roles?: readonly string[];
	/** Every user of the organisation, the target included (except for `add`). */
	members: readonly MemberFacts[];
}

export interface UserRuleRefusal {
	code:
		| 'not-allowed'
		| 'no-roles'
		| 'unknown-role'
		| 'last-global-admin'
		| 'own-account'
		| 'own-roles'
		| 'global-admin-only'
		| 'already-active'
		| 'already-deactivated';
	message: string;
}

const isRole = (role: string): role is UserRole => (USER_ROLES as readonly string[]).includes(role);

/** Why this change may not be made, or null when it may. */
export function checkUserChange(change: UserChange): UserRuleRefusal | null {
	const { actor, action, target, members } = change;
	const actorIsGlobalAdmin = actor.roles.includes('global-admin');
	if (!actor.roles.includes('global-admin') && !actor.roles.includes('user-management-admin')) {
		return {
			code: 'not-allowed',
			message: 'Only a Global admin or a User management admin can manage users.'
		};
	}
	const roles = change.roles ?? [];
	if (action === 'add' || action === 'change-roles') {
		if (roles.length === 0) return { code: 'no-roles', message: 'Choose at least one role.' };
		const unknown = roles.find((role) => !isRole(role));
		if (unknown !== undefined) {
			return { code: 'unknown-role', message: `There is no role ${unknown}.` };
		}
	}
	const targetIsGlobalAdmin = target.roles.includes('global-admin');
	const losesGlobalAdmin =
		targetIsGlobalAdmin &&
		target.active &&
		(action === 'deactivate' ||
			action === 'delete' ||
			(action === 'change-roles' && !roles.includes('global-admin')));
	if (losesGlobalAdmin) {
		const others = members.filter(
			(member) =>
				member.name !== target.name && member.active && member.roles.includes('global-admin')
		);
		if (others.length === 0) {
			return {
				code: 'last-global-admin',
				message: `${target.name} is the last active Global admin of the organisation: make another user Global admin first.`
			};
		}
	}
	if (action !== 'add' && target.name === actor.name) {
		return action === 'change-roles'
			? { code: 'own-roles', message: 'Nobody can change their own roles.' }
			: {
					code: 'own-account',
					message:
						'You cannot do this to your own account: ask another Global admin or User management admin.'
				};
	}
	if (!actorIsGlobalAdmin) {
		const changesGlobalAdmin =
			(action === 'add' && roles.includes('global-admin')) ||
			(action === 'change-roles' && targetIsGlobalAdmin !== roles.includes('global-admin'));
		if (changesGlobalAdmin) {
			return {
				code: 'global-admin-only',
				message: 'Only a Global admin can give or take the Global admin role.'
			};
		}
		if (action !== 'add' && action !== 'change-roles' && targetIsGlobalAdmin) {
			return {
				code: 'global-admin-only',
				message:
					'Only a Global admin can reset the password of, deactivate, reactivate or delete a Global admin.'
			};
		}
	}
	if (action === 'deactivate' && !target.active) {
		return { code: 'already-deactivated', message: `${target.name} is deactivated already.` };
	}
	if (action === 'reactivate' && target.active) {
		return { code: 'already-active', message: `${target.name} is active already.` };
	}
	return null;
}

/** User names: what people sign in with, unique on the server. */
export const USER_NAME_PATTERN = /^[a-z0-9][a-z0-9._@+-]{0,63}$/;

/** Why a user name cannot be used, or null. */
export function userNameProblem(name: string): string | null {
	if (name === '') return 'Enter a user name.';
	if (name.length > 64) return 'A user name has at most 64 characters.';
	if (!USER_NAME_PATTERN.test(name)) {
		return 'Use lower-case letters, digits and . _ @ + - only, starting with a letter or digit.';
	}
	return null;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUserInput {
	name: string;
	displayName: string;
	email: string;
	roles: readonly string[];
}

/** The field errors of the Add user form (name, displayName, email, roles); empty when valid. */
export function newUserErrors(input: NewUserInput): FieldErrors {
	const errors: FieldErrors = {};
	const nameProblem = userNameProblem(input.name);
	if (nameProblem) errors.name = nameProblem;
	const displayName = input.displayName.trim();
	if (!displayName) errors.displayName = 'Enter the display name.';
	else if (displayName.length > 100)
		errors.displayName = 'A display name has at most 100 characters.';
	const email = input.email.trim();
	if (!email) errors.email = 'Enter the email address.';
	else if (email.length > 254 || !EMAIL_PATTERN.test(email))
		errors.email = 'Enter an email address such as anna@example.com.';
	if (input.roles.length === 0) errors.roles = 'Choose at least one role.';
	else if (input.roles.some((role) => !isRole(role))) errors.roles = 'Choose roles from the list.';
	return errors;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a password the user chose cannot be used, or null: at least 12 and at most 128
 * characters, at least three of the four kinds (lower-case letters, upper-case letters, digits,
 * other characters), and not containing the user name.
 */
export function passwordProblem(password: string, userName: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH) {
		return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
	}
	if (password.length > PASSWORD_MAX_LENGTH) {
		return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
	}
	const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((kind) =>
		kind.test(password)
	).length;
	if (kinds < 3) {
		return 'Use at least three of: lower-case letters, upper-case letters, digits, other characters.';
	}
	if (userName && password.toLowerCase().includes(userName.toLowerCase())) {
		return 'The password must not contain your user name.';
	}
	return null;
}
