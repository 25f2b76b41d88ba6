// Issue 12: a provider's partnership request reaches the reseller's Indirect providers page
// (the relationship service's copy, in the reseller's own database), where the reseller's
// Global admin accepts it offline; once the device syncs, the service applies the answer and the
// provider's open page shows Active. Then the provider removes the partnership (the reseller's
// page follows), requests again, and the reseller declines online. Two organisations, two
// browsers, the real endpoint and service.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signedInDevice, syncStatus, useThrowawayEndpoint } from './endpoint';

const endpoint = useThrowawayEndpoint('partnership-offline');
const PROVIDER = ['demo-global-admin', 'global-admin-demo'] as const;
const RESELLER = ['other-global-admin', 'other-admin-demo'] as const;
const FABRIKAM = {
	name: 'Fabrikam Reseller Kft.',
	email: 'partners@fabrikam.example',
	mpnId: '6900001'
};
const CONTOSO = 'Contoso Distribution CEE';

async function requestPartnership(page: Page): Promise<void> {
	await page.goto('/resellers/request');
	await page.getByLabel('Reseller name').fill(FABRIKAM.name);
	await page.getByLabel('Reseller email').fill(FABRIKAM.email);
	await page.getByLabel('MPN ID').fill(FABRIKAM.mpnId);
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(page.getByLabel('Email message')).toHaveValue(/\/invitations\/partnership\//);
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect resellers' })).toBeVisible();
	await expect(resellerRow(page)).toContainText('Requested');
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
}

const resellerRow = (page: Page) =>
	page
		.getByRole('list', { name: 'Resellers' })
		.getByRole('listitem')
		.filter({ hasText: FABRIKAM.name });

const providerRow = (page: Page) =>
	page
		.getByRole('list', { name: 'Indirect providers' })
		.getByRole('listitem')
		.filter({ hasText: CONTOSO });

test('the reseller accepts offline on Indirect providers; after sync the provider sees Active', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const provider = await signedInDevice(browser, endpoint.origin, PROVIDER);
	await requestPartnership(provider.page);

	const reseller = await signedInDevice(browser, endpoint.origin, RESELLER);
	await reseller.page.goto('/providers');
	const row = providerRow(reseller.page);
	const accept = row.getByRole('button', { name: /^Accept/ });
	// The service shares the request with the organisation of the MPN ID; it arrives by sync.
	await expect(accept).toBeVisible({ timeout: 30_000 });
	await expect(row).toContainText('Requested');

	await reseller.context.setOffline(true);
	await accept.click();
	await expect(row).toContainText('Active');
	await expect(syncStatus(reseller.page)).not.toContainText('Synced');
	// Nothing reached the provider while the reseller's device is offline.
	await expect(resellerRow(provider.page)).toContainText('Requested');

	await reseller.context.setOffline(false);
	await expect(resellerRow(provider.page)).toContainText('Active', { timeout: 30_000 });
	await expect(syncStatus(reseller.page)).toContainText('Synced', { timeout: 30_000 });
	await expect(row).toContainText('Active');
	await expect(row.getByRole('link', { name: /^Invite new customers/ })).toBeVisible();
	await provider.context.close();
	await reseller.context.close();
});

test('the provider’s removal reaches the reseller; a new request declined online', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const provider = await signedInDevice(browser, endpoint.origin, PROVIDER);
	const reseller = await signedInDevice(browser, endpoint.origin, RESELLER);
	await reseller.page.goto('/providers');
	const row = providerRow(reseller.page);
	await expect(row).toContainText('Active', { timeout: 30_000 });

	await resellerRow(provider.page)
		.getByRole('button', { name: /^Remove partnership/ })
		.click();
	const dialog = provider.page.getByRole('dialog');
	await dialog.getByRole('checkbox').check();
	await dialog.getByRole('button', { name: 'Yes' }).click();
	await expect(resellerRow(provider.page)).toHaveCount(0);
	await expect(row).toContainText('The partnership was removed.', { timeout: 30_000 });

	await requestPartnership(provider.page);
	const decline = row.getByRole('button', { name: /^Decline/ });
	await expect(decline).toBeVisible({ timeout: 30_000 });
	await decline.click();
	await expect(row).toContainText('The partnership was removed.');
	await expect(resellerRow(provider.page)).toHaveCount(0, { timeout: 30_000 });
	await expect(syncStatus(reseller.page)).toContainText('Synced', { timeout: 30_000 });
	await expect(row.getByRole('button', { name: /^Accept/ })).toHaveCount(0);
	await provider.context.close();
	await reseller.context.close();
});
