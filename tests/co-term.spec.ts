import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, test } from './fixtures';
import { loadDemo } from './helpers';

// Issue 15, co-term: a new subscription may end on the same date as another subscription of the
// customer (Partner Center's custom term end date). The demo's Microsoft 365 E3 of customer 6
// renews in 10 days, within the month of a new monthly subscription and after its 7-day window.

const T0 = new Date('2026-12-07T10:00:00.000Z');

const renewalDate = (page: Page) =>
	page.getByRole('region', { name: 'Details' }).locator('dt:text-is("Renewal date") + dd time');

test('a new subscription can end with another subscription of the customer', async ({ page }) => {
	await page.clock.install({ time: T0 });
	await loadDemo(page);
	await page.goto('/subscriptions/demo-lifecycle-renews-10');
	const otherEnd = await renewalDate(page).getAttribute('datetime');
	expect(otherEnd).toBeTruthy();

	await page.goto('/customers/demo-customer-6/subscriptions/new');
	await expect(page.getByRole('heading', { level: 1, name: 'New subscription' })).toBeVisible();
	// No offer chosen: nothing to co-term yet.
	await expect(page.getByLabel('Term end date')).toHaveCount(0);
	await page.getByRole('checkbox', { name: /^Microsoft 365 Business Basic\b/ }).check();
	await page.getByLabel('Number of licences').fill('3');
	const endDate = page.getByLabel('Term end date');
	await expect(endDate).toHaveAccessibleDescription(/so that they renew together/);
	await expect(endDate.locator('option:checked')).toHaveText(/^End of the term \(/);
	const coTerm = endDate.locator('option', { hasText: 'with Microsoft 365 E3' });
	await expect(coTerm).toHaveCount(1);
	await expectNoSeriousViolations(page);
	await endDate.selectOption({ value: String(otherEnd) });

	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Microsoft 365 Business Basic' })
	).toBeVisible();
	await expect(renewalDate(page)).toHaveAttribute('datetime', String(otherEnd));
});

test('without a choice the new subscription ends at the end of its term', async ({ page }) => {
	await page.clock.install({ time: T0 });
	await loadDemo(page);
	await page.goto('/customers/demo-customer-6/subscriptions/new');
	await page.getByRole('checkbox', { name: /^Microsoft 365 Business Basic\b/ }).check();
	await page.getByLabel('Number of licences').fill('2');
	await expect(page.getByLabel('Term end date')).toBeVisible();
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Microsoft 365 Business Basic' })
	).toBeVisible();
	// A monthly term from 7 December ends on 7 January.
	await expect(renewalDate(page)).toHaveAttribute('datetime', /^2027-01-07T10:/);
});

