import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, networkIsReachable, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo } from './helpers';

// The Customers list (reseller filter, search, expandable rows, virtual list) and a customer's
// page (account, subscriptions, Edit details with a draft that survives reloads, activity).

const BUDAPEST = 'Budapest Cloud Partners Kft. (6123450)';
const BUDAPEST_CUSTOMERS = [
	'Gdańsk Stocznia Serwis S.A.',
	'Kovács és Társa Kft.',
	'Казанский Кремль Тур',
	'Київ Логістика',
	'Северный Ветер ООО'
];
const KOVACS = 'Kovács és Társa Kft.';
const KOVACS_PHONE = '+36 1 555 0101';

/** Uncaught errors in the page (an effect loop, a failed render) fail the test. */
function collectPageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

async function openCustomers(page: Page): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Customers' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
	await expect(resultCount(page)).toHaveText(/^\d+ customers?$/);
}

const customerList = (page: Page) => page.getByRole('list', { name: 'Customers', exact: true });
/** The rendered rows of the virtual list (not the subscriptions nested in an expanded row). */
const customerRows = (page: Page) => customerList(page).locator(':scope > div > [role="listitem"]');
const resultCount = (page: Page) => page.getByRole('status').filter({ hasText: /customer/ });
const accountSection = (page: Page) => page.getByRole('region', { name: 'Account' });
const phoneField = (page: Page) => page.getByLabel('Phone');

async function rowNames(page: Page): Promise<string[]> {
	return customerRows(page).getByRole('link').allInnerTexts();
}

