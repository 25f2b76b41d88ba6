import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, networkIsReachable, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo, loadResellerDemo, openFromMainNavigation } from './helpers';

// The Renewals page (issue 15): the subscriptions that renew or end within 30 / 60 / 90 days,
// by reseller and customer, with the demo's lifecycle subscriptions (DEMO_LIFECYCLE_SUBSCRIPTIONS
// in src/lib/services/demo-lifecycle.ts), offline after the first visit; the Overview's card;
// the Customers' subscription rows with their status, renewal date and cancellation window.

const WISLA = 'Wisła IT Solutions (6234561)';
const BUDAPEST = 'Budapest Cloud Partners Kft. (6123450)';

const renewalList = (page: Page) => page.getByRole('list', { name: 'Renewals' });
const rowOf = (page: Page, id: string) =>
	renewalList(page)
		.getByRole('listitem')
		.filter({ has: page.locator(`a[href="/subscriptions/${id}"]`) });
/** A subscription's row in a customer's list of subscriptions. */
const subscriptionItem = (page: Page, id: string) =>
	page.getByRole('listitem').filter({ has: page.locator(`a[href="/subscriptions/${id}"]`) });
const countLine = (page: Page) =>
	page.getByRole('status').filter({ hasText: /renews? or ends? within/ });

function collectPageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

async function searchCustomer(page: Page, text: string): Promise<void> {
	await page.getByRole('searchbox', { name: 'Customer' }).fill(text);
	await expect(page).toHaveURL(new RegExp(`customer=${encodeURIComponent(text)}`));
}

test('Renewals filters by 30 / 60 / 90 days, reseller and customer, and a row opens the subscription', async ({
	page
}) => {
	const pageErrors = collectPageErrors(page);
	await loadDemo(page);
	await openFromMainNavigation(page, 'Renewals');
	await expect(page).toHaveTitle('Renewals · CSP Field');
	await expect(page.getByLabel('Renewing or ending within')).toHaveValue('30');
	await expect(countLine(page)).toHaveText(/^\d+ subscriptions renew or end within 30 days$/);
	const in30 = Number(/\d+/.exec((await countLine(page).textContent()) ?? '')?.[0]);
	expect(in30).toBeGreaterThan(5);

	// Debreceni Pékség (Wisła): one in its cancellation window, one with changes scheduled.
	await searchCustomer(page, 'Debreceni');
	const inWindow = rowOf(page, 'demo-lifecycle-in-window');
	await expect(inWindow).toContainText('Microsoft 365 Business Standard');
	await expect(inWindow).toContainText('Debreceni Pékség Zrt.');
	await expect(inWindow).toContainText('12 licences');
	await expect(inWindow).toContainText('Renews');
	await expect(inWindow).toContainText(/Cancellation window open: \d days? left/);
	const scheduled = rowOf(page, 'demo-lifecycle-scheduled');
	await expect(scheduled).toContainText('At the renewal: 30 licences, Annual');
	await expect(scheduled).toContainText(/\(25 days left\)/);
	await expect(scheduled).not.toContainText('Cancellation window open');

	// By reseller: Wisła keeps them, Budapest has none of Debreceni's.
	await page.getByLabel('Indirect reseller').selectOption({ label: WISLA });
	await expect(page).toHaveURL(/reseller=demo-reseller-2/);
	await expect(inWindow).toBeVisible();
	await page.getByLabel('Indirect reseller').selectOption({ label: BUDAPEST });
	await expect(
		page.getByText('No renewals match this filter. Try another reseller or customer.')
	).toBeVisible();
	await page.getByLabel('Indirect reseller').selectOption({ label: 'All resellers' });
	await expect(page).not.toHaveURL(/reseller=/);

	// Auto-renew off: it ends.
	await searchCustomer(page, 'Gdańsk');
	await expect(rowOf(page, 'demo-lifecycle-auto-renew-off')).toContainText('Ends (auto-renew off)');
	await expect(rowOf(page, 'demo-lifecycle-auto-renew-off')).toContainText('(20 days left)');

	// 40 days: in 60 and 90, not in 30.
	await searchCustomer(page, 'Mazowsze');
	await expect(rowOf(page, 'demo-lifecycle-renews-40')).toHaveCount(0);
	await page.getByLabel('Renewing or ending within').selectOption('60');
	await expect(page).toHaveURL(/days=60/);
	await expect(rowOf(page, 'demo-lifecycle-renews-40')).toContainText('(40 days left)');

	// 80 days: in 90 only.
	await searchCustomer(page, 'Kraków');
	await expect(rowOf(page, 'demo-lifecycle-renews-80')).toHaveCount(0);
	await page.getByLabel('Renewing or ending within').selectOption('90');
	await expect(rowOf(page, 'demo-lifecycle-renews-80')).toContainText('Microsoft 365 E5');

	// Suspended, cancelled and expired subscriptions are no renewals.
	await searchCustomer(page, 'Poznań');
	await expect(rowOf(page, 'demo-lifecycle-suspended')).toHaveCount(0);
	await searchCustomer(page, 'Győri');
	await expect(rowOf(page, 'demo-lifecycle-cancelled')).toHaveCount(0);

	// The filters are in the URL: a reload keeps them.
	await searchCustomer(page, 'Balaton');
	await page.reload();
	await expect(page.getByLabel('Renewing or ending within')).toHaveValue('90');
	await expect(page.getByRole('searchbox', { name: 'Customer' })).toHaveValue('Balaton');
	const renews10 = rowOf(page, 'demo-lifecycle-renews-10');
	await expect(renews10).toContainText('(10 days left)');
	await expectNoSeriousViolations(page);

	// A row opens the subscription.
	await renews10.getByRole('link', { name: 'Microsoft 365 E3' }).click();
	await expect(page).toHaveURL('/subscriptions/demo-lifecycle-renews-10');
	await page.goBack();
	await expect(page).toHaveURL(/\/renewals\?days=90&customer=Balaton$/);
	expect(pageErrors).toEqual([]);
});

