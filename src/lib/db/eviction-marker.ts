/**
 * Noticing that the browser evicted this device's database (storage pressure, persistent
 * storage not granted). Two markers are kept once a signed-in user's data is on the device: one
 * in IndexedDB (a tiny database of its own, evicted together with the app's), one in
 * localStorage (outside IndexedDB: Chromium's quota eviction removes IndexedDB and Cache
 * Storage, not localStorage). At the next start, the localStorage marker without its IndexedDB
 * twin means the data was evicted; the notice stays until the user dismisses it.
 */
export const MARKER_DATABASE = 'csp-field-kept';
const STORE = 'marker';
const KEY = 'data';
export const MARKER_KEY = 'csp-field:data-kept';
export const EVICTION_NOTICE_KEY = 'csp-field:data-evicted';

/** What the localStorage marker holds about the data kept on the device. */
export interface KeptData {
	/** The same id is in the IndexedDB marker. */
	id: string;
	user: string;
	org: string;
	/** ISO time the data was first kept. */
	since: string;
	/** The changes made on this device not yet synced, at the last count. */
	waiting: number;
}

/** What the app tells the user after an eviction. */
export interface EvictionNotice {
	/** ISO time the eviction was noticed. */
	noticedAt: string;
	/** The changes that had not been synced when the data was last seen. */
	lostChanges: number;
}

function openMarkerDatabase(): Promise<{ db: IDBDatabase; created: boolean }> {
	return new Promise((resolve, reject) => {
		let created = false;
		const request = indexedDB.open(MARKER_DATABASE, 1);
		request.onupgradeneeded = () => {
			created = true;
			request.result.createObjectStore(STORE);
		};
		request.onsuccess = () => resolve({ db: request.result, created });
		request.onerror = () => reject(request.error);
	});
}

function transact<T>(
	db: IDBDatabase,
	mode: IDBTransactionMode,
	run: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	return new Promise((resolve, reject) => {
		const transaction = db.transaction(STORE, mode);
		const request = run(transaction.objectStore(STORE));
		transaction.oncomplete = () => resolve(request.result);
		transaction.onerror = () => reject(transaction.error);
		transaction.onabort = () => reject(transaction.error);
	});
}

function readKept(): KeptData | null {
	try {
		const text = localStorage.getItem(MARKER_KEY);
		return text ? (JSON.parse(text) as KeptData) : null;
	} catch {
		return null;
	}
}

/**
 * Marks that the user's data is kept on this device (after a sync); only the waiting count
 * changes when it is marked already. Both markers are written, IndexedDB first.
 */
export async function markDataKept(user: string, org: string, waiting: number): Promise<void> {
	const kept = readKept();
	if (kept && kept.user === user && kept.org === org) {
		if (kept.waiting !== waiting) {
			localStorage.setItem(MARKER_KEY, JSON.stringify({ ...kept, waiting }));
		}
		return;
	}
	const next: KeptData = {
		id: crypto.randomUUID(),
		user,
		org,
		since: new Date().toISOString(),
		waiting
	};
	const { db } = await openMarkerDatabase();
	try {
		await transact(db, 'readwrite', (store) => store.put(next.id, KEY));
	} finally {
		db.close();
	}
	localStorage.setItem(MARKER_KEY, JSON.stringify(next));
}

/** Keeps the count of unsynced changes in the marker (no-op while nothing is marked). */
export function updateKeptWaiting(waiting: number): void {
	const kept = readKept();
	if (kept && kept.waiting !== waiting) {
		localStorage.setItem(MARKER_KEY, JSON.stringify({ ...kept, waiting }));
	}
}

/**
 * At start, before the app's database opens: whether the data marked as kept is gone. On an
 * eviction the notice is stored (until dismissed) and the marker removed, so the next sync
 * marks the data again. Resolves to the notice to show, if any.
 */
export async function checkForEviction(): Promise<EvictionNotice | null> {
	const kept = readKept();
	if (kept) {
		const { db, created } = await openMarkerDatabase();
		let id: unknown;
		try {
			id = created ? undefined : await transact(db, 'readonly', (store) => store.get(KEY));
		} finally {
			db.close();
		}
		if (id !== kept.id) {
			const notice: EvictionNotice = {
				noticedAt: new Date().toISOString(),
				lostChanges: kept.waiting
			};
			localStorage.setItem(EVICTION_NOTICE_KEY, JSON.stringify(notice));
			localStorage.removeItem(MARKER_KEY);
		}
	}
	return evictionNotice();
}

/** The stored eviction notice, until dismissed. */
export function evictionNotice(): EvictionNotice | null {
	try {
		const text = localStorage.getItem(EVICTION_NOTICE_KEY);
		return text ? (JSON.parse(text) as EvictionNotice) : null;
	} catch {
		return null;
	}
}

export function dismissEvictionNotice(): void {
	localStorage.removeItem(EVICTION_NOTICE_KEY);
}

/** Forgets both markers (sign-out, another user signing in: the data is removed on purpose). */
export async function forgetDataKept(): Promise<void> {
	localStorage.removeItem(MARKER_KEY);
	localStorage.removeItem(EVICTION_NOTICE_KEY);
	const { db } = await openMarkerDatabase();
	try {
		await transact(db, 'readwrite', (store) => store.delete(KEY));
	} finally {
		db.close();
	}
}
