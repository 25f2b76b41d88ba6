import { dev } from '$app/environment';

/** Where SvelteKit emits src/service-worker/index.ts; its scope is the whole app ('/'). */
export const SERVICE_WORKER_URL = '/service-worker.js';

/**
 * Registers the app's service worker, which precaches the app for offline use. Resolves to the
 * registration, or to undefined where service workers are unavailable (old browsers, insecure
 * origins) or registration failed (the app then still works online).
 */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return undefined;
	try {
		return await navigator.serviceWorker.register(SERVICE_WORKER_URL, {
			// In `vite dev` the worker is an unbundled ES module; the build emits a classic script.
			type: dev ? 'module' : 'classic',
			// Always check the network for a new worker script, whatever HTTP caches say.
			updateViaCache: 'none'
		});
	} catch (error) {
		console.warn('CSP Field: service worker registration failed', error);
		return undefined;
	}
}

/**
 * Asks the browser to keep this origin's storage (IndexedDB, caches) under storage pressure
 * instead of evicting it. Resolves to whether storage is persistent.
 */
export async function requestPersistentStorage(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
	try {
		if (await navigator.storage.persisted?.()) return true;
		return await navigator.storage.persist();
	} catch {
		return false;
	}
}
