// What the gateway (gateway.js) lets through to the replication endpoint: exactly the requests
// the app makes, by method, path, query string and content type, and for request bodies their
// shape. Everything else is refused with a JSON reason. Pure functions, no I/O.
//
// The app (src/lib/sync, RxDB's replication-couchdb plugin) uses:
// - `/_session`: GET (who am I), POST `{name, password}` (sign in), DELETE (sign out);
// - `/_users/org.couchdb.user:<own name>`: GET (the display name);
// - on `csp-<org>-<collection>` of the own organisation: GET database info, GET `_changes`
//   (normal and longpoll), POST `_all_docs` with `keys`, GET `_all_docs?keys=…`, POST
//   `_bulk_docs`; the replication protocol's `_bulk_get`, `_revs_diff`, document GET/PUT and
//   `_local/<checkpoint>` GET/PUT are allowed too (PouchDB-style replication needs them);
// - on `csp-<org>-members`: GET of a document (`organisation`, `member:<name>`).
// Refused for everyone: `_security`, `_local/_security`, `_design`, attachments in any form
// (`_attachments` in a body, attachment URLs, `attachments=true`), multipart and form bodies,
// `_find`, `_index`, `_explain`, `_replicate`, `_config`, `_all_dbs`, database creation and
// deletion, DELETE and COPY, Basic authentication (sign-in goes through `_session`, where it
// is throttled), any query parameter not listed below.

import { REPLICATED_COLLECTIONS } from './validation.js';

/** The documented maximums (bytes of the JSON text), checked before a body is read. */
export const LIMITS = Object.freeze({
	/** One request body (`_bulk_docs`, `_bulk_get`, `_revs_diff`, `_all_docs`, a document). */
	requestBytes: 4 * 1024 * 1024,
	/** One document, in `_bulk_docs` or a document PUT. */
	documentBytes: 64 * 1024,
	/** A sign-in body. */
	signInBytes: 4 * 1024,
	/** A `_local` replication checkpoint. */
	checkpointBytes: 8 * 1024,
	/** Documents (or ids) in one `_bulk_docs`, `_bulk_get`, `_revs_diff` or `_all_docs`. */
	documentsPerRequest: 1000
});

/**
 * @typedef {{ status: number, error: string, reason: string, allow?: string }} Refusal
 *
 * @typedef {object} Route
 * @property {string} kind e.g. 'session', 'changes', 'bulk-docs', 'document'
 * @property {string} path the endpoint path to forward to (percent-encoded, no query)
 * @property {string} query the query string to forward ('' or '?…'), rebuilt from checked values
 * @property {number} maxBytes 0: no body allowed
 * @property {((body: any) => Refusal | null) | null} checkBody the body's shape check
 * @property {boolean} needsSignIn
 * @property {string | null} db the database, if any
 *
 * @typedef {{ name: string | null, roles: string[] }} Identity
 */

/** Collections an organisation member reads and writes; 'members' is read-only. */
const WRITABLE = new Set(REPLICATED_COLLECTIONS);

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@+~-]{0,199}$/;
const CHECKPOINT_ID = /^[A-Za-z0-9][A-Za-z0-9_.+=-]{0,199}$/;
const REV = /^[1-9][0-9]{0,9}-[0-9a-zA-Z]{1,64}$/;
const SEQ = /^(now|[0-9]{1,20}(-[A-Za-z0-9_-]{1,300})?)$/;

/** @param {number} status @param {string} error @param {string} reason @returns {Refusal} */
export const refusal = (status, error, reason) => ({ status, error, reason });

const bad = (/** @type {string} */ reason) => refusal(400, 'bad_request', reason);
const forbidden = (/** @type {string} */ reason) => refusal(403, 'forbidden', reason);
const tooLarge = (/** @type {string} */ reason) => refusal(413, 'too_large', reason);

/** @param {string} allow @returns {Refusal} */
const methodNotAllowed = (allow) => ({
	status: 405,
	error: 'method_not_allowed',
	reason: `Only ${allow.split(', ').join(' and ')} are allowed here.`,
	allow
});

/** The organisation of a user, from its `org:<id>` role. @param {Identity} identity */
export function organisationOf(identity) {
	const role = identity.roles.find((r) => typeof r === 'string' && r.startsWith('org:'));
	return role ? role.slice(4) : null;
}

