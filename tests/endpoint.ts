// Shared by the specs that run against a real replication endpoint: each file starts its own
// PouchDB Server and app server (scripts/start.js, fresh data in a temporary folder) and uses
// that origin, not the 4173 one. With TEST_COUCH_URL (server/test-couch.js) the app server uses
// that Apache CouchDB instead, emptied before each file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { startApp } from '../scripts/start.js';
import { startAppUnderTest } from '../server/test-couch.js';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { openFromMainNavigation } from './helpers';

type RunningApp = Awaited<ReturnType<typeof startApp>>;

export interface ThrowawayEndpoint {
	readonly app: RunningApp;
	readonly dataDir: string;
	/** The app's origin, without a trailing slash. */
	readonly origin: string;
}

/** Starts an app + endpoint before the file's tests (run in order) and removes it after. */
export function useThrowawayEndpoint(name: string): ThrowawayEndpoint {
	let app: RunningApp | undefined;
	let dataDir = '';
	test.describe.configure({ mode: 'serial' });
	test.beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), `csp-field-${name}-`));
		app = await startAppUnderTest(dataDir, { root: 'build' });
	});
	test.afterAll(async () => {
		await app?.close();
		await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
	});
	return {
		get app() {
			if (!app) throw new Error('The endpoint is not started yet');
			return app;
		},
		get dataDir() {
			return dataDir;
		},
		get origin() {
			return this.app.appUrl.replace(/\/$/, '');
		}
	};
}

/** A new browser context on the endpoint's origin: one device. */
export async function openDevice(
	browser: Browser,
	origin: string
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ baseURL: origin });
	const page = await context.newPage();
	page.on('pageerror', (error) => console.warn('page error:', error.message));
	page.on('console', (message) => {
		if (message.type() === 'error' || message.type() === 'warning') {
			console.warn(`console ${message.type()}:`, message.text());
		}
	});
	return { context, page };
}

export const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');

/**
 * Signs in through the app (which opens the Overview), goes on to the Indirect resellers page and
 * waits until the service worker controls the page; with `synced`, also until the first sync is
 * done.
 */
export async function signIn(
	page: Page,
	name: string,
	password: string,
	{ synced = false } = {}
): Promise<void> {
	await page.goto('/');
	await page.getByRole('link', { name: 'Sign in' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await page.getByLabel('User name').fill(name);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible({
		timeout: 30_000
	});
	// Tests start from the Indirect resellers page (a reseller gets its polite "not for you").
	const resellersLink = page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Indirect resellers', exact: true });
	if ((await resellersLink.count()) > 0) await openFromMainNavigation(page, 'Indirect resellers');
	else await page.goto('/resellers');
	// Tests go offline next: the service worker must have the app cached by then.
	await waitForServiceWorkerControl(page);
	if (synced) await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
}

/** A new device with the user signed in and the first sync done. */
export async function signedInDevice(
	browser: Browser,
	origin: string,
	[name, password]: readonly [string, string]
): Promise<{ context: BrowserContext; page: Page }> {
	const device = await openDevice(browser, origin);
	await signIn(device.page, name, password, { synced: true });
	return device;
}

/** Opens a customer's page from the Customers list, found with `search`. */
export async function openCustomer(
	page: Page,
	name: string | RegExp,
	search = String(name)
): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Customers' })
		.click();
	await page.getByLabel('Search customers').fill(search);
	await page
		.getByRole('list', { name: 'Customers', exact: true })
		.getByRole('link', { name })
		.click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Saves a new phone number on the open customer's details form. */
export async function editPhone(page: Page, phone: string): Promise<void> {
	await page.getByLabel('Phone').fill(phone);
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'The changes were saved.' })
	).toBeVisible();
}

/** A document as the endpoint has it, read as the server admin (no browser involved). */
export async function endpointDocument(
	endpoint: ThrowawayEndpoint,
	database: string,
	id: string
): Promise<Record<string, unknown>> {
	const admin = JSON.parse(await readFile(join(endpoint.dataDir, 'admin.json'), 'utf8')) as {
		name: string;
		password: string;
	};
	const response = await fetch(`${endpoint.app.couchUrl}/${database}/${encodeURIComponent(id)}`, {
		headers: {
			authorization: `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`
		}
	});
	return (await response.json()) as Record<string, unknown>;
}
