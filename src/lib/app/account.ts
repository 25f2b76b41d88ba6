/** Sign-in, sign-out and the start of sync, for the pages and the layout. */
import { getDatabase, removeDatabase } from '$lib/db/database';
import {
	signIn,
	signOut,
	storedUser,
	type SignInResult,
	type SignedInUser
} from '$lib/sync/session';
import { initialSyncStatus, syncStatus$ } from '$lib/sync/sync-status';
import { dismissRefusals, refusals$ } from '$lib/sync/refusals';
import { defer, switchMap, type Observable } from 'rxjs';
import type { Refusal } from '$lib/domain/refusal/schema';
import { forgetCachedUsers } from '$lib/services/users';

export { storedUser, type SignedInUser };
export { syncStatus$, type SyncStatus } from '$lib/sync/sync-status';

/**
 * Replication (the CouchDB plugin, conflict recording, the demo data of a new organisation) is
 * loaded when a signed-in user needs it, not on the first visit of the local field user.
 */
const replication = () => import('$lib/sync/replication');

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
		await removeDatabase();
	}
	return result;
}

/** Starts replication when a user is signed in on this device. */
export async function resumeSync(): Promise<void> {
	const user = storedUser();
	if (user) await (await replication()).startSync(user);
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
	clearSyncState();
	syncStatus$.next(initialSyncStatus);
	await removeDatabase();
}
