#!/usr/bin/env node
// `npm start` (after `npm run build`): the replication endpoint, the demo organisations, and
// the app with the endpoint under one origin.
//
// 1. The endpoint: the embedded PouchDB Server (server/endpoint.js) with its data in
//    data/pouchdb/ (COUCH_DATA_DIR), on 127.0.0.1:COUCH_PORT (default 5984, or a free port when
//    that is taken), its server admin generated once into data/admin.json (or
//    <COUCH_DATA_DIR>/admin.json); sessions last COUCH_SESSION_TIMEOUT seconds (default 86400).
//    Or an external CouchDB: COUCH_URL=http://couchdb:5984 COUCH_ADMIN=admin:secret npm start;
//    for a cluster, every node's URL separated by commas (the gateway goes on through the
//    others when one is down). The gateway's ended sessions are then kept in
//    data/ended-sessions.json (COUCH_DATA_DIR to change).
// 2. The setup of the demo organisations and users (idempotent: server/setup.js demo).
// 3. The built app from build/ on http://HOST:PORT/ (default 127.0.0.1:4173), with /db/…
//    going to the endpoint through the allow-list gateway (server/gateway.js) and /api/users…
//    to the users API (server/api/users.js, with the server admin); the endpoint itself stays
//    on 127.0.0.1 for the setup and the admin tools.
// It prints the app's address, the endpoint, and the demo users with roles and passwords.
//
// In-process (e.g. tests): const app = await startApp({ port: 0, dataDir: tmp, couchPort: 0 });
// app.appUrl, app.couchUrl, app.users; await app.close().
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEndpoint } from '../server/endpoint.js';
import { createUsersApi } from '../server/api/users.js';
import { createPartnershipInvitationsApi } from '../server/api/partnership-invitations.js';
import { TOKEN_LIFETIME_DAYS, createRelationshipService } from '../server/relationships/service.js';
import { setupDemoRelationships } from '../server/relationships/demo.js';
import { createGateway, targetList } from '../server/gateway.js';
import { createCouchClient, setupDemo } from '../server/setup.js';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_ROOT, startServer } from './serve.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data');

/**
 * @typedef {object} StartOptions
 * @property {string} [host] default HOST or 127.0.0.1
 * @property {number} [port] default PORT or 4173; 0 picks a free port
 * @property {string} [root] the built app (default build/)
 * @property {string} [couchUrl] an external CouchDB (default COUCH_URL), or its nodes' URLs
 *   separated by commas; then couchAdmin too
 * @property {string} [couchAdmin] 'name:password' (default COUCH_ADMIN)
 * @property {string} [dataDir] the embedded endpoint's data (default COUCH_DATA_DIR or
 *   data/pouchdb); with an external CouchDB, where the gateway keeps ended sessions (default
 *   COUCH_DATA_DIR or data/)
 * @property {number} [couchPort] the embedded endpoint's port (default COUCH_PORT or 5984)
 * @property {number} [sessionTimeout] seconds (default COUCH_SESSION_TIMEOUT or 86400)
 * @property {Partial<import('../server/gateway.js').GatewayOptions>} [gateway] the gateway's
 *   limits (tests use shorter timeouts); `trustProxy` defaults to TRUST_PROXY=1
 * @property {import('./serve.js').ServerOptions['tls']} [tls] https (default: TLS_CERT_FILE and
 *   TLS_KEY_FILE)
 * @property {boolean} [demoRelationships] set up the demo's partnerships through the
 *   relationship service (server/relationships/demo.js): `npm start` does, the tests only when
 *   they ask (their demo organisations start unrelated)
 */

/**
 * The embedded endpoint's server admin: generated on the first start, then kept.
 * @param {string} file
 */
function embeddedAdmin(file) {
	if (existsSync(file)) {
		const stored = JSON.parse(readFileSync(file, 'utf8'));
		if (stored.name && stored.password) {
			return { name: String(stored.name), password: String(stored.password), file };
		}
	}
	const admin = { name: 'admin', password: randomBytes(18).toString('base64url') };
	mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
	writeFileSync(file, JSON.stringify(admin, null, 2) + '\n', { mode: 0o600 });
	return { ...admin, file };
}

/**
 * Starts everything; resolves once the app listens.
 * @param {StartOptions} [options]
 */
