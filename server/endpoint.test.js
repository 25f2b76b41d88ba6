// Integration tests over HTTP: the embedded endpoint on a free port with a temporary data
// directory (or the test CouchDB, emptied first: server/test-couch.js), the setup (run twice),
// and users signed in with _session cookies through the same-origin proxy (/db/ of
// scripts/serve.js), as the app does.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../scripts/serve.js';
import { startEndpoint } from './endpoint.js';
import { createDatabaseProxy, rewriteCookie } from './proxy.js';
import {
	createCouchClient,
	databaseName,
	ensureOrganisation,
	ensureUser,
	listMembers,
	main,
	passwordWorks
} from './setup.js';
import {
	clearTestCouch,
	onCluster,
	onCouchDB,
	startAppUnderTest,
	testCouch
} from './test-couch.js';
import { REPLICATED_COLLECTIONS, parseRefusal } from './validation.js';

const ADMIN = testCouch?.admin ?? { name: 'admin', password: 'test-admin-secret' };
const NOW = '2026-11-21T10:00:00.000Z';
/** A one-year term from NOW ends here (subscription/rules.ts termEndDate). */
const YEAR_AFTER_NOW = '2027-11-21T10:00:00.000Z';
const LATER = '2026-11-22T10:00:00.000Z';

const ORGANISATIONS = [
	{
		org: 'org-a',
		name: 'Contoso A',
		kind: /** @type {const} */ ('indirect-provider'),
		country: 'HU'
	},
	{
		org: 'org-b',
		name: 'Fabrikam B',
		kind: /** @type {const} */ ('indirect-reseller'),
		country: 'PL'
	}
];
const USERS = [
	{ org: 'org-a', name: 'a-global', roles: ['global-admin'], password: 'pw-a-global' },
	{ org: 'org-a', name: 'a-users', roles: ['user-management-admin'], password: 'pw-a-users' },
	{ org: 'org-a', name: 'a-agent', roles: ['admin-agent'], password: 'pw-a-agent' },
	{ org: 'org-a', name: 'a-sales', roles: ['sales-agent'], password: 'pw-a-sales' },
	{ org: 'org-b', name: 'b-global', roles: ['global-admin'], password: 'pw-b-global' }
];

/** @type {string} */
let dataDir;
/** @type {{ url: string, close: () => Promise<void> }} */
let endpoint;
/** @type {import('node:http').Server} */
let app;
/** @type {string} */
let appUrl;
/** @type {import('./setup.js').CouchClient} */
let admin;
/** @type {string[][]} */
const setupRuns = [];
/** @type {Record<string, string>} */
const cookies = {};

/** @param {string} by */
const meta = (by, at = NOW) => ({
	createdAt: at,
	createdBy: by,
	updatedAt: at,
	updatedBy: by,
	deviceId: 'device-test'
});

/**
 * @param {string} id
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
const partnership = (id, by, fields = {}) => ({
	_id: id,
	providerId: 'provider',
	resellerId: `reseller-${id}`,
	status: 'requested',
	requestedBy: by,
	requestedAt: NOW,
	invitationToken: 'token-token-token-token',
	invitationLink: 'https://example.test/accept?token=token-token-token-token',
	emailDraft: 'Please accept: https://example.test/accept?token=token-token-token-token',
	...meta(by),
	...fields
});

/**
 * @param {string} id
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
const customer = (id, by, fields = {}) => ({
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
	...meta(by),
	...fields
});

/**
 * @param {string} id
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
const activity = (id, by, fields = {}) => ({
	_id: id,
	at: NOW,
	actorId: by,
	actorName: by,
	deviceId: 'device-test',
	recordType: 'customers',
	documentId: 'c1',
	action: 'customer.created',
	summary: 'Added a customer',
	changes: [],
	...fields
});

/**
 * A request through the app's /db/ proxy, with a user's cookie.
 * @param {string | null} who user name (its cookie), or null for none
 * @param {string} method
 * @param {string} path below /db/
 * @param {unknown} [body]
 */
