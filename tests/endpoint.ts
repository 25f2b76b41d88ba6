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

/** The server admin's authorization header. */
async function adminAuthorization(endpoint: ThrowawayEndpoint): Promise<string> {
	const admin = JSON.parse(await readFile(join(endpoint.dataDir, 'admin.json'), 'utf8')) as {
		name: string;
		password: string;
	};
	return `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
}

/** A GET at the endpoint as the server admin (no browser involved); `path` below its root. */
async function adminGet(
	endpoint: ThrowawayEndpoint,
	path: string
): Promise<Record<string, unknown>> {
	const response = await fetch(`${endpoint.app.couchUrl}/${path}`, {
		headers: { authorization: await adminAuthorization(endpoint) }
	});
	return (await response.json()) as Record<string, unknown>;
}

/**
 * Writes a new version of a document on the endpoint as the server admin (no device involved):
 * `change` gets the current version and returns the new one. Returns the new revision.
 */
export async function changeEndpointDocument(
	endpoint: ThrowawayEndpoint,
	database: string,
	id: string,
	change: (doc: Record<string, unknown>) => Record<string, unknown>
): Promise<string> {
	const current = await endpointDocument(endpoint, database, id);
	const response = await fetch(`${endpoint.app.couchUrl}/${database}/${encodeURIComponent(id)}`, {
		method: 'PUT',
		headers: {
			authorization: await adminAuthorization(endpoint),
			'content-type': 'application/json'
		},
		body: JSON.stringify(change(current))
	});
	const body = (await response.json()) as { ok?: boolean; rev?: string };
	if (!response.ok || !body.rev) throw new Error(`The endpoint answered ${response.status}`);
	return body.rev;
}

/** A document as the endpoint has it, read as the server admin. */
export async function endpointDocument(
	endpoint: ThrowawayEndpoint,
	database: string,
	id: string
): Promise<Record<string, unknown>> {
	return adminGet(endpoint, `${database}/${encodeURIComponent(id)}`);
}

/**
 * Every revision of a document the endpoint still has, oldest first (read as the server admin),
 * to show in a failure's attachment how the document came to its last version.
 */
export async function endpointRevisions(
	endpoint: ThrowawayEndpoint,
	database: string,
	id: string
): Promise<Record<string, unknown>[]> {
	const path = `${database}/${encodeURIComponent(id)}`;
	const latest = (await adminGet(endpoint, `${path}?revs_info=true`)) as {
		_revs_info?: { rev: string; status: string }[];
	};
	const available = [...(latest._revs_info ?? [])]
		.reverse()
		.filter((r) => r.status === 'available');
	return Promise.all(available.map((info) => adminGet(endpoint, `${path}?rev=${info.rev}`)));
}
