// Fixtures for every end-to-end test. Import `test` and `expect` from here, not from
// '@playwright/test':
//
// - `page` lives in a persistent browser profile (a fresh temporary user-data-dir per test), so
//   IndexedDB, Cache Storage and the service worker survive a browser restart, as on a device.
//   (Playwright's default `context` keeps storage in memory only.)
// - `persistentContext` is that profile's BrowserContext, `userDataDir` its directory.
// - `relaunch()` closes the browser and starts it again on the same profile, to test cold
//   starts; by default the new browser is offline before it loads anything.
import { chromium, expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { expect };

export interface RelaunchOptions {
	/** Whether the relaunched browser is offline from the start (default true). */
	offline?: boolean;
}

export interface PersistentFixtures {
	userDataDir: string;
	/** Launches a browser on `userDataDir` with the project's options; closed after the test. */
	launchPersistentContext: () => Promise<BrowserContext>;
	persistentContext: BrowserContext;
	relaunch: (options?: RelaunchOptions) => Promise<{ context: BrowserContext; page: Page }>;
}

export const test = base.extend<PersistentFixtures>({
	// eslint-disable-next-line no-empty-pattern -- Playwright needs an object pattern here.
	userDataDir: async ({}, use) => {
		const directory = await mkdtemp(join(tmpdir(), 'csp-field-e2e-'));
		await use(directory);
		await rm(directory, { recursive: true, force: true, maxRetries: 3 });
	},

	launchPersistentContext: async (
		{
			userDataDir,
			headless,
			launchOptions,
			contextOptions,
			baseURL,
			viewport,
			hasTouch,
			isMobile,
			deviceScaleFactor,
			serviceWorkers,
			locale,
			timezoneId,
			colorScheme,
			reducedMotion,
			permissions,
			userAgent,
			acceptDownloads
		},
		use
	) => {
		const launched: BrowserContext[] = [];
		await use(async () => {
			// The same options as Playwright's own `context` gets from the config and test.use().
			const context = await chromium.launchPersistentContext(userDataDir, {
				...launchOptions,
				headless,
				...contextOptions,
				baseURL,
				viewport,
				hasTouch,
				isMobile,
				deviceScaleFactor,
				serviceWorkers,
				locale,
				timezoneId,
				colorScheme,
				reducedMotion,
				permissions,
				userAgent,
				acceptDownloads
			});
			launched.push(context);
			return context;
		});
		for (const context of launched) await context.close().catch(() => undefined);
	},

	persistentContext: async ({ launchPersistentContext }, use) => {
		await use(await launchPersistentContext());
	},

	page: async ({ persistentContext }, use) => {
		await use(await firstPage(persistentContext));
	},

	relaunch: async ({ persistentContext, launchPersistentContext }, use) => {
		let current = persistentContext;
		await use(async ({ offline = true } = {}) => {
			await current.close();
			current = await launchPersistentContext();
			if (offline) await current.setOffline(true);
			return { context: current, page: await firstPage(current) };
		});
	}
});

/** A persistent context opens with one blank tab: use it rather than opening a second one. */
async function firstPage(context: BrowserContext): Promise<Page> {
	return context.pages()[0] ?? (await context.newPage());
}

/**
 * Waits until the app's service worker controls `page`. The worker claims its clients as soon
 * as it has activated, that is once everything is precached; if it activated without taking
 * control of this page, the page is reloaded once.
 */
export async function waitForServiceWorkerControl(page: Page, timeout = 30_000): Promise<void> {
	const active = await page.evaluate(async (ms) => {
		if (!('serviceWorker' in navigator)) return false;
		const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));
		return Promise.race([navigator.serviceWorker.ready.then(() => true), timer]);
	}, timeout);
	if (!active) {
		throw new Error(
			`No service worker became active within ${timeout} ms: does the root layout call registerServiceWorker()?`
		);
	}
	const controlled = () => navigator.serviceWorker.controller !== null;
	try {
		await page.waitForFunction(controlled, undefined, { timeout: 5_000 });
	} catch {
		await page.reload();
		await page.waitForFunction(controlled, undefined, { timeout });
	}
}

export const NETWORK_PROBE = 'network-probe';

/**
 * Whether a request that the service worker does not answer reaches a server. Tests check this
 * rather than navigator.onLine: after a reload, Chromium 150 reports a page of an offline
 * context as online, although no request gets through.
 */
export async function networkIsReachable(page: Page): Promise<boolean> {
	return page.evaluate(
		(probe) =>
			fetch(`/robots.txt?${probe}=${Date.now()}`, { cache: 'no-store' }).then(
				() => true,
				() => false
			),
		NETWORK_PROBE
	);
}
