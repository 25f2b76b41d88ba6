/**
 * Live replication of the organisation's collections with the endpoint under `/db/`
 * (one CouchDB database per collection: `csp-<org>-<collection>`), in the leader tab only.
 */
import { combineLatest, map, Subscription, switchMap, BehaviorSubject } from 'rxjs';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import type { RxCollection } from 'rxdb';
import type { FieldDatabase } from '$lib/db/collections';
import { getDatabase } from '$lib/db/database';
import { currentActor, getDeviceId } from '$lib/app/device';
import { nowIso, createdMeta, recordActivity } from '$lib/services/changes';
import { loadDemoData } from '$lib/services/demo-data';
import { lostValues$ } from '$lib/db/conflict-recording';
import { saveLostValues } from '$lib/services/conflicts';
import type { Partner } from '$lib/domain/partner/schema';
import { createCouchFetch, type Refusal } from './couch-fetch';
import type { SignedInUser } from './session';
import { syncStatus$, updateSyncStatus } from './sync-status';

export const replicatedCollections = [
	'partners',
	'partnerships',
	'customers',
	'subscriptions',
	'activity'
] as const;
export type ReplicatedCollection = (typeof replicatedCollections)[number];

const LAST_SYNC_KEY = 'csp-field:last-sync';
/** The leader tab's sync state, for the other tabs of this browser (which do not replicate). */
const SHARED_STATUS_KEY = 'csp-field:sync-status';

export function databaseUrl(origin: string, org: string, collection: string): string {
	return `${origin}/db/csp-${org}-${collection}/`;
}

function readLastSync(): string | null {
	return localStorage.getItem(LAST_SYNC_KEY);
}

interface Running {
	states: RxCouchDBReplicationState<unknown>[];
	subscriptions: Subscription;
	onOnline: () => void;
}

let running: Running | null = null;
let waitingSubscription: Subscription | null = null;
const lastSync$ = new BehaviorSubject<string | null>(null);

/** Counts the changes made on this device after the last moment everything was in sync. */
function watchWaiting(db: FieldDatabase) {
	waitingSubscription?.unsubscribe();
	const deviceId = getDeviceId();
	waitingSubscription = lastSync$
		.pipe(
			switchMap((since) => {
				const after = since ?? '';
				const counts = replicatedCollections.map((name) => {
					const field = name === 'activity' ? 'at' : 'updatedAt';
					const collection = db[name] as unknown as RxCollection<{ deviceId: string }>;
					return collection
						.find({ selector: { [field]: { $gt: after } } })
						.$.pipe(map((docs) => docs.filter((doc) => doc.deviceId === deviceId).length));
				});
				return combineLatest(counts).pipe(map((list: number[]) => list.reduce((a, b) => a + b, 0)));
			})
		)
		.subscribe((waiting) => updateSyncStatus({ waiting }));
}

