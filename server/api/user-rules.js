// The rules of user management, as the server checks them: the counterpart of
// src/lib/domain/user/rules.ts (the app's copy, which shows the same refusals before a call).
// user-rules.test.js runs the same cases through both and expects the same answers: change
// one, change the other. See rules.ts for the product decisions behind them.

export const USER_ROLES = /** @type {const} */ ([
	'global-admin',
	'user-management-admin',
	'admin-agent',
	'sales-agent'
]);

/**
 * @typedef {{ name: string, roles: readonly string[], active: boolean }} MemberFacts
 * @typedef {'add' | 'change-roles' | 'reset-password' | 'deactivate' | 'reactivate' | 'delete'} UserAction
 * @typedef {object} UserChange
 * @property {{ name: string, roles: readonly string[] }} actor
 * @property {UserAction} action
 * @property {MemberFacts} target
 * @property {readonly string[]} [roles]
 * @property {readonly MemberFacts[]} members
 * @typedef {{ code: string, message: string }} UserRuleRefusal
 */

/** @param {string} role */
const isRole = (role) => /** @type {readonly string[]} */ (USER_ROLES).includes(role);

/**
 * Why this change may not be made, or null when it may.
 * @param {UserChange} change
 * @returns {UserRuleRefusal | null}
 */
export function checkUserChange(change) {
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

/** Why a user name cannot be used, or null. @param {string} name */
export function userNameProblem(name) {
	if (name === '') return 'Enter a user name.';
	if (name.length > 64) return 'A user name has at most 64 characters.';
	if (!USER_NAME_PATTERN.test(name)) {
		return 'Use lower-case letters, digits and . _ @ + - only, starting with a letter or digit.';
	}
	return null;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The field errors of a new user (name, displayName, email, roles); empty when valid.
 * @param {{ name: string, displayName: string, email: string, roles: readonly string[] }} input
 * @returns {Record<string, string>}
 */
export function newUserErrors(input) {
	/** @type {Record<string, string>} */
	const errors = {};
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
 * Why a password the user chose cannot be used, or null (see rules.ts).
 * @param {string} password @param {string} userName
 */
export function passwordProblem(password, userName) {
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
