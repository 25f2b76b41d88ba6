#!/usr/bin/env node
// A small, dependency-free static server for the built app in build/ (`npm run build`).
//
// - Files are served as they are; a path without a file extension that names no file gets
//   build/index.html (the SPA fallback: SvelteKit's client router then renders the route).
// - /_app/immutable/ files have hashed names and are cached for a year; everything else
//   (index.html, service-worker.js, manifest, icons) is `no-cache`, revalidated by ETag.
// - Responses are gzipped when the client accepts it.
// - /db and /db/… are the CouchDB replication endpoint's place: they go to the
//   `handleDatabaseRequest` option when one is given, otherwise they answer 404 JSON.
// - /api and /api/… are the server's JSON API (server/api/users.js): they go to the
//   `handleApiRequest` option when one is given, otherwise they answer 404 JSON.
// - Every page and file comes with `frame-ancestors 'none'` (a CSP header; the rest of the
//   policy is the `<meta>` SvelteKit writes with hashes, see svelte.config.js),
//   X-Frame-Options, Referrer-Policy and nosniff.
// - Slow clients: the headers must arrive within 15 s and the whole request within 60 s (a
//   long-poll's reply may take longer); an address keeps at most 128 connections open (more
//   are closed at once), so one client cannot use up the server's sockets.
//
// Usage: node scripts/serve.js  (HOST defaults to 127.0.0.1, PORT to 4173)
// In-process: import { startServer } from './scripts/serve.js'; startServer({ port: 0 }).
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);

export const DEFAULT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'build');
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4173;

/** Content types by file extension. */
export const CONTENT_TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.ico': 'image/x-icon',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.ttf': 'font/ttf',
	'.otf': 'font/otf',
	'.wasm': 'application/wasm',
	'.pdf': 'application/pdf'
};

const COMPRESSIBLE = new Set([
	'.html',
	'.js',
	'.mjs',
	'.css',
	'.json',
	'.map',
	'.webmanifest',
	'.txt',
	'.xml',
	'.svg'
]);

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';

/**
 * @typedef {(request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>} RequestHandler
 *
 * @typedef {object} ServerOptions
 * @property {number} [port] port to listen on (default: PORT env or 4173; 0 picks a free one)
 * @property {string} [host] address to listen on (default: HOST env or 127.0.0.1)
 * @property {string} [root] directory to serve (default: build/ next to scripts/)
 * @property {{ cert: string | Buffer, key: string | Buffer }} [tls] serve https with this
 *   certificate and key (default: the files TLS_CERT_FILE and TLS_KEY_FILE, when both are set)
 * @property {RequestHandler} [handleDatabaseRequest] receives every /db and /db/… request
 * @property {RequestHandler} [handleApiRequest] receives every /api and /api/… request
 * @property {boolean} [quiet] do not print the "running at" line
 * @property {number} [maxConnectionsPerAddress] open connections per client address (default 128)
 */

/** Headers of every reply that is not the database's (the gateway sets its own). */
export const SECURITY_HEADERS = Object.freeze({
	'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff'
});

/**
 * Starts the server and returns it (already listening, or about to: wait for 'listening').
 * @param {ServerOptions} [options]
 * @returns {http.Server}
 */
export function startServer(options = {}) {
	const host = options.host ?? process.env.HOST ?? DEFAULT_HOST;
	const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT);
	const root = resolve(options.root ?? DEFAULT_ROOT);
	const handler = createRequestHandler({
		root,
		handleDatabaseRequest: options.handleDatabaseRequest,
		handleApiRequest: options.handleApiRequest
	});

	const tls = options.tls ?? tlsFromEnvironment();
	/** @type {http.RequestListener} */
	const listener = (request, response) => {
		// Browsers that once saw the app over https keep to it for a year.
		if (tls) response.setHeader('Strict-Transport-Security', 'max-age=31536000');
		Promise.resolve(handler(request, response)).catch((error) => {
			console.error(error);
			if (!response.headersSent) {
				sendText(response, 500, 'Internal Server Error');
			} else {
				response.destroy();
			}
		});
	};
	// The header and request timeouts are checked every second (Node's default is 30 s).
	const server = tls
		? https.createServer({ ...tls, connectionsCheckingInterval: 1000 }, listener)
		: http.createServer({ connectionsCheckingInterval: 1000 }, listener);
	server.headersTimeout = 15_000;
	server.requestTimeout = 60_000;
	limitConnectionsPerAddress(server, options.maxConnectionsPerAddress ?? 128);
	server.listen(port, host, () => {
		if (options.quiet) return;
		const address = server.address();
		const actualPort = address && typeof address === 'object' ? address.port : port;
		console.log(`CSP Field is running at ${tls ? 'https' : 'http'}://${host}:${actualPort}/`);
	});
	return server;
}

