// The embedded replication endpoint: PouchDB Server (express-pouchdb over LevelDB) on
// 127.0.0.1, in a child process of its own. It speaks the CouchDB HTTP API the app and the
// setup command use: _users, _session cookies, _security, validate_doc_update, _bulk_docs,
// _changes.
//
//   const endpoint = await startEndpoint({ dataDir: 'data/pouchdb', port: 0,
//                                          adminName: 'admin', adminPassword: '…' });
//   endpoint.url   // 'http://127.0.0.1:<port>' (no credentials, no trailing slash)
//   await endpoint.close();
//
// A child process, because PouchDB keeps process-wide state (its plugins and the list of
// databases are shared by every PouchDB Server in a process, so two endpoints in one process
// would see each other's databases); it also keeps a crash of the endpoint away from the
// caller. The child ends when it is closed, or when its parent goes away. It is supervised: if
// it exits unexpectedly, the cause is logged and it is started again on the same port, after
// 0.5 s, then 1, 2, 4 … up to 30 s while it keeps failing (the gateway answers 503 meanwhile).
//
// Differences from Apache CouchDB 3 that this file evens out:
// - the server admin and the cookie secret are kept in <dataDir>/config.json, so sessions
//   survive a restart; a session lasts `sessionTimeout` seconds (default 24 h) and, as with
//   CouchDB 3's allow_persistent_cookies, the AuthSession cookie carries a Max-Age;
// - `_changes?feed=longpoll&timeout=<ms>` ends after the timeout with no results, as CouchDB
//   does (express-pouchdb ignores `timeout`);
// - no gzip (express-pouchdb's gzip would buffer continuous `_changes` feeds), no CORS, no
//   Fauxton, no `_replicate`, no rewrites, shows, lists or update functions.
// - express-pouchdb enforces `_security` only in some routes (`_bulk_get`, `_find` and
//   `_index` answered non-members, even anonymous ones, and a non-admin `PUT /<db>` crashed
//   the process), so securityGate() checks every request first, as CouchDB 3 does: database
//   requests need a member or admin of its `_security` (401 signed out, 403 signed in);
//   creating or deleting databases, design documents and indexes needs a server admin; in
//   `_users` a user only reads their own document (express-pouchdb let a user PUT their own
//   document with new roles: another organisation's, global-admin); other `/_…` paths are
//   for server admins except `/_session` and `/_uuids`.
// - requests that crashed express-pouchdb are refused before it sees them, for everyone,
//   server admins included: `PUT`/`DELETE` of a name that is no database name (`PUT /_session`,
//   `PUT /favicon.ico`: 400), other methods on `/_session`, `/_uuids` and `/favicon.ico` (405),
//   and multipart or form bodies (415; they also left temporary files behind). Members get no
//   `_find`/`_explain` (a `$regex` selector could block the process) and no `_local/_…`
//   document (`_local/_security` is where PouchDB keeps the `_security` object).
// - passwords are hashed with PBKDF2 (`iterations`, default 600000 as in CouchDB 3.4+; pouchdb-auth
//   would use 10) with Node's native crypto off the event loop (pouchdb-auth's own is pure
//   JavaScript and synchronous); a user whose hash has fewer iterations gets a new hash at
//   their next sign-in. The result of a hash is kept in memory for repeated requests of the
//   same credentials (the setup's and the gate's Basic-authenticated admin requests), keyed by
//   a keyed digest of the input so no password stays in memory.
// - request bodies above `max_document_size` (8 MiB) are refused with 413; the gateway in front
//   has lower limits (allow-list.js).
// - the data directory and every file in it are the server user's only (umask 077, 0700/0600).
// Logs go to <dataDir>/log.txt at level 'warning' (nothing on stdout); an unhandled promise
// rejection is logged there and on stderr instead of ending the process.
import { createHmac, pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import {
	appendFileSync,
	chmodSync,
	existsSync,
	lstatSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	writeFileSync
} from 'node:fs';
import http from 'node:http';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbUpdatesFeed } from './relationships/db-updates-feed.js';

