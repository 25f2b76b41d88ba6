// Shared by the security suite and the gateway fuzz: an app + endpoint started as `npm start`
// does (startApp, demo users, a temporary data folder; or the test CouchDB, emptied first:
// server/test-couch.js), raw HTTP requests from any loopback
// address, and a snapshot of everything stored (to compare before and after an attack).
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
 * @param {{ gateway?: Partial<import('./gateway.js').GatewayOptions>, beforeStart?: (dir: string) => void | Promise<void> }} [options]
 */
export async function startTestApp(options = {}) {
	const dir = await mkdtemp(join(os.tmpdir(), 'csp-security-test-'));
	const root = join(dir, 'build');
	await mkdir(root);
	await writeFile(join(root, 'index.html'), '<!doctype html><title>CSP Field</title>');
	await options.beforeStart?.(dir);
	const dataDir = join(dir, 'pouchdb');
	const app = await startAppUnderTest(dataDir, { root, gateway: options.gateway });
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
	for (const db of [...dbs].sort()) {
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
