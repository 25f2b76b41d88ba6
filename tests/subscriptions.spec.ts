import type { Locator, Page } from '@playwright/test';
import { expect, networkIsReachable, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo } from './helpers';

// Workflow 6 and 7 of PRODUCT.md: Add subscription to an existing customer (New subscription
// page), then on the subscription's detail page choose the Designated support contact and change
// the Reseller (MPN ID).

const activeResellers = [
	'Budapest Cloud Partners Kft. (6123450)',
	'Tisza Informatika Bt. (6789016)',
	'Volga Digital (6345672)',
	'Wisła IT Solutions (6234561)'
];
const inactiveResellers = ['Alpine Systemhaus', 'Danube Managed Services', 'Baltic Office Experts'];

const optionLabels = (select: Locator) =>
	select.locator('option').evaluateAll((options) => options.map((o) => o.textContent?.trim()));
const selectedLabel = (select: Locator) => select.locator('option:checked');

/** Adds Microsoft 365 E3 for demo customer 1 and returns on its detail page. */
async function addE3(page: Page, licences: string): Promise<void> {
	await page.goto('/customers/demo-customer-1/subscriptions/new');
	await expect(page.getByRole('heading', { level: 1, name: 'New subscription' })).toBeVisible();
	await expect(page.getByText('Kovács és Társa Kft.')).toBeVisible();
	await page.getByRole('checkbox', { name: /^Microsoft 365 E3\b/ }).check();
	await page.getByLabel('Number of licences').fill(licences);
	await page.getByRole('button', { name: 'Submit' }).click();
}

async function setPartners(page: Page): Promise<void> {
	await page.getByLabel('Designated support contact').selectOption({
		label: 'Volga Digital (6345672)'
	});
	await page.getByLabel('Reseller (MPN ID)').selectOption({
		label: 'Tisza Informatika Bt. (6789016)'
	});
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved. The change is in the activity log.')).toBeVisible();
}

async function expectPartnersPersisted(page: Page): Promise<void> {
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Microsoft 365 E3' })).toBeVisible();
	await expect(selectedLabel(page.getByLabel('Reseller (MPN ID)'))).toHaveText(
		'Tisza Informatika Bt. (6789016)'
	);
	await expect(selectedLabel(page.getByLabel('Designated support contact'))).toHaveText(
		'Volga Digital (6345672)'
	);
}

test('add a subscription, then choose its support contact and reseller', async ({ page }) => {
	await loadDemo(page);

	// Zero licences: the error is next to the licences, and what was typed stays.
	await addE3(page, '0');
	const licences = page.getByLabel('Number of licences');
	await expect(licences).toHaveAttribute('aria-invalid', 'true');
	await expect(licences).toHaveAccessibleDescription(/from 1 to 100,000 licences/);
	await expect(licences).toHaveValue('0');
	await expect(page).toHaveURL(/\/subscriptions\/new$/);

	// Only active resellers are offered; the customer's own reseller is suggested.
	const reseller = page.getByLabel('Reseller (MPN ID)');
	expect(await optionLabels(reseller)).toEqual(['None', ...activeResellers]);
	await expect(selectedLabel(reseller)).toHaveText('Budapest Cloud Partners Kft. (6123450)');

	// The draft survives a reload.
	await licences.fill('25');
	await page.reload();
	await expect(page.getByLabel('Number of licences')).toHaveValue('25');
	await page.getByRole('button', { name: 'Submit' }).click();

	// The detail page of the new subscription asks for the Designated support contact.
	await expect(page).toHaveURL(/\/subscriptions\/[0-9a-f-]{36}\?created=1$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Microsoft 365 E3' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Kovács és Társa Kft.' })).toBeVisible();
	await expect(page.getByText('The subscription was added.')).toBeVisible();
	await expect(page.locator('dl.details')).toContainText('25');
	await expect(selectedLabel(page.getByLabel('Reseller (MPN ID)'))).toHaveText(
		'Budapest Cloud Partners Kft. (6123450)'
	);
	const supportOptions = await optionLabels(page.getByLabel('Designated support contact'));
	expect(supportOptions).toEqual(['Contoso Distribution CEE (you)', ...activeResellers]);

	await setPartners(page);
	await expect(page.getByText('The subscription was added.')).toBeHidden();
	await expectPartnersPersisted(page);
	const url = page.url();

	// The change is in the subscription's own activity and on the Activity page.
	await expect(page.getByRole('list', { name: 'Changes to this subscription' })).toContainText(
		'Tisza Informatika Bt. (6789016)'
	);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Activity' })
		.click();
	const newest = page.getByRole('list', { name: 'Activity log' }).getByRole('listitem').first();
	await expect(newest).toContainText(
		'Changed Reseller (MPN ID) and Designated support contact of a subscription'
	);
	const changes = newest.getByRole('list', { name: 'Changed fields' });
	await expect(changes.getByRole('listitem').filter({ hasText: 'Reseller (MPN ID):' })).toHaveText(
		/Budapest Cloud Partners Kft\. \(6123450\)\s*→.*Tisza Informatika Bt\. \(6789016\)/
	);
	await expect(
		changes.getByRole('listitem').filter({ hasText: 'Designated support contact:' })
	).toContainText('Volga Digital (6345672)');
	await newest.getByRole('link').click();
	await expect(page).toHaveURL(url.replace('?created=1', ''));
});

