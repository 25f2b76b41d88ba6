// Issue 12, the demo as `npm start` sets it up (startApp({ demoRelationships: true })): a new
// user opens the printed link of the pending partnership request, signs in as
// reseller-global-admin and accepts; the demo provider's Indirect resellers shows Budapest Cloud
// Partners Kft. Active, next to the active partnership with Fabrikam Reseller Kft. The devices'
// demo data keep the server's records: one Contoso on the reseller's Indirect providers, one
// Budapest Cloud Partners Kft. on the provider's Indirect resellers. A Sales agent of the reseller
// sees the request on Indirect providers but cannot answer it. The demo provider's customers for
// Fabrikam are in Fabrikam's Customers, owned by Contoso.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { startApp } from '../scripts/start.js';
import { startAppUnderTest } from '../server/test-couch.js';
import { expect, test } from './fixtures';
import { openDevice, signedInDevice } from './endpoint';

let app: Awaited<ReturnType<typeof startApp>> | undefined;
let dataDir = '';
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'csp-field-demo-relationships-'));
	app = await startAppUnderTest(dataDir, { root: 'build', demoRelationships: true });
});
test.afterAll(async () => {
	await app?.close();
	await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
});

const origin = () => (app?.appUrl ?? '').replace(/\/$/, '');
const rows = (page: Page, list: string, name: string) =>
	page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: name });

test('the printed link, accepted as reseller-global-admin, makes the partnership Active for the provider', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const link = app?.demoRelationships?.pending ?? '';
	expect(link, 'startApp gives the pending request’s link').toMatch(
		/\/invitations\/partnership\/[A-Za-z0-9_-]{43}$/
	);

	const reseller = await openDevice(browser, origin());
	await reseller.page.goto(new URL(link).pathname);
	await reseller.page.getByRole('link', { name: 'Sign in' }).last().click();
	await reseller.page.getByLabel('User name').fill('reseller-global-admin');
	await reseller.page.getByLabel('Password').fill('reseller-global-admin-demo');
	await reseller.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(reseller.page).toHaveURL(new URL(link).pathname, { timeout: 30_000 });
	await expect(
		reseller.page.getByText(
			'Contoso Distribution CEE invites your organisation to become its indirect reseller.'
		)
	).toBeVisible({ timeout: 30_000 });
	// A Sales agent of the reseller sees the request on Indirect providers, without Accept.
	const salesAgent = await signedInDevice(browser, origin(), [
		'reseller-sales-agent',
		'reseller-sales-agent-demo'
	]);
	await salesAgent.page.goto('/providers');
	const request = rows(salesAgent.page, 'Indirect providers', 'Contoso Distribution CEE');
	await expect(request).toContainText('Requested', { timeout: 30_000 });
	await expect(request.getByRole('button', { name: /^Accept/ })).toBeDisabled();
	await expect(request.getByRole('button', { name: /^Decline/ })).toBeDisabled();
	await expect(
		salesAgent.page.getByText(
			'Only a Global admin or an Admin agent of your organisation can accept or decline a partnership request.'
		)
	).toBeVisible();
	await salesAgent.context.close();

	await reseller.page.getByRole('button', { name: 'Accept' }).click();
	await expect(
		reseller.page.getByText(
			'You accepted the partnership. Contoso Distribution CEE now sees it as active.'
		)
	).toBeVisible({ timeout: 30_000 });

	// The reseller's demo data uses the service's copy of Contoso: one row, now active.
	await reseller.page.goto('/providers');
	const contoso = rows(reseller.page, 'Indirect providers', 'Contoso Distribution CEE');
	await expect(contoso).toHaveCount(1, { timeout: 30_000 });
	await expect(contoso).toContainText('Active', { timeout: 30_000 });

	const provider = await signedInDevice(browser, origin(), [
		'demo-global-admin',
		'global-admin-demo'
	]);
	const budapest = rows(provider.page, 'Resellers', 'Budapest Cloud Partners Kft.');
	await expect(budapest).toHaveCount(1, { timeout: 30_000 });
	await expect(budapest).toContainText('Active');
	await expect(rows(provider.page, 'Resellers', 'Fabrikam Reseller Kft.')).toContainText('Active');
	await provider.context.close();
	await reseller.context.close();
});

test('the demo provider’s customers for Fabrikam are in Fabrikam’s Customers, owned by Contoso', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const fabrikam = await signedInDevice(browser, origin(), [
		'other-global-admin',
		'other-admin-demo'
	]);
	await fabrikam.page.goto('/customers');
	for (const name of ['Szolnoki Vízművek Kft.', 'Kaposvári Nyomda Bt.']) {
		const row = fabrikam.page.getByRole('listitem').filter({ hasText: name });
		await expect(row).toBeVisible({ timeout: 30_000 });
		await expect(row).toContainText('Owned by Contoso Distribution CEE');
	}
	await fabrikam.context.close();
});