test('a yearly term chosen on New subscription co-terms with a subscription ending within the year', async ({
	page
}) => {
	await page.clock.install({ time: T0 });
	await loadDemo(page);
	// Customer 7's Exchange Online (Plan 1) renews in 40 days: after a monthly term ends.
	await page.goto('/subscriptions/demo-lifecycle-renews-40');
	const otherEnd = await renewalDate(page).getAttribute('datetime');
	expect(otherEnd).toBeTruthy();

	await page.goto('/customers/demo-customer-7/subscriptions/new');
	await page.getByRole('checkbox', { name: /^Microsoft 365 E3\b/ }).check();
	await page.getByLabel('Number of licences').fill('4');
	const term = page.getByLabel('Term duration');
	const billing = page.getByLabel('Billing frequency');
	await expect(term.locator('option')).toHaveText(['1 month', '1 year', '3 years']);
	await expect(term.locator('option:checked')).toHaveText('1 month');
	// A monthly term has no annual or triennial billing, and nothing to co-term with.
	await expect(billing.locator('option')).toHaveText(['Monthly']);
	await expect(page.getByLabel('Term end date')).toHaveCount(0);

	await term.selectOption({ label: '3 years' });
	await expect(billing.locator('option')).toHaveText(['Monthly', 'Annual', 'Every three years']);
	await term.selectOption({ label: '1 year' });
	await expect(billing.locator('option')).toHaveText(['Monthly', 'Annual']);
	await billing.selectOption({ label: 'Annual' });
	const endDate = page.getByLabel('Term end date');
	await expect(endDate.locator('option:checked')).toHaveText(/^End of the term \(/);
	await expect(endDate.locator('option', { hasText: 'with Exchange Online (Plan 1)' })).toHaveCount(
		1
	);
	await expectNoSeriousViolations(page);
	await endDate.selectOption({ value: String(otherEnd) });

	// Offline: the choice is checked on the device and stored to sync later.
	await page.context().setOffline(true);
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Microsoft 365 E3' })).toBeVisible();
	const details = page.getByRole('region', { name: 'Details' });
	await expect(details.locator('dt:text-is("Term") + dd')).toHaveText('1 year');
	await expect(details.locator('dt:text-is("Billing cycle") + dd')).toHaveText('Annual');
	await expect(renewalDate(page)).toHaveAttribute('datetime', String(otherEnd));
	await page.context().setOffline(false);
});

test('offers of different terms each get their own end: the co-term date only where it fits', async ({
	page
}) => {
	await page.clock.install({ time: T0 });
	await loadDemo(page);
	// Customer 7's Exchange Online (Plan 1) renews in 40 days: within a year, after a month.
	await page.goto('/subscriptions/demo-lifecycle-renews-40');
	const otherEnd = String(await renewalDate(page).getAttribute('datetime'));
	const e3Links = async () => {
		await page.goto('/customers/demo-customer-7');
		// The subscription list is there once it shows the Exchange Online subscription.
		await expect(
			page.locator('a[href="/subscriptions/demo-lifecycle-renews-40"]').first()
		).toBeVisible();
		return page
			.getByRole('listitem')
			.filter({ hasText: 'Microsoft 365 E3' })
			.locator('a[href^="/subscriptions/"]')
			.evaluateAll((links) => links.map((link) => link.getAttribute('href')));
	};
	const before = await e3Links();

	await page.goto('/customers/demo-customer-7/subscriptions/new');
	const line = (offer: string) =>
		page
			.getByRole('group', { name: 'Offers' })
			.getByRole('listitem')
			.filter({ has: page.getByRole('checkbox', { name: new RegExp(`^${offer}\\b`) }) });
	await line('Microsoft 365 Business Basic').getByRole('checkbox').check();
	await line('Microsoft 365 Business Basic').getByLabel('Number of licences').fill('3');
	await line('Microsoft 365 E3').getByRole('checkbox').check();
	await line('Microsoft 365 E3').getByLabel('Number of licences').fill('4');
	await line('Microsoft 365 E3').getByLabel('Term duration').selectOption({ label: '1 year' });
	await line('Microsoft 365 E3').getByLabel('Billing frequency').selectOption({ label: 'Annual' });

	// The Exchange date fits the yearly term only; it is offered, and the page says what it does.
	const endDate = page.getByLabel('Term end date');
	await expect(endDate.locator('option:checked')).toHaveText('End of each term');
	await expect(endDate).toHaveAccessibleDescription(
		/A new subscription whose term this date does not fit ends at the end of its own term\./
	);
	await endDate.selectOption({ value: otherEnd });
	await expectNoSeriousViolations(page);
	await page.getByRole('button', { name: 'Submit' }).click();

	// The monthly one ends a month after 7 December; the yearly one with Exchange Online.
	await expect(
		page.getByRole('heading', { level: 1, name: 'Microsoft 365 Business Basic' })
	).toBeVisible();
	await expect(renewalDate(page)).toHaveAttribute('datetime', /^2027-01-07T10:/);
	const added = [...new Set(await e3Links())].filter((href) => !before.includes(href));
	expect(added).toHaveLength(1);
	await page.goto(String(added[0]));
	await expect(page.getByRole('heading', { level: 1, name: 'Microsoft 365 E3' })).toBeVisible();
	const details = page.getByRole('region', { name: 'Details' });
	await expect(details.locator('dt:text-is("Term") + dd')).toHaveText('1 year');
	await expect(renewalDate(page)).toHaveAttribute('datetime', otherEnd);
});