/** CommonJS loader for the PouchDB Server packages (they have no types). */
const load = createRequire(import.meta.url);

/**
 * @typedef {object} EndpointOptions
 * @property {string} dataDir where the databases, config.json and log.txt live
 * @property {number} [port] 0 (the default) picks a free port
 * @property {string} [host] default 127.0.0.1
 * @property {string} adminName the server admin
 * @property {string} adminPassword
 * @property {number} [sessionTimeout] seconds a session cookie stays valid (default 86400)
 * @property {'debug' | 'info' | 'warning' | 'error' | 'none'} [logLevel] default 'warning'
 * @property {number} [iterations] PBKDF2 iterations of new password hashes (default 600000)
 *
 * @typedef {object} Endpoint
 * @property {string} url http://host:port
 * @property {number} port
 * @property {number} [pid] the process that serves it now (startEndpoint's child)
 * @property {() => Promise<void>} close stops the server and closes the databases
 */

/** express-pouchdb parts left out (see the header). */
const EXCLUDED_PARTS = [
	'compression',
	'routes/fauxton',
	'routes/replicate',
	'replicator',
	'routes/vhosts',
	'routes/rewrite',
	'routes/cluster-rewrite',
	'routes/special-test-auth',
	'routes/show',
	'routes/list',
	'routes/update'
];

const CHILD_FLAG = 'CSP_ENDPOINT_CHILD';

/**
 * Starts the endpoint in a child process and resolves once it listens. Fails like
 * `server.listen` (e.g. an Error with code 'EADDRINUSE').
 * @param {EndpointOptions} options
 * @returns {Promise<Endpoint>}
 */
export function startEndpoint(options) {
	if (!options.adminName || !options.adminPassword) {
		return Promise.reject(new Error('startEndpoint needs adminName and adminPassword'));
	}
	const logPath = join(resolve(options.dataDir), 'log.txt');
	return spawnEndpoint(options).then((first) => {
		let current = first;
		let closed = false;
		let restarts = 0;
		/** @type {NodeJS.Timeout | null} */
		let retry = null;
		/** @param {number | null} code @param {NodeJS.Signals | null} signal */
		const onExit = (code, signal) => {
			if (closed) return;
			const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
			console.error(
				`The replication endpoint stopped unexpectedly (${signal ?? `code ${code}`}); restarting it in ${delay / 1000} s. Its log is ${logPath}.`
			);
			const again = () => {
				retry = null;
				if (closed) return;
				restarts += 1;
				spawnEndpoint({ ...options, port: first.port }).then(
					(next) => {
						if (closed) {
							void next.stop();
							return;
						}
						current = next;
						next.child.once('exit', onExit);
						// A run that lasted a minute starts the backoff over.
						setTimeout(() => {
							if (current === next) restarts = 0;
						}, 60_000).unref();
					},
					(/** @type {Error} */ error) => {
						console.error(`The replication endpoint did not start again (${error.message}).`);
						onExit(null, null);
					}
				);
			};
			retry = setTimeout(again, delay);
		};
		first.child.once('exit', onExit);
		return {
			url: first.url,
			port: first.port,
			get pid() {
				return current.child.pid ?? 0;
			},
			async close() {
				if (closed) return;
				closed = true;
				if (retry) clearTimeout(retry);
				await current.stop();
			}
		};
	});
}

/**
 * One endpoint child process, started and listening.
 * @param {EndpointOptions} options
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, port: number, stop: () => Promise<void> }>}
 */
