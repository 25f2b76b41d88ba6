// The users API against the real endpoint and gateway (startApp, as `npm start`): every rule is
// refused for crafted calls with nothing changed, and the accepted changes do what they say
// (sign-in, temporary passwords, deactivation ending sessions at once, activity entries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_HEADERS } from '../gateway.js';
import { send, signIn, snapshot, startTestApp } from '../security-helpers.js';

/** @type {Awaited<ReturnType<typeof startTestApp>>} */
let t;

beforeAll(async () => {
	t = await startTestApp();
}, 60_000);

afterAll(async () => {
	await t?.close();
});

/** @param {string} who */
const cookie = (who) => t.cookies[who];
/**
 * @param {string} method @param {string} path @param {string | null} who a user, or a cookie
 * @param {unknown} [body]
 */
const api = (method, path, who, body) =>
	send(t.origin, {
		method,
		path,
		cookie: who === null ? undefined : who.startsWith('AuthSession=') ? who : cookie(who),
		headers: typeof body === 'string' ? { 'content-type': 'application/json' } : {},
		body
	});

/** The organisation's activity entries about users. */
async function userActivity() {
	const reply = await t.admin.request('GET', 'csp-demo-activity/_all_docs?include_docs=true');
	return reply.body.rows
		.map((/** @type {any} */ row) => row.doc)
		.filter((/** @type {any} */ doc) => String(doc.action).startsWith('user.'));
}

/** Runs a refused call and checks that nothing stored changed. */
async function refused(
	/** @type {[string, string, string | null, unknown?]} */ call,
	/** @type {number} */ status,
	/** @type {string} */ error
) {
	const before = await snapshot(t.admin);
	const reply = await api(...call);
	expect({ status: reply.status, error: reply.json?.error }).toEqual({ status, error });
	expect(typeof reply.json.reason).toBe('string');
	expect(await snapshot(t.admin)).toEqual(before);
	return reply;
}

