import { currentActor } from '$lib/app/device';
import { resumeSync, signInUser, syncStatus$ } from '$lib/app/account';
import { getDatabase } from '$lib/db/database';
import { updatedMeta } from '$lib/services/changes';
import { generateBenchData } from './generate';
import { rxdbDexie } from './measure';

/**
 * Replication measurements scripts/bench.js runs on the /dev/bench page of the app served with
 * its endpoint (scripts/start.js): the app's own sign-in and replication (src/lib/sync) next to
 * plain HTTP transfers of the same documents through the same origin (`/db/…`).
 */

/** The plain IndexedDB (Dexie) database the app's initial pull is compared with. */
export const RAW_PULL_DEXIE_NAME = 'csp-field-bench-pull';
export const BENCH_CUSTOMER_PREFIX = 'bench-customer-';

const elapsed = (since: number) => performance.now() - since;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The generated customers as CouchDB documents, as the app would write them when `userName`
 * created them (createdBy/updatedBy), for seeding the endpoint.
 */
export function customerDocsForServer(options: { customers: number; userName: string }) {
	const { customers } = generateBenchData({
		customers: options.customers,
		subscriptionsPerCustomer: 0
	});
	return customers.map((customer) => ({
		...customer,
		_id: customer.id,
		createdBy: options.userName,
		updatedBy: options.userName,
		deviceId: 'bench-seed'
	}));
}

/**
 * The bench organisation's partners and partnerships, for the server: the gateway lets a customer
 * name a reseller only when the organisation has a partnership with it (server/relation-rules.js),
 * and the gateway round trips write customers of the seeded resellers.
 */
export function organisationDocsForServer(options: { userName: string }) {
	const { partners, partnerships } = generateBenchData({
		customers: 0,
		subscriptionsPerCustomer: 0
	});
	const forServer = <T extends { id: string }>(doc: T) => ({
		...doc,
		_id: doc.id,
		createdBy: options.userName,
		updatedBy: options.userName,
		deviceId: 'bench-seed'
	});
	return { partners: partners.map(forServer), partnerships: partnerships.map(forServer) };
}

/** Signs in through the app's own path (session cookie, stored user, fresh local database). */
export async function signInForBench(credentials: { name: string; password: string }) {
	const result = await signInUser(credentials.name, credentials.password);
	if (!result.ok) throw new Error(`Sign-in failed: ${result.message}`);
	return result.user;
}

/**
 * Plain HTTP pull: `_changes?include_docs=true` in batches of `batchSize` (as the app's pull),
 * each batch put into a plain Dexie store.
 */
export async function plainPull(options: { collection: string; org: string; batchSize: number }) {
	const Dexie = await rxdbDexie();
	await Dexie.delete(RAW_PULL_DEXIE_NAME);
	const db = new Dexie(RAW_PULL_DEXIE_NAME);
	db.version(1).stores({ docs: '_id, updatedAt' });
	await db.open();
	try {
		const url = `/db/csp-${options.org}-${options.collection}/_changes`;
		const start = performance.now();
		let since: string | number = 0;
		let requests = 0;
		for (;;) {
			const response = await fetch(
				`${url}?include_docs=true&style=all_docs&limit=${options.batchSize}&since=${encodeURIComponent(String(since))}`,
				{ credentials: 'same-origin', headers: { accept: 'application/json' } }
			);
			requests++;
			if (!response.ok) throw new Error(`_changes answered ${response.status}`);
			const body = (await response.json()) as {
				results: { id: string; doc?: Record<string, unknown> }[];
				last_seq: string | number;
			};
			if (body.results.length === 0) break;
			const docs = body.results
				.filter((row) => row.doc && !row.id.startsWith('_design/'))
				.map((row) => row.doc as Record<string, unknown>);
			await db.table('docs').bulkPut(docs);
			since = body.last_seq;
		}
		const ms = elapsed(start);
		return { documents: await db.table('docs').count(), requests, ms };
	} finally {
		db.close();
		await Dexie.delete(RAW_PULL_DEXIE_NAME);
	}
}

/**
 * How many of the generated customers are in the local database. RxDB counts only fully indexed
 * queries, so the cheap total count is polled, and the ids are checked once it is high enough.
 */
