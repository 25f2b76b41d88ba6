// Shared by the security suite and the gateway fuzz: an app + endpoint started as `npm start`
// does (startApp, demo users, a temporary data folder; or the test CouchDB, emptied first:
// server/test-couch.js), raw HTTP requests from any loopback
// address, and a snapshot of everything stored (to compare before and after an attack).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import { join } from 'node:path';
import { createCouchClient } from './setup.js';
import { startAppUnderTest } from './test-couch.js';

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {http.IncomingHttpHeaders} headers
 * @property {string} text
 * @property {any} json the parsed body, or undefined
 *
 * @typedef {object} SendOptions
 * @property {string} [method]
 * @property {string} path below the origin, e.g. '/db/_session'
 * @property {Record<string, string>} [headers]
 * @property {unknown} [body] an object is sent as JSON; a string or Buffer as it is
 * @property {string | null} [cookie] an AuthSession cookie ('AuthSession=…')
 * @property {string} [localAddress] e.g. '127.0.0.2', to be another client
 * @property {number} [timeoutMs] default 15000
 * @property {string | Buffer} [ca] the certificate to trust, for an https origin
 */

/**
 * One HTTP request, without fetch's rules (any method, any header, any body).
 * @param {string} origin e.g. http://127.0.0.1:1234
 * @param {SendOptions} options
 * @returns {Promise<Reply>}
 */
export function send(origin, options) {
	const url = new URL(origin);
	/** @type {Record<string, string>} */
	const headers = { accept: 'application/json', ...options.headers };
	let body = /** @type {string | Buffer | undefined} */ (undefined);
	if (options.body !== undefined) {
		if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) {
			body = options.body;
		} else {
			body = JSON.stringify(options.body);
			headers['content-type'] ??= 'application/json';
		}
	}
	if (body !== undefined && !headers['transfer-encoding']) {
		headers['content-length'] ??= String(Buffer.byteLength(body));
	}
	if (options.cookie) headers.cookie = options.cookie;
	return new Promise((resolveReply, rejectReply) => {
		const transport = url.protocol === 'https:' ? https : http;
		const request = transport.request({
			ca: options.ca,
			hostname: url.hostname,
			port: url.port,
			method: options.method ?? 'GET',
			path: options.path,
			headers,
			localAddress: options.localAddress,
			agent: false
		});
		const timer = setTimeout(() => {
			request.destroy(new Error(`No answer within ${options.timeoutMs ?? 15_000} ms`));
		}, options.timeoutMs ?? 15_000);
		request.on('response', (response) => {
			/** @type {Buffer[]} */
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () => {
				clearTimeout(timer);
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {
					json = undefined;
				}
				resolveReply({ status: response.statusCode ?? 0, headers: response.headers, text, json });
			});
			response.on('error', rejectReply);
		});
		request.on('error', (error) => {
			clearTimeout(timer);
			rejectReply(error);
		});
		request.end(body);
	});
}

/**
 * Starts the app and its endpoint on free ports with fresh data and the demo users, and signs
 * every user in.
 * With `keep`, on Apache CouchDB, a second app in front of the CouchDB another test app uses,
 * without emptying it first (emptying it ends that app's sessions and data).
 * @param {{ gateway?: Partial<import('./gateway.js').GatewayOptions>, beforeStart?: (dir: string) => void | Promise<void>, demoRelationships?: boolean, keep?: boolean }} [options]
 */
export async function startTestApp(options = {}) {
	const dir = await mkdtemp(join(os.tmpdir(), 'csp-security-test-'));
	const root = join(dir, 'build');
	await mkdir(root);
	await writeFile(join(root, 'index.html'), '<!doctype html><title>CSP Field</title>');
	await options.beforeStart?.(dir);
	const dataDir = join(dir, 'pouchdb');
	const app = await startAppUnderTest(dataDir, {
		root,
		gateway: options.gateway,
		demoRelationships: options.demoRelationships,
		keep: options.keep
	});
	const origin = app.appUrl.replace(/\/$/, '');
	const adminFile = JSON.parse(await readFile(join(dataDir, 'admin.json'), 'utf8'));
	const admin = createCouchClient({
		url: app.couchUrl,
		adminName: adminFile.name,
		adminPassword: adminFile.password
	});
	/** @type {Record<string, string>} user name → 'AuthSession=…' */
	const cookies = {};
	for (const user of app.users) {
		cookies[user.name] = await signIn(origin, user.name, user.password);
	}
	return {
		app,
		dir,
		dataDir,
		origin,
		admin,
		adminFile,
		cookies,
		/** @param {string} org */
		usersOf: (org) => app.users.filter((user) => user.org === org),
		async close() {
			await app.close();
			await rm(dir, { recursive: true, force: true, maxRetries: 3 });
		}
	};
}

/**
 * @param {string} origin
 * @param {string} name
 * @param {string} password
 * @param {string} [localAddress]
 * @returns {Promise<string>} 'AuthSession=…'
 */
export async function signIn(origin, name, password, localAddress) {
	const reply = await send(origin, {
		method: 'POST',
		path: '/db/_session',
		body: { name, password },
		localAddress
	});
	const cookie = String(reply.headers['set-cookie']?.[0] ?? '').split(';')[0];
	if (reply.status !== 200 || !cookie.startsWith('AuthSession=')) {
		throw new Error(`Signing in ${name} failed: ${reply.status} ${reply.text}`);
	}
	return cookie;
}

/**
 * Everything stored: per database its `_security` object and every document (design
 * documents included), and the users.
 * @param {import('./setup.js').CouchClient} admin
 */
