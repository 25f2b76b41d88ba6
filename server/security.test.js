// The security suite (issue 10): each numbered finding is tried as an attacker would, through
// the app's origin (the gateway) and, where the endpoint itself was at fault, against the
// endpoint directly; each test checks the refusal and its status, that the endpoint still
// answers afterwards, and that nothing was stored (every database's _security object, design
// and data documents, compared before and after).
import { execFileSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import svelteConfig from '../svelte.config.js';
import { startApp } from '../scripts/start.js';
import { LIMITS } from './allow-list.js';
import {
	addActivePartnership,
	addOwnPartner,
	addPartnershipRequest,
	send,
	signIn,
	snapshot,
	startTestApp
} from './security-helpers.js';
import { EMBEDDED_ONLY, onCouchDB } from './test-couch.js';

/** @type {Awaited<ReturnType<typeof startTestApp>>} */
let t;
/** The system temporary folder the endpoint was started with (finding 7). */
let tmpDir = '';
const savedTmp = process.env.TMPDIR;

beforeAll(async () => {
	t = await startTestApp({
		// A write naming a partnership not there yet waits 4 s for it (10 s by default).
		gateway: { bodyTimeoutMs: 2000, companionWaitMs: 4000 },
		async beforeStart(dir) {
			tmpDir = join(dir, 'tmp');
			await mkdir(tmpDir);
			// The endpoint's child process takes its temporary folder from here.
			process.env.TMPDIR = tmpDir;
		}
	});
	if (savedTmp === undefined) delete process.env.TMPDIR;
	else process.env.TMPDIR = savedTmp;
	// The resellers the pushed records name (the gateway checks their partnerships).
	for (const reseller of ['reseller-1', 'demo-reseller-1']) await addActivePartnership(t, reseller);
	await addOwnPartner(t);
}, 60_000);

afterAll(async () => {
	await t?.close();
});

/** @param {import('./security-helpers.js').SendOptions} options */
const db = (options) => send(t.origin, options);
/** @param {import('./security-helpers.js').SendOptions} options */
const direct = (options) => send(t.app.couchUrl, options);

/** Every kind of attacker against the demo provider: each role, another organisation, nobody. */
const attackers = () => [
	...t.usersOf('demo').map((user) => ({ who: user.name, cookie: t.cookies[user.name], own: true })),
	{ who: 'other-global-admin', cookie: t.cookies['other-global-admin'], own: false },
	{ who: 'reseller-global-admin', cookie: t.cookies['reseller-global-admin'], own: false },
	{ who: 'signed out', cookie: null, own: false }
];

/** @param {string | null} cookie */
const refusedStatus = (cookie) => (cookie ? 403 : 401);

/** The endpoint and the gateway still answer, and replication still reads. */
async function expectAlive() {
	const session = await db({ path: '/db/_session' });
	expect(session.status).toBe(200);
	const changes = await db({
		path: '/db/csp-demo-customers/_changes?limit=1',
		cookie: t.cookies['demo-sales-agent']
	});
	expect(changes.status).toBe(200);
	expect(Array.isArray(changes.json.results)).toBe(true);
	const endpoint = await direct({ path: '/' });
	expect(endpoint.status).toBe(200);
}

/** @param {string} id @param {string} by */
const customer = (id, by) => ({
	_id: id,
	companyName: `Customer ${id}`,
	nameLower: `customer ${id}`,
	domainPrefix: id.replace(/[^a-z0-9]/g, ''),
	address: {
		line1: 'Fő utca 1',
		line2: '',
		city: 'Budapest',
		state: '',
		postalCode: '1011',
		country: 'HU'
	},
	contact: {
		firstName: 'Anna',
		lastName: 'Kovács',
		email: 'anna@example.hu',
		phone: '+36 1 555 0101'
	},
	organisationRegistrationNumber: '01-09-123456',
	cloud: 'public',
	resellerId: 'reseller-1',
	providerRelationship: 'active',
	resellerRelationship: 'active',
	delegatedAdminPrivileges: true,
	customerAgreementAccepted: true,
	adminUserName: `admin@${id}.onmicrosoft.com`,
	createdAt: '2026-11-21T10:00:00.000Z',
	createdBy: by,
	updatedAt: '2026-11-21T10:00:00.000Z',
	updatedBy: by,
	deviceId: 'device-test'
});

/**
 * A subscription of the demo provider's first customer, by `by`.
 * @param {string} id @param {string} by @param {Record<string, unknown>} [fields]
 */
const subscriptionDoc = (id, by, fields = {}) => ({
	_id: id,
	customerId: 'demo-customer-1',
	offerId: 'microsoft-365-business-basic',
	quantity: 5,
	status: 'active',
	billingCycle: 'monthly',
	termDuration: 'P1Y',
	resellerId: '',
	supportContactId: 'org-demo',
	startDate: '2026-11-21T10:00:00.000Z',
	endDate: '2027-11-21T10:00:00.000Z',
	createdAt: '2026-11-21T10:00:00.000Z',
	createdBy: by,
	updatedAt: '2026-11-21T10:00:00.000Z',
	updatedBy: by,
	deviceId: 'device-test',
	...fields
});

const evilDesign = {
	_id: '_design/csp',
	validate_doc_update:
		"function () { process.getBuiltinModule('child_process').execSync('touch /tmp/csp-pwned'); }"
};

describe('1. taking over a database with _security and design documents', () => {
	it('refuses _security, _local/_security and _design writes from every role, other organisations and signed-out clients', async () => {
		const before = await snapshot(t.admin);
		for (const { who, cookie } of attackers()) {
			const security = { admins: { names: [who], roles: [] }, members: { names: [], roles: [] } };
			const attempts = [
				{ method: 'PUT', path: '/db/csp-demo-settings/_local/_security', body: security },
				{ method: 'PUT', path: '/db/csp-demo-settings/_security', body: security },
				{ method: 'PUT', path: '/db/csp-demo-settings/_design/csp', body: evilDesign },
				{ method: 'DELETE', path: '/db/csp-demo-settings/_design/csp' },
				{
					method: 'POST',
					path: '/db/csp-demo-settings/_bulk_docs',
					body: { docs: [evilDesign] }
				},
				{
					method: 'POST',
					path: '/db/csp-demo-settings/_bulk_docs',
					body: { docs: [{ _id: '_local/_security', ...security }] }
				}
			];
			for (const attempt of attempts) {
				const reply = await db({ ...attempt, cookie });
				expect(
					[refusedStatus(cookie), 400, 405],
					`${who} ${attempt.method} ${attempt.path}`
				).toContain(reply.status);
				if (cookie) expect(reply.status, `${who} ${attempt.method} ${attempt.path}`).not.toBe(401);
				expect(typeof reply.json.reason).toBe('string');
			}
			// Encoded slashes cannot reach _local/_security or _design/ either.
			for (const path of [
				'/db/csp-demo-settings/_local%2F_security',
				'/db/csp-demo-settings/_design%2Fcsp'
			]) {
				const reply = await db({ method: 'PUT', path, body: security, cookie });
				expect(reply.status, `${who} PUT ${path}`).toBe(400);
			}
		}
		// The embedded endpoint itself refuses a member's _local/_security too (without the
		// gateway): PouchDB Server keeps the security object there. Apache CouchDB keeps it in the
		// database's shards; a `_local/_security` document is an ordinary local document there.
		for (const path of onCouchDB
			? []
			: ['/csp-demo-settings/_local/_security', '/csp-demo-settings/_local%2F_security']) {
			const reply = await direct({
				method: 'PUT',
				path,
				body: { admins: { names: ['demo-sales-agent'] } },
				cookie: t.cookies['demo-sales-agent']
			});
			expect(reply.status, path).toBe(403);
		}
		expect(await snapshot(t.admin)).toEqual(before);
		await expectAlive();
	});
});

describe('2. crashing the endpoint with one request', () => {
	it('answers PUT /db/_session and PUT /db/favicon.ico with a 4xx and keeps answering', async () => {
		const before = await snapshot(t.admin);
		expect((await db({ method: 'PUT', path: '/db/_session' })).status).toBe(405);
		expect((await db({ method: 'PUT', path: '/db/favicon.ico' })).status).toBe(401);
		expect(
			(await db({ method: 'PUT', path: '/db/favicon.ico', cookie: t.cookies['demo-global-admin'] }))
				.status
		).toBe(403);
		await expectAlive();
		// And the endpoint itself, for its own clients (the setup, server admins).
		const session = await direct({ method: 'PUT', path: '/_session' });
		expect(session.status).toBe(405);
		const favicon = await direct({ method: 'PUT', path: '/favicon.ico' });
		expect(favicon.status).toBe(405);
		const asAdmin = await direct({
			method: 'PUT',
			path: '/_session',
			headers: {
				authorization: `Basic ${Buffer.from(`${t.adminFile.name}:${t.adminFile.password}`).toString('base64')}`
			}
		});
		expect(asAdmin.status).toBe(405);
		const badName = await direct({
			method: 'PUT',
			path: '/Bad%20Name',
			headers: {
				authorization: `Basic ${Buffer.from(`${t.adminFile.name}:${t.adminFile.password}`).toString('base64')}`
			}
		});
		expect(badName.status).toBe(400);
		expect(await snapshot(t.admin)).toEqual(before);
		await expectAlive();
	});

	it('refuses a multipart upload with a wrong _rev (415) at the gateway and at the endpoint', async () => {
		const before = await snapshot(t.admin);
		const boundary = 'x-boundary';
		const body = [
			`--${boundary}`,
			'Content-Disposition: form-data; name="_rev"',
			'',
			'1-0000000000000000000000000000dead',
			`--${boundary}`,
			'Content-Disposition: form-data; name="_attachments"; filename="x.html"',
			'Content-Type: text/html',
			'',
			'<script>alert(1)</script>',
			`--${boundary}--`,
			''
		].join('\r\n');
		const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
		for (const { who, cookie } of attackers()) {
			const reply = await db({
				method: 'POST',
				path: '/db/csp-demo-customers/c-1',
				headers,
				body,
				cookie
			});
			expect([refusedStatus(cookie), 405, 415], who).toContain(reply.status);
			const put = await db({
				method: 'PUT',
				path: '/db/csp-demo-customers/c-1',
				headers,
				body,
				cookie
			});
			expect(put.status, who).toBe(cookie && who.startsWith('demo-') ? 415 : refusedStatus(cookie));
		}
		const atEndpoint = await direct({
			method: 'POST',
			path: '/csp-demo-customers/c-1',
			headers,
			body,
			cookie: t.cookies['demo-sales-agent']
		});
		// Apache CouchDB answers 400 (a form upload needs an existing document and a valid _rev).
		expect(atEndpoint.status).toBe(onCouchDB ? 400 : 415);
		expect(await snapshot(t.admin)).toEqual(before);
		await expectAlive();
	});
});

describe('3. blocking the endpoint with a $regex _find', () => {
	it('refuses _find and _index from everyone, at once', async () => {
		const selector = { selector: { companyName: { $regex: '^(a+)+$' } } };
		for (const { who, cookie } of attackers()) {
			const started = Date.now();
			const find = await db({
				method: 'POST',
				path: '/db/csp-demo-customers/_find',
				body: selector,
				cookie
			});
			expect(find.status, who).toBe(refusedStatus(cookie));
			const index = await db({
				method: 'POST',
				path: '/db/csp-demo-customers/_index',
				body: { index: { fields: ['companyName'] } },
				cookie
			});
			expect(index.status, who).toBe(refusedStatus(cookie));
			expect(Date.now() - started).toBeLessThan(2000);
		}
		const atEndpoint = await direct({
			method: 'POST',
			path: '/csp-demo-customers/_find',
			body: selector,
			cookie: t.cookies['demo-sales-agent']
		});
		// The embedded endpoint keeps _find from members (it would block PouchDB Server's only
		// thread); Apache CouchDB runs a query in its own process with a time limit and lets
		// members use it: there only the gateway keeps it out.
		expect(atEndpoint.status).toBe(onCouchDB ? 200 : 403);
		await expectAlive();
	});
});

describe('4. stored script injection with an HTML attachment', () => {
	it('stores no attachment in any form and serves nothing but JSON', async () => {
		const before = await snapshot(t.admin);
		const html = Buffer.from('<script>alert(document.cookie)</script>').toString('base64');
		const withAttachment = {
			...customer('c-attach', 'demo-sales-agent'),
			_attachments: { 'x.html': { content_type: 'text/html', data: html } }
		};
		for (const { who, cookie } of attackers()) {
			const bulk = await db({
				method: 'POST',
				path: '/db/csp-demo-customers/_bulk_docs',
				body: { docs: [withAttachment] },
				cookie
			});
			expect(bulk.status, who).toBe(refusedStatus(cookie));
			const put = await db({
				method: 'PUT',
				path: '/db/csp-demo-customers/c-attach',
				body: withAttachment,
				cookie
			});
			expect(put.status, who).toBe(refusedStatus(cookie));
			const upload = await db({
				method: 'PUT',
				path: '/db/csp-demo-customers/c-attach/x.html',
				headers: { 'content-type': 'text/html' },
				body: '<script>alert(1)</script>',
				cookie
			});
			expect(upload.status, who).toBe(refusedStatus(cookie));
			const read = await db({ path: '/db/csp-demo-customers/c-attach/x.html', cookie });
			expect(read.status, who).toBe(refusedStatus(cookie));
			expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
			const inline = await db({ path: '/db/csp-demo-customers/c-attach?attachments=true', cookie });
			expect([400, refusedStatus(cookie)], who).toContain(inline.status);
		}
		expect(await snapshot(t.admin)).toEqual(before);
		await expectAlive();
	});
});

describe('5. anonymous sockets trickling a body', () => {
	it('keep replication working for a member while 260 of them are open, and are all ended', async () => {
		const sockets = await Promise.all(
			Array.from(
				{ length: 260 },
				() =>
					new Promise((resolveSocket) => {
						const url = new URL(t.origin);
						const request = http.request({
							hostname: url.hostname,
							port: url.port,
							method: 'POST',
							path: '/db/_session',
							localAddress: '127.0.0.2',
							agent: false,
							headers: { 'content-type': 'application/json', 'content-length': '200' }
						});
						/** @type {{ status: number | null, ended: Promise<void> }} */
						const state = { status: null, ended: Promise.resolve() };
						state.ended = new Promise((resolveEnded) => {
							request.on('response', (response) => {
								state.status = response.statusCode ?? null;
								response.resume();
								response.on('end', () => resolveEnded());
								response.on('error', () => resolveEnded());
							});
							request.on('error', () => resolveEnded());
							request.on('close', () => resolveEnded());
						});
						request.flushHeaders();
						request.write('{"na');
						const trickle = setInterval(() => request.write(' '), 500);
						state.ended.finally(() => clearInterval(trickle));
						setTimeout(() => resolveSocket(state), 5);
					})
			)
		);
		// Meanwhile a member pulls and pushes as the app does.
		const cookie = t.cookies['demo-sales-agent'];
		const started = Date.now();
		const pull = await db({
			path: '/db/csp-demo-customers/_changes?style=all_docs&feed=normal&include_docs=true&since=0&limit=100',
			cookie
		});
		expect(pull.status).toBe(200);
		const check = await db({
			method: 'POST',
			path: '/db/csp-demo-customers/_all_docs',
			body: { keys: ['c-trickle'], include_docs: true, deleted: 'ok' },
			cookie
		});
		expect(check.status).toBe(200);
		const push = await db({
			method: 'POST',
			path: '/db/csp-demo-customers/_bulk_docs',
			body: { docs: [customer('c-trickle', 'demo-sales-agent')] },
			cookie
		});
		expect(push.status).toBe(201);
		expect(push.json[0].ok).toBe(true);
		expect(Date.now() - started).toBeLessThan(3000);
		// Each trickling socket is answered (429 or 408) or closed within the body timeout.
		await Promise.all(sockets.map((/** @type {any} */ socket) => socket.ended));
		const statuses = sockets.map((/** @type {any} */ socket) => socket.status);
		expect(statuses.every((status) => status === null || status === 408 || status === 429)).toBe(
			true
		);
		expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
		expect(Date.now() - started).toBeLessThan(8000);
		await expectAlive();
	}, 30_000);
});

describe('5. headers sent slowly', () => {
	it('are cut off after the header timeout, and the server goes on', async () => {
		const { connect } = await import('node:net');
		const url = new URL(t.origin);
		const started = Date.now();
		const closedAfter = await new Promise((resolveClosed) => {
			const socket = connect({
				host: url.hostname,
				port: Number(url.port),
				localAddress: '127.0.0.7'
			});
			socket.on('connect', () => socket.write('POST /db/_session HTTP/1.1\r\nHost: x\r\n'));
			const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 1000);
			socket.on('data', () => undefined);
			socket.on('error', () => undefined);
			socket.on('close', () => {
				clearInterval(trickle);
				resolveClosed(Date.now() - started);
			});
		});
		expect(closedAfter).toBeGreaterThanOrEqual(14_000);
		expect(closedAfter).toBeLessThan(20_000);
		await expectAlive();
	}, 30_000);
});

