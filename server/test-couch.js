// Which replication endpoint the tests use. By default each test file starts a throwaway
// embedded endpoint (PouchDB Server, fresh data in a temporary folder). The switch:
//
//   TEST_COUCH_URL=http://127.0.0.1:5984 TEST_COUCH_ADMIN=admin:secret
//
// (for a cluster, every node's URL separated by commas) makes them use that Apache CouchDB
// instead: each test file then starts with every organisation database (`csp-*`) and every
// user of `_users` deleted, so no file sees another's data. Use a throwaway CouchDB.
// `npm run test:couchdb` (scripts/test-couchdb.js) starts one and sets the switch;
// TEST_COUCH_CONTROL is then its control address (stop and start one node of a cluster).
// Files must run one at a time then (vite.config.ts turns file parallelism off).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startApp } from '../scripts/start.js';
import { targetList } from './gateway.js';
import { createCouchClient } from './setup.js';

/**
 * @typedef {object} TestCouch
 * @property {string[]} urls every node (one for a single node)
 * @property {string} url the first node
 * @property {{ name: string, password: string }} admin
 * @property {string | undefined} control the control address of scripts/test-couchdb.js
 */

/** @returns {TestCouch | null} */
function fromEnvironment() {
	const url = process.env.TEST_COUCH_URL;
	if (!url) return null;
	const admin = process.env.TEST_COUCH_ADMIN ?? '';
	const separator = admin.indexOf(':');
	if (separator < 1) throw new Error('With TEST_COUCH_URL, set TEST_COUCH_ADMIN=name:password.');
	const urls = targetList(url);
	return {
		urls,
		url: urls[0],
		admin: { name: admin.slice(0, separator), password: admin.slice(separator + 1) },
		control: process.env.TEST_COUCH_CONTROL || undefined
	};
}

/** The CouchDB the tests use, or null for the embedded endpoint. */
export const testCouch = fromEnvironment();

/** Tests run against Apache CouchDB (the switch is on). */
export const onCouchDB = testCouch !== null;

/** Tests run against a CouchDB cluster of several nodes. */
export const onCluster = (testCouch?.urls.length ?? 0) > 1;

/** Why a test that needs the embedded endpoint is skipped on CouchDB. */
export const EMBEDDED_ONLY =
	'needs the embedded endpoint (PouchDB Server in this process, its data folder or its supervisor)';

/** A server-admin client of the test CouchDB. */
export function testCouchClient() {
	if (!testCouch) throw new Error('TEST_COUCH_URL is not set');
	return createCouchClient({
		url: testCouch.url,
		adminName: testCouch.admin.name,
		adminPassword: testCouch.admin.password
	});
}

/**
 * Deletes every organisation database (`csp-*`) and every user, so a test starts from an
 * empty server. Refuses to run without the switch.
 */
export async function clearTestCouch() {
	const client = testCouchClient();
	const dbs = await client.request('GET', '_all_dbs');
	if (dbs.status !== 200) throw new Error(`_all_dbs: ${dbs.status}`);
	for (const db of /** @type {string[]} */ (dbs.body)) {
		if (!db.startsWith('csp-')) continue;
		const deleted = await client.request('DELETE', encodeURIComponent(db));
		if (deleted.status >= 300 && deleted.status !== 404) {
			throw new Error(`Deleting ${db}: ${deleted.status} ${JSON.stringify(deleted.body)}`);
		}
	}
	// On a cluster every node must have forgotten the deleted databases before they are made
	// again (a database made while a node still has the old shard map can miss its _security
	// or answer 500).
	const deleted = /** @type {string[]} */ (dbs.body).filter((db) => db.startsWith('csp-'));
	if (onCluster && deleted.length > 0) {
		const nodes = /** @type {TestCouch} */ (testCouch).urls.map((url) =>
			createCouchClient({
				url,
				adminName: testCouch?.admin.name,
				adminPassword: testCouch?.admin.password
			})
		);
		const deadline = Date.now() + 30_000;
		for (const node of nodes) {
			for (const db of deleted) {
				while ((await node.request('GET', encodeURIComponent(db))).status !== 404) {
					if (Date.now() > deadline) throw new Error(`${db} is still on ${node.url}`);
					await new Promise((resolveWait) => setTimeout(resolveWait, 100));
				}
			}
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
	}
	const users = await client.request('GET', '_users/_all_docs');
	const docs = /** @type {{ id: string, value: { rev: string } }[]} */ (users.body?.rows ?? [])
		.filter((row) => !row.id.startsWith('_design/'))
		.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true }));
	if (docs.length > 0) await client.request('POST', '_users/_bulk_docs', { docs });
}

/**
 * startApp for a test: on the embedded endpoint with fresh data in `dir`, or on the test
 * CouchDB, emptied first unless `keep` (a restart on the same data). Either way the server
 * admin is in `<dir>/admin.json`.
 * @param {string} dir a temporary folder of the test (the embedded endpoint's data, or the
 *   gateway's ended sessions on CouchDB)
 * @param {Omit<import('../scripts/start.js').StartOptions, 'dataDir' | 'couchUrl' | 'couchAdmin' | 'couchPort'> & { keep?: boolean }} [options]
 */
export async function startAppUnderTest(dir, options = {}) {
	const { keep = false, ...rest } = options;
	if (!testCouch) return startApp({ port: 0, ...rest, couchPort: 0, dataDir: dir });
	if (!keep) await clearTestCouch();
	// Where the tests find the server admin, as on the embedded endpoint.
	await mkdir(dir, { recursive: true, mode: 0o700 });
	await writeFile(join(dir, 'admin.json'), JSON.stringify(testCouch.admin, null, 2) + '\n', {
		mode: 0o600
	});
	return startApp({
		port: 0,
		...rest,
		couchUrl: testCouch.urls.join(','),
		couchAdmin: `${testCouch.admin.name}:${testCouch.admin.password}`,
		dataDir: dir
	});
}

/**
 * Stops (SIGKILL) or starts one node of the test cluster, through scripts/test-couchdb.js.
 * @param {'kill' | 'start'} action
 * @param {number} index 0-based
 */
export async function controlNode(action, index) {
	if (!testCouch?.control) throw new Error('No TEST_COUCH_CONTROL: run npm run test:couchdb');
	const response = await fetch(`${testCouch.control}/nodes/${index}/${action}`, { method: 'POST' });
	if (!response.ok) throw new Error(`${action} node ${index}: ${await response.text()}`);
}