async function countBenchCustomers(expected: number): Promise<number> {
	const db = await getDatabase();
	const total = await db.customers.count().exec();
	if (total < expected) return 0;
	const found = await db.customers
		.findByIds(
			Array.from({ length: expected }, (_, index) => `${BENCH_CUSTOMER_PREFIX}${index + 1}`)
		)
		.exec();
	return found.size;
}

/**
 * Starts the app's replication (as the layout does for a signed-in user) and times it until
 * `expected` generated customers are in the local database.
 */
export async function appInitialPull(options: {
	expected: number;
	timeoutMs: number;
	/** Give up when the local customers stop growing for this long while sync says 'synced'. */
	stallMs: number;
}) {
	const db = await getDatabase();
	const startCount = await db.customers.count().exec();
	const start = performance.now();
	await resumeSync();
	let documents = 0;
	let polls = 0;
	let lastTotal = -1;
	let lastGrowth = performance.now();
	let stalled = false;
	while (performance.now() - start < options.timeoutMs) {
		documents = await countBenchCustomers(options.expected);
		polls++;
		if (documents >= options.expected) break;
		const total = await db.customers.count().exec();
		if (total !== lastTotal) {
			lastTotal = total;
			lastGrowth = performance.now();
		} else if (
			performance.now() - lastGrowth > options.stallMs &&
			syncStatus$.value.state === 'synced'
		) {
			stalled = true;
			break;
		}
		await sleep(100);
	}
	const ms = elapsed(start);
	const totalCustomers = await db.customers.count().exec();
	return {
		documents: Number(documents),
		ms,
		polls,
		stalled,
		startCustomers: Number(startCount),
		totalCustomers: Number(totalCustomers),
		syncStatus: JSON.parse(JSON.stringify(syncStatus$.value)) as unknown
	};
}

/** The ids of the customers the edits touch. */
export function editedCustomerIds(count: number): string[] {
	return Array.from({ length: count }, (_, index) => `${BENCH_CUSTOMER_PREFIX}${index + 1}`);
}

/**
 * Edits `count` generated customers through the app's database, as the services do
 * (incrementalPatch with updatedAt/updatedBy/deviceId of the signed-in user).
 */
export async function editCustomers(options: { count: number; marker: string }) {
	const db = await getDatabase();
	const ids = editedCustomerIds(options.count);
	const docs = await db.customers.findByIds(ids).exec();
	const actor = currentActor();
	const start = performance.now();
	let edited = 0;
	for (const id of ids) {
		const doc = docs.get(id);
		if (!doc) continue;
		const address = doc.toJSON().address;
		await doc.incrementalPatch({
			address: { ...address, line1: `${options.marker} ${edited + 1} Main Street` },
			...updatedMeta(actor)
		});
		edited++;
	}
	return { edited, ms: elapsed(start), offline: !navigator.onLine };
}

/**
 * Plain HTTP push of the same customers, edited once more: their current documents (with _rev)
 * are read untimed, then one `_bulk_docs` POST is timed.
 */
export async function plainPush(options: { count: number; org: string; marker: string }) {
	const url = `/db/csp-${options.org}-customers`;
	const ids = editedCustomerIds(options.count);
	const read = await fetch(`${url}/_all_docs?include_docs=true`, {
		method: 'POST',
		credentials: 'same-origin',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ keys: ids })
	});
	if (!read.ok) throw new Error(`_all_docs answered ${read.status}`);
	const rows = ((await read.json()) as { rows: { doc?: Record<string, unknown> }[] }).rows;
	const actor = currentActor();
	const docs = rows
		.filter((row) => row.doc)
		.map((row, index) => {
			const doc = row.doc as Record<string, unknown> & { address: Record<string, unknown> };
			return {
				...doc,
				address: { ...doc.address, line1: `${options.marker} ${index + 1} Main Street` },
				...updatedMeta(actor)
			};
		});
	const start = performance.now();
	const response = await fetch(`${url}/_bulk_docs`, {
		method: 'POST',
		credentials: 'same-origin',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ docs })
	});
	const results = (await response.json()) as { ok?: boolean; error?: string; reason?: string }[];
	const ms = elapsed(start);
	if (!response.ok) throw new Error(`_bulk_docs answered ${response.status}`);
	const refused = results.filter((result) => result.error);
	return {
		documents: docs.length,
		written: results.length - refused.length,
		refused: refused.length,
		firstRefusal: refused[0] ? `${refused[0].error}: ${refused[0].reason}` : null,
		ms
	};
}
