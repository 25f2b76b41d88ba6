import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	checkForEviction,
	dismissEvictionNotice,
	forgetDataKept,
	markDataKept,
	MARKER_DATABASE,
	updateKeptWaiting
} from './eviction-marker';

const store = new Map<string, string>();
globalThis.localStorage = {
	getItem: (key: string) => store.get(key) ?? null,
	setItem: (key: string, value: string) => void store.set(key, String(value)),
	removeItem: (key: string) => void store.delete(key),
	clear: () => store.clear(),
	key: (index: number) => [...store.keys()][index] ?? null,
	get length() {
		return store.size;
	}
} as Storage;

/** What the browser's eviction does: every IndexedDB database goes, localStorage stays. */
function evictIndexedDb(): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(MARKER_DATABASE);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
	});
}

describe('the eviction marker', () => {
	beforeEach(async () => {
		store.clear();
		await evictIndexedDb();
	});

	it('says nothing when no data was ever marked as kept', async () => {
		expect(await checkForEviction()).toBeNull();
	});

	it('says nothing while the data is there', async () => {
		await markDataKept('anna', 'org-1', 0);
		expect(await checkForEviction()).toBeNull();
		expect(await checkForEviction()).toBeNull();
	});

	it('notices an eviction once, with the changes that had not been synced, until dismissed', async () => {
		await markDataKept('anna', 'org-1', 0);
		updateKeptWaiting(3);
		await evictIndexedDb();
		expect(await checkForEviction()).toMatchObject({ lostChanges: 3 });
		// Shown again after a reload, until dismissed; the marker is gone, so it is not doubled.
		expect(await checkForEviction()).toMatchObject({ lostChanges: 3 });
		dismissEvictionNotice();
		expect(await checkForEviction()).toBeNull();
		// The next sync marks the data again.
		await markDataKept('anna', 'org-1', 0);
		expect(await checkForEviction()).toBeNull();
	});

	it('takes a removal on purpose (sign-out) for no eviction', async () => {
		await markDataKept('anna', 'org-1', 2);
		await forgetDataKept();
		await evictIndexedDb();
		expect(await checkForEviction()).toBeNull();
	});

	it('marks again for another user', async () => {
		await markDataKept('anna', 'org-1', 0);
		await markDataKept('bela', 'org-2', 1);
		await evictIndexedDb();
		expect(await checkForEviction()).toMatchObject({ lostChanges: 1 });
	});
});