async function openCustomer(page: Page, name: string): Promise<void> {
	await customerList(page).getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function saveDetails(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Save changes' }).click();
}

test.describe('with demo data', () => {
	let pageErrors: string[] = [];

	test.beforeEach(async ({ page }) => {
		pageErrors = collectPageErrors(page);
		await loadDemo(page);
	});

	test.afterEach(() => {
		expect(pageErrors).toEqual([]);
	});

	test('filters by indirect reseller, keeps the filter in the URL and searches by name', async ({
		page
	}) => {
		await openCustomers(page);
		await expect(resultCount(page)).toHaveText('28 customers');

		await page.getByLabel('Indirect reseller').selectOption({ label: BUDAPEST });
		await expect(page).toHaveURL(/\/customers\?reseller=demo-reseller-1$/);
		await expect(resultCount(page)).toHaveText('5 customers');
		expect((await rowNames(page)).sort()).toEqual([...BUDAPEST_CUSTOMERS].sort());
		for (const row of await customerRows(page).all()) {
			await expect(row).toContainText('Budapest Cloud Partners Kft.');
		}
		await expect(page.getByRole('link', { name: 'Add new customer' })).toHaveAttribute(
			'href',
			'/customers/new?reseller=demo-reseller-1'
		);

		// A deep link opens with the same filter.
		await page.reload();
		await expect(page.getByLabel('Indirect reseller')).toHaveValue('demo-reseller-1');
		await expect(resultCount(page)).toHaveText('5 customers');

		// Search narrows within the filter.
		await page.getByLabel('Search customers').fill('kov');
		await expect(resultCount(page)).toHaveText('1 customer');
		expect(await rowNames(page)).toEqual([KOVACS]);

		await page.getByLabel('Search customers').fill('no such company');
		await expect(resultCount(page)).toHaveText('0 customers');
		await expect(page.getByText('No customers match this filter.')).toBeVisible();

		// Direct customers only, then everyone again.
		await page.getByLabel('Search customers').fill('');
		await page.getByLabel('Indirect reseller').selectOption({ label: 'No reseller (direct)' });
		await expect(page).toHaveURL(/\/customers\?reseller=$/);
		await expect(resultCount(page)).toHaveText('5 customers');
		for (const row of await customerRows(page).all()) await expect(row).toContainText('Direct');
		await expect(page.getByRole('link', { name: 'Add new customer' })).toHaveAttribute(
			'href',
			'/customers/new'
		);

		await page.getByLabel('Indirect reseller').selectOption({ label: 'All resellers' });
		await expect(page).toHaveURL(/\/customers$/);
		await expect(resultCount(page)).toHaveText('28 customers');
		await page.getByLabel('Search customers').fill('sp. z o.o');
		await expect(resultCount(page)).toHaveText('3 customers');
	});

	test('the down arrow expands a row: its subscriptions and Add subscription', async ({ page }) => {
		await openCustomers(page);
		await page.getByLabel('Search customers').fill('Szegedi');
		await expect(resultCount(page)).toHaveText('1 customer');

		const toggle = page.getByRole('button', {
			name: 'Show subscriptions of Szegedi Szoftverház Kft.'
		});
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-expanded', 'true');

		const panel = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
		const subscriptions = panel.getByRole('list', {
			name: 'Subscriptions of Szegedi Szoftverház Kft.'
		});
		await expect(subscriptions.getByRole('listitem')).toHaveCount(3);
		await expect(subscriptions.getByRole('link').first()).toHaveAttribute(
			'href',
			/^\/subscriptions\/demo-subscription-3-\d$/
		);
		await expect(subscriptions).toContainText('licences');

		// The expanded row passes axe as well.
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
			.include('#main')
			.analyze();
		const serious = results.violations.filter((v) =>
			['serious', 'critical'].includes(v.impact ?? '')
		);
		expect(serious.map((v) => v.id)).toEqual([]);

		const add = panel.getByRole('link', { name: 'Add subscription' });
		await expect(add).toHaveAttribute('href', '/customers/demo-customer-3/subscriptions/new');
		await add.click();
		await expect(page).toHaveURL('/customers/demo-customer-3/subscriptions/new');
		await expect(page.getByRole('heading', { level: 1, name: 'New subscription' })).toBeVisible();

		// Back on the list, the search and the open row are as they were; the arrow collapses it.
		await page.goBack();
		await expect(page.getByLabel('Search customers')).toHaveValue('Szegedi');
		await expect(toggle).toHaveAttribute('aria-expanded', 'true');
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await expect(page.getByRole('link', { name: 'Add subscription' })).toHaveCount(0);
	});

	test('the list renders only a window of rows', async ({ page }) => {
		await openCustomers(page);
		const list = customerList(page);
		await expect(resultCount(page)).toHaveText('28 customers');
		await expect(list).toHaveAttribute('data-count', '28');
		const rendered = await customerRows(page).count();
		expect(rendered).toBeGreaterThan(0);
		expect(rendered).toBeLessThan(28);

		// Scrolling brings the last customers in.
		await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
		await expect(list.locator('[role="listitem"][data-index="27"]')).toBeVisible();
		expect(await customerRows(page).count()).toBeLessThan(28);

		await page.getByLabel('Indirect reseller').selectOption({ label: BUDAPEST });
		await expect(list).toHaveAttribute('data-count', '5');
		await expect(customerRows(page)).toHaveCount(5);
	});

	test('a bad phone number is refused next to the field and nothing is stored', async ({
		page
	}) => {
		await openCustomers(page);
		await openCustomer(page, KOVACS);
		await expect(accountSection(page)).toContainText(KOVACS_PHONE);
		await expect(accountSection(page)).toContainText('kovacsestarsakft1.onmicrosoft.com');
		await expect(accountSection(page)).toContainText(BUDAPEST);
		await expect(
			page
				.getByRole('region', { name: 'Subscriptions' })
				.getByRole('link', { name: 'Add subscription' })
		).toHaveAttribute('href', '/customers/demo-customer-1/subscriptions/new');

		await phoneField(page).fill('call me maybe');
		await saveDetails(page);
		await expect(phoneField(page)).toHaveAttribute('aria-invalid', 'true');
		await expect(phoneField(page)).toHaveAccessibleDescription(/phone number with 6–20 digits/);
		await expect(phoneField(page)).toBeFocused();
		await expect(phoneField(page)).toHaveValue('call me maybe');

		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: KOVACS })).toBeVisible();
		await expect(accountSection(page)).toContainText(KOVACS_PHONE);
		await expect(accountSection(page)).not.toContainText('call me maybe');
		await expect(page.getByRole('region', { name: 'Recent activity' })).not.toContainText(
			'Updated customer'
		);
	});

	test('a valid edit is saved, shows in Recent activity and on the Activity page', async ({
		page
	}) => {
		await openCustomers(page);
		await openCustomer(page, KOVACS);
		await phoneField(page).fill('+36 30 123 4567');
		await page.getByLabel('City').fill('Budapest XIII');
		await saveDetails(page);
		await expect(
			page.getByRole('status').filter({ hasText: 'The changes were saved.' })
		).toBeVisible();
		await expect(accountSection(page)).toContainText('+36 30 123 4567');
		await expect(accountSection(page)).toContainText('Budapest XIII');
		const recent = page.getByRole('region', { name: 'Recent activity' });
		await expect(recent).toContainText(`Updated customer ${KOVACS}`);
		await expect(recent).toContainText('this device');

		await page.reload();
		await expect(accountSection(page)).toContainText('+36 30 123 4567');
		await expect(phoneField(page)).toHaveValue('+36 30 123 4567');
		await expect(page.getByRole('button', { name: 'Discard changes' })).toHaveCount(0);

		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Activity' })
			.click();
		await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
		await expect(page.getByText(`Updated customer ${KOVACS}`).first()).toBeVisible();
	});

	test('a reload in the middle of an edit keeps what was typed; Discard changes drops it', async ({
		page
	}) => {
		await openCustomers(page);
		await openCustomer(page, KOVACS);
		await page.getByLabel('Contact first name').fill('Annamária');
		await page.getByLabel('Address line 2 (optional)').fill('3rd floor');

		await page.reload();
		await expect(page.getByLabel('Contact first name')).toHaveValue('Annamária');
		await expect(page.getByLabel('Address line 2 (optional)')).toHaveValue('3rd floor');
		await expect(page.getByText('You have unsaved changes.')).toBeVisible();
		await expect(accountSection(page)).toContainText('Anna Kovács');

		await page.getByRole('button', { name: 'Discard changes' }).click();
		await expect(page.getByLabel('Contact first name')).toHaveValue('Anna');
		await page.reload();
		await expect(page.getByLabel('Contact first name')).toHaveValue('Anna');
		await expect(page.getByLabel('Address line 2 (optional)')).toHaveValue('');
	});

	test('an unknown customer id shows a not-found page', async ({ page }) => {
		await page.goto('/customers/no-such-customer');
		await expect(page.getByRole('heading', { level: 1, name: 'Customer not found' })).toBeVisible();
		await page.getByRole('link', { name: 'Back to Customers' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
	});
});

