// Storage faults on a signed-in device, against the real endpoint (issue 13, part 4):
// - the device's IndexedDB refuses writes (quota exceeded) while a pull brings another device's
//   change: the device says its storage is full, keeps what it has, loses no unsynced change,
//   and the sync goes on by itself once there is room;
// - the browser evicted the device's database: at the next start the app notices (its marker in
//   localStorage has no twin in IndexedDB), says what happened and what was lost, and downloads
//   the organisation's data again.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js';
import {
	editPhone,
	openCustomer,
	openDevice,
	signIn,
	syncStatus,
	useThrowawayEndpoint
} from './endpoint';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('storage-faults');
const KOVACS = 'Kovács és Társa Kft.';
const SZEGEDI = /^Szegedi/;
const account = (page: Page) => page.getByRole('region', { name: 'Account' });

/** Makes the page's IndexedDB refuse every write the way a full disk does; `restoreStorage()` undoes it. */
async function fillStorage(page: Page): Promise<void> {
	await page.evaluate(() => {
		const store = IDBObjectStore.prototype as unknown as Record<string, unknown>;
		const originals = { put: store.put, add: store.add };
		const refuse = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		store.put = refuse;
		store.add = refuse;
		(window as unknown as { restoreStorage: () => void }).restoreStorage = () =>
			Object.assign(store, originals);
	});
}

test('a pull that meets a full storage: the device says so, keeps its data and its unsynced change, and goes on once there is room', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const a = await openDevice(browser, endpoint.origin);
	const b = await openDevice(browser, endpoint.origin);
	try {
		await signIn(a.page, 'demo-global-admin', 'global-admin-demo', { synced: true });
		await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });

		// A's unsynced change, made offline.
		await a.context.setOffline(true);
		await openCustomer(a.page, KOVACS);
		await editPhone(a.page, '+36 30 555 0101');
		await expect(syncStatus(a.page)).toContainText(/[1-9]\d* changes? waiting/);

		// B's change reaches the endpoint; A's storage is full when it comes back online.
		await openCustomer(b.page, SZEGEDI, 'Szegedi');
		await editPhone(b.page, '+36 62 555 0202');
		await expect(syncStatus(b.page)).toContainText('Synced', { timeout: 30_000 });
		await fillStorage(a.page);
		await a.context.setOffline(false);

		await expect(syncStatus(a.page)).toContainText('Storage full', { timeout: 30_000 });
		await expect(
			a.page.getByRole('alert').filter({ hasText: 'The device storage is full' })
		).toContainText('Everything already on it is kept, and your changes wait to be sent.');
		// What A has stays: its own change is still on its page; B's has not arrived.
		await expect(account(a.page)).toContainText('+36 30 555 0101');
		await openCustomer(a.page, SZEGEDI, 'Szegedi');
		await expect(account(a.page)).not.toContainText('+36 62 555 0202');
		// It stays so while there is no room (the pull is retried every 5 s and refused again).
		await a.page.waitForTimeout(7_000);
		await expect(syncStatus(a.page)).toContainText('Storage full');

		// Room again: the sync goes on by itself, B's change arrives and A's reaches B.
		await a.page.evaluate(() =>
			(window as unknown as { restoreStorage: () => void }).restoreStorage()
		);
		await expect(syncStatus(a.page)).toContainText('Synced', { timeout: 30_000 });
		await expect(a.page.getByRole('alert').filter({ hasText: 'storage is full' })).toHaveCount(0);
		await expect(account(a.page)).toContainText('+36 62 555 0202', { timeout: 20_000 });
		await openCustomer(b.page, KOVACS);
		await expect(account(b.page)).toContainText('+36 30 555 0101', { timeout: 30_000 });
		// Kept across a reload too: A's storage holds B's change now.
		await a.page.reload();
		await openCustomer(a.page, SZEGEDI, 'Szegedi');
		await expect(account(a.page)).toContainText('+36 62 555 0202');
	} finally {
		await a.context.close();
		await b.context.close();
	}
});

test('an evicted database is noticed at the next start, told plainly, and synced again', async () => {
	test.setTimeout(180_000);
	const userDataDir = await mkdtemp(join(tmpdir(), 'csp-field-evicted-'));
	const launch = () =>
		chromium.launchPersistentContext(userDataDir, {
			executablePath: chromiumPath,
			args: chromiumArgs,
			baseURL: endpoint.origin,
			viewport: { width: 1280, height: 800 },
			hasTouch: true,
			serviceWorkers: 'allow'
		});
	let context: BrowserContext | undefined;
	try {
		context = await launch();
		let page = context.pages()[0] ?? (await context.newPage());
		await signIn(page, 'demo-global-admin', 'global-admin-demo', { synced: true });
		await page.waitForFunction(() => localStorage.getItem('csp-field:data-kept') !== null);

		// One change made offline, never synced: the eviction takes it.
		await context.setOffline(true);
		await openCustomer(page, KOVACS);
		await editPhone(page, '+36 30 555 0303');
		// The edit and its activity entry.
		await expect(syncStatus(page)).toContainText('2 changes waiting');
		await page.waitForFunction(
			() => JSON.parse(localStorage.getItem('csp-field:data-kept') ?? '{}').waiting === 2
		);
		await context.close();

		// The browser evicts the origin's IndexedDB (localStorage, where the marker is, stays).
		context = await launch();
		page = context.pages()[0] ?? (await context.newPage());
		const cdp = await context.newCDPSession(page);
		await cdp.send('Storage.clearDataForOrigin', {
			origin: endpoint.origin,
			storageTypes: 'indexeddb'
		});
		await cdp.detach();

		await page.goto('/customers');
		const notice = page
			.getByRole('alert')
			.filter({ hasText: 'The browser deleted the data kept on this device' });
		await expect(notice).toBeVisible({ timeout: 30_000 });
		await expect(notice).toContainText(
			"Your organisation's data is being downloaded from the server again."
		);
		await expect(notice).toContainText(
			'2 changes made on this device had not been synced and are lost.'
		);
		// The organisation's data comes back from the server (without the lost change).
		await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
		await openCustomer(page, KOVACS);
		await expect(account(page)).not.toContainText('+36 30 555 0303');

		// The notice stays until dismissed, and the data is marked as kept again.
		await page.reload();
		await expect(notice).toBeVisible();
		await notice.getByRole('button', { name: 'Dismiss' }).click();
		await expect(notice).toHaveCount(0);
		await page.waitForFunction(() => localStorage.getItem('csp-field:data-kept') !== null);
		await page.reload();
		await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
		await expect(notice).toHaveCount(0);
	} finally {
		await context?.close().catch(() => undefined);
		await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
	}
});
