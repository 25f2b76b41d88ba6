/**
 * The one replication engine: RxDB's CouchDB replication of the organisation's collections
 * with the endpoint under `/db/` (one CouchDB database per collection:
 * `csp-<org>-<collection>`). The leader tab runs it live (replication.ts); the service worker
 * runs the same replications once when Background Sync fires with every page closed
 * (background-sync.ts). Both use the same replication identifiers, so they share checkpoints,
 * and both hold REPLICATION_LOCK while they run, so they never run at the same time.
 */
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import type { FieldDatabase } from '$lib/db/collections';
import { sentVersionsStore } from '$lib/db/sent-versions';
import { pullGuard } from '$lib/db/pulled-revisions';
import { activityCollections } from '$lib/domain/activity/schema';
import { createCouchFetch, type Refusal } from './couch-fetch';
import { endpointHistories } from './endpoint-history';
import { createLongPollGate } from './long-poll-gate';

export const replicatedCollections = [...activityCollections, 'activity'] as const;
export type ReplicatedCollection = (typeof replicatedCollections)[number];

/** The Web Lock held by whoever replicates: the leader tab, or the service worker. */
export const REPLICATION_LOCK = 'csp-field-replication';

/** The Background Sync tag the app registers while changes wait for the endpoint. */
export const SYNC_TAG = 'csp-field-sync';

export function databaseUrl(origin: string, org: string, collection: string): string {
	return `${origin}/db/csp-${org}-${collection}/`;
}

export interface ReplicateOptions {
	db: FieldDatabase;
	org: string;
	origin: string;
	/** Live (pull and push for as long as it runs) or once (until both sides are in sync). */
	live: boolean;
	onRefused: (refusal: Refusal) => void;
	onExpired: () => void;
}

export type ReplicationStates = RxCouchDBReplicationState<unknown>[];

export interface OrganisationReplication {
	states: ReplicationStates;
	/** Cancels every replication. */
	cancel(): Promise<void>;
}

export function replicateOrganisation(options: ReplicateOptions): OrganisationReplication {
	const { db, org, origin, live, onRefused, onExpired } = options;
	const gate = live ? createLongPollGate() : undefined;
	const stopped = new AbortController();
	const sent = sentVersionsStore(() => db.sentVersions);
	const states = replicatedCollections.map((name) =>
		replicateCouchDB({
			replicationIdentifier: `csp-couchdb-${org}-${name}`,
			collection: db[name],
			url: databaseUrl(origin, org, name),
			live,
			// The caller holds REPLICATION_LOCK, which is what leadership would guarantee.
			waitForLeadership: false,
			retryTime: 5000,
			fetch: createCouchFetch({
				collection: name,
				onRefused,
				onExpired,
				gate,
				signal: stopped.signal,
				guard: pullGuard(name),
				// Activity entries are never changed once written: a lost answer can only meet the
				// same entry, so there is nothing to tell apart.
				beforePush: name === 'activity' ? undefined : (docs) => sent.recordSent(name, docs),
				beforeConflicts:
					name === 'activity'
						? undefined
						: (masters, fetcher) =>
								sent.learnHistories(name, masters, (ids) =>
									endpointHistories(fetcher, databaseUrl(origin, org, name), ids)
								)
			}),
			pull: { batchSize: 100 },
			push: { batchSize: 50 }
		})
	) as unknown as ReplicationStates;
	return {
		states,
		async cancel() {
			await Promise.all(states.map((state) => state.cancel()));
			stopped.abort();
			gate?.close();
		}
	};
}

/**
 * Runs `task` while holding REPLICATION_LOCK. With `ifAvailable`, returns `undefined` at once
 * when someone else holds it. Browsers without Web Locks run the task directly.
 */
export async function withReplicationLock<T>(
	task: () => Promise<T>,
	{ ifAvailable = false, signal }: { ifAvailable?: boolean; signal?: AbortSignal } = {}
): Promise<T | undefined> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	if (!locks) return task();
	const options: LockOptions = ifAvailable ? { ifAvailable: true } : signal ? { signal } : {};
	return locks.request(REPLICATION_LOCK, options, async (lock) => {
		if (!lock) return undefined;
		return task();
	});
}
