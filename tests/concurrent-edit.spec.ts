// An edit that arrives from another device while a form is open is not reverted by saving the
// form: the form follows it in every field the user has not typed into, and saving writes only
// what was typed. Against the real endpoint (its own app and PouchDB Server, see ./endpoint.ts).
import type { Page } from '@playwright/test';
import { openCustomer, openDevice, signIn, syncStatus, useThrowawayEndpoint } from './endpoint';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('concurrent-edit');

const KOVACS = 'Kovács és Társa Kft.';
const account = (page: Page) => page.getByRole('region', { name: 'Account' });
const saved = (page: Page) =>
	expect(page.getByRole('status').filter({ hasText: 'The changes were saved.' })).toBeVisible();

test("saving an open form keeps another device's edit of another field", async ({ browser }) => {
	test.setTimeout(120_000);
	const a = await openDevice(browser, endpoint.origin);
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	const b = await openDevice(browser, endpoint.origin);
	await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
	await openCustomer(a.page, KOVACS);
	await openCustomer(b.page, KOVACS);

	// A starts typing a phone number; meanwhile B changes the city and it reaches A.
	await a.page.getByLabel('Phone').fill('+36 30 444 5555');
	await b.page.getByLabel('City').fill('Győr');
	await b.page.getByRole('button', { name: 'Save changes' }).click();
	await saved(b.page);
	await expect(syncStatus(b.page)).toContainText('Synced', { timeout: 30_000 });
	await expect(a.page.getByLabel('City')).toHaveValue('Győr', { timeout: 20_000 });
	await expect(a.page.getByLabel('Phone')).toHaveValue('+36 30 444 5555');

	await a.page.getByRole('button', { name: 'Save changes' }).click();
	await saved(a.page);
	await expect(syncStatus(a.page)).toContainText('Synced', { timeout: 30_000 });
	for (const page of [a.page, b.page]) {
		await expect(account(page)).toContainText('+36 30 444 5555', { timeout: 20_000 });
		await expect(account(page)).toContainText('Győr');
	}

	await a.context.close();
	await b.context.close();
});