export async function snapshot(admin) {
	const dbs = /** @type {string[]} */ ((await admin.request('GET', '_all_dbs')).body);
	/** @type {Record<string, unknown>} */
	const stored = {};
	// The relationship service's read positions move with every database's changes, at its own
	// pace: not data a request could change.
	for (const db of [...dbs].sort().filter((name) => name !== 'csp--relationships-checkpoints')) {
		const path = encodeURIComponent(db);
		const security = await admin.request('GET', `${path}/_security`);
		const docs = await admin.request('GET', `${path}/_all_docs?include_docs=true&conflicts=true`);
		const local = await admin.request('GET', `${path}/_local/_security`);
		stored[db] = {
			security: security.body,
			local: local.status === 200 ? local.body : local.status,
			docs: docs.body.rows.map((/** @type {any} */ row) => row.doc)
		};
	}
	return stored;
}

/**
 * A partnership request of the demo provider to the reseller with `mpnId`, stored as a device
 * would (with a new token), once the relationship service has indexed it (issue 12). Returns
 * the token and the partnership's id.
 * @param {Awaited<ReturnType<typeof startTestApp>>} t
 * @param {{ id: string, mpnId: string, name?: string }} reseller
 */
export async function addPartnershipRequest(t, reseller) {
	const token = randomBytes(32).toString('base64url');
	const at = new Date().toISOString();
	const meta = {
		createdAt: at,
		createdBy: 'demo-global-admin',
		updatedAt: at,
		updatedBy: 'demo-global-admin',
		deviceId: 'security-test'
	};
	const partner = await t.admin.request('PUT', `csp-demo-partners/${reseller.id}`, {
		name: reseller.name ?? `Reseller ${reseller.mpnId}`,
		nameLower: (reseller.name ?? `Reseller ${reseller.mpnId}`).toLowerCase(),
		mpnId: reseller.mpnId,
		kind: 'indirect-reseller',
		isOwnOrganisation: false,
		country: 'HU',
		email: `partners-${reseller.mpnId}@example.com`,
		mpaSigned: true,
		...meta
	});
	if (partner.status !== 201 && partner.status !== 409) {
		throw new Error(`Writing the reseller: ${partner.status}`);
	}
	const id = `security-request-${token.slice(0, 8)}`;
	const link = `${t.origin}/invitations/partnership/${token}`;
	const stored = await t.admin.request('PUT', `csp-demo-partnerships/${id}`, {
		providerId: 'demo-provider',
		resellerId: reseller.id,
		status: 'requested',
		requestedBy: 'demo-global-admin',
		requestedAt: at,
		invitationToken: token,
		invitationLink: link,
		emailDraft: `Please accept:\n${link}\n`,
		...meta
	});
	if (stored.status !== 201) throw new Error(`Writing the request: ${stored.status}`);
	const hash = await indexedByService(t, token);
	return { token, id, hash };
}

/**
 * Waits until the relationship service indexed the partnership with `token` and has nothing
 * left to do; returns the token's hash.
 * @param {Awaited<ReturnType<typeof startTestApp>>} t
 * @param {string} token
 */
async function indexedByService(t, token) {
	const hash = createHash('sha256').update(token, 'utf8').digest('hex');
	const deadline = Date.now() + 30_000;
	for (;;) {
		t.app.relationships.nudge();
		const indexed = await t.admin.request('GET', `csp--relationships/token:${hash}`);
		if (indexed.status === 200) break;
		if (Date.now() > deadline)
			throw new Error('The relationship service did not index the request');
		await new Promise((resolveWait) => setTimeout(resolveWait, 100));
	}
	await t.app.relationships.settled();
	return hash;
}

/**
 * An active partnership of organisation `org` with the reseller `resellerId`, stored by the
 * server admin (the records a test pushes name it: relation-rules.js).
 * @param {Awaited<ReturnType<typeof startTestApp>>} t
 * @param {string} resellerId
 * @param {{ org?: string, providerId?: string }} [options]
 */
export async function addActivePartnership(t, resellerId, { org = 'demo', providerId } = {}) {
	const at = '2026-01-05T10:00:00.000Z';
	const by = `${org}-global-admin`;
	const token = randomBytes(32).toString('base64url');
	const stored = await t.admin.request('PUT', `csp-${org}-partnerships/active-${resellerId}`, {
		providerId: providerId ?? `${org}-provider`,
		resellerId,
		status: 'active',
		requestedBy: by,
		requestedAt: at,
		acceptedAt: at,
		acceptedRecordedBy: by,
		invitationToken: token,
		invitationLink: '',
		emailDraft: 'Please accept.',
		createdAt: at,
		createdBy: by,
		updatedAt: at,
		updatedBy: by,
		deviceId: 'security-test'
	});
	if (stored.status !== 201) {
		throw new Error(`Writing the partnership with ${resellerId}: ${stored.status}`);
	}
	await indexedByService(t, token);
}

/**
 * The organisation's own partner record `org-<org>` (as its first device would push it).
 * @param {Awaited<ReturnType<typeof startTestApp>>} t
 * @param {string} [org]
 */
export async function addOwnPartner(t, org = 'demo') {
	const at = '2026-01-05T10:00:00.000Z';
	const by = `${org}-global-admin`;
	const stored = await t.admin.request('PUT', `csp-${org}-partners/org-${org}`, {
		name: `Organisation ${org}`,
		nameLower: `organisation ${org}`,
		mpnId: '5100001',
		kind: 'indirect-provider',
		isOwnOrganisation: true,
		country: 'HU',
		email: `partners@${org}.example`,
		mpaSigned: true,
		createdAt: at,
		createdBy: by,
		updatedAt: at,
		updatedBy: by,
		deviceId: 'security-test'
	});
	if (stored.status !== 201) throw new Error(`Writing the own partner of ${org}: ${stored.status}`);
}
