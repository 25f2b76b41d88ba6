// Issue 12: what a partnership shares. The provider (Contoso, org demo) and the reseller
// (Fabrikam, org demo-other) relate through CSP Field; the customer the provider then adds for
// Fabrikam appears in Fabrikam's Customers, owned by Contoso and read-only, with its
// subscription. Then the reseller removes the partnership on Indirect providers and the
// provider's open page shows it removed; the shared customer stays. Two organisations, two
// browsers, the real endpoint and relationship service.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signedInDevice, syncStatus, useThrowawayEndpoint } from './endpoint';

const endpoint = useThrowawayEndpoint('shared-customers');
const PROVIDER = ['demo-global-admin', 'global-admin-demo'] as const;
const RESELLER = ['other-global-admin', 'other-admin-demo'] as const;
const FABRIKAM = {
	name: 'Fabrikam Reseller Kft.',
	email: 'partners@fabrikam.example',
	mpnId: '6900001'
};
const CONTOSO = 'Contoso Distribution CEE';
const COMPANY = 'Fabrikam Ügyfél Kft.';

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

async function relate(provider: Page, reseller: Page): Promise<void> {
	await provider.goto('/resellers/request');
	await provider.getByLabel('Reseller name').fill(FABRIKAM.name);
	await provider.getByLabel('Reseller email').fill(FABRIKAM.email);
	await provider.getByLabel('MPN ID').fill(FABRIKAM.mpnId);
	await provider.getByRole('button', { name: 'Create draft email' }).click();
	await expect(provider.getByLabel('Email message')).toHaveValue(/\/invitations\/partnership\//);
	await provider.getByRole('button', { name: 'Done' }).click();
	await expect(resellerRow(provider)).toContainText('Requested');

	await reseller.goto('/providers');
	const accept = providerRow(reseller).getByRole('button', { name: /^Accept/ });
	await expect(accept).toBeVisible({ timeout: 30_000 });
	await accept.click();
	await expect(resellerRow(provider)).toContainText('Active', { timeout: 30_000 });
}

async function addCustomerForFabrikam(page: Page): Promise<void> {
	await page.getByRole('link', { name: `Add new customer for ${FABRIKAM.name}` }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add new customer' })).toBeVisible();
	await page.getByLabel('Company name').fill(COMPANY);
	await page.getByLabel('Domain', { exact: true }).fill('fabrikamugyfel');
	await page.getByLabel('Address line 1').fill('Fő utca 12.');
	await page.getByLabel('City').fill('Budapest');
	await page.getByLabel('Postal code').fill('1051');
	await page.getByLabel('Contact first name').fill('Júlia');
	await page.getByLabel('Contact last name').fill('Fekete');
	await page.getByLabel('Email').fill('julia.fekete@fabrikamugyfel.example');
	await page.getByLabel('Phone').fill('+36 1 555 0199');
	await page.getByLabel('Organisation registration number').fill('01-09-999998');
	await page.getByLabel('The customer has accepted the Microsoft Customer Agreement').check();
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	const offer = 'Microsoft 365 Business Basic';
	const item = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('checkbox', { name: offer }) });
	await item.getByRole('checkbox', { name: offer }).check();
	await item.getByLabel('Number of licences').fill('10');
	await page.getByRole('button', { name: 'Next: Review' }).click();
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByRole('heading', { name: 'Setup info' })).toBeVisible();
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page).toHaveURL('/customers');
}

test('the customer the provider adds for the reseller appears in the reseller’s Customers, read-only, with its subscription', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const provider = await signedInDevice(browser, endpoint.origin, PROVIDER);
	const reseller = await signedInDevice(browser, endpoint.origin, RESELLER);
	await relate(provider.page, reseller.page);

	await addCustomerForFabrikam(provider.page);
	await expect(syncStatus(provider.page)).toContainText('Synced', { timeout: 30_000 });

	await reseller.page.goto('/customers');
	const row = reseller.page.getByRole('listitem').filter({ hasText: COMPANY });
	await expect(row).toBeVisible({ timeout: 30_000 });
	await expect(row).toContainText(`Owned by ${CONTOSO}`);
	await row.getByRole('link', { name: COMPANY }).click();
	await expect(reseller.page.getByRole('heading', { level: 1, name: COMPANY })).toBeVisible();
	await expect(
		reseller.page.getByText(
			`Owned by ${CONTOSO}: shared with your organisation read-only. Only ${CONTOSO} can change it.`
		)
	).toBeVisible();
	await expect(reseller.page.getByRole('heading', { name: 'Details (read only)' })).toBeVisible();
	await expect(reseller.page.getByRole('link', { name: 'Add subscription' })).toHaveCount(0);
	await expect(
		reseller.page.getByRole('button', { name: /^Remove customer relationship/ })
	).toHaveCount(0);
	const subscription = reseller.page
		.getByRole('list', { name: `Subscriptions of ${COMPANY}` })
		.getByRole('link', { name: 'Microsoft 365 Business Basic' });
	await expect(subscription).toBeVisible({ timeout: 30_000 });
	await subscription.click();
	await expect(
		reseller.page.getByText(
			`Owned by ${CONTOSO}: shared with your organisation read-only. Only ${CONTOSO} can change it.`
		)
	).toBeVisible();
	await expect(reseller.page.getByRole('button', { name: /^Suspend/ })).toHaveCount(0);
	await expect(reseller.page.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
	await provider.context.close();
	await reseller.context.close();
});

test('the reseller removes the partnership on Indirect providers; the provider’s open page shows it removed', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const provider = await signedInDevice(browser, endpoint.origin, PROVIDER);
	const reseller = await signedInDevice(browser, endpoint.origin, RESELLER);
	await expect(resellerRow(provider.page)).toContainText('Active', { timeout: 30_000 });
	await reseller.page.goto('/providers');
	const row = providerRow(reseller.page);
	await expect(row).toContainText('Active', { timeout: 30_000 });

	await row.getByRole('button', { name: /^Remove partnership/ }).click();
	const dialog = reseller.page.getByRole('dialog');
	await expect(dialog).toContainText(
		`Do you want to remove the partnership with ${CONTOSO} (MPN ID 5100001)?`
	);
	await dialog.getByRole('checkbox').check();
	await dialog.getByRole('button', { name: 'Yes' }).click();
	await expect(dialog).toHaveCount(0);
	await expect(row).toContainText('The partnership was removed.');
	// The provider's open page: Fabrikam leaves the current partners (removed ones are hidden).
	await expect(resellerRow(provider.page)).toHaveCount(0, { timeout: 30_000 });
	await expect(syncStatus(reseller.page)).toContainText('Synced', { timeout: 30_000 });
	await expect(row).toContainText('The partnership was removed.');

	// The shared customer stays with the reseller.
	await reseller.page.goto('/customers');
	await expect(reseller.page.getByRole('listitem').filter({ hasText: COMPANY })).toBeVisible();
	await provider.context.close();
	await reseller.context.close();
});
