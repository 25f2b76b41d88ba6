import { getDatabase } from '$lib/db/database';
import {
	countDocuments,
	insertIntoApp,
	insertIntoRawDexie,
	runCustomerQueries,
	runRenewalFilters
} from './measure';
import {
	appInitialPull,
	customerDocsForServer,
	editCustomers,
	organisationDocsForServer,
	plainPull,
	plainPush,
	signInForBench
} from './replication';

/** What the /dev/bench page puts on `window` for scripts/bench.js (`page.evaluate`). */
export const benchApi = {
	insertIntoApp,
	insertIntoRawDexie,
	runCustomerQueries,
	runRenewalFilters,
	countDocuments,
	customerDocsForServer,
	organisationDocsForServer,
	signInForBench,
	plainPull,
	appInitialPull,
	editCustomers,
	plainPush,
	/** The app's database, for ad-hoc investigation from a script. */
	getDatabase
};

export type BenchApi = typeof benchApi;

declare global {
	interface Window {
		cspBench?: BenchApi;
	}
}

/** Exposes the measurements on `window.cspBench`. */
export function installBenchApi(): void {
	if (typeof window !== 'undefined') window.cspBench = benchApi;
}
