// What the allow-list gateway (server/gateway.js) adds to a replication round trip: a member
// writes one document (`_bulk_docs`) and reads the changes since its last checkpoint
// (`_changes`), once through the app's origin (/db/ → gateway → endpoint) and once straight
// to the endpoint, interleaved so that both see the same machine. Warm-up rounds on both
// routes come first and are not counted (the endpoint's first view query builds the index of
// server/unique-rules.js over every customer, connections open, caches fill); then `rounds`
// measured pairs. Reported: the median and p95 of each route, the ratio of the medians, and the
// median of the ratios of each pair (one pair sees one moment of the machine's load), with the
// load average before and after.
import os from 'node:os';

/**
 * @param {string} base a CouchDB base URL: the app's /db/ or the endpoint
 * @param {{ name: string, password: string }} user
 * @returns {Promise<string>} the session cookie
 */
async function sessionCookie(base, user) {
	const response = await fetch(`${base}/_session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(user)
	});
	const cookie = response.headers.get('set-cookie');
	if (!response.ok || !cookie) throw new Error(`Signing in at ${base} answered ${response.status}`);
	return cookie.split(';')[0];
}

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * A copy of `template` under a new id, with the fields that must be unique made unique (a
 * customer's domain prefix, server/unique-rules.js).
 * @param {any} template @param {string} id
 */
function freshCopy(template, id) {
	const doc = { ...template, _id: id, id };
	delete doc._rev;
	if (typeof doc.domainPrefix === 'string') {
		doc.domainPrefix = id
			.replace(/[^a-z0-9]/gi, '')
			.toLowerCase()
			.slice(-27);
		if (typeof doc.adminUserName === 'string') {
			doc.adminUserName = `admin@${doc.domainPrefix}.onmicrosoft.com`;
		}
	}
	return doc;
}

/**
 * @param {{ gatewayBase: string, endpointBase: string, database: string,
 *   user: { name: string, password: string }, docs: any[], rounds?: number, warmUp?: number }} options
 *   `docs`: valid documents of `database` as the user writes them; each round writes a copy
 *   with a new id
 */
export async function measureGatewayOverhead({
	gatewayBase,
	endpointBase,
	database,
	user,
	docs,
	rounds = 200,
	warmUp = 20
}) {
	const loadBefore = os.loadavg();
	const routes = [
		{ name: 'gateway', base: gatewayBase, cookie: await sessionCookie(gatewayBase, user) },
		{ name: 'endpoint', base: endpointBase, cookie: await sessionCookie(endpointBase, user) }
	];
	/** @type {Record<string, { since: string, ms: number[] }>} */
	const state = Object.fromEntries(routes.map((route) => [route.name, { since: 'now', ms: [] }]));
	/** @param {(typeof routes)[number]} route @param {string} path @param {unknown} [body] */
	const call = async (route, path, body) => {
		const response = await fetch(`${route.base}/${database}/${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: {
				cookie: route.cookie,
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const json = await response.json();
		if (!response.ok) throw new Error(`${route.name} ${path} answered ${response.status}`);
		return json;
	};
	// The first _changes gives each route its checkpoint; RxDB reads the feed the same way.
	for (const route of routes) {
		state[route.name].since = String((await call(route, '_changes?since=now&limit=1')).last_seq);
	}
	for (let round = -warmUp; round < rounds; round++) {
		// Alternate which route goes first, so neither always meets a warmer endpoint.
		const order = round % 2 === 0 ? routes : [...routes].reverse();
		for (const route of order) {
			const template = docs[(round + warmUp) % docs.length];
			const doc = freshCopy(template, `benchgw${route.name[0]}${round + warmUp}`);
			const start = performance.now();
			const written = await call(route, '_bulk_docs', { docs: [doc] });
			if (written[0]?.error) {
				throw new Error(`${route.name} refused the write: ${JSON.stringify(written[0])}`);
			}
			const changes = await call(
				route,
				`_changes?since=${encodeURIComponent(state[route.name].since)}&limit=100&include_docs=true`
			);
			if (round >= 0) state[route.name].ms.push(performance.now() - start);
			state[route.name].since = String(changes.last_seq);
		}
	}
	const summary = (/** @type {number[]} */ ms) => ({
		median: quantile(ms, 0.5),
		p95: quantile(ms, 0.95)
	});
	const gateway = summary(state.gateway.ms);
	const endpoint = summary(state.endpoint.ms);
	const pairs = state.gateway.ms.map((ms, index) => ms / state.endpoint.ms[index]);
	return {
		rounds,
		warmUp,
		load: { before: loadBefore, after: os.loadavg(), cores: os.cpus().length },
		/** The median of each round's gateway / endpoint ratio. */
		pairedRatio: quantile(pairs, 0.5),
		gateway,
		endpoint,
		/** How many times longer a round trip takes through the gateway (medians). */
		ratio: gateway.median / endpoint.median,
		addedMs: gateway.median - endpoint.median
	};
}
