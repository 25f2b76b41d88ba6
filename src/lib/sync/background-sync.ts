/**
 * What the service worker does when Background Sync fires (the network is back): if no page
 * replicates (the replication lock is free), it opens the app's database, runs the same
 * replications the leader tab runs (replicate.ts) once until both sides are in sync, and closes
 * it again. Runs in the service worker: no window, no localStorage.
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createFieldDatabase } from '$lib/db/create-database';
import { lostValues$ } from '$lib/db/conflict-recording';
import type { FieldDatabase } from '$lib/db/collections';
import { DATABASE_NAME } from '$lib/db/database-name';
import { saveLostValues } from '$lib/db/lost-values';
import { parseRoles } from './session';
import { replicateOrganisation, withReplicationLock } from './replicate';
import { saveRefusal } from './refusals';

export type BackgroundSyncOutcome =
	| 'synced'
	/** A page replicates: it pushes what waits. */
	| 'page-replicates'
	/** No session on the server (signed out, or it expired): the app asks to sign in. */
	| 'signed-out';

/** How long to wait for a closing page to release the replication lock. */
const LOCK_WAIT_MS = 30_000;

/** Gives up a run after this long; the browser retries the sync event later. */
const RUN_TIMEOUT_MS = 120_000;

/** Fetches, trying again a few times: the event may come a moment before the network works. */
async function fetchSoon(url: string, init: RequestInit, attempts = 4): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, init);
		} catch (error) {
			if (attempt >= attempts) throw error;
			await new Promise((resolve) => setTimeout(resolve, 1500 * attempt));
		}
	}
}

/** The signed-in user's organisation, from the session cookie the browser sends. */
async function sessionOrganisation(origin: string): Promise<string | null> {
	const response = await fetchSoon(`${origin}/db/_session`, {
		credentials: 'same-origin',
		headers: { accept: 'application/json' }
	});
	if (!response.ok) throw new Error(`The endpoint answered ${response.status}`);
	const body = (await response.json()) as { userCtx?: { name?: string | null; roles?: string[] } };
	if (!body.userCtx?.name) return null;
	return parseRoles(body.userCtx.roles ?? []).org;
}

/**
 * One Background Sync run. Rejects when the endpoint cannot be reached or a replication fails,
 * so the browser fires the sync event again later.
 */
export async function backgroundSync(
	origin: string,
	{ pagesOpen }: { pagesOpen: boolean }
): Promise<BackgroundSyncOutcome> {
	const outcome = await withReplicationLock(
		async (): Promise<BackgroundSyncOutcome> => {
			const org = await sessionOrganisation(origin);
			if (!org) return 'signed-out';
			const db = await createFieldDatabase(DATABASE_NAME, getRxStorageDexie());
			try {
				return await replicateOnce(db, org, origin);
			} finally {
				await db.close();
			}
		},
		// With a page open, its leader replicates: stand aside. With none, a page that just closed
		// may still hold the lock for a moment: wait for it.
		pagesOpen ? { ifAvailable: true } : { signal: AbortSignal.timeout(LOCK_WAIT_MS) }
	);
	return outcome ?? 'page-replicates';
}

async function replicateOnce(
	db: FieldDatabase,
	org: string,
	origin: string
): Promise<BackgroundSyncOutcome> {
	let expired = false;
	const pendingWrites: Promise<unknown>[] = [];
	const lost = lostValues$.subscribe((values) => {
		pendingWrites.push(saveLostValues(db, values));
	});
	const replication = replicateOrganisation({
		db,
		org,
		origin,
		live: false,
		onRefused: (refusal) => pendingWrites.push(saveRefusal(db, refusal)),
		onExpired: () => {
			expired = true;
		}
	});
	const states = replication.states;
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		const failed = new Promise<never>((_, reject) => {
			for (const state of states) state.error$.subscribe((error) => reject(error));
			timer = setTimeout(() => reject(new Error('Background sync timed out')), RUN_TIMEOUT_MS);
		});
		await Promise.race([
			Promise.all(states.map((state) => state.awaitInitialReplication())),
			failed
		]);
		await Promise.all(pendingWrites);
		return expired ? 'signed-out' : 'synced';
	} catch (error) {
		if (expired) return 'signed-out';
		throw error;
	} finally {
		clearTimeout(timer);
		lost.unsubscribe();
		await replication.cancel();
	}
}
