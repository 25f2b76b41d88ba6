// The Conflicts view against the real endpoint: this file starts its own PouchDB Server and app
// server (scripts/start.js, fresh data in a temporary folder), like sync.spec.ts. Two browser
// contexts are two devices of the demo organisation.
import type { Browser, Page } from '@playwright/test';
import {
	editPhone,
	openCustomer,
	openDevice,
	signIn as signInUser,
	syncStatus,
	useThrowawayEndpoint
} from './endpoint';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('conflicts');
const device = (browser: Browser) => openDevice(browser, endpoint.origin);
const signIn = (page: Page, name: string, password: string) =>
	signInUser(page, name, password, { synced: true });

const KOVACS = 'Kovács és Társa Kft.';
const status = syncStatus;
const account = (page: Page) => page.getByRole('region', { name: 'Account' });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('the same field edited offline on two devices: the later edit wins, the lost value can be restored', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const a = await device(browser);
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo');
	const b = await device(browser);
	await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo');
	await openCustomer(a.page, KOVACS);
	await openCustomer(b.page, KOVACS);

	// Both offline; B edits the phone first, A later: A's edit is the later one and wins.
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await editPhone(b.page, '+36 30 100 1111');
	await b.page.waitForTimeout(50);
	await editPhone(a.page, '+36 30 200 2222');

	// A reconnects first; B's push then meets A's version and settles the conflict.
	await a.context.setOffline(false);
	await expect(status(a.page)).toContainText('Synced', { timeout: 30_000 });
	await b.context.setOffline(false);
	await expect(status(b.page)).toContainText('Synced', { timeout: 30_000 });
	for (const page of [a.page, b.page]) {
		await expect(account(page)).toContainText('+36 30 200 2222', { timeout: 30_000 });
	}

	// B, whose value lost, sees it in Conflicts (the count is in the nav).
	const link = nav(b.page).getByRole('link', { name: /^Conflicts/ });
	await expect(link).toContainText('1', { timeout: 20_000 });
	await link.click();
	await expect(b.page.getByRole('heading', { level: 1, name: 'Conflicts' })).toBeVisible();
	const item = b.page.getByRole('list', { name: 'Open conflicts' }).getByRole('listitem');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText(KOVACS);
	await expect(item).toContainText('contact.phone');
	await expect(item).toContainText(/Kept\s*\+36 30 200 2222/);
	await expect(item).toContainText(/Lost\s*\+36 30 100 1111/);

	// A settled nothing: no open conflicts there.
	await nav(a.page)
		.getByRole('link', { name: /^Conflicts/ })
		.click();
	await expect(a.page.getByText('No open conflicts on this device.')).toBeVisible();

	// Restore: B's value becomes a normal change and reaches A.
	await item.getByRole('button', { name: 'Restore this value' }).click();
	await expect(
		b.page.getByRole('status').filter({ hasText: 'Restored contact.phone' })
	).toBeVisible();
	await expect(b.page.getByText('No open conflicts on this device.')).toBeVisible();
	await expect(link).not.toContainText('1');
	await expect(status(b.page)).toContainText('Synced', { timeout: 30_000 });
	await openCustomer(a.page, KOVACS);
	await expect(account(a.page)).toContainText('+36 30 100 1111', { timeout: 30_000 });

	await a.context.close();
	await b.context.close();
});
