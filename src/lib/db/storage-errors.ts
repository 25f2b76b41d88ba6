/**
 * Whether an error is the browser refusing a write for lack of space (QuotaExceededError), also
 * when Dexie or RxDB wrapped it (their `inner`, `cause` and `parameters` are looked into).
 */
export function isStorageFull(error: unknown, depth = 0): boolean {
	if (error === null || error === undefined || depth > 4) return false;
	if (typeof error !== 'object') return /quota|storage.*full|disk.*full/i.test(String(error));
	const e = error as Record<string, unknown>;
	const own = `${String(e.name ?? '')} ${String(e.message ?? '')}`;
	if (/quota|QuotaExceeded|storage.*full|disk.*full/i.test(own)) return true;
	const nested = [e.inner, e.cause, e.writeError, e.error];
	const parameters = e.parameters as Record<string, unknown> | undefined;
	if (parameters && typeof parameters === 'object') nested.push(...Object.values(parameters));
	return nested.some((inner) => isStorageFull(inner, depth + 1));
}

const PROBE_DATABASE = 'csp-field-probe';

/** Whether a small write to IndexedDB succeeds (after a full storage: whether there is room). */
export function canStoreAgain(): Promise<boolean> {
	return new Promise((resolve) => {
		let request: IDBOpenDBRequest;
		try {
			request = indexedDB.open(PROBE_DATABASE, 1);
		} catch {
			resolve(false);
			return;
		}
		request.onupgradeneeded = () => request.result.createObjectStore('probe');
		request.onerror = () => resolve(false);
		request.onsuccess = () => {
			const db = request.result;
			try {
				const transaction = db.transaction('probe', 'readwrite');
				transaction.objectStore('probe').put(new Date().toISOString(), 'probe');
				transaction.oncomplete = () => {
					db.close();
					resolve(true);
				};
				transaction.onerror = transaction.onabort = () => {
					db.close();
					resolve(false);
				};
			} catch {
				db.close();
				resolve(false);
			}
		};
	});
}
