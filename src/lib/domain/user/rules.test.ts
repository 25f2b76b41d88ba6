import { describe, expect, it } from 'vitest';
import {
	checkUserChange,
	newUserErrors,
	passwordProblem,
	userNameProblem,
	type MemberFacts,
	type UserChange
} from './rules';

const member = (name: string, roles: string[], active = true): MemberFacts => ({
	name,
	roles,
	active
});

const ga = member('gina', ['global-admin']);
const ga2 = member('gabor', ['global-admin', 'admin-agent']);
const uma = member('ursula', ['user-management-admin']);
const agent = member('adam', ['admin-agent']);
const sales = member('sara', ['sales-agent']);
const everyone = [ga, ga2, uma, agent, sales];

const change = (overrides: Partial<UserChange>): UserChange => ({
	actor: ga,
	action: 'change-roles',
	target: sales,
	roles: ['admin-agent'],
	members: everyone,
	...overrides
});
const code = (overrides: Partial<UserChange>) => checkUserChange(change(overrides))?.code ?? null;

describe('checkUserChange', () => {
	it('lets Global admins and User management admins manage users, nobody else', () => {
		for (const actor of [ga, uma]) expect(code({ actor })).toBeNull();
		for (const actor of [agent, sales, member('nobody', [])]) {
			for (const action of [
				'add',
				'change-roles',
				'reset-password',
				'deactivate',
				'delete'
			] as const) {
				expect(code({ actor, action })).toBe('not-allowed');
			}
		}
	});

	it('asks for at least one known role when adding or changing roles', () => {
		expect(code({ roles: [] })).toBe('no-roles');
		expect(code({ action: 'add', target: member('new', []), roles: [] })).toBe('no-roles');
		expect(code({ roles: ['owner'] })).toBe('unknown-role');
		expect(checkUserChange(change({ roles: ['sales-agent', 'root'] }))?.message).toBe(
			'There is no role root.'
		);
		// Roles do not matter for the other actions.
		expect(code({ action: 'reset-password', roles: [] })).toBeNull();
	});

	it('lets only a Global admin give or take the Global admin role', () => {
		expect(code({ actor: uma, roles: ['global-admin'] })).toBe('global-admin-only');
		expect(code({ actor: uma, target: ga2, roles: ['admin-agent'] })).toBe('global-admin-only');
		expect(
			code({ actor: uma, action: 'add', target: member('new', []), roles: ['global-admin'] })
		).toBe('global-admin-only');
		expect(code({ actor: ga, roles: ['global-admin'] })).toBeNull();
		expect(code({ actor: ga, target: ga2, roles: ['sales-agent'] })).toBeNull();
		// A Global admin keeping the role while other roles change is no change of it.
		expect(code({ actor: uma, target: ga2, roles: ['global-admin'] })).toBeNull();
	});

	it('lets only a Global admin reset, deactivate, reactivate or delete a Global admin', () => {
		for (const action of ['reset-password', 'deactivate', 'delete'] as const) {
			expect(code({ actor: uma, action, target: ga2 })).toBe('global-admin-only');
			expect(code({ actor: ga, action, target: ga2 })).toBeNull();
			expect(code({ actor: uma, action, target: agent })).toBeNull();
		}
		const away = member('gabor', ['global-admin'], false);
		const members = [ga, away, uma];
		expect(code({ actor: uma, action: 'reactivate', target: away, members })).toBe(
			'global-admin-only'
		);
		expect(code({ actor: ga, action: 'reactivate', target: away, members })).toBeNull();
	});

	it('keeps the last active Global admin', () => {
		const members = [ga, member('gabor', ['global-admin'], false), uma, sales];
		for (const action of ['deactivate', 'delete'] as const) {
			expect(code({ actor: ga, action, target: ga, members })).toBe('last-global-admin');
		}
		expect(code({ actor: ga, target: ga, roles: ['admin-agent'], members })).toBe(
			'last-global-admin'
		);
		expect(
			checkUserChange(change({ actor: ga, target: ga, action: 'delete', members }))?.message
		).toBe(
			'gina is the last active Global admin of the organisation: make another user Global admin first.'
		);
		// Keeping the role, or with a second active Global admin, it is the own-account rule.
		expect(code({ actor: ga, target: ga, roles: ['global-admin'], members })).toBe('own-roles');
		expect(code({ actor: ga, action: 'delete', target: ga })).toBe('own-account');
		// A deactivated Global admin is not the one that keeps the organisation going.
		const away = member('gabor', ['global-admin'], false);
		expect(code({ actor: ga, action: 'delete', target: away, members: [ga, away] })).toBeNull();
	});

	it('lets nobody change their own roles or act on their own account', () => {
		expect(code({ actor: ga, target: ga, roles: ['global-admin', 'sales-agent'] })).toBe(
			'own-roles'
		);
		expect(code({ actor: uma, target: uma, roles: ['sales-agent'] })).toBe('own-roles');
		for (const action of ['reset-password', 'deactivate', 'delete'] as const) {
			expect(code({ actor: uma, action, target: uma })).toBe('own-account');
		}
	});

	it('deactivates the active and reactivates the deactivated only', () => {
		const away = member('sara', ['sales-agent'], false);
		expect(code({ action: 'deactivate', target: away, members: [ga, away] })).toBe(
			'already-deactivated'
		);
		expect(code({ action: 'reactivate', target: sales })).toBe('already-active');
		expect(code({ action: 'reactivate', target: away, members: [ga, away] })).toBeNull();
		expect(code({ action: 'deactivate', target: sales })).toBeNull();
	});
});

