// The allow-list gateway in front of the replication endpoint (the embedded PouchDB Server or
// an Apache CouchDB; in production it is the only way in). Use it as the
// `handleDatabaseRequest` of scripts/serve.js:
//
//   startServer({ handleDatabaseRequest: createGateway({ targetUrl: 'http://127.0.0.1:5984' }) });
//
// For each `/db/…` request, in this order:
// 1. who: the AuthSession cookie (nothing else: Basic authentication is refused, so every
//    password try goes through the throttled sign-in), looked up at the endpoint's `_session`
//    (cached for a few seconds); a cookie ended by a sign-out is treated as none;
// 2. how many: at most `perUserInFlight` requests at once per signed-in user, and
//    `perAddressInFlight` per address for the signed-out (429 with Retry-After);
// 3. what: allow-list.js decides by method, path and query string (JSON reasons otherwise;
//    signed-out clients get 401 for every path but `_session`, so they cannot tell which
//    databases exist);
// 4. the body: `application/json` only (no multipart, no forms), at most the documented size
//    (413 from Content-Length before reading, or as soon as the read goes beyond), read within
//    `bodyTimeoutMs` (408), parsed and checked, then sent on re-serialised, so the endpoint
//    gets exactly what was checked; slow clients never hold a connection to the endpoint;
// 5. sign-in throttling per user name and per address (429 with Retry-After);
// 6. the reply: JSON with `Cache-Control: no-store`, `nosniff` and a CSP that forbids
//    everything; only Content-Type, ETag and the AuthSession cookie are passed on (no
//    Location, no Server); error replies keep only `error` and `reason`, without stack traces
//    or paths, and endpoint failures become 502 with a reason (503 while it is unreachable).
// Sessions: sign-out ends the session at the gateway (its cookie and every renewal of it are
// refused afterwards, also after a restart when `revocationFile` is given); the endpoint's
// renewal cookie is passed on only once a tenth of the session's lifetime has gone by.
// The users API (server/api/users.js) ends every session of a user at once (`sessions.endUser`:
// each cookie of that user made until then) when it deactivates, deletes or resets them. A
// deactivated user (the role `csp:deactivated`) is treated as signed out and cannot sign in;
// a user who signed in with a temporary password (`csp:password-change`) may use nothing but
// `_session` and their own `_users` document until they chose a new one.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import getRawBody from 'raw-body';
import { classify, isRefusal, organisationOf, refusal } from './allow-list.js';
import { inRequestOrder } from './bulk-reply.js';
import { RELATION_COLLECTIONS, findInactivePartnerships } from './relation-rules.js';
import { rewriteCookie } from './proxy.js';
import { UNIQUE_COLLECTIONS, UNIQUE_VIEW, createLocks, findTakenKeys } from './unique-rules.js';

const load = createRequire(import.meta.url);
/** @type {{ RateLimiterMemory: new (options: { points: number, duration: number }) => any }} */
const { RateLimiterMemory } = load('rate-limiter-flexible');
/** @type {{ parse: (header: string) => { type: string, parameters: Record<string, string> } }} */
const contentType = load('content-type');

/**
 * @typedef {import('./allow-list.js').Refusal} Refusal
 * @typedef {import('./allow-list.js').Identity} Identity
 *
 * @typedef {object} GatewayOptions
 * @property {string | string[]} targetUrl the endpoint, e.g. http://127.0.0.1:5984; or the
 *   nodes of a CouchDB cluster (a list, or the URLs separated by commas): every request goes to
 *   one node, and to the next one when that node cannot be reached
 * @property {string} [prefix] where the gateway is mounted (default '/db')
 * @property {number} [sessionTimeout] the endpoint's session lifetime in seconds (default 86400)
 * @property {number} [bodyTimeoutMs] time to send a request body (default 15000)
 * @property {number} [perUserInFlight] concurrent requests per signed-in user (default 48)
 * @property {number} [perAddressInFlight] concurrent requests per signed-out address (default 24)
 * @property {number} [companionWaitMs] how long a write that names a partnership not active yet
 *   waits for it to arrive before it is refused (relation-rules.js; default 10000)
 * @property {{ perUser?: number, perAddress?: number, windowSeconds?: number }} [signIn]
 *   failed sign-ins allowed per window (defaults 5 per user, 30 per address, 600 s)
 * @property {string} [revocationFile] where ended sessions are kept across restarts
 * @property {(name: string) => void} [onSignIn] called after each successful sign-in
 * @property {boolean} [trustProxy] the app is behind a reverse proxy that terminates TLS: the
 *   client's address is the last one of X-Forwarded-For and https comes from X-Forwarded-Proto
 *   (default false: both headers are ignored, a client could forge them)
 */

/**
 * @typedef {object} GatewaySessions what the users API needs of the gateway's sessions
 * @property {(cookie: string) => boolean} isEnded the cookie's session was ended
 * @property {(name: string) => void} endUser ends every session of the user made until now
 */

/** Headers of every reply. */
export const REPLY_HEADERS = Object.freeze({
	'content-type': 'application/json; charset=utf-8',
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff',
	'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
	'x-frame-options': 'DENY',
	'referrer-policy': 'no-referrer'
});