/** Query parameter checks: a value test per allowed name. */
const BOOLEAN = (/** @type {string} */ v) => v === 'true' || v === 'false';
const INTEGER =
	(max = 1_000_000) =>
	(/** @type {string} */ v) =>
		/^[0-9]{1,9}$/.test(v) && Number(v) <= max;
const JSON_STRING = (/** @type {string} */ v) => {
	try {
		return typeof JSON.parse(v) === 'string' && v.length <= 1000;
	} catch {
		return false;
	}
};
const JSON_STRING_ARRAY = (/** @type {string} */ v) => {
	try {
		const parsed = JSON.parse(v);
		return (
			Array.isArray(parsed) &&
			parsed.length <= LIMITS.documentsPerRequest &&
			parsed.every((item) => typeof item === 'string' && item.length <= 256)
		);
	} catch {
		return false;
	}
};

/** @type {Record<string, Record<string, (value: string) => boolean>>} */
const QUERIES = {
	none: {},
	changes: {
		style: (v) => v === 'all_docs' || v === 'main_only',
		feed: (v) => v === 'normal' || v === 'longpoll',
		include_docs: BOOLEAN,
		since: (v) => SEQ.test(v),
		heartbeat: INTEGER(120_000),
		timeout: INTEGER(120_000),
		limit: INTEGER(10_000),
		seq_interval: INTEGER(10_000),
		descending: BOOLEAN,
		conflicts: BOOLEAN
	},
	allDocs: {
		include_docs: BOOLEAN,
		conflicts: BOOLEAN,
		descending: BOOLEAN,
		inclusive_end: BOOLEAN,
		update_seq: BOOLEAN,
		limit: INTEGER(10_000),
		skip: INTEGER(),
		key: JSON_STRING,
		keys: JSON_STRING_ARRAY,
		startkey: JSON_STRING,
		endkey: JSON_STRING,
		start_key: JSON_STRING,
		end_key: JSON_STRING
	},
	bulkGet: { revs: BOOLEAN, latest: BOOLEAN },
	documentGet: {
		rev: (v) => REV.test(v),
		revs: BOOLEAN,
		revs_info: BOOLEAN,
		conflicts: BOOLEAN,
		deleted_conflicts: BOOLEAN,
		latest: BOOLEAN,
		open_revs: (v) => v === 'all' || JSON_STRING_ARRAY(v)
	},
	documentPut: { rev: (v) => REV.test(v) }
};

/**
 * Checks a query string against an allow-list and rebuilds it (so what reaches the endpoint is
 * exactly what was checked).
 * @param {URLSearchParams} params
 * @param {keyof typeof QUERIES} which
 * @returns {string | Refusal}
 */
function checkQuery(params, which) {
	const allowed = QUERIES[which];
	const out = new URLSearchParams();
	const seen = new Set();
	for (const [name, value] of params) {
		if (name === 'next') return bad('`next` redirects are not supported.');
		const test = Object.hasOwn(allowed, name) ? allowed[name] : null;
		if (!test) return bad(`The query parameter "${name.slice(0, 40)}" is not accepted here.`);
		if (seen.has(name)) return bad(`The query parameter "${name}" is given twice.`);
		if (!test(value)) return bad(`The value of the query parameter "${name}" is not accepted.`);
		seen.add(name);
		out.append(name, value);
	}
	const text = out.toString();
	return text ? `?${text}` : '';
}

/** @param {unknown} value */
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Keys a stored document may have that start with '_'. */
const DOCUMENT_SPECIAL_KEYS = new Set(['_id', '_rev', '_deleted', '_revisions']);

/**
 * One document as stored by `_bulk_docs` or a document PUT.
 * @param {unknown} doc
 * @param {string | null} pathId the id in the URL, for a PUT
 * @returns {Refusal | null}
 */
