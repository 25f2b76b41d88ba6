import { describe, expect, it } from 'vitest';
import {
	canSetUpOrganisation,
	currentSession,
	parseRoles,
	signIn,
	signOut,
	storedUser,
	SESSION_KEY
} from './session';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key),
		items
	};
}

function json(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}

type Handler = (url: string, init?: RequestInit) => Response | Promise<Response>;

function fakeFetch(handler: Handler) {
	const calls: { url: string; method: string }[] = [];
	const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		calls.push({ url, method: init?.method ?? 'GET' });
		return handler(url, init);
	}) as typeof globalThis.fetch;
	return { fetch, calls };
}

describe('parseRoles', () => {
	it('reads the organisation and the app roles', () => {
		expect(parseRoles(['org:demo', 'role:sales-agent', 'role:admin-agent', 'other'])).toEqual({
			org: 'demo',
			roles: ['sales-agent', 'admin-agent']
		});
		expect(parseRoles([]).org).toBeNull();
	});
});

describe('signIn', () => {
	it('keeps the signed-in user with display name, organisation and roles', async () => {
		const storage = memoryStorage();
		const { fetch, calls } = fakeFetch((url, init) => {
			if (url === '/db/_session' && init?.method === 'POST') {
				expect(JSON.parse(String(init.body))).toEqual({ name: 'anna', password: 'secret' });
				return json(200, { ok: true, name: 'anna', roles: ['org:demo', 'role:global-admin'] });
			}
			if (url === '/db/csp-demo-members/member%3Aanna') {
				return json(200, { type: 'member', name: 'anna', displayName: 'Anna Kovács' });
			}
			return json(404, {});
		});
		const result = await signIn(' anna ', 'secret', { fetch, storage });
		expect(result).toEqual({
			ok: true,
			user: { name: 'anna', displayName: 'Anna Kovács', org: 'demo', roles: ['global-admin'] }
		});
		expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
		expect(storedUser({ storage })).toEqual(result.ok && result.user);
	});

	it('says when the credentials are wrong and keeps nothing', async () => {
		const storage = memoryStorage();
		const { fetch } = fakeFetch(() => json(401, { error: 'unauthorized' }));
		const result = await signIn('anna', 'wrong', { fetch, storage });
		expect(result).toMatchObject({ ok: false, reason: 'credentials' });
		expect(storage.items.has(SESSION_KEY)).toBe(false);
	});

	it('says when there is no network or the endpoint is down', async () => {
		const storage = memoryStorage();
		const offline = fakeFetch(() => {
			throw new TypeError('Failed to fetch');
		});
		expect(await signIn('anna', 'x', { fetch: offline.fetch, storage })).toMatchObject({
			ok: false,
			reason: 'network'
		});
		const down = fakeFetch(() => json(502, { error: 'unavailable' }));
		expect(await signIn('anna', 'x', { fetch: down.fetch, storage })).toMatchObject({
			ok: false,
			reason: 'network'
		});
	});

	it('says when to try again after too many sign-in attempts', async () => {
		const storage = memoryStorage();
		const throttled = (retryAfter: string | null) =>
			fakeFetch(
				() =>
					new Response(JSON.stringify({ error: 'too_many_requests' }), {
						status: 429,
						headers: retryAfter === null ? {} : { 'retry-after': retryAfter }
					})
			).fetch;
		expect(await signIn('anna', 'x', { fetch: throttled('42'), storage })).toEqual({
			ok: false,
			reason: 'throttled',
			message: 'Too many sign-in attempts. Try again in 42 seconds.'
		});
		for (const header of [null, 'Wed, 21 Oct 2026 07:28:00 GMT', '0']) {
			expect(await signIn('anna', 'x', { fetch: throttled(header), storage })).toMatchObject({
				message: 'Too many sign-in attempts. Try again in 60 seconds.'
			});
		}
		expect(storage.items.has(SESSION_KEY)).toBe(false);
	});

	it('refuses a user without organisation', async () => {
		const { fetch } = fakeFetch(() => json(200, { ok: true, name: 'admin', roles: ['_admin'] }));
		const result = await signIn('admin', 'x', { fetch, storage: memoryStorage() });
		expect(result).toMatchObject({ ok: false, reason: 'no-organisation' });
	});
});

describe('currentSession and signOut', () => {
	const user = { name: 'anna', displayName: 'Anna', org: 'demo', roles: ['global-admin'] };

	it('tells a valid, an expired and an unreachable session apart', async () => {
		const storage = memoryStorage();
		storage.setItem(SESSION_KEY, JSON.stringify(user));
		const valid = fakeFetch(() => json(200, { userCtx: { name: 'anna', roles: [] } }));
		expect(await currentSession({ fetch: valid.fetch, storage })).toBe('valid');
		const expired = fakeFetch(() => json(200, { userCtx: { name: null, roles: [] } }));
		expect(await currentSession({ fetch: expired.fetch, storage })).toBe('expired');
		const offline = fakeFetch(() => {
			throw new TypeError('offline');
		});
		expect(await currentSession({ fetch: offline.fetch, storage })).toBe('offline');
	});

	it('forgets the user and ends the server session, also offline', async () => {
		const storage = memoryStorage();
		storage.setItem(SESSION_KEY, JSON.stringify(user));
		const { fetch, calls } = fakeFetch(() => json(200, { ok: true }));
		await signOut({ fetch, storage });
		expect(storedUser({ storage })).toBeNull();
		expect(calls).toEqual([{ url: '/db/_session', method: 'DELETE' }]);
		storage.setItem(SESSION_KEY, JSON.stringify(user));
		const offline = fakeFetch(() => {
			throw new TypeError('offline');
		});
		await signOut({ fetch: offline.fetch, storage });
		expect(storedUser({ storage })).toBeNull();
	});
});

describe('canSetUpOrganisation', () => {
	it('lets Global admins and Admin agents set up the organisation, nobody else', () => {
		expect(canSetUpOrganisation({ roles: ['global-admin'] })).toBe(true);
		expect(canSetUpOrganisation({ roles: ['sales-agent', 'admin-agent'] })).toBe(true);
		expect(canSetUpOrganisation({ roles: ['sales-agent', 'user-management-admin'] })).toBe(false);
		expect(canSetUpOrganisation(null)).toBe(false);
	});
});