/**
 * @param {import('node:http').ServerResponse} response
 * @param {Refusal} refused
 * @param {Record<string, string | number | string[]>} [headers]
 */
function sendRefusal(response, refused, headers = {}) {
	if (response.headersSent) {
		response.destroy();
		return;
	}
	response.statusCode = refused.status;
	for (const [name, value] of Object.entries(REPLY_HEADERS)) response.setHeader(name, value);
	if (refused.allow) response.setHeader('allow', refused.allow);
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	response.end(JSON.stringify({ error: refused.error, reason: refused.reason }));
}

/** The AuthSession cookie's value, or null. @param {string | undefined} header */
export function authSessionCookie(header) {
	if (!header) return null;
	for (const part of header.split(';')) {
		const [name, ...value] = part.trim().split('=');
		if (name === 'AuthSession' && value.join('=')) return value.join('=');
	}
	return null;
}

/** When a session cookie was made (seconds), from its `name:hexTime:hmac` content. @param {string} cookie */
export function cookieTime(cookie) {
	try {
		const decoded = Buffer.from(decodeURIComponent(cookie), 'base64url').toString('utf8');
		const time = parseInt(decoded.split(':')[1], 16);
		return Number.isFinite(time) ? time : null;
	} catch {
		return null;
	}
}

/** Who a session cookie is for and when it was made (seconds). @param {string} cookie */
function cookieMaker(cookie) {
	try {
		const decoded = Buffer.from(decodeURIComponent(cookie), 'base64url').toString('utf8');
		const [name, hexTime] = decoded.split(':');
		const time = parseInt(hexTime, 16);
		return name && Number.isFinite(time) ? { name, time } : null;
	} catch {
		return null;
	}
}

/** @param {string} cookie */
const fingerprint = (cookie) => createHash('sha256').update(cookie).digest('base64url');

/**
 * Ended sessions: the fingerprints of the cookies signed out, and which renewed cookie came
 * from which first one, each until the session would have expired anyway.
 * @param {{ file?: string, sessionTimeout: number }} options
 */
function createRevocations({ file, sessionTimeout }) {
	/** @type {Map<string, number>} fingerprint of a first cookie → expiry (ms) */
	let ended = new Map();
	/** @type {Map<string, { root: string, until: number }>} renewed cookie → its first cookie */
	const lineage = new Map();
	/** @type {Map<string, { before: number, until: number }>} user → cookies made up to `before` (s) are ended */
	const users = new Map();
	if (file && existsSync(file)) {
		try {
			const stored = JSON.parse(readFileSync(file, 'utf8'));
			ended = new Map(Object.entries(stored.ended ?? {}).map(([k, v]) => [k, Number(v)]));
			for (const [k, v] of Object.entries(stored.lineage ?? {})) {
				const entry = /** @type {any} */ (v);
				lineage.set(k, { root: String(entry.root), until: Number(entry.until) });
			}
			for (const [k, v] of Object.entries(stored.users ?? {})) {
				const entry = /** @type {any} */ (v);
				users.set(k, { before: Number(entry.before), until: Number(entry.until) });
			}
		} catch {
			ended = new Map();
		}
	}
	const prune = () => {
		const now = Date.now();
		for (const [key, until] of ended) if (until < now) ended.delete(key);
		for (const [key, entry] of lineage) if (entry.until < now) lineage.delete(key);
		for (const [key, entry] of users) if (entry.until < now) users.delete(key);
	};
	const save = () => {
		if (!file) return;
		prune();
		const temporary = `${file}.tmp`;
		writeFileSync(
			temporary,
			JSON.stringify({
				ended: Object.fromEntries(ended),
				lineage: Object.fromEntries(lineage),
				users: Object.fromEntries(users)
			}),
			{ mode: 0o600 }
		);
		renameSync(temporary, file);
	};
	/** @param {string} cookie */
	const rootOf = (cookie) => {
		const key = fingerprint(cookie);
		return lineage.get(key)?.root ?? key;
	};
	const lifetime = () => Date.now() + sessionTimeout * 1000 + 60_000;
	return {
		/** @param {string} cookie */
		isEnded(cookie) {
			const until = ended.get(rootOf(cookie));
			if (until !== undefined && until > Date.now()) return true;
			const made = cookieMaker(cookie);
			const user = made ? users.get(made.name) : undefined;
			return !!made && !!user && user.until > Date.now() && made.time <= user.before;
		},
		/** Ends every session of the user made until now. @param {string} name */
		endUser(name) {
			users.set(name, { before: Math.floor(Date.now() / 1000), until: lifetime() });
			save();
		},
		/** @param {string} cookie */
		end(cookie) {
			ended.set(rootOf(cookie), lifetime());
			save();
		},
		/** A password sign-in makes a fresh session, even if it got the same cookie text. @param {string} cookie */
		started(cookie) {
			const key = fingerprint(cookie);
			lineage.delete(key);
			if (ended.delete(key)) save();
		},
		/** @param {string} renewed @param {string} from */
		renewed(renewed, from) {
			if (renewed === from) return;
			lineage.set(fingerprint(renewed), { root: rootOf(from), until: lifetime() });
			if (lineage.size > 50_000) prune();
			save();
		}
	};
}

