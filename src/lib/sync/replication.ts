/**
 * Live replication of the organisation's collections (replicate.ts) in the leader tab only,
 * while it holds the replication lock; the sync status for the top bar; the Background Sync
 * tag that lets the service worker push what waits after every page is closed. It moves data
 * and reports its state: what the app does with the data (setting up the organisation after
 * the first pull) it passes in (SyncOptions).
 */
import { combineLatest, map, Subscription, switchMap, BehaviorSubject } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { FieldDatabase } from '$lib/db/collections';
import { getDatabase } from '$lib/db/database';
import { lostValues$ } from '$lib/db/conflict-recording';
import { saveLostValues } from '$lib/db/lost-values';
import { canStoreAgain, isStorageFull } from '$lib/db/storage-errors';
import { nowIso } from '$lib/domain/shared/dates';
import type { Refusal } from './couch-fetch';
import { refreshStoredRoles, ROLES_CHANGED_EVENT, type SignedInUser } from './session';
import { syncStatus$, updateSyncStatus } from './sync-status';
import { saveRefusal } from './refusals';
import {
	replicatedCollections,
	replicateOrganisation,
	SYNC_TAG,
	withReplicationLock
} from './replicate';

export { replicatedCollections } from './replicate';

export interface SyncOptions {
	/** This device's id: the changes it made since the last sync are counted as waiting. */
	deviceId: string;
	/** Run by the leader once the first pull is done (the app sets up its organisation). */
	afterFirstPull?: (db: FieldDatabase) => Promise<void>;
}

const LAST_SYNC_KEY = 'csp-field:last-sync';
/** How often a device whose storage was full checks whether there is room again. */
const RETRY_FULL_MS = 5000;
/** The leader tab's sync state, for the other tabs of this browser (which do not replicate). */
const SHARED_STATUS_KEY = 'csp-field:sync-status';

function readLastSync(): string | null {
	return localStorage.getItem(LAST_SYNC_KEY);
}

interface Running {
	subscriptions: Subscription;
	stop: AbortController;
	/** The leader's replication: settles after its replications are cancelled. */
	leading: Promise<void> | null;
}

let running: Running | null = null;
let waitingSubscription: Subscription | null = null;
const lastSync$ = new BehaviorSubject<string | null>(null);

/**
 * Asks the browser to wake the service worker when the network is there (Background Sync),
 * so what waits reaches the endpoint even if every page is closed before that.
 */
function requestBackgroundSync(): void {
	if (!('serviceWorker' in navigator)) return;
	void navigator.serviceWorker.ready
		.then((registration) => {
			const sync = (registration as ServiceWorkerRegistration & { sync?: SyncManager }).sync;
			return sync?.register(SYNC_TAG);
		})
		.catch((error: unknown) => console.warn('Background Sync not registered', error));
}

interface SyncManager {
	register(tag: string): Promise<void>;
}

/** Counts the changes made on this device after the last moment everything was in sync. */
function watchWaiting(db: FieldDatabase, deviceId: string) {
	waitingSubscription?.unsubscribe();
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
		.subscribe((waiting) => {
			// A new local change: ask for Background Sync once, not on every recount.
			if (waiting > syncStatus$.value.waiting) requestBackgroundSync();
			updateSyncStatus({ waiting });
		});
}

/** Starts live replication for the signed-in user (no-op when it already runs). */
export async function startSync(user: SignedInUser, options: SyncOptions): Promise<void> {
	if (running) return;
	const db = await getDatabase();
	if (running) return;
	lastSync$.next(readLastSync());
	updateSyncStatus({
		state: navigator.onLine ? 'starting' : 'offline',
		lastSyncedAt: readLastSync(),
		error: ''
	});
	watchWaiting(db, options.deviceId);

	const current: Running = {
		subscriptions: new Subscription(),
		stop: new AbortController(),
		leading: null
	};
	running = current;
	followLeaderStatus(db, current.subscriptions);

	// Only the leader tab replicates, and only while no one else (the service worker) does.
	void db.waitForLeadership().then(() => {
		if (current.stop.signal.aborted) return;
		current.leading = withReplicationLock(() => replicateAsLeader(db, user, options, current), {
			signal: current.stop.signal
		})
			.then(() => undefined)
			.catch((error: unknown) => {
				if (!current.stop.signal.aborted) console.warn('Replication stopped', error);
			});
	});
}

