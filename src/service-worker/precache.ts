// Pure helpers of the service worker (./index.ts), kept free of worker globals so
// that vitest can run them in Node.

import { escapeRegExp } from '../lib/domain/shared/text';

/** One entry of workbox-precaching's manifest. */
export interface PrecacheEntry {
	url: string;
	/** null: the URL itself changes when the content does (hashed file names). */
	revision: string | null;
}

export interface PrecacheInput {
	/** `build` from `$service-worker`: the files Vite emitted, with `base` in front. */
	build: readonly string[];
	/** `files` from `$service-worker`: the files in static/, with `base` in front. */
	files: readonly string[];
	/** `version` from `$service-worker`: changes with every build. */
	version: string;
	/** `base` from `$service-worker` ('' when the app is served from the origin's root). */
	base: string;
}

/** Hashed, never-changing files that SvelteKit emits. */
export function isImmutableAsset(url: string): boolean {
	return url.includes('/_app/immutable/');
}

/** Where the SPA shell is: adapter-static's `fallback: 'index.html'`. */
export function shellUrl(base: string): string {
	return `${base}/index.html`;
}

/**
 * Everything a cold start without network needs: every built asset, every static file and the
 * SPA shell. Hashed files carry their revision in their name; everything else is revisioned
 * by the build's version, so a new build refreshes it.
 */
export function precacheEntries({ build, files, version, base }: PrecacheInput): PrecacheEntry[] {
	const entries = new Map<string, PrecacheEntry>();
	for (const url of [...build, ...files, shellUrl(base)]) {
		if (entries.has(url)) continue;
		entries.set(url, { url, revision: isImmutableAsset(url) ? null : version });
	}
	return [...entries.values()];
}

/**
 * Paths the service worker must leave alone: the CouchDB replication endpoint under `/db`
 * always goes to the network, untouched.
 */
export function databasePathPattern(base: string): RegExp {
	return new RegExp(`^${escapeRegExp(base)}/db(?:/|$)`);
}

export function isDatabasePath(pathname: string, base: string): boolean {
	return databasePathPattern(base).test(pathname);
}