export function checkDocument(doc, pathId = null) {
	if (!isObject(doc)) return bad('A document must be a JSON object.');
	const record = /** @type {Record<string, unknown>} */ (doc);
	const id = record._id ?? pathId;
	if (typeof id !== 'string' || !id) return bad('A document needs an _id.');
	if (pathId !== null && record._id !== undefined && record._id !== pathId) {
		return bad('The _id in the body is not the one in the URL.');
	}
	if (id.startsWith('_design/'))
		return forbidden('Design documents are changed by the server only.');
	if (id.startsWith('_')) return forbidden(`The document id "${id.slice(0, 40)}" is reserved.`);
	if (id.length > 200) return bad('A document id has at most 200 characters.');
	if ('_attachments' in record) return forbidden('Attachments are not accepted.');
	for (const key of Object.keys(record)) {
		if (key.startsWith('_') && !DOCUMENT_SPECIAL_KEYS.has(key)) {
			return bad(`The field "${key.slice(0, 40)}" is not accepted.`);
		}
	}
	if (record._rev !== undefined && (typeof record._rev !== 'string' || !REV.test(record._rev))) {
		return bad('_rev is not a revision.');
	}
	if (record._deleted !== undefined && typeof record._deleted !== 'boolean') {
		return bad('_deleted must be true or false.');
	}
	if (record._revisions !== undefined) {
		const revisions = /** @type {any} */ (record._revisions);
		if (
			!isObject(revisions) ||
			!Number.isInteger(revisions.start) ||
			!Array.isArray(revisions.ids) ||
			revisions.ids.length > 1000 ||
			!revisions.ids.every((/** @type {unknown} */ v) => typeof v === 'string' && v.length <= 64)
		) {
			return bad('_revisions is not a revision history.');
		}
	}
	if (Buffer.byteLength(JSON.stringify(doc)) > LIMITS.documentBytes) {
		return tooLarge(
			`The document "${id.slice(0, 40)}" is larger than ${LIMITS.documentBytes} bytes, the maximum per document.`
		);
	}
	return null;
}

/** @param {any} body @returns {Refusal | null} */
function checkBulkDocs(body) {
	if (!isObject(body) || !Array.isArray(body.docs)) return bad('Expected {"docs": [...]}.');
	for (const key of Object.keys(body)) {
		if (key !== 'docs' && key !== 'new_edits')
			return bad(`The field "${key.slice(0, 40)}" is not accepted.`);
	}
	if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean') {
		return bad('new_edits must be true or false.');
	}
	if (body.docs.length > LIMITS.documentsPerRequest) {
		return tooLarge(`At most ${LIMITS.documentsPerRequest} documents per request.`);
	}
	for (const doc of body.docs) {
		const refused = checkDocument(doc);
		if (refused) return refused;
	}
	return null;
}

/** @param {unknown} value */
const isIdString = (value) => typeof value === 'string' && value.length > 0 && value.length <= 256;

/** @param {any} body @returns {Refusal | null} */
function checkBulkGet(body) {
	if (!isObject(body) || !Array.isArray(body.docs) || Object.keys(body).length !== 1) {
		return bad('Expected {"docs": [{"id": …, "rev": …}]}.');
	}
	// express-pouchdb never answers an empty _bulk_get.
	if (body.docs.length === 0) return bad('Ask for at least one document.');
	if (body.docs.length > LIMITS.documentsPerRequest) {
		return tooLarge(`At most ${LIMITS.documentsPerRequest} documents per request.`);
	}
	for (const entry of body.docs) {
		if (!isObject(entry) || !isIdString(entry.id)) return bad('Each entry needs an id.');
		for (const key of Object.keys(entry)) {
			if (key !== 'id' && key !== 'rev')
				return bad(`The field "${key.slice(0, 40)}" is not accepted.`);
		}
		if (entry.rev !== undefined && !(typeof entry.rev === 'string' && REV.test(entry.rev))) {
			return bad('rev is not a revision.');
		}
	}
	return null;
}

/** @param {any} body @returns {Refusal | null} */
function checkRevsDiff(body) {
	if (!isObject(body)) return bad('Expected {"<id>": ["<rev>", …]}.');
	const entries = Object.entries(body);
	if (entries.length > LIMITS.documentsPerRequest) {
		return tooLarge(`At most ${LIMITS.documentsPerRequest} documents per request.`);
	}
	for (const [id, revs] of entries) {
		if (!isIdString(id) || !Array.isArray(revs) || revs.length > 1000) {
			return bad('Expected {"<id>": ["<rev>", …]}.');
		}
		if (!revs.every((rev) => typeof rev === 'string' && REV.test(rev))) {
			return bad('Expected revisions.');
		}
	}
	return null;
}