/** The certificate and key named by TLS_CERT_FILE and TLS_KEY_FILE, or undefined. */
function tlsFromEnvironment() {
	const certFile = process.env.TLS_CERT_FILE;
	const keyFile = process.env.TLS_KEY_FILE;
	if (!certFile && !keyFile) return undefined;
	if (!certFile || !keyFile)
		throw new Error('Set both TLS_CERT_FILE and TLS_KEY_FILE, or neither.');
	return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

/**
 * Closes a new connection at once when its address has `limit` open already.
 * @param {http.Server} server
 * @param {number} limit
 */
function limitConnectionsPerAddress(server, limit) {
	/** @type {Map<string, number>} */
	const open = new Map();
	server.on('connection', (socket) => {
		const address = socket.remoteAddress ?? 'unknown';
		const count = open.get(address) ?? 0;
		if (count >= limit) {
			socket.destroy();
			return;
		}
		open.set(address, count + 1);
		socket.once('close', () => {
			const left = (open.get(address) ?? 1) - 1;
			if (left <= 0) open.delete(address);
			else open.set(address, left);
		});
	});
}

/**
 * The request handler on its own, e.g. to mount it in another server.
 * @param {{ root: string, handleDatabaseRequest?: RequestHandler, handleApiRequest?: RequestHandler }} options
 * @returns {RequestHandler}
 */
export function createRequestHandler({ root, handleDatabaseRequest, handleApiRequest }) {
	/** Compressed bodies by path, kept while the file's mtime and size stay the same. */
	/** @type {Map<string, { tag: string, body: Buffer }>} */
	const gzipCache = new Map();

	return async function handleRequest(request, response) {
		const raw = request.url ?? '/';
		const url = new URL(raw, 'http://localhost');
		// The database's requests go on as they came (undecoded, dot segments kept): the gateway
		// reads and checks the raw path itself.
		if (raw === '/db' || raw.startsWith('/db/') || raw.startsWith('/db?')) {
			response.setHeader('X-Content-Type-Options', 'nosniff');
			if (handleDatabaseRequest) {
				await handleDatabaseRequest(request, response);
			} else {
				sendJson(response, 404, {
					error: 'not_found',
					reason: 'No database endpoint is configured on this server'
				});
			}
			return;
		}
		if (raw === '/api' || raw.startsWith('/api/') || raw.startsWith('/api?')) {
			response.setHeader('X-Content-Type-Options', 'nosniff');
			if (handleApiRequest) {
				await handleApiRequest(request, response);
			} else {
				sendJson(response, 404, { error: 'not_found', reason: 'There is no API on this server' });
			}
			return;
		}
		let pathname;
		try {
			pathname = decodeURIComponent(url.pathname);
		} catch {
			sendText(response, 400, 'Bad Request');
			return;
		}

		for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.setHeader('Allow', 'GET, HEAD');
			sendText(response, 405, 'Method Not Allowed');
			return;
		}

		let file = await findFile(root, pathname);
		if (!file && extname(pathname) === '') {
			file = await findFile(root, '/index.html');
		}
		if (!file) {
			sendText(response, 404, 'Not Found');
			return;
		}

		const extension = extname(file.path).toLowerCase();
		const tag = `"${file.size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}"`;
		response.setHeader(
			'Content-Type',
			CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (extension)] ??
				'application/octet-stream'
		);
		response.setHeader(
			'Cache-Control',
			pathname.startsWith('/_app/immutable/') ? IMMUTABLE : NO_CACHE
		);
		response.setHeader('X-Content-Type-Options', 'nosniff');

		const compressible = COMPRESSIBLE.has(extension) && file.size > 1024;
		if (compressible) response.setHeader('Vary', 'Accept-Encoding');
		const useGzip = compressible && acceptsGzip(request);
		const etag = useGzip ? `${tag.slice(0, -1)}-gz"` : tag;
		response.setHeader('ETag', etag);

		if (matchesEtag(request.headers['if-none-match'], etag)) {
			response.statusCode = 304;
			response.end();
			return;
		}

		response.statusCode = 200;
		if (useGzip) {
			let cached = gzipCache.get(file.path);
			if (!cached || cached.tag !== tag) {
				cached = { tag, body: await gzipAsync(await readFile(file.path)) };
				gzipCache.set(file.path, cached);
			}
			response.setHeader('Content-Encoding', 'gzip');
			response.setHeader('Content-Length', cached.body.length);
			response.end(request.method === 'HEAD' ? undefined : cached.body);
			return;
		}

		response.setHeader('Content-Length', file.size);
		if (request.method === 'HEAD') {
			response.end();
			return;
		}
		await new Promise((resolvePipe, rejectPipe) => {
			const stream = createReadStream(file.path);
			stream.on('error', rejectPipe);
			response.on('close', () => resolvePipe(undefined));
			stream.pipe(response);
		});
	};
}