/** @param {unknown} text */
function safeReason(text) {
	if (typeof text !== 'string' || !text) return null;
	if (
		/\n\s+at\s|node_modules|[A-Za-z]:\\|\/(home|work|tmp|usr|var|opt|root|srv|etc)\/|https?:\/\//.test(
			text
		)
	) {
		return null;
	}
	return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** Generic reasons by status, for replies whose own reason says too much or nothing. */
const STATUS_REASONS = /** @type {Record<number, [string, string]>} */ ({
	400: ['bad_request', 'The request is not valid.'],
	401: ['unauthorized', 'Sign in first.'],
	403: ['forbidden', 'This is not allowed.'],
	404: ['not_found', 'There is no such document.'],
	409: ['conflict', 'Document update conflict.'],
	412: ['file_exists', 'It exists already.'],
	413: ['too_large', 'The request is too large.'],
	415: ['bad_content_type', 'Only application/json is accepted.']
});

/**
 * @param {GatewayOptions} options
 * @returns {import('./proxy.js').DatabaseRequestHandler & { sessions: GatewaySessions }}
 */
export function createGateway(options) {
	const targets = targetList(options.targetUrl).map((url) => new URL(url));
	if (targets.length === 0) throw new Error('The gateway needs a targetUrl');
	const prefix = (options.prefix ?? '/db').replace(/\/+$/, '');
	const nodes = targets.map((target) => {
		const transport = target.protocol === 'https:' ? https : http;
		return {
			target,
			transport,
			basePath: target.pathname.replace(/\/+$/, ''),
			agent: new transport.Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 64 }),
			/** Until when (ms) this node is passed over after it could not be reached. */
			downUntil: 0
		};
	});
	/** The node requests go to while it answers. */
	let current = 0;
	const sessionTimeout = options.sessionTimeout ?? 86_400;
	const bodyTimeoutMs = options.bodyTimeoutMs ?? 15_000;
	const perUserInFlight = options.perUserInFlight ?? 48;
	const perAddressInFlight = options.perAddressInFlight ?? 24;
	const windowSeconds = options.signIn?.windowSeconds ?? 600;
	const userLimiter = new RateLimiterMemory({
		points: options.signIn?.perUser ?? 5,
		duration: windowSeconds
	});
	const addressLimiter = new RateLimiterMemory({
		points: options.signIn?.perAddress ?? 30,
		duration: windowSeconds
	});
	const revocations = createRevocations({ file: options.revocationFile, sessionTimeout });
	/** The checked writes of one database, one at a time (unique-rules.js). */
	const acquireDatabase = createLocks();
	/**
	 * The keys rows let through took in the last minute: database + key → document ids and
	 * until when (ms). A hint only, checked by reading the document (unique-rules.js `recent`).
	 * @type {Map<string, Map<string, number>>}
	 */
	const recentKeys = new Map();
	const RECENT_KEY_MS = 60_000;
	/** @type {Map<string, number>} */
	const inFlight = new Map();
	/** @type {Map<string, { at: number, identity: Promise<Identity> }>} */
	const sessions = new Map();

	/**
	 * One request to the endpoint. With several nodes, a request that cannot reach its node
	 * (refused or reset before any answer: the node is down) is sent to the next one, each node
	 * tried once; a node that failed is passed over for 5 seconds. Sending a request again is
	 * safe: reads are reads, and a write that did reach the failed node comes back as a conflict
	 * with its own earlier version, which the app settles (a lost push answer).
	 * @param {{ method: string, path: string, headers: Record<string, string>, body?: string, timeoutMs?: number, onTimeout?: () => void }} spec
	 * @returns {{ destroy: () => void, response: Promise<http.IncomingMessage> }}
	 */
	function upstream(spec) {
		/** @type {http.ClientRequest | null} */
		let active = null;
		let destroyed = false;
		const now = Date.now();
		const order = nodes
			.map((_, offset) => (current + offset) % nodes.length)
			.sort((a, b) => Number(nodes[a].downUntil > now) - Number(nodes[b].downUntil > now));
		/** @param {number} attempt @returns {Promise<http.IncomingMessage>} */
		const send = (attempt) =>
			new Promise((resolveResponse, rejectResponse) => {
				const index = order[attempt];
				const node = nodes[index];
				const request = node.transport.request({
					protocol: node.target.protocol,
					hostname: node.target.hostname,
					port: node.target.port,
					method: spec.method,
					path: `${node.basePath}${spec.path}`,
					headers: { host: node.target.host, accept: 'application/json', ...spec.headers },
					agent: node.agent
				});
				active = request;
				if (spec.timeoutMs && spec.onTimeout) request.setTimeout(spec.timeoutMs, spec.onTimeout);
				request.once('response', (reply) => {
					node.downUntil = 0;
					resolveResponse(reply);
				});
				request.once('error', (error) => {
					const code = /** @type {NodeJS.ErrnoException} */ (error).code ?? '';
					const unreachable = UNREACHABLE.has(code);
					if (unreachable) node.downUntil = Date.now() + 5000;
					if (!destroyed && unreachable && attempt + 1 < order.length) {
						if (current === index) current = order[attempt + 1];
						send(attempt + 1).then(resolveResponse, rejectResponse);
					} else {
						rejectResponse(error);
					}
				});
				request.end(spec.body);
			});
		return {
			destroy() {
				destroyed = true;
				active?.destroy();
			},
			response: send(0)
		};
	}

	/**
	 * A JSON request to the endpoint as the member (their session): the reads of the checks
	 * that need other documents (unique-rules.js).
	 * @param {string} path @param {unknown} body @param {string} cookie
	 */
	async function memberRead(path, body, cookie) {
		const text = JSON.stringify(body);
		const call = upstream({
			method: 'POST',
			path,
			headers: {
				cookie: `AuthSession=${cookie}`,
				'content-type': 'application/json',
				'content-length': String(Buffer.byteLength(text))
			},
			body: text,
			// An endpoint that does not answer fails the check (503), so the database's lock is freed.
			timeoutMs: 30_000,
			onTimeout: () => call.destroy()
		});
		const reply = await call.response;
		const chunks = [];
		for await (const chunk of reply) chunks.push(chunk);
		if (reply.statusCode !== 200) {
			throw new Error(`${path} answered ${reply.statusCode}`);
		}
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	}

	/**
	 * The stored (winning) version of each id of database `db` that has one, read as the member.
	 * @param {string} db @param {string[]} ids @param {string} cookie
	 * @returns {Promise<Map<string, any>>}
	 */
	async function storedDocs(db, ids, cookie) {
		const body = await memberRead(
			`/${encodeURIComponent(db)}/_all_docs?include_docs=true`,
			{ keys: ids },
			cookie
		);
		return new Map(
			(body.rows ?? [])
				.filter((/** @type {any} */ row) => row.doc)
				.map((/** @type {any} */ row) => [String(row.id), row.doc])
		);
	}

	/**
	 * The rows of a write that take a key another document of the database holds
	 * (unique-rules.js), as row index → refusal reason.
	 * @param {string} db @param {string} collection @param {any[]} docs @param {boolean} newEdits
	 * @param {string} cookie @param {() => Promise<void>} claiming before the view is read
	 * @param {(index: number, holders: string[]) => void} blocked the documents holding the key
	 *   of a refused row
	 */
	function takenKeys(db, collection, docs, newEdits, cookie, claiming, blocked) {
		const base = `/${encodeURIComponent(db)}`;
		return findTakenKeys(
			{ collection, docs, newEdits },
			{
				claiming,
				blocked,
				recent(keys) {
					const now = Date.now();
					return keys.flatMap((key) => {
						const ids = recentKeys.get(`${db}\u0000${key[0]}\u0000${key[1]}`);
						return ids ? [...ids].filter(([, until]) => until > now).map(([id]) => id) : [];
					});
				},
				claimed(id, keys) {
					const now = Date.now();
					if (recentKeys.size > 10_000) {
						for (const [name, ids] of recentKeys) {
							for (const [key, until] of ids) if (until <= now) ids.delete(key);
							if (ids.size === 0) recentKeys.delete(name);
						}
					}
					for (const key of keys) {
						const name = `${db}\u0000${key[0]}\u0000${key[1]}`;
						const ids = recentKeys.get(name) ?? new Map();
						ids.set(id, now + RECENT_KEY_MS);
						recentKeys.set(name, ids);
					}
				},
				current: (ids) => storedDocs(db, ids, cookie),
				async taken(keys) {
					const body = await memberRead(
						`${base}/_design/csp/_view/${UNIQUE_VIEW}`,
						{ keys },
						cookie
					);
					return body.rows ?? [];
				}
			}
		);
	}

	/**
	 * The rows of a write that name a partnership that is not active (relation-rules.js), as row
	 * index → refusal reason; waits a while for partnerships still on their way.
	 * @param {string} org @param {string} db @param {string} collection @param {any[]} docs
	 * @param {string} cookie @param {() => boolean} gone whether the client left meanwhile
	 */
	function inactivePartnerships(org, db, collection, docs, cookie, gone) {
		return findInactivePartnerships(
			{ collection, docs, waitMs: options.companionWaitMs ?? 10_000 },
			{
				current: (ids) => storedDocs(db, ids, cookie),
				async own(ids) {
					const partners = await storedDocs(`csp-${org}-partners`, ids, cookie);
					return new Set(
						[...partners].filter(([, doc]) => doc.isOwnOrganisation === true).map(([id]) => id)
					);
				},
				async partnerships(keys) {
					const body = await memberRead(
						`/${encodeURIComponent(`csp-${org}-partnerships`)}/_design/csp/_view/${UNIQUE_VIEW}`,
						{ keys },
						cookie
					);
					return body.rows ?? [];
				},
				// The client left: stop waiting (the write is not sent then).
				sleep: (ms) =>
					gone() ? Promise.reject(new Error('gone')) : new Promise((done) => setTimeout(done, ms))
			}
		);
	}

	/** @param {string} cookie @returns {Promise<Identity>} */
	function lookUp(cookie) {
		const cached = sessions.get(cookie);
		if (cached && Date.now() - cached.at < 3000) return cached.identity;
		const identity = (async () => {
			const { response } = upstream({
				method: 'GET',
				path: '/_session',
				headers: { cookie: `AuthSession=${cookie}` }
			});
			const reply = await response;
			const chunks = [];
			for await (const chunk of reply) chunks.push(chunk);
			if (reply.statusCode !== 200) return { name: null, roles: [] };
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			const name = body?.userCtx?.name;
			const roles = body?.userCtx?.roles;
			return typeof name === 'string'
				? { name, roles: Array.isArray(roles) ? roles.map(String) : [] }
				: { name: null, roles: [] };
		})();
		identity.catch(() => sessions.delete(cookie));
		if (sessions.size > 5000) sessions.clear();
		sessions.set(cookie, { at: Date.now(), identity });
		return identity;
	}

	/** @param {string} key */
	const release = (key) => {
		const count = (inFlight.get(key) ?? 1) - 1;
		if (count <= 0) inFlight.delete(key);
		else inFlight.set(key, count);
	};

	/**
	 * Reads and parses a JSON body within the limits.
	 * @param {http.IncomingMessage} request
	 * @param {number} maxBytes
	 * @returns {Promise<{ body: unknown } | { refused: Refusal, close?: boolean }>}
	 */
	async function readJson(request, maxBytes) {
		const type = request.headers['content-type'];
		let parsedType;
		try {
			parsedType = contentType.parse(type ?? '');
		} catch {
			parsedType = null;
		}
		if (!parsedType || parsedType.type !== 'application/json') {
			const multipart = typeof type === 'string' && /multipart|form/i.test(type);
			return {
				close: true,
				refused: refusal(
					415,
					'bad_content_type',
					multipart
						? 'Multipart and form uploads are not accepted; send application/json.'
						: 'Only application/json is accepted.'
				)
			};
		}
		const charset = parsedType.parameters.charset?.toLowerCase();
		if (charset && charset !== 'utf-8' && charset !== 'utf8') {
			return { close: true, refused: refusal(415, 'bad_content_type', 'JSON must be UTF-8.') };
		}
		if (request.headers['content-encoding'] && request.headers['content-encoding'] !== 'identity') {
			return {
				close: true,
				refused: refusal(415, 'bad_content_type', 'Compressed bodies are not accepted.')
			};
		}
		const length = request.headers['content-length'];
		if (length !== undefined && Number(length) > maxBytes) {
			return {
				close: true,
				refused: refusal(
					413,
					'too_large',
					`The body is larger than ${maxBytes} bytes, the maximum for this request.`
				)
			};
		}
		let text;
		try {
			text = await getRawBody(request, {
				limit: maxBytes,
				length: length === undefined ? undefined : Number(length),
				encoding: 'utf8'
			});
		} catch (error) {
			const type = /** @type {any} */ (error)?.type;
			if (type === 'entity.too.large') {
				return {
					close: true,
					refused: refusal(
						413,
						'too_large',
						`The body is larger than ${maxBytes} bytes, the maximum for this request.`
					)
				};
			}
			return { close: true, refused: refusal(400, 'bad_request', 'The body could not be read.') };
		}
		try {
			return { body: JSON.parse(text) };
		} catch {
			return { refused: refusal(400, 'bad_request', 'The body is not valid JSON.') };
		}
	}

	/**
	 * Throttles sign-in tries: one point per try, given back when it succeeds.
	 * @param {string} name @param {string} address
	 * @returns {Promise<number>} 0 to go on, else the seconds to wait
	 */
	async function signInAllowed(name, address) {
		const userKey = name.trim().toLowerCase();
		try {
			await addressLimiter.consume(address);
		} catch (result) {
			return retrySeconds(result);
		}
		try {
			await userLimiter.consume(userKey);
		} catch (result) {
			await addressLimiter.reward(address, 1);
			return retrySeconds(result);
		}
		return 0;
	}

	/** @param {string} name @param {string} address */
	async function signInSucceeded(name, address) {
		await userLimiter.delete(name.trim().toLowerCase());
		await addressLimiter.reward(address, 1);
	}

	const trustProxy = options.trustProxy ?? false;

	const handler = Object.assign(handleDatabaseRequest, {
		sessions: {
			/** @param {string} cookie */
			isEnded: (cookie) => revocations.isEnded(cookie),
			/** Ends every session of the user made until now, at once. @param {string} name */
			endUser(name) {
				revocations.endUser(name);
				sessions.clear();
			}
		}
	});
	return handler;

	/** @type {import('./proxy.js').DatabaseRequestHandler} */
	async function handleDatabaseRequest(request, response) {
		const address = clientAddress(request, trustProxy);
		const overHttps = viaHttps(request, trustProxy);
		const raw = request.url ?? '/';
		const queryStart = raw.indexOf('?');
		const rawPath = queryStart === -1 ? raw : raw.slice(0, queryStart);
		const search = queryStart === -1 ? '' : raw.slice(queryStart);
		const rest = rawPath.startsWith(prefix) ? rawPath.slice(prefix.length) : rawPath;
		const method = (request.method ?? 'GET').toUpperCase();
		/** @type {string | null} */
		let slot = null;
		/** @type {{ destroy: () => void } | null} */
		let upstreamCall = null;
		/** Releases the database of a checked write (unique-rules.js). */
		let unlock = () => {};
		let closed = false;
		response.on('close', () => {
			closed = true;
			if (slot) release(slot);
			slot = null;
			unlock();
			upstreamCall?.destroy();
		});
		/** @param {Refusal} refused @param {Record<string, string | number | string[]>} [headers] */
		const refuse = (refused, headers = {}) => {
			sendRefusal(response, refused, headers);
		};

		try {
			if (request.headers.authorization) {
				refuse(
					refusal(
						401,
						'unauthorized',
						'Basic authentication is not accepted here: sign in with POST /db/_session.'
					)
				);
				return;
			}
			let cookie = authSessionCookie(request.headers.cookie);
			let clearCookie = false;
			if (cookie && revocations.isEnded(cookie)) {
				cookie = null;
				clearCookie = true;
			}
			/** @type {Identity} */
			let identity = { name: null, roles: [] };
			if (cookie) {
				try {
					identity = await lookUp(cookie);
				} catch {
					refuse(
						refusal(
							503,
							'unavailable',
							'The replication endpoint is not reachable; try again soon.'
						),
						{
							'retry-after': 5
						}
					);
					return;
				}
				if (identity.name === null) cookie = null;
				else if (identity.roles.includes('csp:deactivated')) {
					// Deactivated (server/api/users.js): as if signed out.
					identity = { name: null, roles: [] };
					cookie = null;
					clearCookie = true;
				}
			}

			const key = identity.name !== null ? `user:${identity.name}` : `address:${address}`;
			const cap = identity.name !== null ? perUserInFlight : perAddressInFlight;
			if ((inFlight.get(key) ?? 0) >= cap) {
				refuse(
					refusal(429, 'too_many_requests', 'Too many requests at once; try again in a moment.'),
					{
						'retry-after': 1,
						connection: 'close'
					}
				);
				return;
			}
			slot = key;
			inFlight.set(key, (inFlight.get(key) ?? 0) + 1);

			const decision = classify({ method, rawPath: rest, search, identity });
			if (
				identity.roles.includes('csp:password-change') &&
				!isRefusal(decision) &&
				decision.kind !== 'session' &&
				decision.kind !== 'sign-in' &&
				decision.kind !== 'sign-out' &&
				decision.kind !== 'own-user'
			) {
				refuse(
					refusal(
						403,
						'password_change_required',
						'Choose a new password first: you signed in with a temporary one.'
					),
					request.headers['content-length'] !== undefined ? { connection: 'close' } : {}
				);
				return;
			}
			/** @type {Record<string, string>} */
			const clearing = clearCookie
				? { 'set-cookie': 'AuthSession=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax' }
				: {};
			if (isRefusal(decision)) {
				const hasBody =
					request.headers['content-length'] !== undefined || request.headers['transfer-encoding'];
				refuse(decision, { ...clearing, ...(hasBody ? { connection: 'close' } : {}) });
				return;
			}

			/** @type {string | undefined} */
			let body;
			/** @type {any} */
			let parsed;
			if (decision.maxBytes > 0) {
				const timer = setTimeout(() => {
					refuse(
						refusal(
							408,
							'timeout',
							`The body did not arrive within ${bodyTimeoutMs / 1000} seconds.`
						),
						{
							connection: 'close'
						}
					);
					request.destroy();
				}, bodyTimeoutMs);
				let read;
				try {
					read = await readJson(request, decision.maxBytes);
				} finally {
					clearTimeout(timer);
				}
				if (response.writableEnded || response.destroyed) return;
				if ('refused' in read) {
					refuse(read.refused, read.close ? { connection: 'close' } : {});
					return;
				}
				parsed = read.body;
				const refused = decision.checkBody?.(parsed) ?? null;
				if (refused) {
					refuse(refused, clearing);
					return;
				}
				body = JSON.stringify(parsed);
			} else if (
				(request.headers['content-length'] !== undefined &&
					request.headers['content-length'] !== '0') ||
				request.headers['transfer-encoding']
			) {
				refuse(refusal(400, 'bad_request', 'This request takes no body.'), { connection: 'close' });
				return;
			}

			// The rules that need other documents: of another database (relation-rules.js), then of
			// the same database (unique-rules.js).
			/** @type {Map<number, { id: string, error: string, reason: string, holders?: string[] }> | null} */
			let takenRows = null;
			const collection =
				decision.db && identity.name !== null
					? decision.db.slice(`csp-${organisationOf(identity)}-`.length)
					: '';
			const checksRelations = RELATION_COLLECTIONS.includes(/** @type {any} */ (collection));
			const checksUnique = UNIQUE_COLLECTIONS.includes(/** @type {any} */ (collection));
			if (
				cookie &&
				decision.db &&
				(decision.kind === 'bulk-docs' || decision.kind === 'document-put') &&
				(checksRelations || checksUnique)
			) {
				const docs =
					decision.kind === 'bulk-docs'
						? /** @type {any[]} */ (parsed.docs)
						: [
								{
									_rev: new URLSearchParams(decision.query.slice(1)).get('rev') ?? undefined,
									...parsed,
									_id: parsed._id ?? decodeURIComponent(decision.path.split('/')[2])
								}
							];
				const newEdits = decision.kind === 'bulk-docs' ? parsed.new_edits !== false : true;
				const database = decision.db;
				/** @type {Map<number, string>} */
				let refused = new Map();
				/** The documents holding the key of a row refused for a unique key, by row index. */
				/** @type {Map<number, string[]>} */
				const holders = new Map();
				try {
					if (checksRelations) {
						refused = await inactivePartnerships(
							organisationOf(identity) ?? '',
							database,
							collection,
							docs,
							cookie,
							() => closed
						);
					}
					if (checksUnique && !closed) {
						// A row that takes a key waits for the database's earlier checked writes; a row
						// refused already takes none.
						const taken = await takenKeys(
							database,
							collection,
							docs.map((doc, index) => (refused.has(index) ? null : doc)),
							newEdits,
							cookie,
							async () => {
								unlock = await acquireDatabase(database);
								if (closed) unlock();
							},
							(index, ids) => holders.set(index, ids)
						);
						for (const [index, reason] of taken) refused.set(index, reason);
					}
				} catch {
					refuse(
						refusal(
							503,
							'unavailable',
							'The server could not check this change against the other records; try again soon.'
						),
						{ 'retry-after': 5 }
					);
					return;
				}
				if (closed || response.writableEnded || response.destroyed) return;
				if (refused.size > 0 && decision.kind === 'document-put') {
					refuse(refusal(403, 'forbidden', /** @type {string} */ (refused.get(0))));
					return;
				}
				if (refused.size > 0) {
					// A row refused for a unique key names the documents holding it: the device may hold
					// back a conflict of one of them whose resolution releases the key, and then sends
					// the row again instead of dropping it (src/lib/sync/couch-fetch.ts).
					takenRows = new Map(
						[...refused].map(([index, reason]) => [
							index,
							{
								id: String(docs[index]._id),
								error: 'forbidden',
								reason,
								...(holders.has(index) ? { holders: holders.get(index) } : {})
							}
						])
					);
					const kept = docs.filter((_, index) => !refused.has(index));
					if (kept.length === 0) {
						response.statusCode = 201;
						for (const [name, value] of Object.entries(REPLY_HEADERS)) {
							response.setHeader(name, value);
						}
						response.end(JSON.stringify(inRequestOrder(docs, [], takenRows)));
						return;
					}
					body = JSON.stringify({ ...parsed, docs: kept });
				}
			}

			if (decision.kind === 'sign-in') {
				const wait = await signInAllowed(String(parsed.name), address);
				if (wait > 0) {
					refuse(
						refusal(
							429,
							'too_many_requests',
							`Too many sign-in attempts: try again in ${wait} seconds.`
						),
						{ 'retry-after': wait }
					);
					return;
				}
			}

			/** @type {Record<string, string>} */
			const headers = {
				'x-forwarded-for': address,
				'x-forwarded-host': request.headers.host ?? '',
				'x-forwarded-proto': overHttps ? 'https' : 'http'
			};
			if (cookie && decision.kind !== 'sign-in') headers.cookie = `AuthSession=${cookie}`;
			if (body !== undefined) {
				headers['content-type'] = 'application/json';
				headers['content-length'] = String(Buffer.byteLength(body));
			}
			const call = upstream({
				method,
				path: `${decision.path}${decision.query}`,
				headers,
				body,
				// An endpoint that does not answer (a long-poll ends within its 120 s at most).
				timeoutMs: decision.kind === 'changes' ? 180_000 : 60_000,
				onTimeout: () => {
					refuse(
						refusal(504, 'timeout', 'The replication endpoint did not answer in time; try again.')
					);
					call.destroy();
				}
			});
			upstreamCall = call;
			let reply;
			try {
				reply = await call.response;
			} catch {
				// Not started yet, or being restarted by its supervisor.
				refuse(
					refusal(503, 'unavailable', 'The replication endpoint is not reachable; try again soon.'),
					{ 'retry-after': 5 }
				);
				return;
			}
			const status = reply.statusCode ?? 502;

			/** @type {Buffer | undefined} */
			let signInReply;
			if (decision.kind === 'sign-in') {
				if (status === 200) await signInSucceeded(String(parsed.name), address);
				if (status === 200) {
					const chunks = [];
					for await (const chunk of reply) chunks.push(chunk);
					signInReply = Buffer.concat(chunks);
					/** @type {any} */
					let signedIn = null;
					try {
						signedIn = JSON.parse(signInReply.toString('utf8'));
					} catch {
						signedIn = null;
					}
					if ((signedIn?.roles ?? []).includes('csp:deactivated')) {
						// The password is right but the account is deactivated: no session.
						for (const line of reply.headers['set-cookie'] ?? []) {
							const value = authSessionCookie(line.split(';')[0]);
							if (value) revocations.end(value);
						}
						refuse(
							refusal(
								401,
								'unauthorized',
								'This account is deactivated: ask your User management admin.'
							)
						);
						return;
					}
					if (typeof signedIn?.name === 'string') {
						try {
							options.onSignIn?.(signedIn.name);
						} catch {
							// Recording the sign-in is a nicety.
						}
					}
				}
			}
			if (decision.kind === 'sign-out' && cookie) {
				revocations.end(cookie);
				sessions.delete(cookie);
			}

			/** @type {string[]} */
			const cookies = [];
			const setCookie = reply.headers['set-cookie'] ?? [];
			for (const line of setCookie) {
				const value = authSessionCookie(line.split(';')[0]);
				const isAuth = line.trim().startsWith('AuthSession=');
				if (!isAuth) continue;
				if (decision.kind === 'sign-in' && status === 200 && value) {
					revocations.started(value);
					cookies.push(secure(rewriteCookie(line), overHttps));
				} else if (decision.kind === 'sign-out') {
					cookies.push(secure(rewriteCookie(line), overHttps));
				} else if (value && cookie && value !== cookie) {
					const madeAt = cookieTime(cookie);
					const age = madeAt === null ? 0 : Date.now() / 1000 - madeAt;
					if (age >= sessionTimeout / 10) {
						revocations.renewed(value, cookie);
						cookies.push(secure(rewriteCookie(line), overHttps));
					}
				}
			}
			if (clearCookie && cookies.length === 0) cookies.push(clearing['set-cookie'] ?? '');

			if (status >= 400) {
				const chunks = [];
				let size = 0;
				for await (const chunk of reply) {
					size += chunk.length;
					if (size <= 64 * 1024) chunks.push(chunk);
				}
				/** @type {any} */
				let errorBody = null;
				try {
					errorBody = JSON.parse(Buffer.concat(chunks).toString('utf8'));
				} catch {
					errorBody = null;
				}
				const [genericError, genericReason] = STATUS_REASONS[status] ?? [
					'error',
					'The request was refused.'
				];
				if (status >= 500) {
					refuse(
						refusal(502, 'unavailable', 'The replication endpoint could not answer this request.')
					);
					return;
				}
				const error =
					typeof errorBody?.error === 'string' && /^[a-z_]{1,40}$/.test(errorBody.error)
						? errorBody.error
						: genericError;
				const reason = safeReason(errorBody?.reason) ?? genericReason;
				refuse(refusal(status, error, reason), cookies.length ? { 'set-cookie': cookies } : {});
				return;
			}

			response.statusCode = status;
			for (const [name, value] of Object.entries(REPLY_HEADERS)) response.setHeader(name, value);
			const etag = reply.headers.etag;
			if (typeof etag === 'string') response.setHeader('etag', etag);
			if (cookies.length) response.setHeader('set-cookie', cookies);
			if (signInReply) {
				response.end(signInReply);
				return;
			}
			if (decision.kind === 'bulk-docs' && (takenRows || parsed.new_edits !== false)) {
				// The endpoint's rows in the request's order, with the refused ones in their places.
				const chunks = [];
				for await (const chunk of reply) chunks.push(chunk);
				const stored = JSON.parse(Buffer.concat(chunks).toString('utf8'));
				const rows = Array.isArray(stored) ? stored : [];
				const merged =
					parsed.new_edits === false
						? [...rows, ...(takenRows?.values() ?? [])]
						: inRequestOrder(parsed.docs, rows, takenRows ?? undefined);
				response.end(JSON.stringify(merged));
				return;
			}
			response.flushHeaders();
			await new Promise((resolveDone) => {
				reply.on('end', resolveDone);
				reply.on('error', () => {
					response.destroy();
					resolveDone(undefined);
				});
				response.on('close', () => resolveDone(undefined));
				reply.pipe(response);
			});
		} catch {
			refuse(
				refusal(502, 'unavailable', 'The replication endpoint could not answer this request.')
			);
		}
	}
}