test('filter and edit work offline after the first visit', async ({ page, persistentContext }) => {
	const pageErrors = collectPageErrors(page);
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);
	await page.reload();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

	await openCustomers(page);
	await page.getByLabel('Indirect reseller').selectOption({ label: BUDAPEST });
	await expect(page).toHaveURL(/\?reseller=demo-reseller-1$/);
	await expect(resultCount(page)).toHaveText('5 customers');
	await page.getByRole('button', { name: `Show subscriptions of ${KOVACS}` }).click();
	await expect(page.getByRole('list', { name: `Subscriptions of ${KOVACS}` })).toBeVisible();

	await openCustomer(page, KOVACS);
	await phoneField(page).fill('12');
	await saveDetails(page);
	await expect(phoneField(page)).toHaveAttribute('aria-invalid', 'true');

	await phoneField(page).fill('+36 20 987 6543');
	await page.reload();
	await expect(phoneField(page)).toHaveValue('+36 20 987 6543');
	await saveDetails(page);
	await expect(accountSection(page)).toContainText('+36 20 987 6543');
	await expect(page.getByRole('region', { name: 'Recent activity' })).toContainText(
		`Updated customer ${KOVACS}`
	);

	await page.reload();
	await expect(accountSection(page)).toContainText('+36 20 987 6543');
	expect(await networkIsReachable(page)).toBe(false);
	expect(pageErrors).toEqual([]);
});
