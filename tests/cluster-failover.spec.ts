// A CouchDB cluster losing a node in the middle of a sync run (npm run test:couchdb, the cluster
// of three nodes, n=3). The gateway knows every node (COUCH_URL with the three URLs) and sends a
// request that cannot reach its node to the next one. Node 1 (the one the gateway and the setup
// use first) is killed with SIGKILL while two devices push edits; sign-in and replication go on
// through nodes 2 and 3; node 1 comes back, catches up by CouchDB's internal replication, and
// then alone (the other two stopped) holds every write the devices saw acknowledged.
import type { Page } from '@playwright/test';
import { controlNode, onCluster, testCouch } from '../server/test-couch.js';
import {
	editPhone,
	openCustomer,
	signedInDevice,
	syncStatus,
	useThrowawayEndpoint
} from './endpoint';
import { expect, test } from './fixtures';

// Only npm run test:couchdb runs this spec (playwright.config.ts ignores it otherwise).
if (!onCluster || !testCouch?.control) {
	throw new Error('cluster-failover needs the 3-node CouchDB cluster of npm run test:couchdb');
}

const endpoint = useThrowawayEndpoint('cluster-failover');

const KOVACS = 'Kovács és Társa Kft.';
const SZEGEDI = /^Szegedi/;
const ROUNDS = 6;
const KILL_AFTER_ROUND = 2;
const RESTART_AFTER_ROUND = 4;

const account = (page: Page) => page.getByRole('region', { name: 'Account' });

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A server-admin read from one node of the cluster. */
async function read(nodeUrl: string, path: string): Promise<Doc> {
	const admin = testCouch!.admin;
	const response = await fetch(`${nodeUrl}/${path}`, {
		headers: {
			authorization: `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`,
			accept: 'application/json'
		},
		signal: AbortSignal.timeout(15_000)
	});
	expect(response.status, path).toBe(200);
	return response.json();
}

/** Every document of a database, read through one node (with a quorum of copies, or `r=1`). */
async function allDocs(nodeUrl: string, db: string, r: 1 | 2): Promise<Doc[]> {
	const body = await read(nodeUrl, `${db}/_all_docs?include_docs=true&r=${r}`);
	return body.rows.map((row: { doc: Doc }) => row.doc);
}

/** What the acknowledged writes left on the server, as seen through one node. */
async function written(nodeUrl: string, since: string, r: 1 | 2) {
	const customers = await allDocs(nodeUrl, 'csp-demo-customers', r);
	const kovacs = customers.find((doc) => doc.companyName === KOVACS) ?? {};
	const szegedi = customers.find((doc) => SZEGEDI.test(doc.companyName ?? '')) ?? {};
	const activity = (await allDocs(nodeUrl, 'csp-demo-activity', r)).filter(
		(entry) => entry.at >= since
	);
	const edits = (id: string) =>
		activity
			.filter((entry) => entry.documentId === id)
			.map((entry) => entry._id)
			.sort();
	return {
		kovacsPhone: kovacs.contact?.phone as string,
		szegediPhone: szegedi.contact?.phone as string,
		kovacsEdits: edits(kovacs._id),
		szegediEdits: edits(szegedi._id)
	};
}

test('a node killed in the middle of a sync run: sign-in and replication go on, the node catches up, nothing acknowledged is lost', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const [first, second, third] = testCouch!.urls;
	const a = await signedInDevice(browser, endpoint.origin, [
		'demo-global-admin',
		'global-admin-demo'
	]);
	const b = await signedInDevice(browser, endpoint.origin, [
		'demo-admin-agent',
		'admin-agent-demo'
	]);
	const since = new Date().toISOString();
	await openCustomer(a.page, KOVACS);
	await openCustomer(b.page, SZEGEDI, 'Szegedi');

	const phone = (prefix: string, round: number) =>
		`${prefix} 700 ${String(round).padStart(4, '0')}`;
	for (let round = 0; round < ROUNDS; round++) {
		await editPhone(a.page, phone('+36 30', round));
		await editPhone(b.page, phone('+36 62', round));
		if (round === KILL_AFTER_ROUND) {
			// Both pushes of this round are on their way.
			await controlNode('kill', 0);
		}
		if (round === RESTART_AFTER_ROUND) {
			// Node 1 is still down: a new device signs in and gets everything through the others.
			const c = await signedInDevice(browser, endpoint.origin, [
				'demo-sales-agent',
				'sales-agent-demo'
			]);
			await openCustomer(c.page, KOVACS);
			await expect(account(c.page)).toContainText(phone('+36 30', round), { timeout: 30_000 });
			await c.context.close();
			await controlNode('start', 0);
		}
		for (const page of [a.page, b.page]) {
			await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
		}
	}
	const last = ROUNDS - 1;
	await openCustomer(a.page, SZEGEDI, 'Szegedi');
	await expect(account(a.page)).toContainText(phone('+36 62', last), { timeout: 30_000 });
	await openCustomer(b.page, KOVACS);
	await expect(account(b.page)).toContainText(phone('+36 30', last), { timeout: 30_000 });
	await a.context.close();
	await b.context.close();

	// Every acknowledged write is in the cluster (a quorum read): the last phones, and one
	// activity entry per edit.
	const expected = await written(second, since, 2);
	expect(expected.kovacsPhone).toBe(phone('+36 30', last));
	expect(expected.szegediPhone).toBe(phone('+36 62', last));
	expect(expected.kovacsEdits).toHaveLength(ROUNDS);
	expect(expected.szegediEdits).toHaveLength(ROUNDS);

	// Node 1 catches up: once no internal replication is pending, it holds everything alone.
	await expect
		.poll(
			async () => {
				const jobs = await Promise.all(
					[first, second, third].map(
						async (url) => (await read(url, '_node/_local/_system')).internal_replication_jobs
					)
				);
				return jobs.reduce((sum, count) => sum + count, 0);
			},
			{ timeout: 60_000, intervals: [500] }
		)
		.toBe(0);
	await controlNode('kill', 1);
	await controlNode('kill', 2);
	try {
		await expect.poll(() => written(first, since, 1), { timeout: 30_000 }).toEqual(expected);
	} finally {
		await controlNode('start', 1);
		await controlNode('start', 2);
	}
});
