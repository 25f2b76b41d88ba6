// The server's user rules and the app's (src/lib/domain/user/rules.ts) give the same answer
// to every case: all role sets of the actor, the target and the new roles, every action, an
// active or deactivated target, the actor's own account or another's, with or without a
// second (active or deactivated) Global admin.
import { describe, expect, it } from 'vitest';
import * as app from '../../src/lib/domain/user/rules.ts';
import * as server from './user-rules.js';

const ROLES = ['global-admin', 'user-management-admin', 'admin-agent', 'sales-agent'];
/** Every subset of the four roles. */
const ROLE_SETS = Array.from({ length: 16 }, (_, bits) => ROLES.filter((_, i) => bits & (1 << i)));

function* cases() {
	for (const actorRoles of ROLE_SETS) {
		for (const targetRoles of ROLE_SETS) {
			for (const active of [true, false]) {
				for (const self of [true, false]) {
					for (const other of ['none', 'active', 'deactivated']) {
						for (const action of app.USER_ACTIONS) {
							const newRoleSets =
								action === 'add' || action === 'change-roles'
									? [...ROLE_SETS, ['sales-agent', 'owner']]
									: [undefined];
							for (const roles of newRoleSets) {
								const actor = { name: 'actor', roles: actorRoles };
								const target = {
									name: self ? 'actor' : 'target',
									roles: targetRoles,
									active: self ? true : active
								};
								const members = [
									target,
									...(self ? [] : [{ name: 'actor', roles: actorRoles, active: true }]),
									...(other === 'none'
										? []
										: [{ name: 'other', roles: ['global-admin'], active: other === 'active' }])
								];
								yield {
									actor,
									action,
									target,
									roles,
									members: action === 'add' ? members.slice(1) : members
								};
							}
						}
					}
				}
			}
		}
	}
}

describe('the user rules of the app and of the server', () => {
	it('answer every case alike', () => {
		let count = 0;
		const codes = new Set();
		for (const change of cases()) {
			const expected = app.checkUserChange(/** @type {any} */ (change));
			expect(server.checkUserChange(/** @type {any} */ (change))).toEqual(expected);
			codes.add(expected?.code ?? 'allowed');
			count++;
		}
		expect(count).toBeGreaterThan(50_000);
		// Every rule is reached.
		expect([...codes].sort()).toEqual(
			[
				'allowed',
				'already-active',
				'already-deactivated',
				'global-admin-only',
				'last-global-admin',
				'no-roles',
				'not-allowed',
				'own-account',
				'own-roles',
				'unknown-role'
			].sort()
		);
	});

	it('check user names, new users and passwords alike', () => {
		const names = ['', 'anna', 'Anna', 'a'.repeat(64), 'a'.repeat(65), '.x', 'x y', 'a@b.c', 'ü'];
		for (const name of names) expect(server.userNameProblem(name)).toBe(app.userNameProblem(name));
		for (const name of names) {
			for (const email of ['', 'a@b.hu', 'nope', `${'a'.repeat(250)}@b.hu`]) {
				for (const displayName of ['', ' ', 'Anna', 'x'.repeat(101)]) {
					for (const roles of [[], ['sales-agent'], ['root']]) {
						const input = { name, email, displayName, roles };
						expect(server.newUserErrors(input)).toEqual(app.newUserErrors(input));
					}
				}
			}
		}
		const passwords = [
			'',
			'Short1!',
			'alllowercaseletters',
			'Blue-Danube-2026',
			'Anna-Kovacs-2026',
			'Aa1'.repeat(43),
			'UPPER lower 9x'
		];
		for (const password of passwords) {
			for (const name of ['anna', 'blue', '']) {
				expect(server.passwordProblem(password, name)).toBe(app.passwordProblem(password, name));
			}
		}
		expect(server.USER_NAME_PATTERN.source).toBe(app.USER_NAME_PATTERN.source);
		expect(server.USER_ROLES).toEqual(app.USER_ROLES);
	});
});