export async function startApp(options = {}) {
	const env = process.env;
	/** @type {import('../server/endpoint.js').Endpoint | null} */
	let endpoint = null;
	let couchUrl = options.couchUrl ?? env.COUCH_URL;
	let adminName;
	let adminPassword;
	let adminSource;
	let dataDir = null;
	/** @type {string[]} */
	let couchUrls = [];
	/** @type {string | undefined} */
	let revocationFile;
	/** @type {ReturnType<typeof createRelationshipService> | null} */
	let relationships = null;
	const sessionTimeout =
		options.sessionTimeout ??
		(env.COUCH_SESSION_TIMEOUT ? Number(env.COUCH_SESSION_TIMEOUT) : undefined);
	if (couchUrl) {
		couchUrls = targetList(couchUrl);
		couchUrl = couchUrls[0];
		const stateDir = resolve(options.dataDir ?? env.COUCH_DATA_DIR ?? DATA);
		mkdirSync(stateDir, { recursive: true, mode: 0o700 });
		revocationFile = join(stateDir, 'ended-sessions.json');
		const admin = options.couchAdmin ?? env.COUCH_ADMIN ?? '';
		const separator = admin.indexOf(':');
		if (separator < 1) {
			throw new Error('With COUCH_URL, give the server admin as COUCH_ADMIN=name:password.');
		}
		adminName = admin.slice(0, separator);
		adminPassword = admin.slice(separator + 1);
		adminSource = 'COUCH_ADMIN';
	} else {
		const customDir = options.dataDir ?? env.COUCH_DATA_DIR;
		dataDir = resolve(customDir ?? join(DATA, 'pouchdb'));
		const admin = embeddedAdmin(customDir ? join(dataDir, 'admin.json') : join(DATA, 'admin.json'));
		const portOption = options.couchPort ?? (env.COUCH_PORT ? Number(env.COUCH_PORT) : undefined);
		const endpointOptions = {
			dataDir,
			adminName: admin.name,
			adminPassword: admin.password,
			sessionTimeout
		};
		try {
			endpoint = await startEndpoint({ ...endpointOptions, port: portOption ?? 5984 });
		} catch (error) {
			const inUse = /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE';
			if (!inUse || portOption !== undefined) throw error;
			endpoint = await startEndpoint({ ...endpointOptions, port: 0 });
		}
		couchUrl = endpoint.url;
		couchUrls = [couchUrl];
		revocationFile = join(dataDir, 'ended-sessions.json');
		adminName = admin.name;
		adminPassword = admin.password;
		adminSource = relative(process.cwd(), admin.file) || admin.file;
	}

	try {
		const client = createCouchClient({
			url: await firstReachable(couchUrls),
			adminName,
			adminPassword
		});
		const { users } = await setupDemo(client);
		// The relationship service (server/relationships/service.js) beside the endpoint.
		relationships = createRelationshipService({
			url: client.url,
			adminName: String(adminName),
			adminPassword: String(adminPassword)
		});
		await relationships.start();

		const host = options.host ?? env.HOST ?? DEFAULT_HOST;
		const port = options.port ?? (env.PORT ? Number(env.PORT) : DEFAULT_PORT);
		/** @type {ReturnType<typeof createUsersApi> | null} */
		let usersApi = null;
		const gateway = createGateway({
			targetUrl: couchUrls,
			// The embedded endpoint's is 86400 s; CouchDB's is in its config (default 600 s).
			sessionTimeout: sessionTimeout ?? (endpoint ? 86_400 : await couchSessionTimeout(client)),
			revocationFile,
			trustProxy: env.TRUST_PROXY === '1',
			onSignIn: (name) => {
				usersApi?.recordSignIn(name).catch(() => undefined);
			},
			...options.gateway
		});
		usersApi = createUsersApi({
			client,
			sessions: gateway.sessions,
			reservedNames: [String(adminName)]
		});
		const partnershipApi = createPartnershipInvitationsApi({
			client,
			sessions: gateway.sessions,
			service: relationships
		});
		const handleUsers = usersApi.handleApiRequest;
		const server = startServer({
			host,
			port,
			root: options.root,
			tls: options.tls,
			handleDatabaseRequest: gateway,
			handleApiRequest: async (request, response) => {
				if (!(await partnershipApi.handle(request, response))) await handleUsers(request, response);
			},
			quiet: true
		});
		await new Promise((resolveListen, rejectListen) => {
			server.once('listening', resolveListen);
			server.once('error', rejectListen);
		});
		const address = server.address();
		const actualPort = address && typeof address === 'object' ? address.port : port;
		const runningEndpoint = endpoint;
		const appUrl = `${server instanceof https.Server ? 'https' : 'http'}://${host}:${actualPort}/`;
		/** @type {import('../server/relationships/demo.js').DemoRelationships | null} */
		let demoRelationships = null;
		if (options.demoRelationships) {
			try {
				demoRelationships = await setupDemoRelationships(client, relationships, {
					origin: appUrl
				});
			} catch (error) {
				await new Promise((resolveClose) => {
					server.close(() => resolveClose(undefined));
					server.closeAllConnections();
				});
				throw error;
			}
		}
		return {
			appUrl,
			couchUrl,
			/** Every node of an external cluster (one URL otherwise). */
			couchUrls,
			adminName,
			adminSource,
			dataDir,
			embedded: runningEndpoint !== null,
			/** The embedded endpoint (its `pid` is the process serving it now), or null. */
			endpoint: runningEndpoint,
			users,
			/** The relationship service running beside the endpoint. */
			relationships: /** @type {ReturnType<typeof createRelationshipService>} */ (relationships),
			/** The demo's relationships (with `demoRelationships`): the pending request's link. */
			demoRelationships,
			async close() {
				await relationships?.stop();
				await new Promise((resolveClose) => {
					server.close(() => resolveClose(undefined));
					server.closeAllConnections();
				});
				if (runningEndpoint) await runningEndpoint.close();
			}
		};
	} catch (error) {
		await relationships?.stop();
		if (endpoint) await endpoint.close();
		throw error;
	}
}