describe('5. one user holding many connections', () => {
	it('gets 429 with Retry-After beyond its concurrent requests; other users go on', async () => {
		const cookie = t.cookies['demo-admin-agent'];
		const path = '/db/csp-demo-customers/_changes?feed=longpoll&since=now&timeout=3000';
		const open = Array.from({ length: 48 }, () => db({ path, cookie }));
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
		const over = await db({ path, cookie });
		expect(over.status).toBe(429);
		expect(over.headers['retry-after']).toBe('1');
		const other = await db({
			path: '/db/csp-demo-customers/_changes?limit=1',
			cookie: t.cookies['demo-global-admin']
		});
		expect(other.status).toBe(200);
		const replies = await Promise.all(open);
		expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
		expect((await db({ path: '/db/csp-demo-customers/_changes?limit=1', cookie })).status).toBe(
			200
		);
		await expectAlive();
	}, 20_000);
});

describe('6. request bodies of any size', () => {
	it('answers 413 from the Content-Length before reading, also before sign-in', async () => {
		const url = new URL(t.origin);
		const started = Date.now();
		const status = await new Promise((resolveStatus, rejectStatus) => {
			const request = http.request({
				hostname: url.hostname,
				port: url.port,
				method: 'POST',
				path: '/db/_session',
				agent: false,
				headers: { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) }
			});
			request.on('response', (response) => {
				response.resume();
				resolveStatus(response.statusCode);
				request.destroy();
			});
			request.on('error', rejectStatus);
			request.flushHeaders();
			request.write('{"name":"x","password":"');
		});
		expect(status).toBe(413);
		expect(Date.now() - started).toBeLessThan(2000);
		// A body without a length is cut off once it goes beyond the limit.
		const chunked = await db({
			method: 'POST',
			path: '/db/_session',
			headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
			body: JSON.stringify({ name: 'x', password: 'y'.repeat(LIMITS.signInBytes) })
		});
		expect(chunked.status).toBe(413);
		await expectAlive();
	});

	it('refuses a document above the per-document maximum and a request above the per-request one', async () => {
		const before = await snapshot(t.admin);
		const cookie = t.cookies['demo-sales-agent'];
		const big = {
			...customer('c-big', 'demo-sales-agent'),
			notes: 'x'.repeat(LIMITS.documentBytes)
		};
		const bulk = await db({
			method: 'POST',
			path: '/db/csp-demo-customers/_bulk_docs',
			body: { docs: [big] },
			cookie
		});
		expect(bulk.status).toBe(413);
		expect(bulk.json.reason).toContain(String(LIMITS.documentBytes));
		const put = await db({
			method: 'PUT',
			path: '/db/csp-demo-customers/c-big',
			body: big,
			cookie
		});
		expect(put.status).toBe(413);
		const many = Array.from({ length: 80 }, (_, i) => ({
			...customer(`c-many-${i}`, 'demo-sales-agent'),
			notes: 'x'.repeat(LIMITS.documentBytes - 2000)
		}));
		const huge = await db({
			method: 'POST',
			path: '/db/csp-demo-customers/_bulk_docs',
			body: { docs: many },
			cookie
		});
		expect(huge.status).toBe(413);
		const fifty = await db({
			method: 'PUT',
			path: '/db/csp-demo-customers/c-fifty',
			body: { ...customer('c-fifty', 'demo-sales-agent'), notes: 'x'.repeat(50 * 1024 * 1024) },
			cookie
		}).catch((error) => ({
			status:
				/** @type {Error} */ (error).message.includes('EPIPE') || /reset/i.test(error.message)
					? 413
					: 0
		}));
		expect(fifty.status).toBe(413);
		expect(await snapshot(t.admin)).toEqual(before);
		await expectAlive();
	}, 30_000);
});

describe('7. temporary files of form uploads', () => {
	it('leaves no file in the temporary folder: multipart is refused before it is read', async () => {
		const boundary = 'tmp-boundary';
		const body = [
			`--${boundary}`,
			'Content-Disposition: form-data; name="_attachments"; filename="big.bin"',
			'Content-Type: application/octet-stream',
			'',
			'x'.repeat(100_000),
			`--${boundary}--`,
			''
		].join('\r\n');
		const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
		const cookie = t.cookies['demo-sales-agent'];
		expect(
			(await db({ method: 'PUT', path: '/db/csp-demo-customers/c-tmp', headers, body, cookie }))
				.status
		).toBe(415);
		// Apache CouchDB refuses them with 400 (no such document to attach to), not 415.
		expect(
			(await direct({ method: 'POST', path: '/csp-demo-customers/c-tmp', headers, body, cookie }))
				.status
		).toBe(onCouchDB ? 400 : 415);
		expect(
			(await direct({ method: 'PUT', path: '/csp-demo-customers/c-tmp', headers, body, cookie }))
				.status
		).toBe(onCouchDB ? 400 : 415);
		expect(await readdir(tmpDir)).toEqual([]);
		await expectAlive();
	});
});

