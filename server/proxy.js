// The replication endpoint under the app's own origin: `/db/<rest>` → `<targetUrl>/<rest>`,
// so cookie auth (`_session`) and the service worker need no CORS. Use it as the
// `handleDatabaseRequest` of scripts/serve.js:
//
//   startServer({ handleDatabaseRequest: createDatabaseProxy('http://127.0.0.1:5984') });
//
// - Method, path and query string pass unchanged (percent-encoding included); request and
//   response bodies stream both ways, so long-poll and continuous `_changes` work.
// - Headers pass both ways except hop-by-hop ones; `Host` becomes the target's; X-Forwarded-*
//   are added. Set-Cookie gets `Path=/` and loses any `Domain`, so the AuthSession cookie
//   belongs to the app's origin. `WWW-Authenticate` is dropped: a 401 must not open the
//   browser's own sign-in dialog (the app shows its sign-in page).
// - The target URL may carry a path (a CouchDB behind a prefix); its credentials, if any, are
//   NOT forwarded: every request is made with the caller's own cookie or Authorization.
// - An unreachable target answers 502 `{"error":"unavailable","reason":…}`; a client that
//   goes away aborts the upstream request (and so ends its `_changes` feed).
import http from 'node:http';
import https from 'node:https';

const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-authenticate',
	'proxy-authorization',
	'proxy-connection',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade'
]);

/**
 * @typedef {(request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>} DatabaseRequestHandler
 */

/**
 * @param {string} targetUrl e.g. http://127.0.0.1:5984 (a trailing slash is fine)
 * @param {{ prefix?: string }} [options] the path the proxy is mounted at (default '/db')
 * @returns {DatabaseRequestHandler}
 */
export function createDatabaseProxy(targetUrl, options = {}) {
	const target = new URL(targetUrl);
	const prefix = (options.prefix ?? '/db').replace(/\/+$/, '');
	const basePath = target.pathname.replace(/\/+$/, '');
	const transport = target.protocol === 'https:' ? https : http;
	const agent = new transport.Agent({ keepAlive: true, maxSockets: 256 });

	return function handleDatabaseRequest(request, response) {
		return new Promise((resolveDone) => {
			const raw = request.url ?? '/';
			const queryStart = raw.indexOf('?');
			const rawPath = queryStart === -1 ? raw : raw.slice(0, queryStart);
			const query = queryStart === -1 ? '' : raw.slice(queryStart);
			let rest = rawPath.startsWith(prefix) ? rawPath.slice(prefix.length) : rawPath;
			if (!rest.startsWith('/')) rest = `/${rest}`;

			/** @type {http.OutgoingHttpHeaders} */
			const headers = {};
			for (const [name, value] of Object.entries(request.headers)) {
				if (value === undefined || HOP_BY_HOP.has(name)) continue;
				headers[name] = value;
			}
			headers.host = target.host;
			const forwardedFor = request.headers['x-forwarded-for'];
			const remote = request.socket.remoteAddress ?? '';
			headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${remote}` : remote;
			headers['x-forwarded-host'] = request.headers.host ?? '';
			headers['x-forwarded-proto'] = /** @type {import('node:tls').TLSSocket} */ (request.socket)
				.encrypted
				? 'https'
				: 'http';

			const upstream = transport.request({
				protocol: target.protocol,
				hostname: target.hostname,
				port: target.port,
				method: request.method,
				path: `${basePath}${rest}${query}`,
				headers,
				agent
			});

			let finished = false;
			const done = () => {
				if (finished) return;
				finished = true;
				resolveDone(undefined);
			};

			upstream.on('response', (upstreamResponse) => {
				response.statusCode = upstreamResponse.statusCode ?? 502;
				if (upstreamResponse.statusMessage) response.statusMessage = upstreamResponse.statusMessage;
				for (const [name, value] of Object.entries(upstreamResponse.headers)) {
					if (value === undefined || HOP_BY_HOP.has(name) || name === 'www-authenticate') continue;
					if (name === 'set-cookie') {
						response.setHeader(name, (Array.isArray(value) ? value : [value]).map(rewriteCookie));
					} else {
						response.setHeader(name, value);
					}
				}
				response.flushHeaders();
				upstreamResponse.pipe(response);
				upstreamResponse.on('end', done);
				upstreamResponse.on('error', () => {
					response.destroy();
					done();
				});
			});

			upstream.on('error', (error) => {
				if (!response.headersSent) {
					response.statusCode = 502;
					response.setHeader('Content-Type', 'application/json; charset=utf-8');
					response.setHeader('Cache-Control', 'no-store');
					response.end(
						JSON.stringify({
							error: 'unavailable',
							reason: `The replication endpoint is not reachable (${error.message}).`
						})
					);
				} else {
					response.destroy();
				}
				done();
			});

			// The client went away (closed tab, aborted fetch, network lost): stop upstream too.
			response.on('close', () => {
				if (!response.writableFinished) upstream.destroy();
				done();
			});

			request.pipe(upstream);
		});
	};
}

/**
 * Makes a cookie belong to the whole app origin: `Path=/`, no `Domain`.
 * @param {string} cookie
 */
export function rewriteCookie(cookie) {
	const parts = cookie.split(';').map((part) => part.trim());
	const kept = parts.filter((part, index) => {
		if (index === 0) return true;
		const name = part.split('=')[0].trim().toLowerCase();
		return name !== 'path' && name !== 'domain';
	});
	kept.splice(1, 0, 'Path=/');
	return kept.join('; ');
}
