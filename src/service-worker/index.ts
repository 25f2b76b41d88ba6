/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
//
// CSP Field's service worker. SvelteKit builds it to /service-worker.js, which
// src/lib/pwa/register-service-worker.ts registers. It has its own tsconfig.json (webworker
// types, not DOM); check it with `npx tsc -p src/service-worker`.
//
// - Precaches every built asset, every static file and the SPA shell /index.html, so that
//   after one visit the app cold-starts without any network.
// - Navigations (any route, deep links included) are answered with the precached shell; the
//   client router renders the route.
// - /db and /db/… (CouchDB replication) are never intercepted: no route matches them, so the
//   browser sends those requests to the network itself.
// - A new version takes over at once (skipWaiting + clientsClaim) and old precaches are deleted.
// - Background Sync: while changes wait, the app registers SYNC_TAG; when the browser fires it
//   (the network is back, maybe with every page closed) and no page replicates, the worker runs
//   the app's own replications once (src/lib/sync/background-sync.ts). A failed run rejects, so
//   the browser fires the event again later.
import { base, build, files, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { databasePathPattern, precacheEntries, shellUrl } from './precache';
import { backgroundSync } from '$lib/sync/background-sync';
import { SYNC_TAG } from '$lib/sync/replicate';

const sw = self as unknown as ServiceWorkerGlobalScope;

sw.skipWaiting().catch((error: unknown) => console.error('skipWaiting failed', error));
clientsClaim();

// In `vite dev` the app is served unbundled and changes all the time: precaching it would only
// serve stale code, so the development worker installs and claims clients, and nothing more.
if (!import.meta.env.DEV) {
	cleanupOutdatedCaches();
	precacheAndRoute(precacheEntries({ build, files, version, base }));
	registerRoute(
		new NavigationRoute(createHandlerBoundToURL(shellUrl(base)), {
			denylist: [databasePathPattern(base)]
		})
	);
}

/** Background Sync's event (not in TypeScript's webworker library). */
interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
	readonly lastChance: boolean;
}

sw.addEventListener('sync', (event) => {
	const syncEvent = event as SyncEvent;
	if (syncEvent.tag !== SYNC_TAG) return;
	syncEvent.waitUntil(
		sw.clients
			.matchAll({ type: 'window', includeUncontrolled: true })
			.then((pages) => backgroundSync(sw.location.origin, { pagesOpen: pages.length > 0 }))
			.then(
				(outcome) => console.info(`Background sync: ${outcome}`),
				(error: unknown) => {
					console.warn('Background sync failed; the browser retries later', error);
					throw error;
				}
			)
	);
});