function spawnEndpoint(options) {
	const child = fork(fileURLToPath(import.meta.url), [], {
		env: { ...process.env, [CHILD_FLAG]: '1' },
		execArgv: [],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const exited = new Promise((resolveExit) => child.once('exit', () => resolveExit(undefined)));
	return new Promise((resolveStart, rejectStart) => {
		child.once('error', rejectStart);
		child.once('exit', (code) => rejectStart(new Error(`The endpoint exited (code ${code})`)));
		child.once('message', (/** @type {any} */ message) => {
			if (message?.error) {
				const error = Object.assign(new Error(message.error.message), {
					code: message.error.code
				});
				rejectStart(error);
				return;
			}
			resolveStart({
				child,
				url: message.url,
				port: message.port,
				async stop() {
					if (child.exitCode !== null || child.signalCode !== null) return;
					if (child.connected) child.send('close');
					const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
					await exited;
					clearTimeout(timer);
				}
			});
		});
		child.send({ ...options, dataDir: resolve(options.dataDir) });
	});
}

// In the child: start on the parent's message, stop on 'close' or when the parent is gone.
if (process.env[CHILD_FLAG] === '1' && process.send) {
	delete process.env[CHILD_FLAG];
	// Databases, config.json and the log: for the server's user only.
	process.umask(0o077);
	/** @type {Endpoint | null} */
	let running = null;
	const stop = async () => {
		if (running) await running.close();
		process.exit(0);
	};
	process.on('disconnect', () => void stop());
	process.on('message', (/** @type {any} */ message) => {
		if (message === 'close') {
			void stop();
			return;
		}
		runEndpoint(message).then(
			(endpoint) => {
				running = endpoint;
				process.send?.({ url: endpoint.url, port: endpoint.port });
			},
			(/** @type {NodeJS.ErrnoException} */ error) => {
				process.send?.({ error: { message: error.message, code: error.code } }, () =>
					process.exit(1)
				);
			}
		);
	});
}

/**
 * The endpoint itself, in this process (the child's side of startEndpoint).
 * @param {EndpointOptions} options
 * @returns {Promise<Endpoint>}
 */
async function runEndpoint(options) {
	const dataDir = resolve(options.dataDir);
	const host = options.host ?? '127.0.0.1';
	const sessionTimeout = options.sessionTimeout ?? 86_400;
	if (!options.adminName || !options.adminPassword) {
		throw new Error('startEndpoint needs adminName and adminPassword');
	}
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	restrictModes(dataDir);
	const configPath = join(dataDir, 'config.json');
	const logPath = join(dataDir, 'log.txt');
	const iterations = options.iterations ?? DEFAULT_ITERATIONS;
	writeConfig(configPath, {
		adminName: options.adminName,
		adminPassword: options.adminPassword,
		sessionTimeout,
		iterations,
		logPath,
		logLevel: options.logLevel ?? 'warning'
	});
	process.on('unhandledRejection', (reason) => {
		const line = `[${new Date().toISOString()}] [error] unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`;
		process.stderr.write(line);
		try {
			appendFileSync(logPath, line);
		} catch {
			// The log is a help; the endpoint goes on without it.
		}
	});
	useNativePasswordHashing();

	const PouchDB = load('pouchdb-core')
		.plugin(load('pouchdb-adapter-leveldb'))
		.plugin(load('pouchdb-mapreduce'))
		.plugin(load('pouchdb-replication'))
		.defaults({ prefix: dataDir + '/' });
	const express = load('express');
	const expressPouchDB = load('express-pouchdb');
	const pouchApp = expressPouchDB(PouchDB, {
		configPath,
		logPath,
		mode: 'fullCouchDB',
		overrideMode: { exclude: EXCLUDED_PARTS }
	});

	const app = express();
	app.disable('x-powered-by');
	pouchApp.disable('x-powered-by');
	/** Set once listening: the gate asks the server itself who a request's user is. */
	let selfUrl = '';
	const internalToken = randomBytes(24).toString('hex');
	app.use(persistentCookie(sessionTimeout));
	app.use(refuseCrashingRequests());
	app.use(
		securityGate({
			selfUrl: () => selfUrl,
			internalToken,
			adminAuthorization: `Basic ${Buffer.from(`${options.adminName}:${options.adminPassword}`).toString('base64')}`
		})
	);
	app.use(longpollTimeout(PouchDB));
	// CouchDB's _db_updates, which express-pouchdb lacks (the relationship service follows it).
	app.use(
		dbUpdatesFeed({
			allDbs: () =>
				new Promise((resolveAll, rejectAll) =>
					PouchDB.allDbs((/** @type {any} */ error, /** @type {string[]} */ names) =>
						error ? rejectAll(error) : resolveAll(names)
					)
				)
		})
	);
	app.use(
		rehashOnSignIn({
			selfUrl: () => selfUrl,
			iterations,
			adminAuthorization: `Basic ${Buffer.from(`${options.adminName}:${options.adminPassword}`).toString('base64')}`
		})
	);
	app.use(pouchApp);

	const server = http.createServer(app);
	// Long-poll and continuous _changes stay open for minutes.
	server.requestTimeout = 0;
	server.keepAliveTimeout = 65_000;
	await new Promise((resolveListen, rejectListen) => {
		server.once('error', rejectListen);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', rejectListen);
			resolveListen(undefined);
		});
	});
	const address = server.address();
	const port = address && typeof address === 'object' ? address.port : Number(options.port);
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	selfUrl = url;

	let closed = false;
	return {
		url,
		port,
		async close() {
			if (closed) return;
			closed = true;
			await new Promise((resolveClose) => {
				server.close(() => resolveClose(undefined));
				server.closeAllConnections();
			});
			// The databases express-pouchdb keeps open (its cache); LevelDB releases their locks.
			const cache = PouchDB.__dbCacheMap;
			const names = cache ? Array.from(cache.keys()) : [];
			await Promise.allSettled(names.map((/** @type {string} */ name) => cache.get(name).close()));
		}
	};
}

