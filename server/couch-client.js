// The HTTP client of the server-side tools (setup, services): CouchDB's HTTP API with
// server-admin credentials, the same against the embedded endpoint, Apache CouchDB and Cloudant.

/**
 * @typedef {object} CouchResponse
 * @property {number} status
 * @property {any} body
 *
 * @typedef {object} CouchClient
 * @property {string} url the server's base URL, without credentials or trailing slash
 * @property {(method: string, path: string, body?: unknown, options?: { auth?: boolean }) => Promise<CouchResponse>} request
 */

/**
 * An HTTP client with server-admin credentials (Basic auth). The URL may carry the credentials
 * itself (http://admin:secret@host:5984).
 * @param {{ url: string, adminName?: string, adminPassword?: string }} options
 * @returns {CouchClient}
 */
export function createCouchClient({ url, adminName, adminPassword }) {
	const parsed = new URL(url);
	const name = adminName ?? decodeURIComponent(parsed.username);
	const password = adminPassword ?? decodeURIComponent(parsed.password);
	parsed.username = '';
	parsed.password = '';
	const base = parsed.href.replace(/\/+$/, '');
	const authorization = name
		? `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`
		: undefined;
	return {
		url: base,
		async request(method, path, body, options = {}) {
			/** @type {Record<string, string>} */
			const headers = { accept: 'application/json' };
			if (authorization && options.auth !== false) headers.authorization = authorization;
			if (body !== undefined) headers['content-type'] = 'application/json';
			const response = await fetch(`${base}/${path.replace(/^\//, '')}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			const text = await response.text();
			let parsedBody;
			try {
				parsedBody = text ? JSON.parse(text) : null;
			} catch {
				parsedBody = text;
			}
			return { status: response.status, body: parsedBody };
		}
	};
}

/**
 * @param {CouchResponse} response
 * @param {string} what
 */
export function couchError(response, what) {
	const reason =
		response.body && typeof response.body === 'object'
			? `${response.body.error}: ${response.body.reason}`
			: String(response.body);
	return new Error(`${what} failed with HTTP ${response.status} (${reason})`);
}

/** @param {string} id */
export function docPath(id) {
	return id.startsWith('_design/')
		? `_design/${encodeURIComponent(id.slice(8))}`
		: encodeURIComponent(id);
}

/**
 * Same content, ignoring _rev, and treating missing and undefined alike.
 * @param {unknown} a
 * @param {unknown} b
 */
export function sameContent(a, b) {
	/** @param {unknown} value @returns {unknown} */
	const normal = (value) => {
		if (Array.isArray(value)) return value.map(normal);
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.keys(value)
					.filter((key) => key !== '_rev' && /** @type {any} */ (value)[key] !== undefined)
					.sort()
					.map((key) => [key, normal(/** @type {any} */ (value)[key])])
			);
		}
		return value;
	};
	return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}
