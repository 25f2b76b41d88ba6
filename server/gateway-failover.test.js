// The gateway in front of several nodes (a CouchDB cluster): a node that cannot be reached is
// passed over, the request goes to the next one, and the gateway answers 503 only when no node
// answers. Fake nodes (plain HTTP servers) stand in for CouchDB.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/couchdb.js';
import { startServer } from '../scripts/serve.js';
import { createGateway, targetList } from './gateway.js';

/** @type {(() => void)[]} */
const cleanups = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A fake node that answers every request with its name. @param {string} name */
async function fakeNode(name) {
	/** @type {string[]} */
	const seen = [];
	const server = http.createServer((request, response) => {
		seen.push(`${request.method} ${request.url}`);
		response.setHeader('content-type', 'application/json');
		response.end(JSON.stringify({ ok: true, userCtx: { name: null, roles: [] }, node: name }));
	});
	await new Promise((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen(null)));
	cleanups.push(() => server.close());
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return { url: `http://127.0.0.1:${port}`, seen, close: () => server.close() };
}

/** The app server with the gateway over these nodes. @param {string[]} urls */
async function gatewayOver(urls) {
	const server = startServer({
		port: 0,
		handleDatabaseRequest: createGateway({ targetUrl: urls }),
		quiet: true
	});
	await new Promise((resolveListen) => server.once('listening', resolveListen));
	cleanups.push(() => {
		server.close();
		server.closeAllConnections();
	});
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return `http://127.0.0.1:${port}`;
}

describe('the gateway over several nodes', () => {
	it('reads the node list from a comma-separated string or a list', () => {
		expect(targetList('http://a:5984/, http://b:5984')).toEqual(['http://a:5984', 'http://b:5984']);
		expect(targetList(['http://a:5984'])).toEqual(['http://a:5984']);
	});

	it('goes on through the next node when one is down, and answers 503 when none is up', async () => {
		const down = `http://127.0.0.1:${await freePort()}`;
		const second = await fakeNode('second');
		const third = await fakeNode('third');
		const origin = await gatewayOver([down, second.url, third.url]);

		const first = await fetch(`${origin}/db/_session`);
		expect(first.status).toBe(200);
		expect((await first.json()).node).toBe('second');
		// The node that failed is passed over: the next requests go straight to the second.
		for (let i = 0; i < 3; i++) await (await fetch(`${origin}/db/_session`)).json();
		expect(second.seen).toHaveLength(4);

		second.close();
		await new Promise((resolveWait) => setTimeout(resolveWait, 50));
		const afterSecond = await fetch(`${origin}/db/_session`);
		expect((await afterSecond.json()).node).toBe('third');

		third.close();
		await new Promise((resolveWait) => setTimeout(resolveWait, 50));
		const none = await fetch(`${origin}/db/_session`);
		expect(none.status).toBe(503);
		expect((await none.json()).error).toBe('unavailable');
	});
});