test('Renewals works offline after the first visit', async ({ page, persistentContext }) => {
	const pageErrors = collectPageErrors(page);
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);
	await page.reload();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

	await openFromMainNavigation(page, 'Renewals');
	await page.getByLabel('Renewing or ending within').selectOption('60');
	await page.getByLabel('Indirect reseller').selectOption({ label: WISLA });
	await searchCustomer(page, 'Debreceni');
	await expect(rowOf(page, 'demo-lifecycle-in-window')).toBeVisible();
	await rowOf(page, 'demo-lifecycle-scheduled').getByRole('link').click();
	await expect(page).toHaveURL('/subscriptions/demo-lifecycle-scheduled');

	// A cold start on the filtered page, still offline.
	await page.goto('/renewals?days=90&customer=Krak%C3%B3w');
	await expect(rowOf(page, 'demo-lifecycle-renews-80')).toBeVisible();
	expect(await networkIsReachable(page)).toBe(false);
	expect(pageErrors).toEqual([]);
});

test('the Overview counts what renews in the next 30 days, for a provider and a reseller', async ({
	page
}) => {
	await loadDemo(page);
	await openFromMainNavigation(page, 'Renewals');
	const in30 = Number(/\d+/.exec((await countLine(page).textContent()) ?? '')?.[0]);

	await openFromMainNavigation(page, 'Overview');
	const card = page.getByRole('region', { name: 'Renewing in the next 30 days' });
	await expect(card).toContainText(`${in30} subscriptions renew or end`);
	await card.getByRole('button', { name: 'Show as table' }).click();
	const table = card.getByRole('table', { name: 'Renewing in the next 30 days' });
	await expect(table.getByRole('row', { name: /^Total/ })).toContainText(String(in30));
	await expect(table.getByRole('row', { name: /^End \(auto-renew off\)/ })).toContainText('1');
	await expectNoSeriousViolations(page);
	await card.getByRole('link', { name: 'Renewals', exact: true }).click();
	await expect(page).toHaveURL('/renewals');
	await expect(page.getByRole('heading', { level: 1, name: 'Renewals' })).toBeVisible();
});

test("an indirect reseller's Overview and Renewals show its own customers' renewals", async ({
	page
}) => {
	await loadResellerDemo(page);
	await openFromMainNavigation(page, 'Renewals');
	await expect(page.getByLabel('Indirect reseller')).toHaveCount(0);
	await expect(countLine(page)).toHaveText(/^\d+ subscriptions? renews? or ends? within 30 days$/);
	const in30 = Number(/\d+/.exec((await countLine(page).textContent()) ?? '')?.[0]);
	expect(in30).toBeGreaterThan(0);
	await expectNoSeriousViolations(page);

	await openFromMainNavigation(page, 'Overview');
	const card = page.getByRole('region', { name: 'Renewing in the next 30 days' });
	await expect(card).toContainText(new RegExp(`^.*${in30} subscriptions? renews? or ends?`));
	await card.getByRole('link', { name: 'Renewals', exact: true }).click();
	await expect(page).toHaveURL('/renewals');
});

test("a customer's subscriptions show their status, renewal date and an open cancellation window", async ({
	page
}) => {
	await loadDemo(page);
	await openFromMainNavigation(page, 'Customers');
	await page.getByRole('button', { name: 'Show subscriptions of Debreceni Pékség Zrt.' }).click();
	const debreceni = page.getByRole('list', { name: 'Subscriptions of Debreceni Pékség Zrt.' });
	const inWindow = debreceni
		.getByRole('listitem')
		.filter({ hasText: 'Microsoft 365 Business Standard' });
	await expect(inWindow).toContainText(/Renews on /);
	await expect(inWindow).toContainText(/Cancellation window open: \d days? left/);
	await expect(inWindow).toContainText('Active');
	await expectNoSeriousViolations(page);

	// Cancelled, suspended and expired on the customer's page.
	await page.goto('/customers/demo-customer-5');
	await expect(subscriptionItem(page, 'demo-lifecycle-cancelled')).toContainText('Cancelled');
	await page.goto('/customers/demo-customer-10');
	const suspended = subscriptionItem(page, 'demo-lifecycle-suspended');
	await expect(suspended).toContainText('Suspended');
	await expect(suspended).toContainText(/Ends on /);
	await page.goto('/customers/demo-customer-15');
	const expired = subscriptionItem(page, 'demo-lifecycle-expired');
	await expect(expired).toContainText('Expired');
	await expect(expired).toContainText(/Ended on /);
	await expectNoSeriousViolations(page);
});