async function db(who, method, path, body) {
	// On a CouchDB cluster a write right after the write it follows can meet a shard copy that
	// has not got that one yet: the coordinator then sometimes answers 409 instead of the
	// validation's 403. Tried again, as the app's replication does.
	for (let attempt = 0; ; attempt++) {
		const reply = await send(who, method, path, body);
		if (reply.status !== 409 || method !== 'PUT' || !onCluster || attempt >= 10) return reply;
		await new Promise((resolveWait) => setTimeout(resolveWait, 200));
	}
}

/**
 * @param {string | null} who
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 */
async function send(who, method, path, body) {
	/** @type {Record<string, string>} */
	const headers = { accept: 'application/json' };
	if (who) headers.cookie = cookies[who];
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${appUrl}db/${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text ? JSON.parse(text) : null
	};
}

/**
 * @param {string} name
 * @param {string} password
 */
async function signIn(name, password) {
	const response = await fetch(`${appUrl}db/_session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ name, password })
	});
	return {
		status: response.status,
		setCookie: response.headers.get('set-cookie'),
		body: await response.json()
	};
}

async function runSetup() {
	/** @type {string[]} */
	const changes = [];
	for (const organisation of ORGANISATIONS)
		changes.push(...(await ensureOrganisation(admin, organisation)));
	for (const user of USERS) changes.push(...(await ensureUser(admin, user)).changes);
	return changes;
}

beforeAll(async () => {
	dataDir = await mkdtemp(join(os.tmpdir(), 'csp-endpoint-test-'));
	if (testCouch) {
		await clearTestCouch();
		endpoint = { url: testCouch.url, close: async () => {} };
	} else {
		endpoint = await startEndpoint({
			dataDir: join(dataDir, 'pouchdb'),
			port: 0,
			adminName: ADMIN.name,
			adminPassword: ADMIN.password
		});
	}
	admin = createCouchClient({
		url: endpoint.url,
		adminName: ADMIN.name,
		adminPassword: ADMIN.password
	});
	setupRuns.push(await runSetup());
	setupRuns.push(await runSetup());

	const root = join(dataDir, 'build');
	await import('node:fs/promises').then((fs) => fs.mkdir(root));
	await writeFile(join(root, 'index.html'), '<!doctype html><title>CSP Field</title>');
	app = startServer({
		port: 0,
		root,
		handleDatabaseRequest: createDatabaseProxy(endpoint.url),
		quiet: true
	});
	await new Promise((resolve) => app.once('listening', resolve));
	const address = /** @type {import('node:net').AddressInfo} */ (app.address());
	appUrl = `http://127.0.0.1:${address.port}/`;

	for (const user of USERS) {
		const session = await signIn(user.name, user.password);
		cookies[user.name] = /** @type {string} */ (session.setCookie).split(';')[0];
	}
}, 30_000);