/**
 * The regular file under `root` that `pathname` names (a directory means its index.html), or
 * null. Paths that would leave `root` name nothing.
 * @param {string} root
 * @param {string} pathname
 */
async function findFile(root, pathname) {
	if (pathname.includes('\0')) return null;
	let path = join(root, pathname);
	if (path !== root && !path.startsWith(root + sep)) return null;
	try {
		let info = await stat(path);
		if (info.isDirectory()) {
			path = join(path, 'index.html');
			info = await stat(path);
		}
		return info.isFile() ? { path, size: info.size, mtimeMs: info.mtimeMs } : null;
	} catch {
		return null;
	}
}

/** @param {http.IncomingMessage} request */
function acceptsGzip(request) {
	const header = request.headers['accept-encoding'];
	if (typeof header !== 'string') return false;
	return header.split(',').some((part) => {
		const [name, ...parameters] = part.trim().toLowerCase().split(';');
		if (name !== 'gzip' && name !== '*') return false;
		const quality = parameters.find((parameter) => parameter.trim().startsWith('q='));
		return !quality || Number(quality.trim().slice(2)) > 0;
	});
}

/**
 * @param {string | undefined} header
 * @param {string} etag
 */
function matchesEtag(header, etag) {
	if (!header) return false;
	return header
		.split(',')
		.map((candidate) => candidate.trim().replace(/^W\//, ''))
		.some((candidate) => candidate === etag || candidate === '*');
}

/**
 * @param {http.ServerResponse} response
 * @param {number} status
 * @param {string} text
 */
function sendText(response, status, text) {
	response.statusCode = status;
	response.setHeader('Content-Type', 'text/plain; charset=utf-8');
	response.setHeader('Cache-Control', NO_CACHE);
	response.end(text);
}

/**
 * @param {http.ServerResponse} response
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(response, status, body) {
	response.statusCode = status;
	response.setHeader('Content-Type', 'application/json; charset=utf-8');
	response.setHeader('Cache-Control', NO_CACHE);
	response.end(JSON.stringify(body));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	if (!existsSync(join(DEFAULT_ROOT, 'index.html'))) {
		console.error(`${DEFAULT_ROOT}/index.html does not exist: run \`npm run build\` first.`);
		process.exit(1);
	}
	const server = startServer();
	server.on('error', (error) => {
		console.error(error.message);
		process.exit(1);
	});
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
		process.on(signal, () => {
			server.close();
			server.closeAllConnections();
			process.exit(0);
		});
	}
}
