import type { Page } from '@playwright/test';
import {
	expect,
	NETWORK_PROBE,
	networkIsReachable,
	test,
	waitForServiceWorkerControl
} from './fixtures';

// After ONE online visit, the service worker has precached the whole app: every route,
// deep links included, opens without any network, also after the browser was closed.

const deepLinks = [
	'/resellers',
	'/customers',
	'/renewals',
	'/activity',
	'/profile',
	'/customers/new',
	'/gdap',
	'/gdap/demo-gdap-1',
	'/customers/demo-customer-1/gdap/new',
	'/subscriptions/bulk-reseller'
];

const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function visitOnce(page: Page): Promise<void> {
	await page.goto('/');
	await expect(mainNavigation(page)).toBeVisible();
	await waitForServiceWorkerControl(page);
}

/**
 * Collects failed requests and uncaught errors: a route whose code was not precached still
 * shows the layout's navigation, with SvelteKit's error page inside. Requests that are meant to
 * fail offline (the network probe, the replication endpoint /db/) do not count.
 */
function collectFailures(page: Page): string[] {
	const failures: string[] = [];
	page.on('requestfailed', (request) => {
		const url = new URL(request.url());
		if (url.search.includes(NETWORK_PROBE) || /^\/db(\/|$)/.test(url.pathname)) return;
		// Leaving a page cancels its pending loads; offline failures have other error texts.
		if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
		failures.push(`${request.url()}: ${request.failure()?.errorText}`);
	});
	page.on('pageerror', (error) => failures.push(error.message));
	return failures;
}

test('after one visit, every route opens from a reload and by deep link offline', async ({
	page,
	persistentContext
}) => {
	await visitOnce(page);
	const failures = collectFailures(page);

	await persistentContext.setOffline(true);
	expect(await networkIsReachable(page)).toBe(false);

	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(mainNavigation(page)).toBeVisible();

	for (const path of deepLinks) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		expect(response?.fromServiceWorker(), path).toBe(true);
		await expect(page).toHaveURL(path);
		await expect(mainNavigation(page), path).toBeVisible();
		// The first-run screen is loaded lazily: its code must come from the cache too.
		await expect(
			page.getByRole('heading', { level: 1, name: 'Welcome to CSP Field' })
		).toBeVisible();
	}
	expect(failures).toEqual([]);
});

test('a cold start without network opens a deep link', async ({ page, relaunch }) => {
	await visitOnce(page);

	// Close the browser, start it again on the same profile, offline before the first request.
	const { context, page: coldPage } = await relaunch({ offline: true });
	const failures = collectFailures(coldPage);

	const response = await coldPage.goto('/customers/new');
	expect(response?.status()).toBe(200);
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(coldPage).toHaveURL('/customers/new');
	await expect(mainNavigation(coldPage)).toBeVisible();
	expect(await networkIsReachable(coldPage)).toBe(false);

	// Moving around inside the app still works.
	await mainNavigation(coldPage).getByRole('link').first().click();
	await expect(mainNavigation(coldPage)).toBeVisible();
	await expect(coldPage).not.toHaveURL('/customers/new');
	expect(context.pages()).toContain(coldPage);
	expect(failures).toEqual([]);
});

test('the service worker leaves /db/ to the network', async ({ page }) => {
	await visitOnce(page);

	// scripts/serve.js answers /db/ with 404 JSON until a database endpoint is configured; a
	// service worker that intercepted /db/ would answer with the app shell instead.
	const fetched = await page.evaluate(async () => {
		const response = await fetch('/db/csp-field/_changes?since=0');
		return { status: response.status, type: response.headers.get('content-type') };
	});
	expect(fetched.type).toContain('application/json');
	expect(fetched.status).not.toBe(200);

	const navigated = await page.goto('/db/');
	expect(navigated?.fromServiceWorker()).toBe(false);
	expect(navigated?.headers()['content-type']).toContain('application/json');
});
