import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, networkIsReachable, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo, openFromMainNavigation } from './helpers';

// The Overview (the home page): charts of what a field manager looks at, each with its table,
// updating live, offline after the first visit. Invitations and GDAP relationships with data are
// in overview-sync.spec.ts (they arrive through replication there).

const card = (page: Page, title: string) => page.getByRole('region', { name: title });

/** Switches a card to its table and returns the table. */
async function showTable(page: Page, title: string): Promise<Locator> {
	const region = card(page, title);
	await region.getByRole('button', { name: 'Show as table', pressed: false }).click();
	await expect(region.getByRole('button', { name: 'Show as table' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const table = region.getByRole('table', { name: title });
	await expect(table).toBeVisible();
	return table;
}

/** The number in the last cell of the row whose header is `name`. */
async function valueOf(table: Locator, name: string | RegExp): Promise<number> {
	const text = await table.getByRole('row', { name }).getByRole('cell').last().innerText();
	return Number(text.replace(/[^\d]/g, ''));
}

async function openOverview(page: Page): Promise<void> {
	await loadDemo(page);
	await openFromMainNavigation(page, 'Overview');
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })
	).toHaveAttribute('aria-current', 'page');
}

test('the Overview shows the demo organisation in charts, each with its table', async ({
	page
}) => {
	await openOverview(page);
	// The first item of the main navigation, and the brand link goes there too.
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link').first()).toHaveText(
		'Overview'
	);

	// Customers per reseller: each bar is a link named by the reseller and its count.
	const customers = card(page, 'Customers per reseller');
	const customersChart = customers.getByRole('group', { name: 'Customers per reseller' });
	await expect(
		customersChart.getByRole('link', { name: 'Budapest Cloud Partners Kft.: 5 customers' })
	).toBeVisible();

	// Licences, partnerships: images whose names say every figure.
	await expect(card(page, 'Licences per offer').getByRole('img')).toHaveAccessibleName(
		/^Licences per offer: Microsoft 365 [^,]+, [\d,]+ licences; /
	);
	// Ten offers in the chart; the others are summed up in words (the table has them all).
	await expect(card(page, 'Licences per offer')).toContainText(
		/\d+ more offers? with [\d,]+ licences in all: see the table\./
	);
	await expect(card(page, 'Partnerships by state').getByRole('img')).toHaveAccessibleName(
		'Partnerships by state: Active, 4 partnerships; Requested, 2 partnerships; Removed, 1 partnership.'
	);
	await expect(card(page, 'Invitations by state and age')).toBeVisible();
	await expect(card(page, 'GDAP relationships expiring soon')).toBeVisible();

	// Every card has its table, captioned, with the same figures.
	const customerTable = await showTable(page, 'Customers per reseller');
	expect(await valueOf(customerTable, /^Budapest Cloud Partners Kft\./)).toBe(5);
	expect(await valueOf(customerTable, /^Total/)).toBe(28);
	await expect(customerTable.getByRole('row', { name: /^Tisza Informatika Bt\./ })).toBeVisible();

	const licenceTable = await showTable(page, 'Licences per offer');
	await expect(licenceTable.getByRole('columnheader', { name: 'Licences' })).toBeVisible();
	expect(await valueOf(licenceTable, /^Total/)).toBeGreaterThan(0);
	await expect(card(page, 'Licences per offer')).toContainText(
		/Billed by usage, so not counted in licences: Azure plan \(\d+ subscriptions?\)\./
	);

	const partnershipTable = await showTable(page, 'Partnerships by state');
	expect(await valueOf(partnershipTable, /^Active/)).toBe(4);
	expect(await valueOf(partnershipTable, /^Requested/)).toBe(2);
	expect(await valueOf(partnershipTable, /^Removed/)).toBe(1);

	// With the tables open, the page is still free of serious accessibility violations.
	await expectNoSeriousViolations(page);

	// Back to the chart; a bar leads to the reseller's customers.
	await customers.getByRole('button', { name: 'Show as table' }).click();
	await customersChart
		.getByRole('link', { name: 'Budapest Cloud Partners Kft.: 5 customers' })
		.click();
	await expect(page).toHaveURL('/customers?reseller=demo-reseller-1');
	await expect(page.getByRole('status').filter({ hasText: 'customers' })).toHaveText('5 customers');

	// The brand link comes back to the Overview.
	await page.getByRole('banner').getByRole('link', { name: 'CSP Field' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});

test('a new organisation sees clear empty states', async ({ page }) => {
	await page.goto('/');
	await page.getByLabel('Organisation name').fill('Kraków Cloud Sp. z o.o.');
	await page.getByLabel('MPN ID').fill('7012345');
	await page.getByLabel('Country/region').selectOption('PL');
	await page.getByLabel('Contact email').fill('biuro@krakow-cloud.example');
	await page.getByRole('button', { name: 'Set up organisation' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

	const empty = {
		'Customers per reseller': 'No customers yet.',
		'Licences per offer': 'No active subscriptions with licences yet.',
		'Invitations by state and age': 'No invitations yet.',
		'Partnerships by state': 'No partnerships yet.',
		'GDAP relationships expiring soon': 'No GDAP relationships yet.'
	};
	for (const [title, text] of Object.entries(empty)) {
		await expect(card(page, title)).toContainText(text);
		await expect(card(page, title).getByRole('button', { name: 'Show as table' })).toHaveCount(0);
	}
});

test('a chart updates live when another tab adds a subscription', async ({ page }) => {
	await openOverview(page);
	const licences = card(page, 'Licences per offer');
	const chart = licences.getByRole('img');
	await expect(chart).toHaveAccessibleName(/^Licences per offer: /);
	const e3 = /^Microsoft 365 E3 /;
	const tableBefore = await showTable(page, 'Licences per offer');
	const before =
		(await tableBefore.getByRole('row', { name: e3 }).count()) > 0
			? await valueOf(tableBefore, e3)
			: 0;
	await licences.getByRole('button', { name: 'Show as table' }).click();
	await expect(chart).toBeVisible();

	// Another tab of the same app adds 5,000 licences of Microsoft 365 E3: the most of any offer.
	const other = await page.context().newPage();
	await other.goto('/customers/demo-customer-1/subscriptions/new');
	await other.getByRole('checkbox', { name: /^Microsoft 365 E3\b/ }).check();
	await other.getByLabel('Number of licences').fill('5000');
	await other.getByRole('button', { name: 'Submit' }).click();
	await expect(other.getByText('The subscription was added.')).toBeVisible();

	// This tab's chart follows, without a reload.
	await expect(chart).toHaveAccessibleName(
		new RegExp(
			`^Licences per offer: Microsoft 365 E3, ${(before + 5000).toLocaleString('en-GB')} licences;`
		)
	);
	const table = await showTable(page, 'Licences per offer');
	expect(await valueOf(table, e3)).toBe(before + 5000);
	await other.close();
});

test('the Overview opens offline after the first visit, charts included', async ({
	page,
	persistentContext
}) => {
	await openOverview(page);
	await expect(card(page, 'Partnerships by state').getByRole('img')).toBeVisible();
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);

	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
	await expect(card(page, 'Partnerships by state').getByRole('img')).toHaveAccessibleName(
		/^Partnerships by state: Active, 4 partnerships/
	);
	await expect(
		card(page, 'Customers per reseller').getByRole('link', {
			name: 'Budapest Cloud Partners Kft.: 5 customers'
		})
	).toBeVisible();
	const table = await showTable(page, 'Customers per reseller');
	expect(await valueOf(table, /^Total/)).toBe(28);
	expect(await networkIsReachable(page)).toBe(false);
});