/** Starts live replication for the signed-in user (no-op when it already runs). */
export async function startSync(user: SignedInUser): Promise<void> {
	if (running) return;
	const db = await getDatabase();
	lastSync$.next(readLastSync());
	updateSyncStatus({
		state: navigator.onLine ? 'starting' : 'offline',
		lastSyncedAt: readLastSync(),
		error: ''
	});
	watchWaiting(db);

	const onRefused = (refusal: Refusal) =>
		updateSyncStatus({ refused: [...syncStatus$.value.refused, refusal] });
	const onExpired = () => {
		if (!running) return;
		updateSyncStatus({ state: 'expired' });
		void stopSync();
	};

	const states = replicatedCollections.map((name) =>
		replicateCouchDB({
			replicationIdentifier: `csp-couchdb-${user.org}-${name}`,
			collection: db[name],
			url: databaseUrl(location.origin, user.org, name),
			live: true,
			retryTime: 5000,
			fetch: createCouchFetch({ collection: name, onRefused, onExpired }),
			pull: { batchSize: 100 },
			push: { batchSize: 50 }
		})
	) as unknown as RxCouchDBReplicationState<unknown>[];

	const subscriptions = new Subscription();
	// Values that lost a same-field conflict go to the Conflicts view (see README).
	subscriptions.add(
		lostValues$.subscribe((lost) => {
			saveLostValues(db, lost).catch((error) =>
				console.warn('A conflict could not be recorded', error)
			);
		})
	);
	let failing = new Set<number>();
	let initialDone = false;
	states.forEach((state, index) => {
		subscriptions.add(
			state.error$.subscribe((error) => {
				failing.add(index);
				if (syncStatus$.value.state === 'expired') return;
				updateSyncStatus({
					state: navigator.onLine ? 'error' : 'offline',
					error: error instanceof Error ? error.message : String(error)
				});
			})
		);
	});
	let actives: boolean[] = states.map(() => false);
	const evaluate = () => {
		if (syncStatus$.value.state === 'expired') return;
		if (actives.some(Boolean)) {
			failing = new Set();
			if (navigator.onLine) updateSyncStatus({ state: 'syncing' });
			return;
		}
		if (!initialDone || failing.size > 0 || !navigator.onLine) return;
		const at = nowIso();
		localStorage.setItem(LAST_SYNC_KEY, at);
		lastSync$.next(at);
		updateSyncStatus({ state: 'synced', lastSyncedAt: at, error: '' });
	};
	subscriptions.add(
		combineLatest(states.map((state) => state.active$)).subscribe((next) => {
			actives = next;
			evaluate();
		})
	);

	const onOnline = () => {
		updateSyncStatus({ state: 'syncing' });
		for (const state of states) state.reSync();
	};
	const onOffline = () => updateSyncStatus({ state: 'offline' });
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', onOffline);
	subscriptions.add(() => {
		window.removeEventListener('online', onOnline);
		window.removeEventListener('offline', onOffline);
	});
	// The leader shares its state; the other tabs show it (they count waiting changes themselves).
	subscriptions.add(
		syncStatus$.subscribe(({ state, lastSyncedAt, error }) => {
			if (db.isLeader()) {
				localStorage.setItem(SHARED_STATUS_KEY, JSON.stringify({ state, lastSyncedAt, error }));
			}
		})
	);
	const onStorage = (event: StorageEvent) => {
		if (event.key !== SHARED_STATUS_KEY || !event.newValue || db.isLeader()) return;
		try {
			updateSyncStatus(JSON.parse(event.newValue));
			lastSync$.next(readLastSync());
		} catch {
			// Not ours to worry about: the next update replaces it.
		}
	};
	window.addEventListener('storage', onStorage);
	setTimeout(() => {
		const shared = localStorage.getItem(SHARED_STATUS_KEY);
		if (running && shared && !db.isLeader())
			onStorage({ key: SHARED_STATUS_KEY, newValue: shared } as StorageEvent);
	}, 2000);
	subscriptions.add(() => window.removeEventListener('storage', onStorage));
	running = { states, subscriptions, onOnline };
	void Promise.all(states.map((state) => state.awaitInitialReplication())).then(() => {
		initialDone = true;
		evaluate();
	});

	// Only the leader tab replicates; it also makes sure the organisation exists locally.
	void db.waitForLeadership().then(async () => {
		try {
			await states[0].awaitInitialReplication();
			await ensureOwnOrganisation(db, user);
		} catch (error) {
			console.warn('The own organisation could not be set up', error);
		}
	});
}

/** Stops replication; local changes stay and are pushed by the next start. */
export async function stopSync(): Promise<void> {
	const current = running;
	running = null;
	if (!current) return;
	current.subscriptions.unsubscribe();
	await Promise.all(current.states.map((state) => state.cancel()));
}

/** Forgets the sync bookkeeping of this browser (on sign-out). */
export function clearSyncState(): void {
	localStorage.removeItem(LAST_SYNC_KEY);
	localStorage.removeItem(SHARED_STATUS_KEY);
	waitingSubscription?.unsubscribe();
	waitingSubscription = null;
}

/**
 * After the first pull: when the server has no own organisation yet, the first user sets it up
 * from the members database (`organisation` doc). The demo organisation gets the demo data.
 */
async function hasOwnOrganisation(db: FieldDatabase): Promise<boolean> {
	return (await db.partners.findOne({ selector: { isOwnOrganisation: true } }).exec()) !== null;
}

async function ensureOwnOrganisation(db: FieldDatabase, user: SignedInUser): Promise<void> {
	if (await hasOwnOrganisation(db)) return;
	const actor = currentActor();
	const canWrite = user.roles.some((role) => role === 'global-admin' || role === 'admin-agent');
	if (!canWrite) return;
	if (user.org === 'demo') {
		await loadDemoData({ db, actor, now: nowIso });
		return;
	}
	const response = await fetch(`/db/csp-${user.org}-members/organisation`, {
		credentials: 'same-origin'
	});
	if (!response.ok) return;
	const organisation = (await response.json()) as { name: string; kind: Partner['kind'] };
	if (await hasOwnOrganisation(db)) return;
	const region = /-([A-Z]{2})$/.exec(navigator.language)?.[1] ?? 'US';
	const partner: Partner = {
		id: `org-${user.org}`,
		name: organisation.name,
		nameLower: organisation.name.toLowerCase(),
		mpnId: '',
		kind: organisation.kind,
		isOwnOrganisation: true,
		country: region,
		email: '',
		mpaSigned: true,
		...createdMeta(actor, nowIso())
	};
	await db.partners.insert(partner);
	await recordActivity(db, actor, {
		collection: 'partners',
		documentId: partner.id,
		action: 'partner.created',
		summary: `Set up ${organisation.name} from the server`
	});
}