/** Errors of a request that did not reach a running node. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The endpoint's URLs: one, a list, or a comma-separated list.
 * @param {string | string[]} value
 * @returns {string[]}
 */
export function targetList(value) {
	return (Array.isArray(value) ? value : value.split(','))
		.map((url) => url.trim().replace(/\/+$/, ''))
		.filter(Boolean);
}

/** Seconds until a throttled sign-in may be tried again. @param {unknown} result */
function retrySeconds(result) {
	const ms = Number(/** @type {{ msBeforeNext?: number }} */ (result)?.msBeforeNext ?? 1000);
	return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Adds `Secure` when the app is served over https.
 * @param {string} cookie @param {boolean} https
 */
function secure(cookie, https) {
	return https && !/;\s*secure/i.test(cookie) ? `${cookie}; Secure` : cookie;
}

/**
 * Whether the client reached the app over https: its own TLS, or a trusted proxy's.
 * @param {http.IncomingMessage} request @param {boolean} trustProxy
 */
export function viaHttps(request, trustProxy) {
	if (/** @type {import('node:tls').TLSSocket} */ (request.socket).encrypted) return true;
	if (!trustProxy) return false;
	const proto = String(request.headers['x-forwarded-proto'] ?? '').split(',')[0];
	return proto.trim().toLowerCase() === 'https';
}

/**
 * The client's address for the limits: the socket's, or behind a trusted proxy the address the
 * proxy appended last to X-Forwarded-For (the ones before it are the client's own claims).
 * @param {http.IncomingMessage} request @param {boolean} trustProxy
 */
export function clientAddress(request, trustProxy) {
	const socketAddress = request.socket.remoteAddress ?? 'unknown';
	if (!trustProxy) return socketAddress;
	const forwarded = String(request.headers['x-forwarded-for'] ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	return forwarded.at(-1) ?? socketAddress;
}
