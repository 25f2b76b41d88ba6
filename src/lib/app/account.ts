/** Sign-in, sign-out and the start of sync, for the pages and the layout. */
import type { FieldDatabase } from '$lib/db/collections';
import { getDatabase, removeDatabase } from '$lib/db/database';
import {
	canSetUpOrganisation,
	signIn,
	signOut,
	storedUser,
	type SignInResult,
	type SignedInUser
} from '$lib/sync/session';
import { initialSyncStatus, syncStatus$ } from '$lib/sync/sync-status';
import { dismissRefusals, refusals$ } from '$lib/sync/refusals';
import { fetchOrganisationDocument } from '$lib/sync/members';
import { BehaviorSubject, defer, switchMap, type Observable, type Subscription } from 'rxjs';
import {
	checkForEviction,
	dismissEvictionNotice,
	forgetDataKept,
	markDataKept,
	updateKeptWaiting,
	type EvictionNotice
} from '$lib/db/eviction-marker';
import type { Refusal } from '$lib/domain/refusal/schema';
import { nowIso } from '$lib/domain/shared/dates';
import { currentActor, getDeviceId } from './device';
import { forgetCachedUsers } from '$lib/services/users';

export { canSetUpOrganisation, storedUser, type SignedInUser };
export { syncStatus$, type SyncStatus } from '$lib/sync/sync-status';
export { ROLES_CHANGED_EVENT } from '$lib/sync/session';

/**
 * Replication (the CouchDB plugin, conflict recording) and the set-up of a new organisation
 * (with the demo data) are loaded when a signed-in user needs them, not on the first visit of
 * the local field user.
 */
const replication = () => import('$lib/sync/replication');
const serverOrganisation = () => import('$lib/services/server-organisation');
const refusedChanges = () => import('$lib/services/refused-changes');

/** Changes the server refused, until dismissed. */
export function refusedChanges$(): Observable<Refusal[]> {
	return defer(() => getDatabase()).pipe(switchMap((db) => refusals$(db)));
}

export async function dismissRefusedChanges(): Promise<void> {
	await dismissRefusals(await getDatabase());
}

/** Whether this device holds any record (of the local-only mode or of another user). */
export async function hasLocalData(): Promise<boolean> {
	const db = await getDatabase();
	const { replicatedCollections } = await replication();
	const counts = await Promise.all(replicatedCollections.map((name) => db[name].count().exec()));
	return counts.some((count) => count > 0);
}

/**
 * Signs in. The same user again (after the session expired) keeps the local data, so what
 * waited is pushed; anyone else starts from the organisation's data on the server.
 */
export async function signInUser(name: string, password: string): Promise<SignInResult> {
	const previous = storedUser();
	const result = await signIn(name, password);
	if (!result.ok) return result;
	const same = previous && previous.name === result.user.name && previous.org === result.user.org;
	if (!same) {
		const { clearSyncState, stopSync } = await replication();
		await stopSync();
		clearSyncState();
		await forgetDataKept();
		await removeDatabase();
	}
	return result;
}

/** Starts replication when a user is signed in on this device. */
export async function resumeSync(): Promise<void> {
	const user = storedUser();
	if (!user) return;
	const { startSync } = await replication();
	await startSync(user, {
		deviceId: getDeviceId(),
		afterFirstPull: (db) =>
			setUpOrganisation(db, user).catch((error: unknown) =>
				console.warn('The own organisation could not be set up', error)
			)
	});
	keepMarking(user);
	keepRecordingRefusals();
}

/** After an eviction of this device's data: what the app tells the user, until dismissed. */
export const evictionNotice$ = new BehaviorSubject<EvictionNotice | null>(null);

/**
 * At start: whether the browser evicted the data kept on this device since the last visit
 * ($lib/db/eviction-marker). Sync then downloads the organisation's data again as on a first
 * sign-in (its checkpoints were evicted with the data).
 */
export async function noticeEviction(): Promise<void> {
	if (!storedUser()) return;
	evictionNotice$.next(await checkForEviction());
}

export function dismissEviction(): void {
	dismissEvictionNotice();
	evictionNotice$.next(null);
}

let marking: Subscription | null = null;
let recordingRefusals: Subscription | null = null;

/**
 * Each change the server refused gets its Activity entry (services/refused-changes.ts), also
 * the ones the service worker's Background Sync kept while no page was open.
 */
function keepRecordingRefusals(): void {
	recordingRefusals?.unsubscribe();
	recordingRefusals = refusedChanges$().subscribe((refusals) => {
		void (async () => {
			const [{ recordRefusedChange }, db] = await Promise.all([refusedChanges(), getDatabase()]);
			const ctx = { db, actor: currentActor(), now: nowIso };
			for (const refusal of refusals) await recordRefusedChange(ctx, refusal);
		})().catch((error: unknown) =>
			console.warn('A refused change could not be recorded in the activity', error)
		);
	});
}

/** Once synced, the data is marked as kept; the marker follows the count of waiting changes. */
function keepMarking(user: SignedInUser): void {
	marking?.unsubscribe();
	marking = syncStatus$.subscribe(({ state, waiting }) => {
		if (state === 'synced') {
			markDataKept(user.name, user.org, waiting).catch((error: unknown) =>
				console.warn('The data-kept marker was not written', error)
			);
		} else updateKeptWaiting(waiting);
	});
}

/** After the first pull, a user who may set up the organisation does, if no one has yet. */
async function setUpOrganisation(db: FieldDatabase, user: SignedInUser): Promise<void> {
	if (!canSetUpOrganisation(user)) return;
	const { setUpServerOrganisation } = await serverOrganisation();
	await setUpServerOrganisation(
		{ db, actor: currentActor(), now: nowIso },
		{
			org: user.org,
			// Only a Global admin may write the organisation settings (the demo reseller's).
			withSettings: user.roles.includes('global-admin'),
			readRecord: () => fetchOrganisationDocument(user.org),
			country: /-([A-Z]{2})$/.exec(navigator.language)?.[1] ?? 'US'
		}
	);
}

/** Changes made here that the endpoint does not have yet. */
export function waitingChanges(): number {
	return syncStatus$.value.waiting;
}

/** Signs out and clears this organisation's data from this device. */
export async function signOutUser(): Promise<void> {
	const { clearSyncState, stopSync } = await replication();
	await stopSync();
	await signOut();
	forgetCachedUsers();
	marking?.unsubscribe();
	marking = null;
	recordingRefusals?.unsubscribe();
	recordingRefusals = null;
	clearSyncState();
	syncStatus$.next(initialSyncStatus);
	await forgetDataKept();
	await removeDatabase();
}
