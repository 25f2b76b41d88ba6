#!/usr/bin/env node
// `npm run test:couchdb` (after `npm run build`): the server tests (vitest, server/) and the
// endpoint end-to-end specs against Apache CouchDB 3: (a) a single node, (b) a cluster of three
// nodes on loopback (n=3, q=2), each started here from COUCHDB_HOME (default: the release of
// ../shared/couchdb/, extracted into node_modules/.cache/couchdb/) and stopped at the end.
// The tests use it through the switch of server/test-couch.js (TEST_COUCH_URL, TEST_COUCH_ADMIN).
//
// COUCH_URL=http://… COUCH_ADMIN=name:password: that CouchDB instead, once (a cluster when
// COUCH_URL lists several nodes separated by commas); it is emptied by every test file.
// TEST_COUCH_ENGINES=single or cluster: only one of the two. RANDOM_SYNC_OPS: the random sync
// test's length (default here 40 operations per device); FUZZ_RUNS: the gateway fuzz's requests
// (default here 1000). To run single files, set the switch by hand (see README).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { startCouch } from './couchdb.js';

const SERVER_TESTS = ['server/'];
const ENDPOINT_SPECS = [
	'tests/sync.spec.ts',
	'tests/conflicts.spec.ts',
	'tests/roles.spec.ts',
	'tests/background-sync.spec.ts',
	'tests/random-sync.spec.ts'
];
const CLUSTER_SPECS = ['tests/cluster-failover.spec.ts'];

/**
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @returns {Promise<number>}
 */
function run(command, args, env) {
	return new Promise((resolveRun) => {
		const child = spawn(command, args, {
			stdio: 'inherit',
			env: { ...process.env, ...env }
		});
		child.once('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
	});
}

/**
 * A small control server for the cluster test: POST /nodes/<i>/kill and /nodes/<i>/start.
 * @param {import('./couchdb.js').Couch} couch
 * @returns {Promise<{ url: string, close: () => void }>}
 */
function controlServer(couch) {
	const server = http.createServer(async (request, response) => {
		const match = /^\/nodes\/(\d+)\/(kill|start)$/.exec(request.url ?? '');
		const node = match ? couch.nodes[Number(match[1])] : undefined;
		if (request.method !== 'POST' || !match || !node) {
			response.statusCode = 404;
			response.end('no such control');
			return;
		}
		try {
			if (match[2] === 'kill') node.kill();
			else await node.start();
			response.end('ok');
		} catch (error) {
			response.statusCode = 500;
			response.end(String(error));
		}
	});
	return new Promise((resolveServer) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			resolveServer({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
		});
	});
}

/**
 * Runs both suites against one CouchDB.
 * @param {string} label
 * @param {{ urls: string[], admin: string, control?: string }} couch
 * @returns {Promise<{ label: string, failed: string[], seconds: number }>}
 */
async function runSuites(label, couch) {
	const started = Date.now();
	const env = {
		TEST_COUCH_URL: couch.urls.join(','),
		TEST_COUCH_ADMIN: couch.admin,
		TEST_COUCH_CONTROL: couch.control ?? '',
		RANDOM_SYNC_OPS: process.env.RANDOM_SYNC_OPS ?? '40',
		// The fuzz checks the gateway, which npm test covers with 3000 requests already.
		FUZZ_RUNS: process.env.FUZZ_RUNS ?? '1000'
	};
	/** @type {string[]} */
	const failed = [];
	console.log(`\n=== ${label}: server tests (vitest) ===`);
	if ((await run('npx', ['vitest', 'run', ...SERVER_TESTS], env)) !== 0) failed.push('vitest');
	console.log(`\n=== ${label}: endpoint end-to-end specs (Playwright) ===`);
	const specs = couch.urls.length > 1 ? [...ENDPOINT_SPECS, ...CLUSTER_SPECS] : ENDPOINT_SPECS;
	if ((await run('npx', ['playwright', 'test', ...specs], env)) !== 0) failed.push('playwright');
	return { label, failed, seconds: Math.round((Date.now() - started) / 1000) };
}

async function main() {
	/** @type {{ label: string, failed: string[], seconds: number }[]} */
	const results = [];
	const started = Date.now();
	if (process.env.COUCH_URL) {
		if (!process.env.COUCH_ADMIN) throw new Error('With COUCH_URL, set COUCH_ADMIN=name:password.');
		const urls = process.env.COUCH_URL.split(',').map((url) => url.trim().replace(/\/+$/, ''));
		results.push(
			await runSuites(`CouchDB at ${urls.join(', ')}`, { urls, admin: process.env.COUCH_ADMIN })
		);
	} else {
		const engines = (process.env.TEST_COUCH_ENGINES ?? 'single,cluster').split(',');
		for (const engine of engines) {
			const nodes = engine === 'cluster' ? 3 : 1;
			const couch = await startCouch({ nodes, log: (line) => console.log(line) });
			const control = await controlServer(couch);
			try {
				const label =
					nodes === 1 ? 'CouchDB single node' : `CouchDB cluster (3 nodes, n=3, q=${couch.q})`;
				results.push(
					await runSuites(label, { urls: couch.urls, admin: couch.admin, control: control.url })
				);
			} finally {
				control.close();
				await couch.stop();
			}
		}
	}
	console.log('\n=== test:couchdb ===');
	for (const result of results) {
		const verdict = result.failed.length ? `FAILED (${result.failed.join(', ')})` : 'passed';
		console.log(`${result.label}: ${verdict} in ${result.seconds} s`);
	}
	console.log(`Total ${Math.round((Date.now() - started) / 1000)} s`);
	process.exitCode = results.some((result) => result.failed.length) ? 1 : 0;
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