afterAll(async () => {
	app?.close();
	app?.closeAllConnections();
	await endpoint?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('setup', () => {
	it('creates everything once, and a second run changes nothing', async () => {
		expect(setupRuns[0]).toContain('created database csp-org-a-partnerships');
		expect(setupRuns[0]).toContain('created user a-sales');
		expect(setupRuns[1]).toEqual([]);
		for (const collection of [...REPLICATED_COLLECTIONS, 'members']) {
			const name = databaseName('org-a', collection);
			const security = await admin.request('GET', `${name}/_security`);
			expect(security.body).toEqual({
				admins: { names: [], roles: [] },
				members: { names: [], roles: ['org:org-a'] }
			});
			const design = await admin.request('GET', `${name}/_design/csp`);
			expect(design.body._rev).toMatch(/^1-/);
			expect(typeof design.body.validate_doc_update).toBe('string');
		}
	});

	it("bakes the organisation's country/region into its design documents, and needs one", async () => {
		const design = await admin.request('GET', 'csp-org-b-invitations/_design/csp');
		expect(design.body.validate_doc_update).toContain('"organisation":{"country":"PL"}');
		await expect(
			ensureOrganisation(admin, { org: 'org-c', name: 'No Country', kind: 'indirect-reseller' })
		).rejects.toThrow(/--country/);
		await expect(
			ensureOrganisation(admin, {
				org: 'org-c',
				name: 'Bad',
				kind: 'indirect-reseller',
				country: 'XX'
			})
		).rejects.toThrow(/Invalid country/);
		expect((await admin.request('GET', 'csp-org-c-members')).status).toBe(404);
	});

	it('keeps the members list readable by the organisation', async () => {
		const listed = await listMembers(admin, 'org-a');
		expect(listed.organisation).toEqual({
			org: 'org-a',
			name: 'Contoso A',
			kind: 'indirect-provider',
			country: 'HU'
		});
		expect(listed.members.map((m) => m.name).sort()).toEqual([
			'a-agent',
			'a-global',
			'a-sales',
			'a-users'
		]);
		const read = await db('a-sales', 'GET', 'csp-org-a-members/member%3Aa-agent');
		expect(read.status).toBe(200);
		expect(read.body).toMatchObject({
			name: 'a-agent',
			roles: ['admin-agent'],
			displayName: 'a-agent'
		});
		// With the current _rev: CouchDB answers 409 before validating a write without one.
		const current = await db('a-global', 'GET', 'csp-org-a-members/member%3Aa-sales');
		const write = await db('a-global', 'PUT', 'csp-org-a-members/member%3Aa-sales', {
			_rev: current.body._rev,
			type: 'member',
			name: 'a-sales',
			roles: ['global-admin'],
			displayName: 'x'
		});
		expect(write.status).toBe(403);
		expect(parseRefusal(write.body.reason).code).toBe('members-admin-only');
		expect((await db('b-global', 'GET', 'csp-org-a-members/_all_docs')).status).toBe(403);
	});

	it('changes roles and resets passwords from the command line', async () => {
		/** @type {string[]} */
		const lines = [];
		const cli = (/** @type {string[]} */ ...args) =>
			main(['--url', endpoint.url, '--admin', `${ADMIN.name}:${ADMIN.password}`, ...args], {
				log: (line) => lines.push(line)
			});
		expect(
			await cli(
				'user',
				'add',
				'org-a',
				'a-temp',
				'--roles',
				'sales-agent',
				'--display-name',
				'Temp User'
			)
		).toBe(0);
		const generated = /** @type {string} */ (lines.at(-1)).replace('Password of a-temp: ', '');
		expect(await passwordWorks(admin, 'a-temp', generated)).toBe(true);

		expect(
			await cli('user', 'roles', 'org-a', 'a-temp', '--roles', 'admin-agent,sales-agent')
		).toBe(0);
		const user = await admin.request('GET', '_users/org.couchdb.user%3Aa-temp');
		expect(user.body.roles).toEqual(['org:org-a', 'role:admin-agent', 'role:sales-agent']);
		expect(
			await cli('user', 'roles', 'org-a', 'a-temp', '--roles', 'admin-agent,sales-agent')
		).toBe(0);
		expect(lines.at(-1)).toBe('Nothing to change.');

		expect(await cli('user', 'reset-password', 'org-a', 'a-temp')).toBe(0);
		const reset = /** @type {string} */ (lines.at(-1)).replace('New password of a-temp: ', '');
		expect(reset).not.toBe(generated);
		expect(await passwordWorks(admin, 'a-temp', generated)).toBe(false);
		expect(await passwordWorks(admin, 'a-temp', reset)).toBe(true);

		await expect(cli('user', 'add', 'org-b', 'a-temp', '--roles', 'sales-agent')).rejects.toThrow(
			/belongs to organisation "org-a"/
		);
		await expect(cli('user', 'add', 'org-a', 'x', '--roles', 'owner')).rejects.toThrow(
			/Unknown role/
		);
		await expect(cli('org', 'create', 'Bad_Org')).rejects.toThrow(/Invalid organisation id/);
		const wrongAdmin = main(
			['--url', endpoint.url, '--admin', 'admin:wrong', 'org', 'create', 'org-c'],
			{
				log: () => {}
			}
		);
		await expect(wrongAdmin).rejects.toThrow(/401/);
	});
});

describe('sessions through the /db/ proxy', () => {
	it('sets the AuthSession cookie for the whole origin and knows the user', async () => {
		const session = await signIn('a-sales', 'pw-a-sales');
		expect(session.status).toBe(200);
		expect(session.body).toEqual({
			ok: true,
			name: 'a-sales',
			roles: ['org:org-a', 'role:sales-agent']
		});
		expect(session.setCookie).toMatch(/^AuthSession=[^;]+; Path=\//);
		expect(session.setCookie).toMatch(/HttpOnly/);
		expect(session.setCookie).toMatch(/Max-Age=86400/);
		const me = await db('a-sales', 'GET', '_session');
		expect(me.body.userCtx).toEqual({ name: 'a-sales', roles: ['org:org-a', 'role:sales-agent'] });
		const wrong = await signIn('a-sales', 'nope');
		expect(wrong.status).toBe(401);
		expect(wrong.body.error).toBe('unauthorized');
	});

	it('rewrites cookie paths and domains to the app origin', () => {
		expect(
			rewriteCookie('AuthSession=abc; Version=1; Path=/couch; Domain=couch.internal; HttpOnly')
		).toBe('AuthSession=abc; Path=/; Version=1; HttpOnly');
	});

	it('answers 502 JSON when the endpoint is down', async () => {
		const proxy = createDatabaseProxy('http://127.0.0.1:9');
		const server = startServer({
			port: 0,
			root: join(dataDir, 'build'),
			handleDatabaseRequest: proxy,
			quiet: true
		});
		await new Promise((resolve) => server.once('listening', resolve));
		const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
		const response = await fetch(`http://127.0.0.1:${port}/db/_session`);
		expect(response.status).toBe(502);
		expect((await response.json()).error).toBe('unavailable');
		server.close();
	});
});

describe('server-enforced roles', () => {
	it('lets a Sales agent request partnerships and add customers, but refuses removals in the same _bulk_docs without blocking the rest', async () => {
		// Existing records, written by the Global admin.
		const seeded = await db('a-global', 'POST', 'csp-org-a-partnerships/_bulk_docs', {
			docs: [partnership('p-active', 'a-global', { status: 'active', acceptedAt: NOW })]
		});
		expect(seeded.body[0].ok).toBe(true);
		const seededCustomer = await db(
			'a-global',
			'PUT',
			'csp-org-a-customers/c-existing',
			customer('c-existing', 'a-global')
		);
		expect(seededCustomer.status).toBe(201);

		const active = (await db('a-sales', 'GET', 'csp-org-a-partnerships/p-active')).body;
		const partnerships = await db('a-sales', 'POST', 'csp-org-a-partnerships/_bulk_docs', {
			docs: [
				{ ...partnership('p-new', 'a-sales'), _deleted: false }, // as RxDB sends it
				{
					...active,
					status: 'removed',
					removedBy: 'a-sales',
					removedAt: LATER,
					removalAttested: true,
					updatedBy: 'a-sales',
					updatedAt: LATER
				},
				partnership('p-new-2', 'a-sales')
			]
		});
		expect(partnerships.status).toBe(201);
		const byId = Object.fromEntries(
			partnerships.body.map((/** @type {any} */ row) => [row.id, row])
		);
		expect(byId['p-new'].ok).toBe(true);
		expect(byId['p-new-2'].ok).toBe(true);
		expect(byId['p-active']).toMatchObject({ error: 'forbidden' });
		expect(parseRefusal(byId['p-active'].reason)).toEqual({
			code: 'role',
			message: 'Only a Global admin or an Admin agent can remove a partnership.'
		});
		expect((await db('a-sales', 'GET', 'csp-org-a-partnerships/p-active')).body.status).toBe(
			'active'
		);

		const existing = (await db('a-sales', 'GET', 'csp-org-a-customers/c-existing')).body;
		const customers = await db('a-sales', 'POST', 'csp-org-a-customers/_bulk_docs', {
			docs: [
				{ ...existing, resellerRelationship: 'removed', updatedBy: 'a-sales', updatedAt: LATER },
				customer('c-new', 'a-sales')
			]
		});
		const customerRows = Object.fromEntries(
			customers.body.map((/** @type {any} */ row) => [row.id, row])
		);
		expect(customerRows['c-new'].ok).toBe(true);
		expect(customerRows['c-existing'].error).toBe('forbidden');
		expect(parseRefusal(customerRows['c-existing'].reason).code).toBe('role');
		expect(
			(await db('a-sales', 'GET', 'csp-org-a-customers/c-existing')).body.resellerRelationship
		).toBe('active');

		// A single-document write is refused with 403 and the same reason.
		const single = await db('a-sales', 'PUT', 'csp-org-a-customers/c-existing', {
			...existing,
			resellerRelationship: 'removed',
			updatedBy: 'a-sales',
			updatedAt: LATER
		});
		expect(single.status).toBe(403);
		expect(single.body).toMatchObject({ error: 'forbidden' });

		// An Admin agent may remove both.
		const removal = await db('a-agent', 'PUT', 'csp-org-a-partnerships/p-active', {
			...active,
			status: 'removed',
			removedBy: 'a-agent',
			removedAt: LATER,
			removalAttested: true,
			updatedBy: 'a-agent',
			updatedAt: LATER
		});
		expect(removal.status).toBe(201);
		const again = (await db('a-agent', 'GET', 'csp-org-a-partnerships/p-active')).body;
		const revived = await db('a-global', 'PUT', 'csp-org-a-partnerships/p-active', {
			...again,
			status: 'active',
			updatedBy: 'a-global'
		});
		expect(revived.status).toBe(403);
		expect(parseRefusal(revived.body.reason).code).toBe('partnership-removed');
	});

	it('lets a User management admin read but not write data', async () => {
		expect((await db('a-users', 'GET', 'csp-org-a-customers/_all_docs')).status).toBe(200);
		const write = await db(
			'a-users',
			'PUT',
			'csp-org-a-customers/c-uma',
			customer('c-uma', 'a-users')
		);
		expect(write.status).toBe(403);
		expect(parseRefusal(write.body.reason).code).toBe('read-only');
		const bulk = await db('a-users', 'POST', 'csp-org-a-activity/_bulk_docs', {
			docs: [activity('a-uma', 'a-users')]
		});
		expect(bulk.body[0].error).toBe('forbidden');
	});

	it('keeps another organisation out with 403, and signed-out requests with 401', async () => {
		const reads = [
			'',
			'/_all_docs?include_docs=true',
			'/_changes?since=0&include_docs=true',
			'/_design/csp',
			'/_security',
			'/_index'
		];
		for (const collection of [...REPLICATED_COLLECTIONS, 'members']) {
			const name = databaseName('org-a', collection);
			for (const path of reads) {
				expect((await db('b-global', 'GET', `${name}${path}`)).status, `${name}${path}`).toBe(403);
				expect((await db(null, 'GET', `${name}${path}`)).status, `${name}${path}`).toBe(401);
			}
			for (const [path, body] of /** @type {const} */ ([
				['_bulk_get', { docs: [{ id: 'c-new' }] }],
				['_find', { selector: {} }],
				['_all_docs', { keys: ['c-new'], include_docs: true }],
				['_revs_diff', { 'c-new': ['1-a'] }],
				['_changes', { doc_ids: ['c-new'] }]
			])) {
				expect(
					(await db('b-global', 'POST', `${name}/${path}`, body)).status,
					`${name}/${path}`
				).toBe(403);
				expect((await db(null, 'POST', `${name}/${path}`, body)).status, `${name}/${path}`).toBe(
					401
				);
			}
		}
		expect((await db('b-global', 'GET', 'csp-org-a-customers/c-new')).status).toBe(403);
		const write = await db(
			'b-global',
			'PUT',
			'csp-org-a-customers/c-b',
			customer('c-b', 'b-global')
		);
		expect(write.status).toBe(403);
		const bulk = await db('b-global', 'POST', 'csp-org-a-customers/_bulk_docs', {
			docs: [customer('c-b', 'b-global')]
		});
		expect(bulk.status).toBe(403);
		expect(
			(await db(null, 'PUT', 'csp-org-a-customers/c-anon', customer('c-anon', 'x'))).status
		).toBe(401);
		// Server-admin requests: PouchDB Server 403, Apache CouchDB 401 ("You are not a server admin.").
		expect([401, 403]).toContain((await db('b-global', 'GET', '_all_dbs')).status);
		expect([401, 403]).toContain((await db('b-global', 'PUT', 'csp-org-b-new')).status);
		expect([401, 403]).toContain((await db('b-global', 'DELETE', 'csp-org-a-customers')).status);
		// ...while their own organisation works.
		const own = await db('b-global', 'PUT', 'csp-org-b-customers/c-b', customer('c-b', 'b-global'));
		expect(own.status).toBe(201);
		expect((await db('a-global', 'GET', 'csp-org-b-customers/c-b')).status).toBe(403);
	});

	it('lets no member change design documents, _security or their own roles', async () => {
		const design = (await db('a-global', 'GET', 'csp-org-a-customers/_design/csp')).body;
		const replaced = { ...design, validate_doc_update: 'function () {}' };
		expect((await db('a-global', 'PUT', 'csp-org-a-customers/_design/csp', replaced)).status).toBe(
			403
		);
		expect(
			(await db('a-global', 'PUT', 'csp-org-a-customers/_design%2Fcsp', replaced)).status
		).toBe(403);
		const bulk = await db('a-global', 'POST', 'csp-org-a-customers/_bulk_docs', {
			docs: [replaced]
		});
		expect(bulk.body[0].error).toBeDefined();
		expect((await db('a-global', 'GET', 'csp-org-a-customers/_design/csp')).body._rev).toBe(
			design._rev
		);
		const security = await db('a-global', 'PUT', 'csp-org-a-customers/_security', {
			members: { roles: ['org:org-a', 'org:org-b'] }
		});
		// Apache CouchDB refuses it on every shard and answers 500 no_majority.
		expect(security.status).toBe(onCouchDB ? 500 : 403);
		expect((await admin.request('GET', 'csp-org-a-customers/_security')).body.members).toEqual({
			names: [],
			roles: ['org:org-a']
		});

		// PouchDB Server lets a user read their own _users document; Apache CouchDB 3 keeps
		// _users to server admins (the app reads the display name from the members database).
		const own = await db('a-sales', 'GET', '_users/org.couchdb.user%3Aa-sales');
		expect(own.status).toBe(onCouchDB ? 403 : 200);
		const ownDoc = (await admin.request('GET', '_users/org.couchdb.user%3Aa-sales')).body;
		const promoted = await db('a-sales', 'PUT', '_users/org.couchdb.user%3Aa-sales', {
			...ownDoc,
			roles: ['org:org-a', 'role:global-admin', 'org:org-b']
		});
		expect(promoted.status).toBe(403);
		expect((await admin.request('GET', '_users/org.couchdb.user%3Aa-sales')).body.roles).toEqual([
			'org:org-a',
			'role:sales-agent'
		]);
		expect((await db('a-sales', 'GET', '_users/org.couchdb.user%3Aa-global')).status).toBe(403);
		expect(
			(
				await db(null, 'PUT', '_users/org.couchdb.user%3Aintruder', {
					name: 'intruder',
					type: 'user',
					roles: [],
					password: 'x'
				})
			).status
		).toBe(401);
		expect((await db('a-sales', 'GET', '_session')).body.userCtx.roles).toEqual([
			'org:org-a',
			'role:sales-agent'
		]);
	});

	it('keeps createdBy immutable and the author honest', async () => {
		const created = await db(
			'a-sales',
			'PUT',
			'csp-org-a-customers/c-owned',
			customer('c-owned', 'a-sales')
		);
		expect(created.status).toBe(201);
		const doc = (await db('a-agent', 'GET', 'csp-org-a-customers/c-owned')).body;
		const stolen = await db('a-agent', 'PUT', 'csp-org-a-customers/c-owned', {
			...doc,
			createdBy: 'a-agent',
			updatedBy: 'a-agent'
		});
		expect(stolen.status).toBe(403);
		expect(parseRefusal(stolen.body.reason).code).toBe('immutable');
		const impersonated = await db('a-agent', 'PUT', 'csp-org-a-customers/c-owned', {
			...doc,
			companyName: 'Renamed',
			updatedBy: 'a-sales'
		});
		expect(parseRefusal(impersonated.body.reason).code).toBe('updated-by');
		const honest = await db('a-agent', 'PUT', 'csp-org-a-customers/c-owned', {
			...doc,
			companyName: 'Renamed',
			updatedBy: 'a-agent',
			updatedAt: LATER
		});
		expect(honest.status).toBe(201);
		const invalid = await db('a-agent', 'PUT', 'csp-org-a-customers/c-invalid', {
			...customer('c-invalid', 'a-agent'),
			cloud: 'mars'
		});
		expect(parseRefusal(invalid.body.reason).code).toBe('invalid-field');
	});

	it('keeps the activity log append-only and refuses deletions', async () => {
		const created = await db(
			'a-sales',
			'PUT',
			'csp-org-a-activity/act-1',
			activity('act-1', 'a-sales')
		);
		expect(created.status).toBe(201);
		const changed = await db('a-global', 'PUT', 'csp-org-a-activity/act-1', {
			...activity('act-1', 'a-sales'),
			_rev: created.body.rev,
			summary: 'rewritten'
		});
		expect(changed.status).toBe(403);
		expect(parseRefusal(changed.body.reason).code).toBe('activity-append-only');
		const deleted = await db(
			'a-global',
			'DELETE',
			`csp-org-a-activity/act-1?rev=${created.body.rev}`
		);
		expect(deleted.status).toBe(403);
		expect(parseRefusal(deleted.body.reason).code).toBe('delete');
		const forged = await db(
			'a-sales',
			'PUT',
			'csp-org-a-activity/act-2',
			activity('act-2', 'a-global')
		);
		expect(parseRefusal(forged.body.reason).code).toBe('actor');
		const customerDoc = (await db('a-global', 'GET', 'csp-org-a-customers/c-new')).body;
		const customerDelete = await db(
			'a-global',
			'DELETE',
			`csp-org-a-customers/c-new?rev=${customerDoc._rev}`
		);
		expect(customerDelete.status).toBe(403);
		// Server admins still can (backups, restores, clean-up).
		const byAdmin = await admin.request(
			'DELETE',
			`csp-org-a-activity/act-1?rev=${created.body.rev}`
		);
		expect(byAdmin.status).toBe(200);
	});
});

describe('replication protocol through the proxy', () => {
	it('answers RxDB’s push pre-check (_all_docs with keys and include_docs in the body)', async () => {
		const response = await db('a-sales', 'POST', 'csp-org-a-customers/_all_docs', {
			keys: ['c-new', 'does-not-exist'],
			include_docs: true
		});
		expect(response.status).toBe(200);
		expect(response.body.rows[0].doc.companyName).toBe('Customer c-new');
		expect(response.body.rows[1].error).toBe('not_found');
	});

	it('delivers a change to a waiting long-poll, and ends an idle one at its timeout', async () => {
		const waiting = db(
			'a-sales',
			'GET',
			'csp-org-a-subscriptions/_changes?feed=longpoll&since=now&include_docs=true&heartbeat=1000'
		);
		await new Promise((resolve) => setTimeout(resolve, 200));
		const subscription = {
			_id: 'sub-1',
			customerId: 'c-new',
			offerId: 'microsoft-365-business-basic',
			quantity: 3,
			status: 'active',
			billingCycle: 'monthly',
			termDuration: 'P1Y',
			resellerId: '',
			supportContactId: 'provider',
			startDate: NOW,
			endDate: YEAR_AFTER_NOW,
			...meta('a-agent')
		};
		expect((await db('a-agent', 'PUT', 'csp-org-a-subscriptions/sub-1', subscription)).status).toBe(
			201
		);
		const result = await waiting;
		expect(result.status).toBe(200);
		expect(result.body.results.map((/** @type {any} */ r) => r.id)).toEqual(['sub-1']);
		expect(result.body.results[0].doc.quantity).toBe(3);

		const started = Date.now();
		const idle = await db(
			'a-sales',
			'GET',
			`csp-org-a-subscriptions/_changes?feed=longpoll&since=${result.body.last_seq}&timeout=300`
		);
		expect(Date.now() - started).toBeLessThan(3000);
		// Apache CouchDB adds `pending: 0`.
		expect(idle.body).toMatchObject({ results: [], last_seq: result.body.last_seq });
	});

	it('streams a continuous _changes feed until the client leaves', async () => {
		const controller = new AbortController();
		const response = await fetch(
			`${appUrl}db/csp-org-a-partners/_changes?feed=continuous&since=now&heartbeat=500`,
			{
				headers: { cookie: cookies['a-sales'] },
				signal: controller.signal
			}
		);
		expect(response.status).toBe(200);
		const reader = /** @type {ReadableStreamDefaultReader<Uint8Array>} */ (
			response.body?.getReader()
		);
		const partner = {
			_id: 'r-stream',
			name: 'Streamed Reseller',
			nameLower: 'streamed reseller',
			mpnId: '6000001',
			kind: 'indirect-reseller',
			isOwnOrganisation: false,
			country: 'HU',
			email: 'info@streamed.example',
			mpaSigned: false,
			...meta('a-sales')
		};
		expect((await db('a-sales', 'PUT', 'csp-org-a-partners/r-stream', partner)).status).toBe(201);
		let received = '';
		const decoder = new TextDecoder();
		while (!received.includes('r-stream')) {
			const { value, done } = await reader.read();
			if (done) break;
			received += decoder.decode(value);
		}
		expect(received).toContain('"id":"r-stream"');
		controller.abort();
	});
});

describe('startApp (npm start)', () => {
	it('serves the app and the endpoint on one origin, with the demo users set up', async () => {
		// On CouchDB next to this file's organisations (keep: they stay, the demo ones are added).
		const started = await startAppUnderTest(join(dataDir, 'start-app'), {
			root: join(dataDir, 'build'),
			keep: true
		});
		try {
			expect(started.users.map((user) => `${user.name}:${user.roles.join(',')}`)).toEqual([
				'demo-global-admin:global-admin',
				'demo-user-admin:user-management-admin',
				'demo-admin-agent:admin-agent',
				'demo-sales-agent:sales-agent',
				'reseller-global-admin:global-admin',
				'reseller-user-admin:user-management-admin',
				'reseller-admin-agent:admin-agent',
				'reseller-sales-agent:sales-agent',
				'other-global-admin:global-admin'
			]);
			const reseller = await fetch(`${started.appUrl}db/_session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					name: 'reseller-admin-agent',
					password: 'reseller-admin-agent-demo'
				})
			});
			expect(reseller.status).toBe(200);
			const resellerCookie = /** @type {string} */ (reseller.headers.get('set-cookie')).split(
				';'
			)[0];
			const organisation = await fetch(
				`${started.appUrl}db/csp-demo-reseller-members/organisation`,
				{
					headers: { cookie: resellerCookie }
				}
			);
			expect(await organisation.json()).toMatchObject({
				name: 'Budapest Cloud Partners Kft.',
				kind: 'indirect-reseller'
			});
			const page = await fetch(`${started.appUrl}customers`);
			expect(await page.text()).toContain('<title>CSP Field</title>');
			const session = await fetch(`${started.appUrl}db/_session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'demo-sales-agent', password: 'sales-agent-demo' })
			});
			expect(session.status).toBe(200);
			const cookie = /** @type {string} */ (session.headers.get('set-cookie')).split(';')[0];
			const customers = await fetch(`${started.appUrl}db/csp-demo-customers/_all_docs`, {
				headers: { cookie }
			});
			expect(customers.status).toBe(200);
		} finally {
			await started.close();
		}
	}, 60_000);
});