test('a reseller whose partnership is not active is not offered', async ({ page }) => {
	await loadDemo(page);

	// Remove the partnership with Volga Digital, the reseller of demo customer 3.
	await page.goto('/resellers');
	await page.getByRole('button', { name: 'Remove partnership with Volga Digital' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove partnership' });
	await dialog.getByRole('checkbox').check();
	await dialog.getByRole('button', { name: 'Yes' }).click();
	await expect(dialog).toBeHidden();

	// New subscription: neither the removed nor the requested resellers are offered.
	await page.goto('/customers/demo-customer-3/subscriptions/new');
	const reseller = page.getByLabel('Reseller (MPN ID)');
	const offered = (await optionLabels(reseller)).join('\n');
	for (const name of [...inactiveResellers, 'Volga Digital']) expect(offered).not.toContain(name);
	await expect(selectedLabel(reseller)).toHaveText('None');

	// An existing subscription still shows Volga Digital, disabled, with a note.
	await page.goto('/subscriptions/demo-subscription-3-1');
	const current = page.getByLabel('Reseller (MPN ID)');
	await expect(selectedLabel(current)).toHaveText(
		'Volga Digital (6345672) — partnership not active'
	);
	await expect(current.locator('option:checked')).toBeDisabled();
	await expect(page.getByText('is still credited on this subscription')).toBeVisible();

	// Saving it unchanged is refused next to the field; choosing None works.
	await page.getByLabel('Designated support contact').selectOption({
		label: 'Contoso Distribution CEE (you)'
	});
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(current).toHaveAccessibleDescription(/active partnership/);
	await current.selectOption({ label: 'None' });
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved. The change is in the activity log.')).toBeVisible();
	await page.reload();
	await expect(selectedLabel(page.getByLabel('Reseller (MPN ID)'))).toHaveText('None');
	await expect(page.getByText('is still credited on this subscription')).toBeHidden();
});

test('the same flow works offline after the first visit', async ({ page, persistentContext }) => {
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);

	await addE3(page, '25');
	await expect(page).toHaveURL(/\/subscriptions\/[0-9a-f-]{36}\?created=1$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Microsoft 365 E3' })).toBeVisible();
	await setPartners(page);
	await expectPartnersPersisted(page);

	await page.goto('/activity');
	await expect(
		page.getByRole('list', { name: 'Activity log' }).getByRole('listitem').first()
	).toContainText('Changed Reseller (MPN ID) and Designated support contact of a subscription');
	expect(await networkIsReachable(page)).toBe(false);
});
