import type { Dexie as DexieClass } from 'dexie';
import { firstValueFrom } from 'rxjs';
import { getDatabase } from '$lib/db/database';
import type { Customer } from '$lib/domain/customer/schema';
import { createReadModels } from '$lib/services/read-models';
import {
	RENEWAL_PERIODS,
	createRenewalQueries,
	createRenewalRows,
	filterRenewals,
	renewalRows,
	type RenewalFilter
} from '$lib/services/renewal-queries';
import type { Subscription } from '$lib/domain/subscription/schema';
import { benchQueries, generateBenchData, type BenchDataOptions } from './generate';

/**
 * Measurements the benchmark (scripts/bench.js) runs inside the browser, on the /dev/bench page.
 * Every function resolves to plain, serialisable figures.
 */

/** The plain Dexie database the app's insert is compared with. */
export const RAW_DEXIE_NAME = 'csp-field-bench-raw';

export interface InsertTiming {
	customers: number;
	subscriptions: number;
	/** Time to generate the documents in memory (not part of the insert). */
	generateMs: number;
	customersMs: number;
	subscriptionsMs: number;
	totalMs: number;
}

const elapsed = (since: number) => performance.now() - since;

/**
 * The Dexie class RxDB's Dexie storage uses. RxDB pins its own Dexie version, and Dexie refuses to
 * load twice in one app ("Two different versions of Dexie loaded"), so the plain-Dexie comparison
 * borrows RxDB's copy, which registers itself on `globalThis[Symbol.for('Dexie')]`.
 */
export async function rxdbDexie(): Promise<typeof DexieClass> {
	await getDatabase();
	const registered = (globalThis as Record<symbol, unknown>)[Symbol.for('Dexie')];
	if (typeof registered !== 'function') throw new Error('RxDB has not loaded Dexie');
	return registered as typeof DexieClass;
}

/** Inserts the benchmark data into the app's database (RxDB on Dexie), timing customers and subscriptions. */
export async function insertIntoApp(options: BenchDataOptions = {}): Promise<InsertTiming> {
	const db = await getDatabase();
	const generated = performance.now();
	const data = generateBenchData(options);
	const generateMs = elapsed(generated);
	// The organisation itself (provider, resellers, partnerships) is not part of the timed insert.
	await db.partners.bulkUpsert(data.partners);
	await db.partnerships.bulkUpsert(data.partnerships);

	const start = performance.now();
	const customers = await db.customers.bulkInsert(data.customers);
	const customersMs = elapsed(start);
	const subscriptionsStart = performance.now();
	const subscriptions = await db.subscriptions.bulkInsert(data.subscriptions);
	const subscriptionsMs = elapsed(subscriptionsStart);
	const totalMs = elapsed(start);

	const errors = [...customers.error, ...subscriptions.error];
	if (errors.length > 0) {
		throw new Error(
			`${errors.length} documents were refused, the first: ${JSON.stringify(errors[0])}`
		);
	}
	return {
		customers: customers.success.length,
		subscriptions: subscriptions.success.length,
		generateMs,
		customersMs,
		subscriptionsMs,
		totalMs
	};
}

/** The same documents with a plain Dexie `bulkPut` into a separate database with similar indexes. */
export async function insertIntoRawDexie(options: BenchDataOptions = {}): Promise<InsertTiming> {
	const Dexie = await rxdbDexie();
	await Dexie.delete(RAW_DEXIE_NAME);
	const db = new Dexie(RAW_DEXIE_NAME);
	db.version(1).stores({
		customers: 'id, nameLower, [resellerId+nameLower], domainPrefix, updatedAt',
		subscriptions: 'id, customerId, resellerId, offerId, updatedAt'
	});
	await db.open();
	try {
		const generated = performance.now();
		const data = generateBenchData(options);
		const generateMs = elapsed(generated);

		const start = performance.now();
		await db.table('customers').bulkPut(data.customers);
		const customersMs = elapsed(start);
		const subscriptionsStart = performance.now();
		await db.table('subscriptions').bulkPut(data.subscriptions);
		const subscriptionsMs = elapsed(subscriptionsStart);
		const totalMs = elapsed(start);
		return {
			customers: await db.table('customers').count(),
			subscriptions: await db.table('subscriptions').count(),
			generateMs,
			customersMs,
			subscriptionsMs,
			totalMs
		};
	} finally {
		db.close();
	}
}

export interface QueryTiming {
	resellerId: string;
	search: string;
	rows: number;
	/** Through the app's query path: `customers$({ resellerId, search })` until its first emission. */
	ms: number;
	/** For comparison: the same search as a plain `Array.filter` of the reseller's loaded customers. */
	inMemoryMs: number;
}

/**
 * Runs `count` different filter-by-reseller + name-search queries through the app's own query path
 * (`customers$({ resellerId, search })` of a fresh `createReadModels`), timing each until its first
 * emission; the first one starts cold. Afterwards each search is repeated as a plain `Array.filter`
 * over the reseller's customers (loaded untimed), as a floor to compare with.
 */
