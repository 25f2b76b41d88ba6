import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loadDemo } from './helpers';

/** Changes the support contact of a demo subscription on its detail page. */
async function changeSupportContact(page: Page, subscriptionId: string, label: string) {
	await page.goto(`/subscriptions/${subscriptionId}`);
	await page.getByLabel('Designated support contact').selectOption({ label });
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved. The change is in the activity log.')).toBeVisible();
}

test('activity lists every change newest first and filters by record type', async ({ page }) => {
	await loadDemo(page);
	await changeSupportContact(page, 'demo-subscription-1-1', 'Contoso Distribution CEE (you)');
	await changeSupportContact(page, 'demo-subscription-2-1', 'Contoso Distribution CEE (you)');

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Activity' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
	const log = page.getByRole('list', { name: 'Activity log' });
	const entries = log.locator(':scope > div > [role="listitem"]');
	await expect(entries).toHaveCount(3);
	await expect(page.getByText('3 changes')).toBeVisible();

	// Newest first: the second change, the first change, then loading the demo data.
	await expect(entries.nth(0).getByRole('link')).toHaveAttribute(
		'href',
		'/subscriptions/demo-subscription-2-1'
	);
	await expect(entries.nth(1).getByRole('link')).toHaveAttribute(
		'href',
		'/subscriptions/demo-subscription-1-1'
	);
	await expect(entries.nth(2)).toContainText('Loaded demo data');
	const times = await entries
		.locator('time')
		.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
	expect(times).toEqual([...times].sort().reverse());
	await expect(entries.nth(0)).toContainText(/Designated support contact:\s*Wisła IT Solutions/);
	await expect(entries.nth(0)).toContainText('Field user');
	await expect(entries.nth(0)).toContainText('(this device)');

	// Record type filter.
	const recordType = page.getByLabel('Record type');
	expect(
		await recordType.locator('option').evaluateAll((o) => o.map((n) => n.textContent?.trim()))
	).toEqual([
		'All',
		'Partners',
		'Partnerships',
		'Customers',
		'Subscriptions',
		'Invitations',
		'GDAP relationships',
		'Organisation settings'
	]);
	await recordType.selectOption({ label: 'Partners' });
	await expect(entries).toHaveCount(1);
	await expect(entries.first()).toContainText('Loaded demo data');
	await recordType.selectOption({ label: 'Customers' });
	await expect(page.getByText('No changes match the filters.')).toBeVisible();
	await recordType.selectOption({ label: 'Subscriptions' });
	await expect(entries).toHaveCount(2);

	// Text search over the loaded entries.
	await recordType.selectOption({ label: 'All' });
	await page.getByLabel('Search activity').fill('demo data');
	await expect(entries).toHaveCount(1);
	await expect(entries.first()).toContainText('Loaded demo data');

	// An entry opens its record.
	await page.getByLabel('Search activity').fill('');
	await entries.nth(1).getByRole('link').click();
	await expect(page).toHaveURL('/subscriptions/demo-subscription-1-1');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the provider profile is read-only and names the Microsoft representative', async ({
	page
}) => {
	await loadDemo(page);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Provider profile' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Provider profile' })).toBeVisible();
	await expect(
		page.getByText(
			"To change your company's indirect provider profile, contact your Microsoft representative."
		)
	).toBeVisible();

	const main = page.getByRole('main');
	await expect(main).toContainText('Contoso Distribution CEE');
	await expect(main).toContainText('5100001');
	await expect(main).toContainText('Hungary');
	await expect(main).toContainText('Poland');
	await expect(main).toContainText('United States');
	await expect(main).toContainText('partners@contoso-distribution.example');
	await expect(main).toContainText('https://contoso-distribution.example');
	await expect(main.getByText('Signed', { exact: true })).toBeVisible();

	// Nothing to edit.
	for (const role of [
		'textbox',
		'combobox',
		'checkbox',
		'radio',
		'spinbutton',
		'button'
	] as const) {
		await expect(main.getByRole(role)).toHaveCount(0);
	}
	await expect(main.locator('input, select, textarea, [contenteditable="true"], form')).toHaveCount(
		0
	);
});