describe('8. sign-out ends the session', () => {
	it('refuses the old cookie afterwards and sends no renewal cookie', async () => {
		const user = t.usersOf('demo-reseller')[0];
		const cookie = await signIn(t.origin, user.name, user.password);
		const fresh = await db({ path: '/db/_session', cookie });
		expect(fresh.json.userCtx.name).toBe(user.name);
		// A fresh session is not renewed on every reply.
		expect(fresh.headers['set-cookie']).toBeUndefined();
		const out = await db({ method: 'DELETE', path: '/db/_session', cookie });
		expect(out.status).toBe(200);
		expect(String(out.headers['set-cookie'])).toMatch(/AuthSession=;/);
		const after = await db({ path: '/db/_session', cookie });
		expect(after.status).toBe(200);
		expect(after.json.userCtx.name).toBeNull();
		expect(String(after.headers['set-cookie'])).toMatch(/AuthSession=; Path=\/; Max-Age=0/);
		const data = await db({ path: '/db/csp-demo-reseller-customers/_changes', cookie });
		expect(data.status).toBe(401);
		// Another session of the same user goes on.
		expect(
			(await db({ path: '/db/_session', cookie: t.cookies[user.name] })).json.userCtx.name
		).toBe(user.name);
		await expectAlive();
	});

	it('keeps a renewed cookie of a signed-out session refused too', async () => {
		const user = t.usersOf('demo-reseller')[1];
		const session = await startTestAppLike();
		try {
			const cookie = await signIn(session.origin, user.name, user.password);
			// With a 10-second session, renewal comes after a tenth of it: the next reply renews.
			await new Promise((r) => setTimeout(r, 1600));
			const renewed = await send(session.origin, { path: '/db/_session', cookie });
			const next = String(renewed.headers['set-cookie']?.[0] ?? '').split(';')[0];
			expect(next).toMatch(/^AuthSession=.+/);
			expect(next).not.toBe(cookie);
			expect(
				(await send(session.origin, { method: 'DELETE', path: '/db/_session', cookie })).status
			).toBe(200);
			const old = await send(session.origin, { path: '/db/_session', cookie: next });
			expect(old.json.userCtx.name).toBeNull();
		} finally {
			await session.close();
		}
	}, 60_000);
});

describe('8. cookies over https', () => {
	it('are Secure when the app is served over TLS, with Strict-Transport-Security', async () => {
		const { mkdtemp, rm, writeFile, readFile } = await import('node:fs/promises');
		const os = await import('node:os');
		const dir = await mkdtemp(join(os.tmpdir(), 'csp-security-tls-'));
		const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
		// A self-signed certificate for 127.0.0.1 (Debian's openssl).
		execFileSync(
			'openssl',
			[
				...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
				...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
				...['-keyout', key, '-out', cert]
			],
			{ stdio: 'ignore' }
		);
		await mkdir(join(dir, 'build'));
		await writeFile(join(dir, 'build', 'index.html'), '<!doctype html><title>CSP Field</title>');
		const tls = { cert: await readFile(cert), key: await readFile(key) };
		const app = await startApp({
			port: 0,
			couchPort: 0,
			dataDir: join(dir, 'pouchdb'),
			root: join(dir, 'build'),
			tls
		});
		try {
			const origin = app.appUrl.replace(/\/$/, '');
			expect(origin).toMatch(/^https:/);
			const user = app.users[0];
			const signedIn = await send(origin, {
				method: 'POST',
				path: '/db/_session',
				body: { name: user.name, password: user.password },
				ca: tls.cert
			});
			expect(signedIn.status).toBe(200);
			expect(String(signedIn.headers['set-cookie'])).toMatch(/^AuthSession=[^;]+;.*; Secure/);
			expect(signedIn.headers['strict-transport-security']).toBe('max-age=31536000');
			const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
			const out = await send(origin, {
				method: 'DELETE',
				path: '/db/_session',
				cookie,
				ca: tls.cert
			});
			expect(String(out.headers['set-cookie'])).toMatch(/; Secure/);
			const page = await send(origin, { path: '/', ca: tls.cert });
			expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
		} finally {
			await app.close();
			await rm(dir, { recursive: true, force: true });
		}
	}, 60_000);

	it('trusts X-Forwarded-Proto and X-Forwarded-For only behind a proxy it was told to trust', async () => {
		const user = t.usersOf('demo')[0];
		const claimHttps = { 'x-forwarded-proto': 'https' };
		const direct = await send(t.origin, {
			method: 'POST',
			path: '/db/_session',
			headers: claimHttps,
			body: { name: user.name, password: user.password }
		});
		expect(direct.status).toBe(200);
		expect(String(direct.headers['set-cookie'])).not.toMatch(/Secure/);

		// On Apache CouchDB, in front of the same CouchDB as `t`, which it must not empty.
		const behindProxy = await startTestApp({
			keep: true,
			gateway: { trustProxy: true, signIn: { perAddress: 3, perUser: 100 } }
		});
		try {
			const proxied = await send(behindProxy.origin, {
				method: 'POST',
				path: '/db/_session',
				headers: { ...claimHttps, 'x-forwarded-for': '198.51.100.7' },
				body: { name: user.name, password: user.password }
			});
			expect(String(proxied.headers['set-cookie'])).toMatch(/; Secure/);
			// Throttling counts the address the proxy saw (the last one), not what the client claims.
			/** @param {string} forwardedFor @param {number} attempt */
			const wrong = (forwardedFor, attempt) =>
				send(behindProxy.origin, {
					method: 'POST',
					path: '/db/_session',
					headers: { 'x-forwarded-for': forwardedFor },
					body: { name: `nobody-${attempt}`, password: 'wrong' }
				});
			for (let attempt = 0; attempt < 3; attempt++) {
				expect((await wrong(`10.0.0.${attempt}, 203.0.113.9`, attempt)).status).toBe(401);
			}
			expect((await wrong('10.0.0.99, 203.0.113.9', 3)).status).toBe(429);
			expect((await wrong('203.0.113.10', 4)).status).toBe(401);
		} finally {
			await behindProxy.close();
		}
	}, 60_000);
});

describe('8. an ended session after a restart', () => {
	it('stays ended when the server starts again on the same data', async () => {
		const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
		const os = await import('node:os');
		const dir = await mkdtemp(join(os.tmpdir(), 'csp-security-restart-'));
		await mkdir(join(dir, 'build'));
		await writeFile(join(dir, 'build', 'index.html'), '<!doctype html><title>CSP Field</title>');
		const options = {
			port: 0,
			couchPort: 0,
			dataDir: join(dir, 'pouchdb'),
			root: join(dir, 'build')
		};
		try {
			const first = await startApp(options);
			const origin = first.appUrl.replace(/\/$/, '');
			const cookie = await signIn(origin, 'demo-sales-agent', 'sales-agent-demo');
			expect((await send(origin, { method: 'DELETE', path: '/db/_session', cookie })).status).toBe(
				200
			);
			await first.close();
			const second = await startApp(options);
			try {
				const again = second.appUrl.replace(/\/$/, '');
				const old = await send(again, { path: '/db/_session', cookie });
				expect(old.json.userCtx.name).toBeNull();
				expect((await send(again, { path: '/db/csp-demo-customers/', cookie })).status).toBe(401);
				const fresh = await signIn(again, 'demo-sales-agent', 'sales-agent-demo');
				expect((await send(again, { path: '/db/_session', cookie: fresh })).json.userCtx.name).toBe(
					'demo-sales-agent'
				);
			} finally {
				await second.close();
			}
		} finally {
			await rm(dir, { recursive: true, force: true, maxRetries: 3 });
		}
	}, 60_000);
});

/** A second app with 10-second sessions (finding 8's renewal). */
async function startTestAppLike() {
	const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
	const os = await import('node:os');
	const dir = await mkdtemp(join(os.tmpdir(), 'csp-security-renew-'));
	await mkdir(join(dir, 'build'));
	await writeFile(join(dir, 'build', 'index.html'), '<!doctype html><title>CSP Field</title>');
	const app = await startApp({
		port: 0,
		couchPort: 0,
		dataDir: join(dir, 'pouchdb'),
		root: join(dir, 'build'),
		sessionTimeout: 10
	});
	return {
		origin: app.appUrl.replace(/\/$/, ''),
		async close() {
			await app.close();
			await rm(dir, { recursive: true, force: true, maxRetries: 3 });
		}
	};
}

describe('9. guessing passwords', () => {
	it('throttles wrong passwords per user with 429 and Retry-After, the right one included', async () => {
		const user = t.usersOf('demo-reseller')[3];
		const from = '127.0.0.3';
		for (let i = 0; i < 5; i += 1) {
			const wrong = await db({
				method: 'POST',
				path: '/db/_session',
				body: { name: user.name, password: `wrong-${i}` },
				localAddress: from
			});
			expect(wrong.status).toBe(401);
		}
		const blocked = await db({
			method: 'POST',
			path: '/db/_session',
			body: { name: user.name, password: user.password },
			localAddress: from
		});
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
		expect(blocked.json.reason).toMatch(/try again in \d+ seconds/);
		// From another address too: the user is throttled, not the address.
		const elsewhere = await db({
			method: 'POST',
			path: '/db/_session',
			body: { name: user.name, password: 'x' },
			localAddress: '127.0.0.5'
		});
		expect(elsewhere.status).toBe(429);
		await expectAlive();
	});

	it('throttles one address that tries many names', async () => {
		const from = '127.0.0.4';
		const statuses = [];
		for (let i = 0; i < 32; i += 1) {
			const reply = await db({
				method: 'POST',
				path: '/db/_session',
				body: { name: `nobody-${i}`, password: 'x' },
				localAddress: from
			});
			statuses.push(reply.status);
		}
		expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
		expect(statuses.slice(30)).toEqual([429, 429]);
		// Basic authentication (an unthrottled password try per request) is refused.
		const basic = await db({
			path: '/db/csp-demo-customers/_changes',
			headers: {
				authorization: `Basic ${Buffer.from('demo-sales-agent:sales-agent-demo').toString('base64')}`
			},
			localAddress: '127.0.0.6'
		});
		expect(basic.status).toBe(401);
		await expectAlive();
	});

	it('hashes passwords with at least 600000 PBKDF2 iterations, and upgrades an old hash at sign-in', async () => {
		const users = await t.admin.request('GET', '_users/_all_docs?include_docs=true');
		const docs = users.body.rows
			.map((/** @type {any} */ row) => row.doc)
			.filter((/** @type {any} */ doc) => doc.type === 'user');
		expect(docs.length).toBeGreaterThan(0);
		for (const doc of docs) expect(doc.iterations).toBeGreaterThanOrEqual(600_000);
		const user = t.usersOf('demo-other')[0];
		const path = `_users/${encodeURIComponent(`org.couchdb.user:${user.name}`)}`;
		const doc = (await t.admin.request('GET', path)).body;
		const salt = randomBytes(16).toString('hex');
		// Apache CouchDB 3.5 hashes with SHA-256 and says so in `pbkdf2_prf`; without that field a
		// hash is SHA-1 (the embedded endpoint's, and CouchDB's before 3.5).
		const old = {
			...doc,
			salt,
			iterations: 10,
			derived_key: pbkdf2Sync(user.password, salt, 10, 20, 'sha1').toString('hex'),
			pbkdf2_prf: undefined
		};
		expect((await t.admin.request('PUT', path, old)).status).toBe(201);
		let cookie = await signIn(t.origin, user.name, user.password);
		await expect
			.poll(
				async () => {
					const { iterations } = (await t.admin.request('GET', path)).body;
					// CouchDB's auth cache can still hold the earlier hash at the first sign-in after
					// the write (it follows _users a moment later, on a cluster or a busy node): sign
					// in again.
					if (iterations < 600_000 && onCouchDB) {
						cookie = await signIn(t.origin, user.name, user.password);
					}
					return iterations;
				},
				{ timeout: 10_000, interval: 500 }
			)
			.toBeGreaterThanOrEqual(600_000);
		expect((await db({ path: '/db/_session', cookie })).json.userCtx.name).toBe(user.name);
		t.cookies[user.name] = cookie;
		await expectAlive();
	});
});