/** @param {any} body @returns {Refusal | null} */
function checkAllDocsBody(body) {
	if (!isObject(body) || !Array.isArray(body.keys)) return bad('Expected {"keys": [...]}.');
	for (const [key, value] of Object.entries(body)) {
		if (key === 'keys') continue;
		if (key === 'include_docs' || key === 'conflicts') {
			if (typeof value !== 'boolean') return bad(`${key} must be true or false.`);
		} else if (key === 'deleted') {
			if (value !== 'ok' && typeof value !== 'boolean') return bad('deleted must be "ok".');
		} else {
			return bad(`The field "${key.slice(0, 40)}" is not accepted.`);
		}
	}
	if (body.keys.length > LIMITS.documentsPerRequest) {
		return tooLarge(`At most ${LIMITS.documentsPerRequest} keys per request.`);
	}
	if (!body.keys.every(isIdString)) return bad('Every key must be a document id.');
	return null;
}

/** A replication checkpoint, as PouchDB and CouchDB replicators write them. */
const CHECKPOINT_FIELDS = new Set([
	'_id',
	'_rev',
	'session_id',
	'source_last_seq',
	'last_seq',
	'replicator',
	'version',
	'history',
	'replication_id_version'
]);

/** @param {unknown} value */
const isScalar = (value) =>
	(typeof value === 'string' && value.length <= 400) ||
	(typeof value === 'number' && Number.isFinite(value));

/**
 * @param {string} id
 * @returns {(body: any) => Refusal | null}
 */
const checkCheckpoint = (id) => (body) => {
	if (!isObject(body)) return bad('A checkpoint must be a JSON object.');
	for (const [key, value] of Object.entries(body)) {
		if (!CHECKPOINT_FIELDS.has(key)) {
			return bad(`A replication checkpoint has no field "${key.slice(0, 40)}".`);
		}
		if (key === '_id') {
			if (value !== `_local/${id}`) return bad('The _id in the body is not the one in the URL.');
		} else if (key === 'history') {
			if (!Array.isArray(value) || value.length > 50) return bad('history must be a short list.');
			for (const entry of value) {
				if (!isObject(entry)) return bad('history must list objects.');
				for (const [k, v] of Object.entries(entry)) {
					if (k !== 'session_id' && k !== 'last_seq')
						return bad('history entries have session_id and last_seq.');
					if (!isScalar(v)) return bad('history values must be strings or numbers.');
				}
			}
		} else if (key === '_rev') {
			if (typeof value !== 'string' || !/^0-[0-9]{1,10}$/.test(value)) {
				return bad('_rev of a checkpoint is "0-<n>".');
			}
		} else if (!isScalar(value)) {
			return bad(`${key} must be a string or a number.`);
		}
	}
	return null;
};

/** @param {any} body @returns {Refusal | null} */
function checkSignIn(body) {
	if (!isObject(body)) return bad('Expected {"name": …, "password": …}.');
	for (const key of Object.keys(body)) {
		if (key !== 'name' && key !== 'password')
			return bad(`The field "${key.slice(0, 40)}" is not accepted.`);
	}
	if (typeof body.name !== 'string' || !body.name || body.name.length > 256) {
		return bad('name must be a user name.');
	}
	if (typeof body.password !== 'string' || body.password.length > 1024) {
		return bad('password must be a string.');
	}
	return null;
}

/** Database-level paths refused with a reason, for the attacker and the curious alike. */
const REFUSED_DB_PATHS = /** @type {Record<string, string>} */ ({
	_security: 'The _security object is set by the server only.',
	_design: 'Design documents are changed by the server only.',
	_find: 'Queries (_find) are not used by the app.',
	_index: 'Indexes (_index) are not used by the app.',
	_explain: 'Queries (_explain) are not used by the app.',
	_view_cleanup: 'Only the server does maintenance.',
	_compact: 'Only the server does maintenance.',
	_purge: 'Only the server purges.',
	_ensure_full_commit: 'Not used by the app.',
	_missing_revs: 'Not used by the app; use _revs_diff.',
	_design_docs: 'Design documents are not listed.',
	_local_docs: 'Checkpoints are not listed.',
	_temp_view: 'Views are not used by the app.',
	_bulk_get_multipart: 'Multipart is not accepted.'
});