export async function runCustomerQueries(count = 50): Promise<QueryTiming[]> {
	const db = await getDatabase();
	const queries = createReadModels(getDatabase);
	const resellers = await db.partners.find({ selector: { kind: 'indirect-reseller' } }).exec();
	const plan = benchQueries(
		resellers.map((reseller) => reseller.id),
		count
	);
	const measured: { resellerId: string; search: string; rows: number; ms: number }[] = [];
	for (const query of plan) {
		const start = performance.now();
		const rows = await firstValueFrom(queries.customers$(query));
		measured.push({ ...query, rows: rows.length, ms: elapsed(start) });
	}

	const loaded = new Map<string, Customer[]>();
	for (const { resellerId } of plan) {
		if (!loaded.has(resellerId)) {
			loaded.set(resellerId, await firstValueFrom(queries.customers$({ resellerId })));
		}
	}
	return measured.map((query) => {
		const start = performance.now();
		const needle = query.search.trim().toLowerCase();
		const matches = (loaded.get(query.resellerId) ?? []).filter((customer) =>
			customer.nameLower.includes(needle)
		);
		const inMemoryMs = elapsed(start);
		if (matches.length !== query.rows) {
			throw new Error(
				`customers$ found ${query.rows} rows for "${query.search}", a plain filter ${matches.length}`
			);
		}
		return { ...query, inMemoryMs };
	});
}

export interface RenewalFilterTiming {
	/** The Renewals page's read model built from the database (every renewal within 90 days). */
	buildMs: number;
	/** The same list computed from scratch from documents in memory (every term rolled again). */
	recomputeMs: number;
	/** The incremental read model after one record changed (what a data change costs). */
	changeMs: number;
	/** The incremental read model a minute later, no record changed (what a clock tick costs). */
	tickMs: number;
	/** Through the live query: from writing one subscription to the read model's next emission. */
	liveChangeMs: number;
	subscriptions: number;
	/** Renewals within 90 days. */
	rows: number;
	filters: { filter: RenewalFilter; rows: number; ms: number }[];
}

/**
 * The Renewals page at scale: the read model's first emission (cold, from the database), then
 * `count` filters of the page (30 / 60 / 90 days × reseller or all × customer search or none),
 * each the in-memory filter the page runs on every change of a filter.
 */
export async function runRenewalFilters(count = 50): Promise<RenewalFilterTiming> {
	const db = await getDatabase();
	const renewals = createRenewalQueries(getDatabase);
	const start = performance.now();
	const rows = await firstValueFrom(renewals.renewalRows$());
	const buildMs = elapsed(start);

	const resellers = await db.partners.find({ selector: { kind: 'indirect-reseller' } }).exec();
	const plan = benchQueries(
		resellers.map((reseller) => reseller.id),
		count
	);
	const filters = plan.map((query, index): RenewalFilter => {
		const days = RENEWAL_PERIODS[index % RENEWAL_PERIODS.length];
		// A third by reseller only, a third by customer only, a third by both.
		const by = index % 3;
		return {
			days,
			...(by !== 1 ? { resellerId: query.resellerId } : {}),
			...(by !== 0 ? { customer: query.search } : {})
		};
	});
	const timed = filters.map((filter) => {
		const began = performance.now();
		const selected = filterRenewals(rows, filter);
		return { filter, rows: selected.length, ms: elapsed(began) };
	});

	// What the read model costs again on a data change or a clock tick, from documents in memory.
	const subscriptions = (await db.subscriptions.find().exec()).map(
		(d) => d.toJSON() as Subscription
	);
	const customers = new Map((await db.customers.find().exec()).map((d) => [d.id, d]));
	const now = new Date().toISOString();
	const again = performance.now();
	renewalRows(subscriptions, customers, now);
	const recomputeMs = elapsed(again);

	// The incremental read model the page uses: warm, then one record changed, then a minute on.
	const incremental = createRenewalRows();
	incremental(subscriptions, customers, now);
	const changed = subscriptions.slice();
	changed[0] = { ...changed[0], quantity: changed[0].quantity + 1 };
	const changeStart = performance.now();
	incremental(changed, customers, now);
	const changeMs = elapsed(changeStart);
	const tickStart = performance.now();
	incremental(changed, customers, new Date(Date.parse(now) + 60_000).toISOString());
	const tickMs = elapsed(tickStart);

	// Through the live query: write one subscription, wait for the next list.
	const liveChangeMs = await new Promise<number>((resolve, reject) => {
		let written = 0;
		let first = true;
		const watched = renewals.renewalRows$().subscribe({
			next: () => {
				if (first) {
					first = false;
					written = performance.now();
					const doc = db.subscriptions.findOne(subscriptions[0].id).exec();
					void doc.then((found) => found?.incrementalPatch({ quantity: found.quantity + 1 }));
					return;
				}
				watched.unsubscribe();
				resolve(elapsed(written));
			},
			error: reject
		});
	});
	return {
		buildMs,
		recomputeMs,
		changeMs,
		tickMs,
		liveChangeMs,
		subscriptions: subscriptions.length,
		rows: rows.length,
		filters: timed
	};
}

/** How many documents each collection of the app's database holds. */
export async function countDocuments(): Promise<Record<string, number>> {
	const db = await getDatabase();
	const names = ['partners', 'partnerships', 'customers', 'subscriptions', 'offers'] as const;
	const counts = await Promise.all(names.map((name) => db[name].count().exec()));
	return Object.fromEntries(names.map((name, index) => [name, counts[index]]));
}