/** PBKDF2 iterations of new hashes: Apache CouchDB 3.4's default. */
export const DEFAULT_ITERATIONS = 600_000;

/** Makes the data directory and everything in it the server user's only (older data too). @param {string} dir */
function restrictModes(dir) {
	chmodSync(dir, 0o700);
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		const info = lstatSync(path);
		if (info.isSymbolicLink()) continue;
		if (info.isDirectory()) restrictModes(path);
		else if ((info.mode & 0o077) !== 0) chmodSync(path, info.mode & 0o700);
	}
}

/**
 * pouchdb-auth hashes with a synchronous pure-JavaScript PBKDF2 (crypto-lite), which would block
 * the endpoint for seconds at CouchDB's iteration count: this puts Node's native one (the same
 * PBKDF2-HMAC-SHA1, 20 bytes, hex) in its place, run on the thread pool. Results are kept for
 * repeated requests with the same credentials (see the header).
 */
function useNativePasswordHashing() {
	const authUtils = load('pouchdb-auth/lib/utils.js');
	const memoKey = randomBytes(32);
	/** @type {Map<string, Promise<string>>} */
	const memo = new Map();
	authUtils.hashPassword = function hashPassword(
		/** @type {unknown} */ password,
		/** @type {unknown} */ salt,
		/** @type {unknown} */ rounds
	) {
		const count = Number(rounds ?? 10);
		if (typeof password !== 'string' || typeof salt !== 'string') {
			return Promise.reject(new Error('bad password'));
		}
		if (!Number.isInteger(count) || count < 1 || count > 10_000_000) {
			return Promise.reject(new Error('bad iteration count'));
		}
		const key = createHmac('sha256', memoKey)
			.update(`${count}\0${salt}\0${password}`)
			.digest('base64');
		const known = memo.get(key);
		if (known) return known;
		const hash = new Promise((resolveHash, rejectHash) => {
			pbkdf2(password, salt, count, 20, 'sha1', (error, derived) => {
				if (error) rejectHash(error);
				else resolveHash(derived.toString('hex'));
			});
		});
		hash.catch(() => memo.delete(key));
		if (memo.size >= 200) memo.delete(/** @type {string} */ (memo.keys().next().value));
		memo.set(key, hash);
		return hash;
	};
}

/**
 * The server admin's `-pbkdf2-<key>,<salt>,<iterations>` entry: the stored one when it is for
 * this password with enough iterations, else a new one. Made here, not by express-pouchdb,
 * whose hashing at load time would race with the users database it configures.
 * @param {string} password
 * @param {number} iterations
 * @param {unknown} stored
 */