describe('userNameProblem', () => {
	it('takes lower-case names of up to 64 characters', () => {
		for (const name of ['anna', 'anna.kovacs', 'a', 'anna@contoso.hu', '0day', 'a-b_c+d']) {
			expect(userNameProblem(name)).toBeNull();
		}
		expect(userNameProblem('a'.repeat(64))).toBeNull();
		expect(userNameProblem('a'.repeat(65))).toBe('A user name has at most 64 characters.');
		expect(userNameProblem('')).toBe('Enter a user name.');
		for (const name of [
			'Anna',
			'anna kovacs',
			'.anna',
			'-anna',
			'anna/x',
			'ánna',
			'org:x',
			'_admin'
		]) {
			expect(userNameProblem(name)).toBe(
				'Use lower-case letters, digits and . _ @ + - only, starting with a letter or digit.'
			);
		}
	});
});

describe('newUserErrors', () => {
	const valid = {
		name: 'anna',
		displayName: 'Anna Kovács',
		email: 'anna@example.hu',
		roles: ['sales-agent']
	};
	it('is empty for a valid user', () => {
		expect(newUserErrors(valid)).toEqual({});
	});
	it('names each field that is wrong', () => {
		expect(newUserErrors({ name: 'Anna', displayName: ' ', email: 'anna', roles: [] })).toEqual({
			name: 'Use lower-case letters, digits and . _ @ + - only, starting with a letter or digit.',
			displayName: 'Enter the display name.',
			email: 'Enter an email address such as anna@example.com.',
			roles: 'Choose at least one role.'
		});
		expect(
			newUserErrors({ ...valid, email: '', displayName: 'x'.repeat(101), roles: ['root'] })
		).toEqual({
			email: 'Enter the email address.',
			displayName: 'A display name has at most 100 characters.',
			roles: 'Choose roles from the list.'
		});
	});
});

describe('passwordProblem', () => {
	it('asks for 12 to 128 characters of three kinds, without the user name', () => {
		expect(passwordProblem('Short1!', 'anna')).toBe('Use at least 12 characters.');
		expect(passwordProblem('Aa1'.repeat(43), 'anna')).toBe('Use at most 128 characters.');
		expect(passwordProblem('alllowercaseletters', 'anna')).toBe(
			'Use at least three of: lower-case letters, upper-case letters, digits, other characters.'
		);
		expect(passwordProblem('lowercase12345', 'anna')).toBe(
			'Use at least three of: lower-case letters, upper-case letters, digits, other characters.'
		);
		expect(passwordProblem('Anna-Kovacs-2026', 'anna')).toBe(
			'The password must not contain your user name.'
		);
		for (const password of [
			'Blue-Danube-2026',
			'lower-and-123',
			'UPPER lower 9x',
			'Aa1'.repeat(4)
		]) {
			expect(passwordProblem(password, 'anna')).toBeNull();
		}
	});
});