/** Replicates live until stopSync; resolves once the replications are cancelled. */
async function replicateAsLeader(
	db: FieldDatabase,
	user: SignedInUser,
	options: SyncOptions,
	current: Running
): Promise<void> {
	const onRefused = (refusal: Refusal) => {
		saveRefusal(db, refusal).catch((error) => console.warn('A refusal could not be kept', error));
	};
	const onExpired = () => {
		if (running !== current) return;
		updateSyncStatus({ state: 'expired' });
		void stopSync();
	};
	const replication = replicateOrganisation({
		db,
		org: user.org,
		origin: location.origin,
		live: true,
		onRefused,
		onExpired
	});
	const states = replication.states;
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
	// A full device storage (quota exceeded) fails a pull before its checkpoint moves: what the
	// device has stays. RxDB's replication does not survive a write its storage refused (its
	// checkpoint queue stays rejected), so once a probe write succeeds again, replication starts
	// afresh from the stored checkpoints; the probe runs every RETRY_FULL_MS until then.
	let storageFull = false;
	let probe: ReturnType<typeof setTimeout> | undefined;
	subscriptions.add(() => clearTimeout(probe));
	const restartWhenRoom = () => {
		if (probe !== undefined) return;
		const check = async () => {
			if (current.stop.signal.aborted || running !== current) return;
			if (!(await canStoreAgain())) {
				probe = setTimeout(() => void check(), RETRY_FULL_MS);
				return;
			}
			await stopSync();
			await startSync(user, options);
		};
		probe = setTimeout(() => void check(), RETRY_FULL_MS);
	};
	states.forEach((state, index) => {
		subscriptions.add(
			state.error$.subscribe((error) => {
				failing.add(index);
				if (syncStatus$.value.state === 'expired') return;
				if (isStorageFull(error)) {
					storageFull = true;
					restartWhenRoom();
				}
				updateSyncStatus({
					state: storageFull ? 'storage-full' : navigator.onLine ? 'error' : 'offline',
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
			if (navigator.onLine && !storageFull) updateSyncStatus({ state: 'syncing' });
			return;
		}
		// Full storage ends only with the restart above (a pull of one collection failed).
		if (!initialDone || failing.size > 0 || !navigator.onLine || storageFull) return;
		const at = nowIso();
		localStorage.setItem(LAST_SYNC_KEY, at);
		lastSync$.next(at);
		updateSyncStatus({ state: 'synced', lastSyncedAt: at, error: '' });
		followRoles();
	};
	// The roles a User management admin gave follow after each sync (at most every 3 s).
	let rolesCheckedAt = 0;
	const followRoles = () => {
		if (Date.now() - rolesCheckedAt < 3000) return;
		rolesCheckedAt = Date.now();
		void refreshStoredRoles().then((changed) => {
			if (changed) window.dispatchEvent(new Event(ROLES_CHANGED_EVENT));
		});
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
	const onOffline = () => {
		updateSyncStatus({ state: 'offline' });
		if (syncStatus$.value.waiting > 0) requestBackgroundSync();
	};
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', onOffline);
	subscriptions.add(() => {
		window.removeEventListener('online', onOnline);
		window.removeEventListener('offline', onOffline);
	});
	// The leader shares its state; the other tabs show it (they count waiting changes themselves).
	subscriptions.add(
		syncStatus$.subscribe(({ state, lastSyncedAt, error }) => {
			localStorage.setItem(SHARED_STATUS_KEY, JSON.stringify({ state, lastSyncedAt, error }));
		})
	);
	void Promise.all(states.map((state) => state.awaitInitialReplication())).then(() => {
		initialDone = true;
		evaluate();
	});
	// What the app does once the first pull is done (it makes sure the organisation exists).
	const { afterFirstPull } = options;
	if (afterFirstPull) {
		void states[0]
			.awaitInitialReplication()
			.then(() => afterFirstPull(db))
			.catch((error: unknown) => console.warn('After the first pull', error));
	}

	const signal = current.stop.signal;
	if (!signal.aborted) {
		await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
	}
	subscriptions.unsubscribe();
	await replication.cancel();
}

/** In a tab that does not lead: show the leader's sync state. */
function followLeaderStatus(db: FieldDatabase, subscriptions: Subscription): void {
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
	const timer = setTimeout(() => {
		const shared = localStorage.getItem(SHARED_STATUS_KEY);
		if (shared && !db.isLeader())
			onStorage({ key: SHARED_STATUS_KEY, newValue: shared } as StorageEvent);
	}, 2000);
	subscriptions.add(() => {
		clearTimeout(timer);
		window.removeEventListener('storage', onStorage);
	});
}

/** Stops replication; local changes stay and are pushed by the next start. */
export async function stopSync(): Promise<void> {
	const current = running;
	running = null;
	if (!current) return;
	current.stop.abort();
	current.subscriptions.unsubscribe();
	await current.leading;
}

/** Forgets the sync bookkeeping of this browser (on sign-out). */
export function clearSyncState(): void {
	localStorage.removeItem(LAST_SYNC_KEY);
	localStorage.removeItem(SHARED_STATUS_KEY);
	waitingSubscription?.unsubscribe();
	waitingSubscription = null;
}