/**
 * The first of the nodes that answers (setup needs one; any node of a cluster will do).
 * @param {string[]} urls
 */
async function firstReachable(urls) {
	for (const url of urls) {
		try {
			await fetch(`${url}/_up`, { signal: AbortSignal.timeout(5000) });
			return url;
		} catch {
			// down: the next one
		}
	}
	return urls[0];
}

/**
 * How long CouchDB's session cookies last (`[chttpd_auth] timeout`), so the gateway keeps an
 * ended session refused as long as its cookie would be accepted; 600 s (CouchDB's default)
 * when the config cannot be read.
 * @param {import('../server/setup.js').CouchClient} client
 */
async function couchSessionTimeout(client) {
	const reply = await client.request('GET', '_node/_local/_config/chttpd_auth/timeout');
	const seconds = reply.status === 200 ? Number(reply.body) : NaN;
	return Number.isFinite(seconds) && seconds > 0 ? seconds : 600;
}

async function main() {
	if (!existsSync(join(DEFAULT_ROOT, 'index.html'))) {
		console.error(`${DEFAULT_ROOT}/index.html does not exist: run \`npm run build\` first.`);
		process.exit(1);
	}
	const app = await startApp({ demoRelationships: true });
	const where = app.embedded
		? `PouchDB Server, data in ${relative(process.cwd(), /** @type {string} */ (app.dataDir)) || app.dataDir}`
		: 'external CouchDB';
	const lines = [
		`CSP Field is running at ${app.appUrl}`,
		`Replication endpoint: ${app.appUrl}db/ → ${app.couchUrl}/ (${where}; server admin "${app.adminName}", password in ${app.adminSource})`,
		'',
		'Demo users (sign in with the user name and password):'
	];
	const width = Math.max(...app.users.map((user) => user.name.length));
	const passwordWidth = Math.max(...app.users.map((user) => user.password.length));
	for (const user of app.users) {
		const notes = /** @type {Record<string, string>} */ ({
			demo: ' (indirect provider Contoso Distribution CEE)',
			'demo-reseller': ' (indirect reseller Budapest Cloud Partners Kft.)',
			'demo-other': ' (indirect reseller Fabrikam Reseller Kft., related to Contoso only)'
		});
		const note =
			notes[user.org] ?? ` (organisation "${user.org}", to see that organisations are kept apart)`;
		lines.push(
			`  ${user.name.padEnd(width)}  ${user.password.padEnd(passwordWidth)}  ${user.roleLabels.join(', ')}${note}`
		);
	}
	const demo = app.demoRelationships;
	lines.push(
		'',
		demo?.pending
			? `Partnership request of Contoso Distribution CEE to Budapest Cloud Partners Kft. (open it, sign in as reseller-global-admin, accept or decline; it works ${TOKEN_LIFETIME_DAYS} days after the first start):\n  ${demo.pending}`
			: `The demo's partnership request to Budapest Cloud Partners Kft. was answered: it is ${demo?.pendingState === 'active' ? 'active' : 'removed'} now.`
	);
	lines.push('', 'Press Ctrl+C to stop.');
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await app.close();
		process.exit(0);
	};
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
		process.on(signal, () => void stop());
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
