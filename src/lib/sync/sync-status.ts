/** What the top bar shows about sync; computed by replication.ts, read by components. */
import { BehaviorSubject } from 'rxjs';

export type SyncState =
	/** Not signed in: everything stays on this device. */
	| 'local'
	| 'starting'
	| 'syncing'
	| 'synced'
	| 'offline'
	| 'error'
	/** The device refused to store what the endpoint sent (quota exceeded); retried until room. */
	| 'storage-full'
	/** The session expired: sign in again to push what waits. */
	| 'expired';

export interface SyncStatus {
	state: SyncState;
	/** Changes made on this device that the endpoint does not have yet. */
	waiting: number;
	/** ISO time of the last moment everything was in sync, or null. */
	lastSyncedAt: string | null;
	error: string;
}

export const initialSyncStatus: SyncStatus = {
	state: 'local',
	waiting: 0,
	lastSyncedAt: null,
	error: ''
};

export const syncStatus$ = new BehaviorSubject<SyncStatus>(initialSyncStatus);

export function updateSyncStatus(patch: Partial<SyncStatus>): void {
	syncStatus$.next({ ...syncStatus$.value, ...patch });
}