describe('10. what error replies give away', () => {
	it('shows no stack traces, paths or internal addresses; no Location; no open redirect; no database existence', async () => {
		const cookie = t.cookies['demo-global-admin'];
		const replies = [
			await db({
				method: 'POST',
				path: '/db/csp-demo-customers/_bulk_docs',
				headers: { 'content-type': 'application/json' },
				body: '{"docs": [',
				cookie
			}),
			await db({ path: '/db/csp-demo-customers/no-such-doc', cookie }),
			await db({ path: '/db/csp-demo-customers/no-such-doc?rev=1-abc', cookie }),
			await db({
				method: 'PUT',
				path: '/db/csp-demo-customers/c-conflict',
				body: { ...customer('c-conflict', 'demo-global-admin'), _rev: '1-abc' },
				cookie
			}),
			await db({ path: '/db/%E0%A4%A', cookie }),
			await db({ method: 'PROPFIND', path: '/db/csp-demo-customers/', cookie }),
			await db({ method: 'PUT', path: '/db/_session' }),
			await direct({ method: 'PUT', path: '/_session' })
		];
		for (const reply of replies) {
			expect(reply.status).toBeGreaterThanOrEqual(400);
			expect(reply.status).toBeLessThan(500);
			expect(typeof reply.json.reason).toBe('string');
			expect(reply.text).not.toMatch(/\n\s+at |node_modules|\/work\/|\/tmp\//);
			expect(reply.text).not.toContain(new URL(t.app.couchUrl).host);
			expect(reply.text).not.toContain(t.dataDir);
		}
		const created = await db({
			method: 'PUT',
			path: '/db/csp-demo-customers/c-location',
			body: customer('c-location', 'demo-global-admin'),
			cookie
		});
		expect(created.status).toBe(201);
		expect(created.headers.location).toBeUndefined();
		expect(created.headers.server).toBeUndefined();
		const redirect = await db({
			method: 'POST',
			path: '/db/_session?next=https://evil.example/',
			body: { name: 'demo-global-admin', password: 'global-admin-demo' }
		});
		expect(redirect.status).toBe(400);
		expect(redirect.headers.location).toBeUndefined();
		// Signed out: the same 401 whether the database exists or not.
		const existing = await db({ path: '/db/csp-demo-customers/' });
		const missing = await db({ path: '/db/csp-no-such-org-customers/' });
		expect(existing.status).toBe(401);
		expect(missing.status).toBe(401);
		expect(missing.text).toBe(existing.text);
		// Signed in: the same 403 for another organisation's database and for none.
		const other = await db({ path: '/db/csp-demo-reseller-customers/', cookie });
		const none = await db({ path: '/db/csp-no-such-org-customers/', cookie });
		expect(other.status).toBe(403);
		expect(none.status).toBe(403);
		expect(none.text).toBe(other.text);
		await expectAlive();
	});
});

describe('11. _local documents with any body', () => {
	it('keeps only bounded replication checkpoints, for the own organisation', async () => {
		const before = await snapshot(t.admin);
		for (const { who, cookie, own } of attackers()) {
			const junk = await db({
				method: 'PUT',
				path: '/db/csp-demo-customers/_local/checkpoint-x',
				body: { payload: '<script>' },
				cookie
			});
			expect(junk.status, who).toBe(own ? 400 : refusedStatus(cookie));
			const large = await db({
				method: 'PUT',
				path: '/db/csp-demo-customers/_local/checkpoint-x',
				body: {
					session_id: 'x'.repeat(300),
					history: [],
					replicator: 'y'.repeat(LIMITS.checkpointBytes)
				},
				cookie
			});
			expect(large.status, who).toBe(own ? 413 : refusedStatus(cookie));
			for (const id of ['_security', '_design', '_x']) {
				const reserved = await db({
					method: 'PUT',
					path: `/db/csp-demo-customers/_local/${id}`,
					body: { last_seq: 1 },
					cookie
				});
				expect(reserved.status, `${who} ${id}`).toBe(refusedStatus(cookie));
			}
		}
		expect(await snapshot(t.admin)).toEqual(before);
		const cookie = t.cookies['demo-admin-agent'];
		const checkpoint = {
			session_id: 'session-1',
			source_last_seq: 12,
			replicator: 'pouchdb',
			version: 1,
			history: [{ session_id: 'session-1', last_seq: 12 }]
		};
		const saved = await db({
			method: 'PUT',
			path: '/db/csp-demo-customers/_local/checkpoint-ok',
			body: checkpoint,
			cookie
		});
		expect(saved.status).toBe(201);
		const read = await db({ path: '/db/csp-demo-customers/_local/checkpoint-ok', cookie });
		expect(read.json).toMatchObject(checkpoint);
		await expectAlive();
	});
});

describe('12. security headers', () => {
	it('sends JSON with no-store and nosniff on /db/, and CSP, frame-ancestors and Referrer-Policy on pages', async () => {
		for (const reply of [
			await db({ path: '/db/_session' }),
			await db({ path: '/db/csp-demo-customers/' }),
			await db({ path: '/db/csp-demo-customers/', cookie: t.cookies['demo-sales-agent'] })
		]) {
			expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
			expect(reply.headers['cache-control']).toBe('no-store');
			expect(reply.headers['x-content-type-options']).toBe('nosniff');
			expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
		}
		for (const path of ['/', '/customers']) {
			const page = await send(t.origin, { path, headers: { accept: 'text/html' } });
			expect(page.status).toBe(200);
			expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
			expect(page.headers['x-frame-options']).toBe('DENY');
			expect(page.headers['referrer-policy']).toBe('no-referrer');
			expect(page.headers['x-content-type-options']).toBe('nosniff');
		}
		// The page's own policy (a <meta> with hashes, written by SvelteKit at build time).
		const csp = /** @type {any} */ (svelteConfig).kit.csp;
		expect(csp.mode).toBe('hash');
		expect(csp.directives['connect-src']).toEqual(['self']);
		expect(csp.directives['script-src']).toEqual(['self']);
		expect(csp.directives['object-src']).toEqual(['none']);
		expect(JSON.stringify(csp.directives)).not.toContain('unsafe-eval');
	});
});

describe('13. data files', () => {
	it('are readable by the server user only', async ({ skip }) => {
		skip(onCouchDB, `Skipped on Apache CouchDB: ${EMBEDDED_ONLY}`);
		/** @param {string} dir @returns {Promise<string[]>} */
		const walk = async (dir) => {
			const found = [dir];
			for (const entry of await readdir(dir, { withFileTypes: true })) {
				const path = join(dir, entry.name);
				if (entry.isDirectory()) found.push(...(await walk(path)));
				else found.push(path);
			}
			return found;
		};
		const paths = await walk(t.dataDir);
		expect(paths.some((path) => path.endsWith('config.json'))).toBe(true);
		expect(paths.some((path) => path.endsWith('admin.json'))).toBe(true);
		for (const path of paths) {
			const mode = (await stat(path)).mode & 0o777;
			expect(mode & 0o077, `${path} ${mode.toString(8)}`).toBe(0);
		}
	});
});

describe('the supervised endpoint', () => {
	it('comes back by itself after it is killed; the gateway answers 503 meanwhile and nothing is lost', async ({
		skip
	}) => {
		skip(onCouchDB, `Skipped on Apache CouchDB: ${EMBEDDED_ONLY}`);
		const cookie = t.cookies['demo-global-admin'];
		const saved = await db({
			method: 'POST',
			path: '/db/csp-demo-customers/_bulk_docs',
			body: { docs: [customer('c-before-kill', 'demo-global-admin')] },
			cookie
		});
		expect(saved.status).toBe(201);
		expect(saved.json[0].ok).toBe(true);
		const endpoint = /** @type {import('./endpoint.js').Endpoint} */ (t.app.endpoint);
		const pid = /** @type {number} */ (endpoint.pid);
		process.kill(pid, 'SIGKILL');
		await new Promise((resolveWait) => setTimeout(resolveWait, 100));
		const meanwhile = await db({
			path: '/db/csp-demo-customers/',
			cookie: t.cookies['demo-sales-agent']
		});
		expect([200, 503]).toContain(meanwhile.status);
		if (meanwhile.status === 503) {
			expect(meanwhile.json.error).toBe('unavailable');
			expect(meanwhile.headers['retry-after']).toBe('5');
		}
		await expect
			.poll(async () => (await direct({ path: '/' }).catch(() => ({ status: 0 }))).status, {
				timeout: 15_000,
				interval: 250
			})
			.toBe(200);
		expect(endpoint.pid).not.toBe(pid);
		const read = await db({ path: '/db/csp-demo-customers/c-before-kill', cookie });
		expect(read.status).toBe(200);
		const pushed = await db({
			method: 'POST',
			path: '/db/csp-demo-customers/_bulk_docs',
			body: { docs: [customer('c-after-kill', 'demo-global-admin')] },
			cookie
		});
		expect(pushed.status).toBe(201);
		expect(pushed.json[0].ok).toBe(true);
		await expectAlive();
	}, 30_000);
});

describe('15. rules that need other documents', () => {
	it('refuses a second customer with a domain prefix, partner with an MPN ID, open partnership request, open invitation and GDAP name; the other rows are stored and replication goes on', async () => {
		const at = '2026-11-21T10:00:00.000Z';
		/** @param {string} by */
		const meta = (by) => ({
			createdAt: at,
			createdBy: by,
			updatedAt: at,
			updatedBy: by,
			deviceId: 'device-test'
		});
		/** Pushes `docs` as `by` and returns the rows by id. @param {string} collection @param {string} by @param {any[]} docs */
		const push = async (collection, by, docs) => {
			const reply = await db({
				method: 'POST',
				path: `/db/${collection}/_bulk_docs`,
				body: { docs },
				cookie: t.cookies[by]
			});
			expect(reply.status).toBe(201);
			expect(reply.json).toHaveLength(docs.length);
			expect(reply.json.map((/** @type {any} */ row) => row.id)).toEqual(
				docs.map((doc) => doc._id)
			);
			return new Map(reply.json.map((/** @type {any} */ row) => [row.id, row]));
		};
		/** @param {any} row @param {string} code */
		const expectRefused = (row, code) => {
			expect(row.error).toBe('forbidden');
			expect(row.reason).toMatch(new RegExp(`^\\[csp:${code}\\] `));
		};
		/** @param {string} path */
		const stored = async (path) => (await t.admin.request('GET', path)).status;

		// Customers: the first with a prefix is stored, a later one (another case too) refused, in
		// the same push as one that is allowed; and by a document PUT.
		const sales = 'demo-sales-agent';
		const first = await push('csp-demo-customers', sales, [customer('c-unique-first', sales)]);
		expect(first.get('c-unique-first')).toMatchObject({ ok: true });
		const twin = {
			...customer('c-unique-twin', sales),
			domainPrefix: 'cuniquefirst',
			adminUserName: 'admin@cuniquefirst.onmicrosoft.com'
		};
		const rows = await push('csp-demo-customers', sales, [
			twin,
			customer('c-unique-other', sales),
			{ ...customer('c-unique-third', sales), domainPrefix: 'cuniqueother' }
		]);
		expectRefused(rows.get('c-unique-twin'), 'domain-prefix-taken');
		expect(rows.get('c-unique-twin').reason).toBe(
			'[csp:domain-prefix-taken] cuniquefirst.onmicrosoft.com is already taken. Choose another domain prefix.'
		);
		expect(rows.get('c-unique-other')).toMatchObject({ ok: true });
		expectRefused(rows.get('c-unique-third'), 'domain-prefix-taken');
		const put = await db({
			method: 'PUT',
			path: '/db/csp-demo-customers/c-unique-twin',
			body: twin,
			cookie: t.cookies[sales]
		});
		expect(put.status).toBe(403);
		expect(put.json).toEqual({
			error: 'forbidden',
			reason: rows.get('c-unique-twin').reason
		});
		// An edit of the first one keeps its own prefix.
		const edited = await db({
			method: 'PUT',
			path: '/db/csp-demo-customers/c-unique-first',
			body: {
				...customer('c-unique-first', sales),
				_rev: first.get('c-unique-first').rev,
				companyName: 'Customer renamed'
			},
			cookie: t.cookies[sales]
		});
		expect(edited.status).toBe(201);

		// Partners: a second reseller with an MPN ID.
		/** @param {string} id @param {string} mpnId */
		const reseller = (id, mpnId) => ({
			_id: id,
			name: `Reseller ${id}`,
			nameLower: `reseller ${id}`,
			mpnId,
			kind: 'indirect-reseller',
			isOwnOrganisation: false,
			country: 'HU',
			email: `partners@${id}.example`,
			mpaSigned: false,
			...meta(sales)
		});
		const partners = await push('csp-demo-partners', sales, [
			reseller('r-unique-1', '7100001'),
			reseller('r-unique-2', '7100001'),
			reseller('r-unique-3', '7100003')
		]);
		expect(partners.get('r-unique-1')).toMatchObject({ ok: true });
		expectRefused(partners.get('r-unique-2'), 'mpn-id-taken');
		expect(partners.get('r-unique-3')).toMatchObject({ ok: true });

		// Partnerships: a second request to a reseller while one waits.
		const link = 'https://example.test/accept?token=token-token-token-token';
		/** @param {string} id @param {string} resellerId */
		const partnership = (id, resellerId) => ({
			_id: id,
			providerId: 'provider',
			resellerId,
			status: 'requested',
			requestedBy: sales,
			requestedAt: at,
			invitationToken: 'token-token-token-token',
			invitationLink: link,
			emailDraft: `Please accept: ${link}`,
			...meta(sales)
		});
		const partnerships = await push('csp-demo-partnerships', sales, [
			partnership('p-unique-1', 'r-unique-1'),
			partnership('p-unique-2', 'r-unique-1'),
			partnership('p-unique-3', 'r-unique-3')
		]);
		expect(partnerships.get('p-unique-1')).toMatchObject({ ok: true });
		expectRefused(partnerships.get('p-unique-2'), 'partnership-open');
		expect(partnerships.get('p-unique-3')).toMatchObject({ ok: true });

		// GDAP relationships: a name taken (any case).
		const agent = 'demo-admin-agent';
		/** @param {string} id @param {string} name */
		const gdap = (id, name) => ({
			_id: id,
			customerId: 'c-unique-first',
			displayName: name,
			displayNameLower: name.toLowerCase(),
			durationDays: 730,
			roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
			autoExtend: false,
			status: 'approval-pending',
			requestedAt: at,
			requestedBy: agent,
			...meta(agent)
		});
		const relationships = await push('csp-demo-gdap', agent, [
			gdap('g-unique-1', 'Helpdesk unique'),
			gdap('g-unique-2', 'HELPDESK UNIQUE')
		]);
		expect(relationships.get('g-unique-1')).toMatchObject({ ok: true });
		expectRefused(relationships.get('g-unique-2'), 'gdap-name-taken');

		// Invitations (the reseller organisation): a second one to a customer while one is open.
		const by = 'reseller-admin-agent';
		const sentAt = new Date(Date.now() - 86_400_000).toISOString();
		const invitationLink =
			'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x&msppId=0&DAP=true#/BillingAccounts/partner-invitation';
		/** @param {string} id */
		const invitation = (id) => ({
			_id: id,
			kind: 'reseller-relationship',
			resellerId: 'org-demo-reseller',
			providerId: '',
			customerId: 'customer-unique',
			companyName: 'Kovács Kft.',
			contactName: 'Anna Kovács',
			email: 'anna@kovacs.hu',
			country: 'HU',
			cloud: 'public',
			delegatedAdminPrivileges: true,
			link: invitationLink,
			emailDraft: `Please accept: ${invitationLink}`,
			status: 'sent',
			sentAt,
			sentBy: by,
			...meta(by),
			updatedAt: sentAt,
			createdAt: sentAt
		});
		const invitations = await push('csp-demo-reseller-invitations', by, [
			invitation('inv-unique-1'),
			invitation('inv-unique-2')
		]);
		expect(invitations.get('inv-unique-1')).toMatchObject({ ok: true });
		expectRefused(invitations.get('inv-unique-2'), 'invitation-open');
		expect(invitations.get('inv-unique-2').reason).toBe(
			'[csp:invitation-open] An invitation to Kovács Kft. is still open. Send the same link again, or withdraw it before you send a new one.'
		);
		// Every row refused: nothing reaches the endpoint, the answer is the same.
		const alone = await push('csp-demo-reseller-invitations', by, [invitation('inv-unique-3')]);
		expectRefused(alone.get('inv-unique-3'), 'invitation-open');

		// Nothing refused was stored; what was allowed was.
		for (const path of [
			'csp-demo-customers/c-unique-twin',
			'csp-demo-customers/c-unique-third',
			'csp-demo-partners/r-unique-2',
			'csp-demo-partnerships/p-unique-2',
			'csp-demo-gdap/g-unique-2',
			'csp-demo-reseller-invitations/inv-unique-2',
			'csp-demo-reseller-invitations/inv-unique-3'
		]) {
			expect(await stored(path), path).toBe(404);
		}
		for (const path of [
			'csp-demo-customers/c-unique-other',
			'csp-demo-partners/r-unique-3',
			'csp-demo-partnerships/p-unique-3',
			'csp-demo-reseller-invitations/inv-unique-1'
		]) {
			expect(await stored(path), path).toBe(200);
		}
		// Replication goes on: the stored rows are in the feed.
		const changes = await db({
			path: '/db/csp-demo-customers/_changes?include_docs=true',
			cookie: t.cookies[sales]
		});
		expect(changes.status).toBe(200);
		const ids = changes.json.results.map((/** @type {any} */ row) => row.id);
		expect(ids).toContain('c-unique-other');
		expect(ids).not.toContain('c-unique-twin');
		await expectAlive();
	});

	it('refuses two devices racing for one domain prefix: exactly one is stored', async () => {
		const sales = 'demo-sales-agent';
		const racers = ['c-race-a', 'c-race-b', 'c-race-c', 'c-race-d'].map((id) => ({
			...customer(id, sales),
			domainPrefix: 'raceprefix',
			adminUserName: 'admin@raceprefix.onmicrosoft.com'
		}));
		const replies = await Promise.all(
			racers.map((doc) =>
				db({
					method: 'POST',
					path: '/db/csp-demo-customers/_bulk_docs',
					body: { docs: [doc] },
					cookie: t.cookies[sales]
				})
			)
		);
		const rows = replies.map((reply) => {
			expect(reply.status).toBe(201);
			return reply.json[0];
		});
		expect(rows.filter((row) => row.ok === true)).toHaveLength(1);
		expect(rows.filter((row) => row.error === 'forbidden')).toHaveLength(3);
		const storedCount = (
			await Promise.all(
				racers.map(
					async (doc) => (await t.admin.request('GET', `csp-demo-customers/${doc._id}`)).status
				)
			)
		).filter((status) => status === 200).length;
		expect(storedCount).toBe(1);
		await expectAlive();
	});

	it('refuses a customer without a phone or registration number where the country needs them, except one recorded from an invitation', async () => {
		const sales = 'demo-sales-agent';
		const base = customer('c-phone', sales);
		const rows = await db({
			method: 'POST',
			path: '/db/csp-demo-customers/_bulk_docs',
			body: {
				docs: [
					{ ...customer('c-phone-none', sales), contact: { ...base.contact, phone: '' } },
					{ ...customer('c-registration-none', sales), organisationRegistrationNumber: ' ' },
					{
						...customer('c-phone-de', sales),
						address: { ...base.address, country: 'DE', postalCode: '10115' },
						contact: { ...base.contact, phone: '' },
						organisationRegistrationNumber: ''
					},
					{
						...customer('c-phone-invited', sales),
						address: { ...base.address, line1: '', city: '', postalCode: '' },
						contact: { ...base.contact, phone: '' },
						organisationRegistrationNumber: ''
					}
				]
			},
			cookie: t.cookies[sales]
		});
		expect(rows.status).toBe(201);
		const byId = new Map(rows.json.map((/** @type {any} */ row) => [row.id, row]));
		expect(byId.get('c-phone-none')).toMatchObject({
			error: 'forbidden',
			reason: "[csp:phone-required] Enter the contact's phone number (required for HU)."
		});
		expect(byId.get('c-registration-none')).toMatchObject({
			error: 'forbidden',
			reason:
				'[csp:registration-required] Enter the organisation registration number (required for HU).'
		});
		expect(byId.get('c-phone-de')).toMatchObject({ ok: true });
		expect(byId.get('c-phone-invited')).toMatchObject({ ok: true });
		for (const id of ['c-phone-none', 'c-registration-none']) {
			expect((await t.admin.request('GET', `csp-demo-customers/${id}`)).status).toBe(404);
		}
		await expectAlive();
	});
});

describe('15. rules that need the partnerships database', () => {
	it('refuses a customer or subscription for a reseller the organisation has no partnership with, waits for one on its way, and keeps customers of a removed one', async () => {
		const by = 'demo-sales-agent';
		const cookie = t.cookies[by];
		/** @param {any[]} docs @param {string} collection */
		const push = async (docs, collection = 'customers') => {
			const reply = await db({
				method: 'POST',
				path: `/db/csp-demo-${collection}/_bulk_docs`,
				body: { docs },
				cookie
			});
			expect(reply.status).toBe(201);
			expect(reply.json.map((/** @type {any} */ row) => row.id)).toEqual(docs.map((d) => d._id));
			return new Map(reply.json.map((/** @type {any} */ row) => [row.id, row]));
		};
		/** @param {string} db @param {string} id */
		const stored = async (db, id) => (await t.admin.request('GET', `${db}/${id}`)).status;

		// A reseller the organisation never partnered with (a crafted write): refused after the
		// wait; the other row of the batch is stored.
		const started = Date.now();
		const rows = await push([
			{ ...customer('c-rel-stranger', by), resellerId: 'stranger-reseller' },
			customer('c-rel-fine', by)
		]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
		expect(rows.get('c-rel-stranger')).toMatchObject({ error: 'forbidden' });
		expect(rows.get('c-rel-stranger').reason).toBe(
			'[csp:partnership-not-active] Customers can be added for this reseller only while the partnership is active.'
		);
		expect(rows.get('c-rel-fine')).toMatchObject({ ok: true });
		expect(await stored('csp-demo-customers', 'c-rel-stranger')).toBe(404);
		const put = await db({
			method: 'PUT',
			path: '/db/csp-demo-customers/c-rel-stranger',
			body: { ...customer('c-rel-stranger', by), resellerId: 'stranger-reseller' },
			cookie
		});
		expect(put.status).toBe(403);
		expect(put.json.reason).toMatch(/^\[csp:partnership-not-active\] /);

		// A subscription credited to that reseller, or with it as its support contact.
		/** @param {string} id @param {Record<string, unknown>} fields */
		const subscription = (id, fields) =>
			subscriptionDoc(id, by, { customerId: 'c-rel-fine', resellerId: 'reseller-1', ...fields });
		const subscriptions = await push(
			[
				subscription('s-rel-fine', {}),
				subscription('s-rel-stranger', { resellerId: 'stranger-reseller' }),
				subscription('s-rel-contact', { resellerId: '', supportContactId: 'stranger-reseller' })
			],
			'subscriptions'
		);
		expect(subscriptions.get('s-rel-fine')).toMatchObject({ ok: true });
		expect(subscriptions.get('s-rel-stranger').reason).toMatch(
			/^\[csp:subscription-reseller-not-active\] /
		);
		expect(subscriptions.get('s-rel-contact').reason).toMatch(
			/^\[csp:support-contact-not-active\] /
		);

		// The partnership arrives while the customer waits (Record acceptance pushed second).
		const waiting = push([{ ...customer('c-rel-companion', by), resellerId: 'reseller-late' }]);
		await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
		await addActivePartnership(t, 'reseller-late');
		expect((await waiting).get('c-rel-companion')).toMatchObject({ ok: true });

		// Removed after it was active: a customer added offline before the device knew is kept.
		const partnership = await t.admin.request('GET', 'csp-demo-partnerships/active-reseller-late');
		const removed = await t.admin.request('PUT', 'csp-demo-partnerships/active-reseller-late', {
			...partnership.body,
			status: 'removed',
			removedAt: '2026-11-22T10:00:00.000Z',
			removedBy: 'demo-global-admin',
			removalAttested: true,
			updatedAt: '2026-11-22T10:00:00.000Z',
			updatedBy: 'demo-global-admin'
		});
		expect(removed.status).toBe(201);
		const offline = await push([{ ...customer('c-rel-offline', by), resellerId: 'reseller-late' }]);
		expect(offline.get('c-rel-offline')).toMatchObject({ ok: true });
		await expectAlive();
	}, 60_000);
});

describe('15. integrity rules on the server too', () => {
	it('refuses an invitation of a US Government customer without delegated admin privileges', async () => {
		const by = 'reseller-admin-agent';
		const cookie = t.cookies[by];
		/** @param {string} id @param {Record<string, unknown>} fields */
		const invitation = (id, fields) => ({
			_id: id,
			kind: 'reseller-relationship',
			resellerId: 'org-demo-reseller',
			providerId: '',
			customerId: `customer-${id}`,
			companyName: 'Kovács Kft.',
			contactName: 'Anna Kovács',
			email: 'anna@kovacs.hu',
			country: 'HU',
			cloud: 'us-government',
			delegatedAdminPrivileges: true,
			link: 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x&msppId=0&DAP=true#/BillingAccounts/partner-invitation',
			emailDraft:
				'Please accept: https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x&msppId=0&DAP=true#/BillingAccounts/partner-invitation',
			status: 'sent',
			sentAt: '2026-11-21T10:00:00.000Z',
			sentBy: by,
			createdAt: '2026-11-21T10:00:00.000Z',
			createdBy: by,
			updatedAt: '2026-11-21T10:00:00.000Z',
			updatedBy: by,
			deviceId: 'device-test',
			...fields
		});
		const reply = await db({
			method: 'POST',
			path: '/db/csp-demo-reseller-invitations/_bulk_docs',
			body: {
				docs: [
					invitation('inv-us-gov-ok', {}),
					invitation('inv-us-gov-no-dap', { delegatedAdminPrivileges: false })
				]
			},
			cookie
		});
		expect(reply.status).toBe(201);
		const rows = new Map(reply.json.map((/** @type {any} */ row) => [row.id, row]));
		expect(rows.get('inv-us-gov-ok')).toMatchObject({ ok: true });
		expect(rows.get('inv-us-gov-no-dap').error).toBe('forbidden');
		expect(rows.get('inv-us-gov-no-dap').reason).toMatch(/^\[csp:us-government-dap\]/);
		const stored = await t.admin.request('GET', 'csp-demo-reseller-invitations/inv-us-gov-no-dap');
		expect(stored.status).toBe(404);
		await expectAlive();
	});
	it('refuses licence counts outside the offer, unknown offers, and a reseller change of a cancelled subscription', async () => {
		const by = 'demo-sales-agent';
		const cookie = t.cookies[by];
		/** @param {string} id @param {Record<string, unknown>} fields */
		const subscription = (id, fields) =>
			subscriptionDoc(id, by, { quantity: 300, resellerId: '', ...fields });
		const reply = await db({
			method: 'POST',
			path: '/db/csp-demo-subscriptions/_bulk_docs',
			body: {
				docs: [
					subscription('sub-crafted-ok', {}),
					subscription('sub-crafted-301', { quantity: 301 }),
					subscription('sub-crafted-azure', { offerId: 'azure-plan', quantity: 50 }),
					subscription('sub-crafted-offer', { offerId: 'free-licences' }),
					subscription('sub-crafted-cancelled', { status: 'cancelled' })
				]
			},
			cookie
		});
		expect(reply.status).toBe(201);
		const rows = new Map(reply.json.map((/** @type {any} */ row) => [row.id, row]));
		expect(rows.get('sub-crafted-ok')).toMatchObject({ ok: true });
		expect(rows.get('sub-crafted-cancelled')).toMatchObject({ ok: true });
		expect(rows.get('sub-crafted-301').reason).toBe(
			'[csp:quantity] Microsoft 365 Business Basic can have from 1 to 300 licences (not 301).'
		);
		expect(rows.get('sub-crafted-azure').reason).toMatch(/^\[csp:quantity\] Azure plan /);
		expect(rows.get('sub-crafted-offer').reason).toMatch(/^\[csp:offer\]/);
		for (const id of ['sub-crafted-301', 'sub-crafted-azure', 'sub-crafted-offer']) {
			expect(rows.get(id).error).toBe('forbidden');
			expect((await t.admin.request('GET', `csp-demo-subscriptions/${id}`)).status).toBe(404);
		}

		// A cancelled subscription keeps its reseller, whatever the author's roles.
		const cancelled = { ...subscription('sub-crafted-cancelled', { status: 'cancelled' }) };
		const changed = await db({
			method: 'PUT',
			path: '/db/csp-demo-subscriptions/sub-crafted-cancelled',
			body: {
				...cancelled,
				_rev: rows.get('sub-crafted-cancelled').rev,
				resellerId: 'demo-reseller-1',
				updatedAt: '2026-11-22T10:00:00.000Z',
				updatedBy: 'demo-global-admin'
			},
			cookie: t.cookies['demo-global-admin']
		});
		expect(changed.status).toBe(403);
		expect(changed.json.reason).toMatch(/^\[csp:subscription-cancelled\]/);
		const stored = await t.admin.request('GET', 'csp-demo-subscriptions/sub-crafted-cancelled');
		expect(stored.body.resellerId).toBe('');
		await expectAlive();
	});

	it('refuses GDAP relationships that auto-extend Global Administrator or last too long, and late invitation acceptances', async () => {
		const at = '2026-11-21T10:00:00.000Z';
		const agent = 'demo-admin-agent';
		/** @param {string} id @param {Record<string, unknown>} fields */
		const gdap = (id, fields) => ({
			_id: id,
			customerId: 'demo-customer-1',
			displayName: `Crafted ${id}`,
			displayNameLower: `crafted ${id}`,
			durationDays: 730,
			roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
			autoExtend: true,
			status: 'approval-pending',
			requestedAt: at,
			requestedBy: agent,
			createdAt: at,
			createdBy: agent,
			updatedAt: at,
			updatedBy: agent,
			deviceId: 'device-test',
			...fields
		});
		const reply = await db({
			method: 'POST',
			path: '/db/csp-demo-gdap/_bulk_docs',
			body: {
				docs: [
					gdap('gdap-crafted-ok', {}),
					gdap('gdap-crafted-global', {
						roleIds: ['62e90394-69f5-4237-9190-012177145e10']
					}),
					gdap('gdap-crafted-long', { durationDays: 3650 })
				]
			},
			cookie: t.cookies[agent]
		});
		expect(reply.status).toBe(201);
		const rows = new Map(reply.json.map((/** @type {any} */ row) => [row.id, row]));
		expect(rows.get('gdap-crafted-ok')).toMatchObject({ ok: true });
		expect(rows.get('gdap-crafted-global').reason).toMatch(
			/^\[csp:gdap-auto-extend-global-admin\] Auto-extend is not available when Global Administrator/
		);
		expect(rows.get('gdap-crafted-long').reason).toBe(
			'[csp:gdap-duration] The duration must be from 1 to 730 days (it is 3650).'
		);
		for (const id of ['gdap-crafted-global', 'gdap-crafted-long']) {
			expect((await t.admin.request('GET', `csp-demo-gdap/${id}`)).status).toBe(404);
		}

		// An invitation accepted 90 days or more after it was sent had expired.
		const by = 'reseller-admin-agent';
		const link =
			'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x&msppId=0&DAP=true#/BillingAccounts/partner-invitation';
		const sentAt = '2026-08-01T10:00:00.000Z';
		const sent = {
			_id: 'inv-crafted-late',
			kind: 'reseller-relationship',
			resellerId: 'org-demo-reseller',
			providerId: '',
			customerId: 'customer-late',
			companyName: 'Kovács Kft.',
			contactName: 'Anna Kovács',
			email: 'anna@kovacs.hu',
			country: 'HU',
			cloud: 'public',
			delegatedAdminPrivileges: true,
			link,
			emailDraft: `Please accept: ${link}`,
			status: 'sent',
			sentAt,
			sentBy: by,
			createdAt: sentAt,
			createdBy: by,
			updatedAt: sentAt,
			updatedBy: by,
			deviceId: 'device-test'
		};
		const put = await db({
			method: 'PUT',
			path: '/db/csp-demo-reseller-invitations/inv-crafted-late',
			body: sent,
			cookie: t.cookies[by]
		});
		expect(put.status).toBe(201);
		const late = await db({
			method: 'PUT',
			path: '/db/csp-demo-reseller-invitations/inv-crafted-late',
			body: {
				...sent,
				_rev: put.json.rev,
				status: 'accepted',
				acceptedAt: at,
				acceptedBy: { name: 'Anna Kovács', email: 'anna@kovacs.hu', isGlobalAdmin: true },
				mcaAccepted: true,
				acceptedRecordedBy: by,
				updatedAt: at
			},
			cookie: t.cookies[by]
		});
		expect(late.status).toBe(403);
		expect(late.json.reason).toBe(
			'[csp:invitation-expired] The invitation expired on 2026-10-30, 90 days after it was sent; it cannot be accepted on 2026-11-21.'
		);
		const stored = await t.admin.request('GET', 'csp-demo-reseller-invitations/inv-crafted-late');
		expect(stored.body.status).toBe('sent');
		await expectAlive();
	});

	it("refuses a reseller relationship request outside the organisation's country/region, which no member can change; replication goes on", async () => {
		const by = 'reseller-global-admin';
		const cookie = t.cookies[by];
		const link =
			'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x&msppId=0&DAP=true#/BillingAccounts/partner-invitation';
		/** @param {string} id @param {string} country */
		const invitation = (id, country) => ({
			_id: id,
			kind: 'reseller-relationship',
			resellerId: 'org-demo-reseller',
			providerId: '',
			customerId: `customer-${id}`,
			companyName: 'Wiener Kaffeehaus GmbH',
			contactName: 'Lukas Huber',
			email: 'lukas@kaffeehaus.example',
			country,
			cloud: 'public',
			delegatedAdminPrivileges: true,
			link,
			emailDraft: `Please accept: ${link}`,
			status: 'sent',
			sentAt: '2026-11-21T10:00:00.000Z',
			sentBy: by,
			createdAt: '2026-11-21T10:00:00.000Z',
			createdBy: by,
			updatedAt: '2026-11-21T10:00:00.000Z',
			updatedBy: by,
			deviceId: 'device-test'
		});
		const guarded = async () => {
			const stored = /** @type {any} */ (await snapshot(t.admin));
			return {
				members: stored['csp-demo-reseller-members'],
				designs: stored['csp-demo-reseller-invitations'].docs.filter((/** @type {any} */ doc) =>
					doc._id.startsWith('_design/')
				)
			};
		};
		const before = await guarded();

		// In one push with a request that is allowed: that one is stored, the other refused.
		const reply = await db({
			method: 'POST',
			path: '/db/csp-demo-reseller-invitations/_bulk_docs',
			body: {
				docs: [invitation('inv-country-hu', 'HU'), invitation('inv-country-at', 'AT')]
			},
			cookie
		});
		expect(reply.status).toBe(201);
		const rows = new Map(reply.json.map((/** @type {any} */ row) => [row.id, row]));
		expect(rows.get('inv-country-hu')).toMatchObject({ ok: true });
		expect(rows.get('inv-country-at')).toMatchObject({
			error: 'forbidden',
			reason:
				'[csp:reseller-relationship-country] You can request a reseller relationship only with customers in your own country/region (HU). Wiener Kaffeehaus GmbH is in "AT".'
		});
		const put = await db({
			method: 'PUT',
			path: '/db/csp-demo-reseller-invitations/inv-country-at',
			body: invitation('inv-country-at', 'AT'),
			cookie
		});
		expect(put.status).toBe(403);
		expect(put.json.reason).toMatch(/^\[csp:reseller-relationship-country\]/);
		expect(
			(await t.admin.request('GET', 'csp-demo-reseller-invitations/inv-country-at')).status
		).toBe(404);

		// The country/region lives in the organisation record and the design documents: a Global
		// admin can change neither, nor claim another one for the own partner record.
		const record = await t.admin.request('GET', 'csp-demo-reseller-members/organisation');
		expect(record.body.country).toBe('HU');
		const moved = await db({
			method: 'PUT',
			path: '/db/csp-demo-reseller-members/organisation',
			body: { ...record.body, country: 'AT' },
			cookie
		});
		expect(moved.status).toBeGreaterThanOrEqual(401);
		expect(moved.status).toBeLessThanOrEqual(405);
		const design = await db({
			method: 'PUT',
			path: '/db/csp-demo-reseller-invitations/_design/csp',
			body: { validate_doc_update: 'function () {}' },
			cookie
		});
		expect(design.status).toBe(403);
		const own = await db({
			method: 'PUT',
			path: '/db/csp-demo-reseller-partners/own-crafted',
			body: {
				name: 'Budapest Cloud Partners Kft.',
				nameLower: 'budapest cloud partners kft.',
				mpnId: '',
				kind: 'indirect-reseller',
				isOwnOrganisation: true,
				country: 'AT',
				email: '',
				mpaSigned: true,
				createdAt: '2026-11-21T10:00:00.000Z',
				createdBy: by,
				updatedAt: '2026-11-21T10:00:00.000Z',
				updatedBy: by,
				deviceId: 'device-test'
			},
			cookie
		});
		expect(own.status).toBe(403);
		expect(own.json.reason).toMatch(/^\[csp:organisation-country\]/);
		expect(await guarded()).toEqual(before);

		// Replication goes on: the allowed request is in the feed.
		const changes = await db({
			path: '/db/csp-demo-reseller-invitations/_changes?include_docs=true',
			cookie
		});
		expect(changes.status).toBe(200);
		expect(changes.json.results.map((/** @type {any} */ row) => row.id)).toContain(
			'inv-country-hu'
		);
		await expectAlive();
	});

	it('refuses a customer whose postal code or state does not fit its country/region', async () => {
		const by = 'demo-sales-agent';
		const base = customer('c-address', by);
		/** @param {string} id @param {Record<string, string>} address */
		const at = (id, address) => ({
			...customer(id, by),
			address: { ...base.address, ...address }
		});
		const reply = await db({
			method: 'POST',
			path: '/db/csp-demo-customers/_bulk_docs',
			body: {
				docs: [
					at('c-postal-ok', { postalCode: '1011' }),
					at('c-postal-bad', { postalCode: '10115' }),
					at('c-state-bad', { country: 'US', postalCode: '98052', state: 'Narnia' })
				]
			},
			cookie: t.cookies[by]
		});
		expect(reply.status).toBe(201);
		// In the request's order, as CouchDB answers (the embedded endpoint puts refused rows first).
		expect(reply.json.map((/** @type {any} */ row) => row.id)).toEqual([
			'c-postal-ok',
			'c-postal-bad',
			'c-state-bad'
		]);
		const rows = new Map(reply.json.map((/** @type {any} */ row) => [row.id, row]));
		expect(rows.get('c-postal-ok')).toMatchObject({ ok: true });
		expect(rows.get('c-postal-bad').reason).toMatch(/^\[csp:postal-code\]/);
		expect(rows.get('c-state-bad').reason).toMatch(/^\[csp:state\]/);
		for (const id of ['c-postal-bad', 'c-state-bad']) {
			expect((await t.admin.request('GET', `csp-demo-customers/${id}`)).status).toBe(404);
		}
		await expectAlive();
	});
});

// BEGIN issue 12 (rel12b): the partnership invitations API and the shared copies.
describe('16. the partnership invitations API and the shared copies (issue 12)', () => {
	it('answers every role of both kinds of organisation, another organisation and signed-out clients as it should, and changes nothing', async () => {
		const { token, id } = await addPartnershipRequest(t, {
			id: 'security-reseller',
			mpnId: '6123450',
			name: 'Budapest Cloud Partners Kft.'
		});
		const before = await snapshot(t.admin);
		const unknown = `${token.slice(0, -6)}zzzzzz`;
		/** @type {[string, string | null, Record<string, [number, string?]>][]} */
		const cases = [
			...t.usersOf('demo').map(
				(user) =>
					/** @type {[string, string | null, Record<string, [number, string?]>]} */ ([
						user.name,
						t.cookies[user.name],
						{
							look: [403, 'provider-user'],
							accept: [403, 'provider-user'],
							decline: [403, 'provider-user']
						}
					])
			),
			...['reseller-user-admin', 'reseller-sales-agent'].map(
				(name) =>
					/** @type {[string, string | null, Record<string, [number, string?]>]} */ ([
						name,
						t.cookies[name],
						{ look: [200, 'role'], accept: [403, 'role'], decline: [403, 'role'] }
					])
			),
			// The two who may answer only look (an answer would change the data, as it should).
			...['reseller-global-admin', 'reseller-admin-agent'].map(
				(name) =>
					/** @type {[string, string | null, Record<string, [number, string?]>]} */ ([
						name,
						t.cookies[name],
						{ look: [200] }
					])
			),
			[
				'other-global-admin',
				t.cookies['other-global-admin'],
				{
					look: [200, 'wrong-mpn-id'],
					accept: [403, 'wrong-mpn-id'],
					decline: [403, 'wrong-mpn-id']
				}
			],
			['signed out', null, { look: [401], accept: [401], decline: [401] }]
		];
		await Promise.all(
			cases.map(async ([who, cookie, expected], index) => {
				// One address per client: the API's per-address throttle is not what is tried here.
				const localAddress = `127.0.0.${40 + index}`;
				/** @param {string} method @param {string} path */
				const call = (method, path) =>
					send(t.origin, {
						method,
						path: `/api/partnership-invitations/${path}`,
						cookie,
						localAddress
					});
				for (const [what, [status, code]] of Object.entries(expected)) {
					const reply =
						what === 'look' ? await call('GET', token) : await call('POST', `${token}/${what}`);
					expect(reply.status, `${who} ${what}`).toBe(status);
					expect(reply.headers['content-type'], `${who} ${what}`).toBe(
						'application/json; charset=utf-8'
					);
					if (status === 200) {
						expect(reply.json.canAnswer, `${who} ${what}`).toBe(code === undefined);
						expect(reply.json.refusal?.code, `${who} ${what}`).toBe(code);
					} else if (code) expect(reply.json.error, `${who} ${what}`).toBe(code);
				}
				// Unknown tokens, wrong methods, no such API: the same for everyone signed in.
				const signedIn = cookie !== null;
				const unknownReply = await call('POST', `${unknown}/accept`);
				expect(unknownReply.status, `${who} unknown`).toBe(signedIn ? 404 : 401);
				const wrongMethod = await call('PUT', `${token}/accept`);
				expect(wrongMethod.status, `${who} PUT`).toBe(405);
				const noSuch = await call('POST', `${token}/withdraw`);
				expect(noSuch.status, `${who} withdraw`).toBe(404);
			})
		);

		// The reseller's copy of the request (ids rel-…): only its answer may change, only by a
		// Global admin or an Admin agent of the reseller.
		const copies = await t.admin.request(
			'GET',
			'csp-demo-reseller-partnerships/_all_docs?include_docs=true'
		);
		const copy = copies.body.rows
			.map((/** @type {any} */ row) => row.doc)
			.find((/** @type {any} */ doc) => doc._id.startsWith('rel-') && doc.status === 'requested');
		expect(copy).toBeDefined();
		const at = new Date().toISOString();
		/** @param {string} by @param {Record<string, unknown>} [fields] */
		const accepted = (by, fields = {}) => ({
			...copy,
			status: 'active',
			acceptedAt: at,
			acceptedRecordedBy: by,
			updatedAt: at,
			updatedBy: by,
			deviceId: 'attacker',
			...fields
		});
		const path = `/db/csp-demo-reseller-partnerships/${copy._id}`;
		const writes = [
			['reseller-sales-agent', path, accepted('reseller-sales-agent'), 403, 'role'],
			['reseller-user-admin', path, accepted('reseller-user-admin'), 403, 'read-only'],
			['demo-global-admin', path, accepted('demo-global-admin'), 403, null],
			['other-global-admin', path, accepted('other-global-admin'), 403, null],
			['signed out', path, accepted('reseller-global-admin'), 401, null],
			[
				'reseller-global-admin',
				path,
				accepted('reseller-global-admin', { requestedBy: 'reseller-global-admin' }),
				403,
				'shared-copy'
			],
			[
				'reseller-global-admin',
				path,
				accepted('reseller-admin-agent', { updatedBy: 'reseller-global-admin' }),
				403,
				'answered-by'
			],
			[
				'reseller-admin-agent',
				`/db/csp-demo-reseller-activity/rel-${copy._id.slice(4, 20)}-forged`,
				{
					at,
					actorId: 'reseller-admin-agent',
					actorName: 'Tünde Vass',
					deviceId: 'attacker',
					recordType: 'partnerships',
					action: 'partnership.accepted',
					summary: 'forged',
					documentId: copy._id,
					changes: []
				},
				403,
				'shared-copy'
			]
		];
		for (const [who, where, body, status, code] of writes) {
			const reply = await db({
				method: 'PUT',
				path: String(where),
				body,
				cookie: who === 'signed out' ? null : t.cookies[String(who)]
			});
			expect(reply.status, `${who} ${where}`).toBe(status);
			if (code)
				expect(reply.json.reason, `${who} ${where}`).toMatch(new RegExp(`^\\[csp:${code}\\]`));
		}
		await t.app.relationships.settled();
		const partnership = await t.admin.request('GET', `csp-demo-partnerships/${id}`);
		expect(partnership.body.status).toBe('requested');
		expect(await snapshot(t.admin)).toEqual(before);
		await expectAlive();
	}, 120_000);
});
// END issue 12 (rel12b).
// BEGIN issue 12 (rel12c): shared customers and subscriptions, the reseller's removal.
describe('17. records another organisation shares (issue 12)', () => {
	it('refuses every member’s write of a shared customer or subscription and a subscription for a shared customer, with a reason; replication goes on', async () => {
		const owner = 'rel-0123456789abcdef0123456789abcdef';
		const customerId = `${owner}-0123456789abcdef0123456789a`;
		const subscriptionId = `${owner}-fedcba9876543210fedcba98765`;
		const service = {
			createdBy: 'relationship-service',
			updatedBy: 'relationship-service',
			deviceId: 'relationship-service'
		};
		// The reseller's own partner record: its own records name it (the gateway checks them).
		await t.admin.request('PUT', 'csp-demo-reseller-partners/org-demo-reseller', {
			name: 'Budapest Cloud Partners Kft.',
			nameLower: 'budapest cloud partners kft.',
			mpnId: '6123450',
			kind: 'indirect-reseller',
			isOwnOrganisation: true,
			country: 'HU',
			email: '',
			mpaSigned: true
		});
		const shared = { ...customer(customerId, 'x'), ...service, resellerId: 'org-demo-reseller' };
		const put = await t.admin.request(
			'PUT',
			`csp-demo-reseller-customers/${encodeURIComponent(customerId)}`,
			shared
		);
		expect(put.status).toBe(201);
		const sharedSub = {
			...subscriptionDoc(subscriptionId, 'x', { customerId, resellerId: 'org-demo-reseller' }),
			...service
		};
		expect(
			(
				await t.admin.request(
					'PUT',
					`csp-demo-reseller-subscriptions/${encodeURIComponent(subscriptionId)}`,
					sharedSub
				)
			).status
		).toBe(201);
		const stored = await t.admin.request(
			'GET',
			`csp-demo-reseller-customers/${encodeURIComponent(customerId)}`
		);
		const storedSub = await t.admin.request(
			'GET',
			`csp-demo-reseller-subscriptions/${encodeURIComponent(subscriptionId)}`
		);
		const by = 'reseller-global-admin';
		const edit = { ...stored.body, companyName: 'Taken over Kft.', updatedBy: by };
		const writes = [
			[by, `/db/csp-demo-reseller-customers/${customerId}`, edit, 403, 'shared-copy'],
			[
				'reseller-admin-agent',
				`/db/csp-demo-reseller-subscriptions/${subscriptionId}`,
				{ ...storedSub.body, quantity: 500, updatedBy: 'reseller-admin-agent' },
				403,
				'shared-copy'
			],
			[
				by,
				`/db/csp-demo-reseller-customers/${owner}-aaaaaaaaaaaaaaaaaaaaaaaaaaa`,
				{ ...customer(`${owner}-aaaaaaaaaaaaaaaaaaaaaaaaaaa`, by), resellerId: '' },
				403,
				'shared-copy'
			],
			[
				by,
				'/db/csp-demo-reseller-subscriptions/s-for-shared',
				subscriptionDoc('s-for-shared', by, {
					customerId,
					resellerId: 'org-demo-reseller',
					supportContactId: 'org-demo-reseller'
				}),
				403,
				'shared-customer'
			],
			['demo-global-admin', `/db/csp-demo-reseller-customers/${customerId}`, edit, 403, null],
			['signed out', `/db/csp-demo-reseller-customers/${customerId}`, edit, 401, null]
		];
		for (const [who, where, body, status, code] of writes) {
			const reply = await db({
				method: 'PUT',
				path: String(where),
				body,
				cookie: who === 'signed out' ? null : t.cookies[String(who)]
			});
			expect(reply.status, `${who} ${where}`).toBe(status);
			if (code) {
				expect(reply.json.reason, `${who} ${where}`).toMatch(new RegExp(`^\\[csp:${code}\\] `));
			}
		}
		// In a batch only that row is refused: the device's own records go on.
		const batch = await db({
			method: 'POST',
			path: '/db/csp-demo-reseller-customers/_bulk_docs',
			body: { docs: [edit, { ...customer('c-reseller-own', by), resellerId: '' }] },
			cookie: t.cookies[by]
		});
		expect(batch.status).toBe(201);
		expect(batch.json[0]).toMatchObject({ error: 'forbidden' });
		expect(batch.json[0].reason).toMatch(/^\[csp:shared-copy\] /);
		expect(batch.json[1]).toMatchObject({ ok: true, id: 'c-reseller-own' });
		const after = await t.admin.request(
			'GET',
			`csp-demo-reseller-customers/${encodeURIComponent(customerId)}`
		);
		expect(after.body).toEqual(stored.body);
		await expectAlive();
	});

	it('lets only a Global admin or an Admin agent of the reseller remove an active shared partnership, attested, naming themselves', async () => {
		const id = 'rel-abcdefabcdefabcdefabcdefabcdef01';
		const accepted = '2026-11-01T10:00:00.000Z';
		const copy = {
			_id: id,
			id,
			providerId: 'rel-0123456789abcdef0123456789abcdef',
			resellerId: 'org-demo-reseller',
			status: 'active',
			requestedBy: 'demo-global-admin',
			requestedAt: '2026-10-01T10:00:00.000Z',
			invitationToken: `shared-${id}`,
			invitationLink: '',
			emailDraft: '',
			acceptedAt: accepted,
			acceptedRecordedBy: 'reseller-global-admin',
			createdAt: '2026-10-01T10:00:00.000Z',
			createdBy: 'relationship-service',
			updatedAt: accepted,
			updatedBy: 'relationship-service',
			deviceId: 'relationship-service'
		};
		const put = await t.admin.request('PUT', `csp-demo-reseller-partnerships/${id}`, copy);
		expect(put.status).toBe(201);
		const at = new Date().toISOString();
		/** @param {string} by @param {Record<string, unknown>} [fields] */
		const removed = (by, fields = {}) => ({
			...copy,
			_rev: put.body.rev,
			status: 'removed',
			removedAt: at,
			removedBy: by,
			removalAttested: true,
			updatedAt: at,
			updatedBy: by,
			deviceId: 'attacker',
			...fields
		});
		const path = `/db/csp-demo-reseller-partnerships/${id}`;
		const writes = [
			['reseller-sales-agent', removed('reseller-sales-agent'), 403, 'role'],
			['reseller-user-admin', removed('reseller-user-admin'), 403, 'read-only'],
			['demo-global-admin', removed('demo-global-admin'), 403, null],
			[
				'reseller-global-admin',
				removed('reseller-admin-agent', { updatedBy: 'reseller-global-admin' }),
				403,
				'removed-by'
			],
			[
				'reseller-global-admin',
				removed('reseller-global-admin', { removalAttested: false }),
				403,
				'shared-copy-answered'
			],
			[
				'reseller-global-admin',
				removed('reseller-global-admin', { removedAt: '2026-10-15T10:00:00.000Z' }),
				403,
				'partnership-removal'
			],
			[
				'reseller-global-admin',
				removed('reseller-global-admin', { resellerId: 'someone-else' }),
				403,
				'shared-copy'
			],
			['reseller-admin-agent', removed('reseller-admin-agent'), 201, null]
		];
		for (const [who, body, status, code] of writes) {
			const reply = await db({ method: 'PUT', path, body, cookie: t.cookies[String(who)] });
			expect(reply.status, `${who}`).toBe(status);
			if (code) expect(reply.json.reason, `${who}`).toMatch(new RegExp(`^\\[csp:${code}\\] `));
		}
		await expectAlive();
	});
});
// END issue 12 (rel12c).