/**
 * Splits a raw request path (below the mount point) into decoded segments; refuses what could
 * mean two things (encoded slashes, dot segments, empty segments, NUL, bad escapes).
 * @param {string} rawPath e.g. '/csp-demo-customers/_changes'
 * @returns {string[] | Refusal}
 */
export function pathSegments(rawPath) {
	if (rawPath.length > 2000) return refusal(414, 'uri_too_long', 'The path is too long.');
	const trimmed = rawPath.replace(/^\/+/, '');
	if (trimmed === '') return [];
	const raw = trimmed.endsWith('/') ? trimmed.slice(0, -1) : trimmed;
	const segments = [];
	for (const part of raw.split('/')) {
		if (part === '' || part === '.' || part === '..')
			return bad('The path is not a database path.');
		let decoded;
		try {
			decoded = decodeURIComponent(part);
		} catch {
			return bad('The path has a bad percent-escape.');
		}
		if (/[/\\\0]/.test(decoded) || decoded === '.' || decoded === '..') {
			return bad('The path is not a database path.');
		}
		segments.push(decoded);
	}
	return segments;
}

/**
 * Decides what to do with a request.
 * @param {{ method: string, rawPath: string, search: string, identity: Identity }} request
 *   rawPath below the mount point (e.g. '/_session'), search the raw query ('' or '?…')
 * @returns {Route | Refusal}
 */