describe('the users API', () => {
	it('lists the organisation to every one of its users, with the gateway headers', async () => {
		const reply = await api('GET', '/api/users', 'demo-sales-agent');
		expect(reply.status).toBe(200);
		for (const [name, value] of Object.entries(REPLY_HEADERS)) {
			expect(reply.headers[name]).toBe(value);
		}
		expect(reply.json.org).toBe('demo');
		const names = reply.json.users.map((/** @type {any} */ user) => user.name);
		expect(names).toEqual([
			'demo-admin-agent',
			'demo-global-admin',
			'demo-sales-agent',
			'demo-user-admin'
		]);
		const admin = reply.json.users.find((/** @type {any} */ u) => u.name === 'demo-global-admin');
		expect(admin).toMatchObject({
			displayName: 'Anna Kovács',
			roles: ['global-admin'],
			active: true,
			temporaryPassword: false
		});
		// The sign-in of startTestApp was recorded.
		expect(admin.lastSignInAt).toMatch(/^20\d\d-/);
		expect(JSON.stringify(reply.json)).not.toMatch(/password_scheme|derived_key|salt/);
	});

	it('refuses the signed out, ended sessions and bad requests, changing nothing', async () => {
		await refused(['GET', '/api/users', null], 401, 'unauthorized');
		await refused(['POST', '/api/users', null, { name: 'x' }], 401, 'unauthorized');
		await refused(['GET', '/api/users', 'AuthSession=bm9ib2R5OjA6eA'], 401, 'unauthorized');
		const ended = await signIn(t.origin, 'demo-user-admin', 'user-admin-demo');
		await send(t.origin, { method: 'DELETE', path: '/db/_session', cookie: ended });
		await refused(
			[
				'POST',
				'/api/users',
				ended,
				{ name: 'eve', displayName: 'Eve', email: 'e@x.hu', roles: ['sales-agent'] }
			],
			401,
			'unauthorized'
		);
		await refused(['GET', '/api/users?x=1', 'demo-user-admin'], 400, 'bad_request');
		await refused(['GET', '/api/nothing', 'demo-user-admin'], 404, 'not_found');
		await refused(['PATCH', '/api/users', 'demo-user-admin'], 405, 'method_not_allowed');
		await refused(['POST', '/api/users', 'demo-user-admin', '[1]'], 400, 'bad_request');
		await refused(['POST', '/api/users', 'demo-user-admin', 'not json'], 400, 'bad_request');
		await refused(
			['POST', '/api/users', 'demo-user-admin', { name: 'x'.repeat(20_000) }],
			413,
			'too_large'
		);
		const form = await send(t.origin, {
			method: 'POST',
			path: '/api/users',
			cookie: cookie('demo-user-admin'),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'name=x'
		});
		expect(form.status).toBe(415);
	}, 60_000);

	it('refuses every rule for crafted calls, changing nothing', async () => {
		const newUser = (/** @type {object} */ overrides) => ({
			name: 'erika',
			displayName: 'Erika Fekete',
			email: 'erika@example.hu',
			roles: ['sales-agent'],
			...overrides
		});
		// Wrong role.
		await refused(['POST', '/api/users', 'demo-sales-agent', newUser({})], 403, 'not_allowed');
		await refused(['POST', '/api/users', 'demo-admin-agent', newUser({})], 403, 'not_allowed');
		await refused(
			['POST', '/api/users/demo-sales-agent/deactivate', 'demo-admin-agent'],
			403,
			'not_allowed'
		);
		// Only a Global admin gives or takes the Global admin role, or acts on a Global admin.
		await refused(
			['POST', '/api/users', 'demo-user-admin', newUser({ roles: ['global-admin'] })],
			403,
			'global_admin_only'
		);
		await refused(
			['PUT', '/api/users/demo-sales-agent/roles', 'demo-user-admin', { roles: ['global-admin'] }],
			403,
			'global_admin_only'
		);
		await refused(
			['POST', '/api/users/demo-global-admin/password', 'demo-user-admin'],
			403,
			'global_admin_only'
		);
		// The last active Global admin.
		for (const call of /** @type {[string, string, string, unknown?][]} */ ([
			['POST', '/api/users/demo-global-admin/deactivate', 'demo-global-admin'],
			['DELETE', '/api/users/demo-global-admin', 'demo-global-admin'],
			['PUT', '/api/users/demo-global-admin/roles', 'demo-global-admin', { roles: ['admin-agent'] }]
		])) {
			await refused(call, 409, 'last_global_admin');
		}
		// Own roles and own account.
		await refused(
			['PUT', '/api/users/demo-user-admin/roles', 'demo-user-admin', { roles: ['sales-agent'] }],
			409,
			'own_roles'
		);
		await refused(
			[
				'PUT',
				'/api/users/demo-global-admin/roles',
				'demo-global-admin',
				{ roles: ['global-admin', 'sales-agent'] }
			],
			409,
			'own_roles'
		);
		await refused(['DELETE', '/api/users/demo-user-admin', 'demo-user-admin'], 409, 'own_account');
		// Wrong organisation: another organisation's user is not found, whoever asks.
		await refused(
			['POST', '/api/users/reseller-sales-agent/deactivate', 'demo-global-admin'],
			404,
			'not_found'
		);
		await refused(
			[
				'PUT',
				'/api/users/demo-sales-agent/roles',
				'reseller-global-admin',
				{ roles: ['admin-agent'] }
			],
			404,
			'not_found'
		);
		await refused(
			['DELETE', '/api/users/demo-sales-agent', 'other-global-admin'],
			404,
			'not_found'
		);
		// Duplicate user names, in this organisation or another; invalid ones.
		for (const name of ['demo-sales-agent', 'reseller-sales-agent', 'admin']) {
			const reply = await refused(
				['POST', '/api/users', 'demo-user-admin', newUser({ name })],
				409,
				'name_taken'
			);
			expect(reply.json.field).toBe('name');
		}
		for (const name of ['Erika', 'erika fekete', '', '_admin', 'a'.repeat(65)]) {
			const reply = await refused(
				['POST', '/api/users', 'demo-user-admin', newUser({ name })],
				400,
				'invalid_field'
			);
			expect(reply.json.field).toBe('name');
		}
		const email = await refused(
			['POST', '/api/users', 'demo-user-admin', newUser({ email: 'nope' })],
			400,
			'invalid_field'
		);
		expect(email.json).toMatchObject({ field: 'email' });
		await refused(
			['POST', '/api/users', 'demo-user-admin', newUser({ roles: ['owner'] })],
			409,
			'unknown_role'
		);
		await refused(
			['POST', '/api/users', 'demo-user-admin', newUser({ roles: [] })],
			409,
			'no_roles'
		);
		await refused(
			['POST', '/api/users', 'demo-user-admin', newUser({ roles: 'sales-agent' })],
			400,
			'bad_request'
		);
	}, 60_000);

	it('adds a user with a temporary password that must be changed first', async () => {
		const added = await api('POST', '/api/users', 'demo-user-admin', {
			name: 'erika',
			displayName: 'Erika Fekete',
			email: 'erika@example.hu',
			roles: ['sales-agent']
		});
		expect(added.status).toBe(201);
		expect(added.json.user).toMatchObject({
			name: 'erika',
			roles: ['sales-agent'],
			active: true,
			temporaryPassword: true,
			email: 'erika@example.hu'
		});
		const temporary = added.json.password;
		expect(temporary).toMatch(/^[A-Za-z0-9_-]{16}$/);
		// Never stored readable.
		const stored = await t.admin.request('GET', '_users/org.couchdb.user:erika');
		expect(JSON.stringify(stored.body)).not.toContain(temporary);
		const member = await t.admin.request('GET', 'csp-demo-members/member:erika');
		expect(JSON.stringify(member.body)).not.toContain(temporary);

		const erika = await signIn(t.origin, 'erika', temporary);
		const data = await send(t.origin, { path: '/db/csp-demo-customers/_all_docs', cookie: erika });
		expect(data.status).toBe(403);
		expect(data.json.error).toBe('password_change_required');
		expect((await send(t.origin, { path: '/db/_session', cookie: erika })).status).toBe(200);
		await refused(['GET', '/api/users', erika], 403, 'password_change_required');

		const change = (/** @type {string} */ currentPassword, /** @type {string} */ newPassword) =>
			api('POST', '/api/users/_self/password', erika, { currentPassword, newPassword });
		const weak = await refused(
			[
				'POST',
				'/api/users/_self/password',
				erika,
				{ currentPassword: temporary, newPassword: 'short' }
			],
			400,
			'weak_password'
		);
		expect(weak.json).toMatchObject({
			field: 'newPassword',
			reason: 'Use at least 12 characters.'
		});
		const wrong = await change('not-the-password', 'Blue-Danube-2026');
		expect(wrong.json).toMatchObject({ error: 'wrong_password', field: 'currentPassword' });
		expect((await change(temporary, 'Blue-Danube-2026')).status).toBe(200);

		const again = await signIn(t.origin, 'erika', 'Blue-Danube-2026');
		const after = await send(t.origin, { path: '/db/csp-demo-customers/_all_docs', cookie: again });
		expect(after.status).toBe(200);
		t.cookies.erika = again;
		const entries = await userActivity();
		expect(entries.map((/** @type {any} */ e) => e.action)).toEqual(
			expect.arrayContaining(['user.added', 'user.password-changed'])
		);
		const addedEntry = entries.find((/** @type {any} */ e) => e.action === 'user.added');
		expect(addedEntry).toMatchObject({
			actorId: 'demo-user-admin',
			actorName: 'Bence Tóth',
			recordType: 'partners',
			documentId: 'member:erika',
			summary: 'Added user erika (Erika Fekete) as Sales agent'
		});
		expect(JSON.stringify(entries)).not.toContain(temporary);
		expect(JSON.stringify(entries)).not.toContain('Blue-Danube-2026');
	});

	it('changes roles, and the session sees them', async () => {
		const reply = await api('PUT', '/api/users/erika/roles', 'demo-user-admin', {
			roles: ['admin-agent', 'sales-agent']
		});
		expect(reply.status).toBe(200);
		expect(reply.json.user.roles).toEqual(['admin-agent', 'sales-agent']);
		const session = await send(t.origin, { path: '/db/_session', cookie: cookie('erika') });
		expect(session.json.userCtx.roles).toEqual([
			'org:demo',
			'role:admin-agent',
			'role:sales-agent'
		]);
	});

	it('deactivates: the sessions end at once and signing in is refused; reactivates', async () => {
		const before = cookie('erika');
		expect((await api('POST', '/api/users/erika/deactivate', 'demo-user-admin')).status).toBe(200);
		const data = await send(t.origin, { path: '/db/csp-demo-customers/_all_docs', cookie: before });
		expect(data.status).toBe(401);
		await refused(['GET', '/api/users', before], 401, 'unauthorized');
		const again = await send(t.origin, {
			method: 'POST',
			path: '/db/_session',
			body: { name: 'erika', password: 'Blue-Danube-2026' }
		});
		expect(again.status).toBe(401);
		expect(again.json.reason).toBe('This account is deactivated: ask your User management admin.');
		expect(again.headers['set-cookie']).toBeUndefined();
		const list = await api('GET', '/api/users', 'demo-sales-agent');
		expect(list.json.users.find((/** @type {any} */ u) => u.name === 'erika').active).toBe(false);
		await refused(
			['POST', '/api/users/erika/deactivate', 'demo-user-admin'],
			409,
			'already_deactivated'
		);

		expect((await api('POST', '/api/users/erika/reactivate', 'demo-user-admin')).status).toBe(200);
		// Sessions from before the deactivation stay ended.
		const old = await send(t.origin, { path: '/db/csp-demo-customers/_all_docs', cookie: before });
		expect(old.status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const fresh = await signIn(t.origin, 'erika', 'Blue-Danube-2026');
		const session = await send(t.origin, { path: '/db/_session', cookie: fresh });
		expect(session.json.userCtx.roles).toEqual([
			'org:demo',
			'role:admin-agent',
			'role:sales-agent'
		]);
		t.cookies.erika = fresh;
	});

	it('resets a password: a new temporary one, the old sessions end', async () => {
		const before = cookie('erika');
		const reply = await api('POST', '/api/users/erika/password', 'demo-user-admin');
		expect(reply.status).toBe(200);
		expect(reply.json.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(reply.json.user.temporaryPassword).toBe(true);
		const old = await send(t.origin, { path: '/db/_session', cookie: before });
		expect(old.json.userCtx.name).toBeNull();
		const failed = await send(t.origin, {
			method: 'POST',
			path: '/db/_session',
			body: { name: 'erika', password: 'Blue-Danube-2026' }
		});
		expect(failed.status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const erika = await signIn(t.origin, 'erika', reply.json.password);
		const data = await send(t.origin, { path: '/db/csp-demo-customers/_all_docs', cookie: erika });
		expect(data.json.error).toBe('password_change_required');
	});

	it('deletes a user', async () => {
		expect((await api('DELETE', '/api/users/erika', 'demo-global-admin')).status).toBe(200);
		expect((await t.admin.request('GET', '_users/org.couchdb.user:erika')).status).toBe(404);
		expect((await t.admin.request('GET', 'csp-demo-members/member:erika')).status).toBe(404);
		const list = await api('GET', '/api/users', 'demo-sales-agent');
		expect(list.json.users.map((/** @type {any} */ u) => u.name)).not.toContain('erika');
		const entries = await userActivity();
		expect(entries.map((/** @type {any} */ e) => e.action)).toEqual(
			expect.arrayContaining([
				'user.deleted',
				'user.deactivated',
				'user.reactivated',
				'user.password-reset',
				'user.roles-changed'
			])
		);
		await refused(['DELETE', '/api/users/erika', 'demo-global-admin'], 404, 'not_found');
	});
});