function adminHash(password, iterations, stored) {
	const match =
		typeof stored === 'string' ? /^-pbkdf2-([\da-f]+),([\da-f]+),([0-9]+)$/.exec(stored) : null;
	if (match && Number(match[3]) >= iterations) {
		const key = pbkdf2Sync(password, match[2], Number(match[3]), 20, 'sha1').toString('hex');
		if (key === match[1]) return /** @type {string} */ (stored);
	}
	const salt = randomBytes(16).toString('hex');
	const key = pbkdf2Sync(password, salt, iterations, 20, 'sha1').toString('hex');
	return `-pbkdf2-${key},${salt},${iterations}`;
}

/**
 * Writes config.json: the admin's password hash, the
 * cookie secret (kept from an earlier run), the session timeout, the PBKDF2 iterations, the
 * largest request body and the log settings.
 * @param {string} path
 * @param {{ adminName: string, adminPassword: string, sessionTimeout: number, iterations: number, logPath: string, logLevel: string }} settings
 */
function writeConfig(path, settings) {
	/** @type {Record<string, Record<string, unknown>>} */
	let config = {};
	if (existsSync(path)) {
		try {
			config = JSON.parse(readFileSync(path, 'utf8'));
		} catch {
			config = {};
		}
	}
	const auth = config.couch_httpd_auth ?? {};
	config.admins = {
		[settings.adminName]: adminHash(
			settings.adminPassword,
			settings.iterations,
			/** @type {any} */ (config.admins)?.[settings.adminName]
		)
	};
	config.couch_httpd_auth = {
		...auth,
		secret: typeof auth.secret === 'string' ? auth.secret : randomBytes(16).toString('hex'),
		timeout: settings.sessionTimeout,
		iterations: settings.iterations,
		// persistentCookie() below sets the Max-Age (express-pouchdb's would be in milliseconds).
		allow_persistent_cookies: false
	};
	config.log = { ...(config.log ?? {}), file: settings.logPath, level: settings.logLevel };
	config.httpd = { ...(config.httpd ?? {}), enable_cors: false };
	config.couchdb = { ...(config.couchdb ?? {}), max_document_size: 8 * 1024 * 1024 };
	writeFileSync(path, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
}

/**
 * Gives the AuthSession cookie a Max-Age of the session timeout, as CouchDB 3 does, so a
 * signed-in tablet stays signed in across browser restarts (until the session times out).
 * A sign-out (DELETE /_session) clears it as before.
 * @param {number} timeoutSeconds
 */
function persistentCookie(timeoutSeconds) {
	return (
		/** @type {any} */ _request,
		/** @type {any} */ response,
		/** @type {() => void} */ next
	) => {
		const cookie = response.cookie;
		response.cookie = function (
			/** @type {string} */ name,
			/** @type {string} */ value,
			/** @type {any} */ options
		) {
			if (name === 'AuthSession' && value) {
				options = { ...options, maxAge: timeoutSeconds * 1000, path: '/', sameSite: 'lax' };
			}
			return cookie.call(this, name, value, options);
		};
		next();
	};
}

/**
 * CouchDB ends a long-poll `_changes` after `timeout` milliseconds with the results so far
 * (none) and `last_seq`; express-pouchdb would wait for the next change. This closes the JSON
 * that express-pouchdb started and cancels its live feed.
 * @param {any} PouchDB
 */
function longpollTimeout(PouchDB) {
	return (
		/** @type {any} */ request,
		/** @type {any} */ response,
		/** @type {() => void} */ next
	) => {
		const match = /^\/([^/_][^/]*)\/_changes$/.exec(request.path);
		const query = request.query ?? {};
		const timeout = Number(query.timeout);
		if (!match || query.feed !== 'longpoll' || !(timeout > 0)) {
			next();
			return;
		}
		const since = Number(query.since);
		const write = response.write;
		const end = response.end;
		let opened = false;
		let ended = false;
		// Once this has ended the response, express-pouchdb's late writes go nowhere.
		response.write = function (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) {
			if (ended) return true;
			if (typeof chunk === 'string' && chunk.startsWith('{"results":[')) opened = true;
			return write.call(this, chunk, ...rest);
		};
		response.end = function (/** @type {any[]} */ ...args) {
			if (ended) return this;
			return end.apply(this, args);
		};
		const socket = request.socket;
		const closeListenersBefore = new Set(socket.listeners('close'));
		const timer = setTimeout(async () => {
			if (!opened || response.writableEnded) return;
			let lastSeq = since;
			if (query.since === 'now' || !Number.isFinite(since)) {
				try {
					const name = decodeURIComponent(match[1]);
					const db = PouchDB.__dbCacheMap?.get(name);
					lastSeq = db ? (await db.info()).update_seq : 0;
				} catch {
					lastSeq = 0;
				}
			}
			if (response.writableEnded) return;
			write.call(response, `],\n"last_seq":${JSON.stringify(lastSeq)}}\n`);
			end.call(response);
			ended = true;
			// express-pouchdb cancels its live changes feed when the socket closes.
			for (const listener of socket.listeners('close')) {
				if (!closeListenersBefore.has(listener) && listener.name === 'cancelChanges') {
					socket.removeListener('close', listener);
					listener();
				}
			}
		}, timeout);
		response.on('close', () => clearTimeout(timer));
		next();
	};
}

/** Database names CouchDB accepts (and the system databases). */
const DATABASE_NAME = /^([a-z][a-z0-9_$()+/-]*|_users|_replicator)$/;

/**
 * Refuses, for everyone, the requests that crashed express-pouchdb or left files behind (see
 * the header), with JSON reasons.
 */
function refuseCrashingRequests() {
	return (
		/** @type {any} */ request,
		/** @type {any} */ response,
		/** @type {() => void} */ next
	) => {
		const method = request.method;
		const segments = String(request.path).split('/').slice(1);
		let first = segments[0] ?? '';
		try {
			first = decodeURIComponent(first);
		} catch {
			response
				.status(400)
				.json({ error: 'bad_request', reason: 'Bad percent-escape in the path.' });
			return;
		}
		const type = String(request.headers['content-type'] ?? '').toLowerCase();
		if (type.includes('multipart/') || type.includes('application/x-www-form-urlencoded')) {
			response
				.status(415)
				.json({ error: 'bad_content_type', reason: 'Multipart and form bodies are not accepted.' });
			return;
		}
		/** @type {Record<string, string[]>} */
		const fixedMethods = {
			_session: ['GET', 'HEAD', 'POST', 'DELETE'],
			_uuids: ['GET', 'HEAD'],
			'favicon.ico': ['GET', 'HEAD']
		};
		const allowed = fixedMethods[first];
		if (allowed && segments.length === 1 && !allowed.includes(method)) {
			response.set('Allow', allowed.join(', '));
			response.status(405).json({
				error: 'method_not_allowed',
				reason: `Only ${allowed.join(', ')} are allowed here.`
			});
			return;
		}
		const onlyDatabase = segments.length === 1 || (segments.length === 2 && segments[1] === '');
		if (
			!allowed &&
			(method === 'PUT' || method === 'DELETE') &&
			onlyDatabase &&
			!DATABASE_NAME.test(first)
		) {
			response.status(400).json({
				error: 'illegal_database_name',
				reason:
					'Name: Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.'
			});
			return;
		}
		next();
	};
}

/**
 * Gives a user whose password hash has fewer than `iterations` a new one, made from the
 * password they just signed in with (as CouchDB upgrades hashes on authentication).
 * @param {{ selfUrl: () => string, iterations: number, adminAuthorization: string }} options
 */
function rehashOnSignIn({ selfUrl, iterations, adminAuthorization }) {
	const express = load('express');
	const parseJson = express.json({ limit: '4kb' });
	return (
		/** @type {any} */ request,
		/** @type {any} */ response,
		/** @type {(error?: unknown) => void} */ next
	) => {
		if (request.method !== 'POST' || request.path !== '/_session') return next();
		parseJson(request, response, (/** @type {any} */ error) => {
			if (error) {
				response
					.status(error.status === 413 ? 413 : 400)
					.json({ error: 'bad_request', reason: 'The sign-in body is not valid JSON.' });
				return;
			}
			const { name, password } = request.body ?? {};
			response.on('finish', () => {
				if (
					response.statusCode !== 200 ||
					typeof name !== 'string' ||
					typeof password !== 'string'
				) {
					return;
				}
				void upgrade(name, password).catch(() => undefined);
			});
			next();
		});
	};

	/** @param {string} name @param {string} password */
	async function upgrade(name, password) {
		const url = `${selfUrl()}/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
		const headers = { authorization: adminAuthorization, accept: 'application/json' };
		const found = await fetch(url, { headers });
		if (!found.ok) return;
		const doc = await found.json();
		if (Number(doc.iterations) >= iterations || typeof doc.salt !== 'string') return;
		// The same salt: the session cookies (made from it) stay valid.
		const derivedKey = await new Promise((resolveHash, rejectHash) => {
			pbkdf2(password, doc.salt, iterations, 20, 'sha1', (error, derived) => {
				if (error) rejectHash(error);
				else resolveHash(derived.toString('hex'));
			});
		});
		await fetch(url, {
			method: 'PUT',
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify({
				...doc,
				iterations,
				derived_key: derivedKey,
				password_scheme: 'pbkdf2'
			})
		});
	}
}

/**
 * @typedef {{ name: string | null, roles: string[] }} UserContext
 */

/** The `POST /<db>/_…` requests of members (replication and queries). */
const MEMBER_POSTS = new Set([
	'_bulk_docs',
	'_bulk_get',
	'_all_docs',
	'_changes',
	'_revs_diff',
	'_missing_revs',
	'_ensure_full_commit'
]);

/**
 * The HTTP-level access check in front of express-pouchdb (see the header).
 * @param {{ selfUrl: () => string, internalToken: string, adminAuthorization: string }} options
 */
function securityGate({ selfUrl, internalToken, adminAuthorization }) {
	/** Sessions by Cookie/Authorization header, for two seconds. */
	/** @type {Map<string, { at: number, userCtx: Promise<UserContext> }>} */
	const sessions = new Map();
	/** _security objects by database (null: no such database), until one is written. */
	/** @type {Map<string, Promise<any>>} */
	const securityObjects = new Map();

	/**
	 * @param {string} path
	 * @param {Record<string, string>} headers
	 */
	async function internal(path, headers) {
		const response = await fetch(`${selfUrl()}${path}`, {
			headers: { ...headers, accept: 'application/json', 'x-csp-internal': internalToken }
		});
		return { status: response.status, body: await response.json().catch(() => null) };
	}

	/** @param {any} request @returns {Promise<UserContext>} */
	function userContext(request) {
		const cookie = request.headers.cookie ?? '';
		const authorization = request.headers.authorization ?? '';
		if (!cookie.includes('AuthSession=') && !authorization) {
			return Promise.resolve({ name: null, roles: [] });
		}
		const key = `${cookie}\n${authorization}`;
		const cached = sessions.get(key);
		if (cached && Date.now() - cached.at < 2000) return cached.userCtx;
		const userCtx = internal('/_session', { cookie, authorization }).then(({ status, body }) =>
			status === 200 && body?.userCtx
				? { name: body.userCtx.name ?? null, roles: body.userCtx.roles ?? [] }
				: { name: null, roles: [] }
		);
		if (sessions.size > 1000) sessions.clear();
		sessions.set(key, { at: Date.now(), userCtx });
		return userCtx;
	}

	/** @param {string} db */
	function security(db) {
		let found = securityObjects.get(db);
		if (!found) {
			found = internal(`/${encodeURIComponent(db)}/_security`, {
				authorization: adminAuthorization
			}).then(({ status, body }) => {
				if (status !== 200) securityObjects.delete(db);
				return status === 200 ? (body ?? {}) : null;
			});
			securityObjects.set(db, found);
		}
		return found;
	}

	/**
	 * @param {UserContext} userCtx
	 * @param {any} section
	 */
	function isIn(userCtx, section) {
		return (
			(section?.names ?? []).includes(userCtx.name) ||
			(section?.roles ?? []).some((/** @type {string} */ role) => userCtx.roles.includes(role))
		);
	}

	return async (
		/** @type {any} */ request,
		/** @type {any} */ response,
		/** @type {(error?: unknown) => void} */ next
	) => {
		try {
			if (request.headers['x-csp-internal'] === internalToken) return next();
			const segments = String(request.path)
				.split('/')
				.slice(1)
				.map((segment) => {
					try {
						return decodeURIComponent(segment);
					} catch {
						return segment;
					}
				});
			const [first = '', second = '', third = ''] = segments;
			const method = request.method;
			if (first === '' || first === '_session' || first === '_uuids') return next();
			if (first === 'favicon.ico') return next();

			const userCtx = await userContext(request);
			const isServerAdmin = userCtx.roles.includes('_admin');
			/** @param {string} reason */
			const deny = (reason) => {
				const signedIn = userCtx.name !== null;
				response.status(signedIn ? 403 : 401).json({
					error: signedIn ? 'forbidden' : 'unauthorized',
					reason
				});
			};
			if (isServerAdmin) {
				if (first === '_users' || !first.startsWith('_')) {
					if (second === '_security' || ((method === 'PUT' || method === 'DELETE') && !second)) {
						securityObjects.delete(first);
					}
				}
				return next();
			}

			if (first === '_users') {
				const own = userCtx.name !== null && second === `org.couchdb.user:${userCtx.name}`;
				// Read only: express-pouchdb lets users rewrite their own roles (CouchDB does not).
				if (own && !third && (method === 'GET' || method === 'HEAD')) return next();
				return deny('Only your own user document can be read; ask an admin for changes.');
			}
			if (first.startsWith('_')) return deny('You are not a server admin.');

			// A database request.
			if (!second && method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
				return deny('Only server admins create or delete databases.');
			}
			const writes = method !== 'GET' && method !== 'HEAD';
			if (method === 'COPY') return deny('Only server admins copy documents.');
			// A POST to a view is a query (the gateway's checks of unique-rules.js), not a write.
			const viewQuery =
				method === 'POST' &&
				second === '_design' &&
				segments.length === 5 &&
				segments[3] === '_view' &&
				/^[a-z]+$/.test(segments[4]);
			if ((second === '_design' || second.startsWith('_design/')) && writes && !viewQuery) {
				return deny('Only server admins change design documents.');
			}
			const localId =
				second === '_local' ? third : second.startsWith('_local/') ? second.slice(7) : null;
			if (localId !== null && (localId === '' || localId.startsWith('_'))) {
				return deny('The _security object and other _local/_ documents are for server admins.');
			}
			if (writes && second.startsWith('_') && !second.startsWith('_local') && !viewQuery) {
				if (!MEMBER_POSTS.has(second) || method !== 'POST') {
					return deny('Only server admins do this.');
				}
			}
			if (writes && second && !second.startsWith('_') && third) {
				return deny('Attachments are not used: only server admins change them.');
			}
			const secObj = await security(first);
			if (secObj === null) {
				response.status(404).json({ error: 'not_found', reason: 'Database does not exist.' });
				return;
			}
			const hasMembers =
				(secObj.members?.names ?? []).length > 0 || (secObj.members?.roles ?? []).length > 0;
			const allowed = isIn(userCtx, secObj.admins) || (hasMembers && isIn(userCtx, secObj.members));
			if (!allowed) {
				if (userCtx.name === null) return deny('You are not authorized to access this db.');
				return deny('You are not allowed to access this db.');
			}
			return next();
		} catch (error) {
			return next(error);
		}
	};
}