export function classify({ method, rawPath, search, identity }) {
	const segments = pathSegments(rawPath);
	if (!Array.isArray(segments)) return segments;
	const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
	const signedIn = identity.name !== null;
	const org = organisationOf(identity);
	const [first = '', second, third, ...more] = segments;

	/**
	 * @param {string} kind
	 * @param {string} path
	 * @param {keyof typeof QUERIES} queryKind
	 * @param {{ maxBytes?: number, checkBody?: ((body: any) => Refusal | null) | null, needsSignIn?: boolean, db?: string | null }} [options]
	 * @returns {Route | Refusal}
	 */
	const route = (kind, path, queryKind, options = {}) => {
		const query = checkQuery(params, queryKind);
		if (typeof query !== 'string') return query;
		return {
			kind,
			path,
			query,
			maxBytes: options.maxBytes ?? 0,
			checkBody: options.checkBody ?? null,
			needsSignIn: options.needsSignIn ?? true,
			db: options.db ?? null
		};
	};

	if (first === '_session' && segments.length === 1) {
		if (method === 'GET' || method === 'HEAD')
			return route('session', '/_session', 'none', { needsSignIn: false });
		if (method === 'DELETE') return route('sign-out', '/_session', 'none', { needsSignIn: false });
		if (method === 'POST') {
			return route('sign-in', '/_session', 'none', {
				needsSignIn: false,
				maxBytes: LIMITS.signInBytes,
				checkBody: checkSignIn
			});
		}
		return methodNotAllowed('GET, HEAD, POST, DELETE');
	}

	// Everything else is for signed-in users only, and answers the same whether it exists or not.
	if (!signedIn) return refusal(401, 'unauthorized', 'Sign in first (POST /db/_session).');

	if (first === '_users') {
		const own = `org.couchdb.user:${identity.name}`;
		if (segments.length !== 2 || second !== own) {
			return forbidden('Only your own user document can be read.');
		}
		if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET, HEAD');
		return route('own-user', `/_users/${encodeURIComponent(own)}`, 'none');
	}
	if (first === '' || first.startsWith('_') || !org) {
		return forbidden(
			org ? 'This is not a database of your organisation.' : 'You belong to no organisation.'
		);
	}

	const prefix = `csp-${org}-`.toLowerCase();
	const collection = first.startsWith(prefix) ? first.slice(prefix.length) : '';
	const writable = WRITABLE.has(/** @type {any} */ (collection));
	if (!writable && collection !== 'members') {
		return forbidden('This is not a database of your organisation.');
	}
	const dbPath = `/${encodeURIComponent(first)}`;
	const opts = { db: first };

	if (collection === 'members') {
		if (second === undefined || second.startsWith('_') || third !== undefined) {
			return forbidden('The members database is read by document only.');
		}
		if (method !== 'GET' && method !== 'HEAD')
			return forbidden('The members database is read-only.');
		return route('members-document', `${dbPath}/${encodeURIComponent(second)}`, 'none', opts);
	}

	if (second === undefined) {
		if (method === 'GET' || method === 'HEAD') return route('db-info', `${dbPath}/`, 'none', opts);
		if (method === 'PUT' || method === 'DELETE') {
			return forbidden('Databases are created and deleted by the server only.');
		}
		return methodNotAllowed('GET, HEAD');
	}

	if (second === '_local') {
		if (third === undefined || more.length > 0)
			return forbidden('Only replication checkpoints are kept here.');
		if (!CHECKPOINT_ID.test(third)) {
			return forbidden(
				third.startsWith('_')
					? 'The _security object is set by the server only.'
					: 'This is not a replication checkpoint id.'
			);
		}
		const path = `${dbPath}/_local/${encodeURIComponent(third)}`;
		if (method === 'GET' || method === 'HEAD') return route('checkpoint', path, 'none', opts);
		if (method === 'PUT') {
			return route('checkpoint-put', path, 'none', {
				...opts,
				maxBytes: LIMITS.checkpointBytes,
				checkBody: checkCheckpoint(third)
			});
		}
		return methodNotAllowed('GET, HEAD, PUT');
	}
	if (second.startsWith('_local/'))
		return forbidden('The _security object is set by the server only.');

	if (second.startsWith('_')) {
		if (third !== undefined) {
			return forbidden(REFUSED_DB_PATHS[second] ?? 'This is not used by the app.');
		}
		switch (second) {
			case '_changes':
				if (method === 'GET' || method === 'HEAD')
					return route('changes', `${dbPath}/_changes`, 'changes', opts);
				return methodNotAllowed('GET, HEAD');
			case '_all_docs':
				if (method === 'GET' || method === 'HEAD')
					return route('all-docs', `${dbPath}/_all_docs`, 'allDocs', opts);
				if (method === 'POST') {
					return route('all-docs-keys', `${dbPath}/_all_docs`, 'allDocs', {
						...opts,
						maxBytes: LIMITS.requestBytes,
						checkBody: checkAllDocsBody
					});
				}
				return methodNotAllowed('GET, HEAD, POST');
			case '_bulk_docs':
				if (method !== 'POST') return methodNotAllowed('POST');
				return route('bulk-docs', `${dbPath}/_bulk_docs`, 'none', {
					...opts,
					maxBytes: LIMITS.requestBytes,
					checkBody: checkBulkDocs
				});
			case '_bulk_get':
				if (method !== 'POST') return methodNotAllowed('POST');
				return route('bulk-get', `${dbPath}/_bulk_get`, 'bulkGet', {
					...opts,
					maxBytes: LIMITS.requestBytes,
					checkBody: checkBulkGet
				});
			case '_revs_diff':
				if (method !== 'POST') return methodNotAllowed('POST');
				return route('revs-diff', `${dbPath}/_revs_diff`, 'none', {
					...opts,
					maxBytes: LIMITS.requestBytes,
					checkBody: checkRevsDiff
				});
			default:
				return forbidden(REFUSED_DB_PATHS[second] ?? 'This is not used by the app.');
		}
	}

	// A document.
	if (third !== undefined) return forbidden('Attachments are not accepted.');
	if (!SAFE_ID.test(second)) return bad('This is not a document id the app uses.');
	const path = `${dbPath}/${encodeURIComponent(second)}`;
	if (method === 'GET' || method === 'HEAD') return route('document', path, 'documentGet', opts);
	if (method === 'PUT') {
		return route('document-put', path, 'documentPut', {
			...opts,
			maxBytes: LIMITS.requestBytes,
			checkBody: (body) => checkDocument(body, second)
		});
	}
	if (method === 'DELETE') return forbidden('Records are not deleted; they change state.');
	return methodNotAllowed('GET, HEAD, PUT');
}

/** @param {Route | Refusal} decision @returns {decision is Refusal} */
export function isRefusal(decision) {
	return 'status' in decision;
}
