import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo } from './helpers';

// Bulk reseller change on local demo data: select every subscription of one reseller (filter,
// Select all), choose the new Reseller (MPN ID), preview (from → to, skipped ones with their
// reason), Apply; one activity entry per changed subscription. Online and offline.

const BUDAPEST = 'Budapest Cloud Partners Kft. (6123450)';
const WISLA = 'Wisła IT Solutions (6234561)';
const TISZA = 'Tisza Informatika Bt. (6789016)';

const subscriptionList = (page: Page) => page.getByRole('list', { name: 'Subscriptions' });
const previewList = (page: Page) => page.getByRole('list', { name: 'Preview of the change' });
const count = (page: Page) => page.getByRole('status').filter({ hasText: /shown ·/ });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "Reseller (MPN ID): <from> → <to>" however the arrow is read out. */
const fromTo = (from: string, to: string) =>
	new RegExp(`Reseller \\(MPN ID\\):\\s*${escape(from)}.*${escape(to)}`);

/** The number of subscriptions the filter shows, read from the count line. */
async function shownCount(page: Page): Promise<number> {
	await expect(count(page)).toBeVisible();
	const text = (await count(page).textContent()) ?? '';
	return Number(/(\d+) subscriptions? shown/.exec(text)?.[1]);
}

async function filterByReseller(page: Page, label: string): Promise<void> {
	await page.getByLabel('Indirect reseller').selectOption({ label });
}

test('credit every subscription of one reseller to another, with a preview and the log', async ({
	page
}) => {
	await loadDemo(page);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Customers' })
		.click();
	await page.getByRole('link', { name: 'Bulk reseller change' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bulk reseller change' })).toBeVisible();
	await expect(page).toHaveTitle('Bulk reseller change · CSP Field');

	// Nothing selected, no reseller chosen: told next to each.
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByText('Select at least one subscription.')).toBeVisible();
	await expect(
		page.getByText('Choose the reseller to credit: a reseller with an active partnership.')
	).toBeVisible();

	// Every subscription of Budapest Cloud Partners, and one already credited to Tisza.
	await filterByReseller(page, BUDAPEST);
	await expect(page).toHaveURL(/\/subscriptions\/bulk-reseller\?reseller=demo-reseller-1$/);
	const budapest = await shownCount(page);
	expect(budapest).toBeGreaterThan(3);
	await page.getByRole('button', { name: `Select all ${budapest}` }).click();
	await expect(count(page)).toContainText(`${budapest} selected`);
	await expect(page.getByRole('button', { name: `Select all ${budapest}` })).toBeDisabled();
	await filterByReseller(page, TISZA);
	const firstTisza = subscriptionList(page).getByRole('listitem').first();
	const tiszaCustomer = (await firstTisza.locator('.customer').textContent()) ?? '';
	await firstTisza.getByRole('checkbox').check();
	await expect(count(page)).toContainText(`${budapest + 1} selected (${budapest} not shown)`);

	await page.getByRole('combobox', { name: 'Reseller (MPN ID)' }).selectOption({ label: TISZA });
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByRole('heading', { name: '3. Preview' })).toBeFocused();
	await expect(
		page.getByText(
			`${budapest} subscriptions will change, 1 is skipped (already credited to this reseller).`
		)
	).toBeVisible();
	const changes = previewList(page).getByRole('listitem').filter({ hasText: 'Changes' });
	await expect(changes.first()).toContainText(fromTo(BUDAPEST, TISZA));
	await expect(
		previewList(page).getByRole('listitem').filter({ hasText: tiszaCustomer }).first()
	).toBeVisible();
	await expect(
		previewList(page)
			.getByRole('listitem')
			.filter({ hasText: 'Already credited to this reseller: nothing to change.' })
	).toHaveCount(1);

	// Changing the selection drops the preview; preview again, then Apply.
	await page.getByRole('button', { name: 'Clear selection' }).click();
	await expect(previewList(page)).toHaveCount(0);
	await filterByReseller(page, BUDAPEST);
	await page.getByRole('button', { name: `Select all ${budapest}` }).click();
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByText(`${budapest} subscriptions will change.`)).toBeVisible();
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(
		page.getByRole('status').filter({
			hasText: `${budapest} subscriptions are now credited to ${TISZA}. Each change is in the activity log.`
		})
	).toBeVisible();
	await expect(previewList(page)).toHaveCount(0);
	await expect(page.getByText('No subscriptions match this filter.')).toBeVisible();
	await expect(count(page)).toContainText('0 subscriptions shown · 0 selected');

	// One activity entry per subscription, as a single change on the subscription's page.
	await page.goto('/activity');
	await page.getByLabel('Search activity').fill('bulk change');
	await expect(
		page.getByRole('article').filter({ hasText: 'Changed Reseller (MPN ID) of a subscription' })
	).toHaveCount(budapest);
	await page.getByRole('article').first().getByRole('link').click();
	await expect(page.getByRole('combobox', { name: 'Reseller (MPN ID)' })).toHaveValue(
		'demo-reseller-7'
	);
	await expect(page.getByRole('list', { name: 'Changes to this subscription' })).toContainText(
		fromTo(BUDAPEST, TISZA)
	);
});

test('bulk reseller change works offline and keeps the selection across a reload', async ({
	page,
	persistentContext
}) => {
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);

	await page.goto('/subscriptions/bulk-reseller?reseller=demo-reseller-2');
	await expect(page.getByRole('heading', { level: 1, name: 'Bulk reseller change' })).toBeVisible();
	const wisla = await shownCount(page);
	expect(wisla).toBeGreaterThan(3);
	await page.getByRole('button', { name: `Select all ${wisla}` }).click();
	await page.getByRole('combobox', { name: 'Reseller (MPN ID)' }).selectOption({ label: BUDAPEST });

	await page.reload();
	await expect(count(page)).toContainText(`${wisla} selected`);
	await expect(page.getByRole('combobox', { name: 'Reseller (MPN ID)' })).toHaveValue(
		'demo-reseller-1'
	);

	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByText(`${wisla} subscriptions will change.`)).toBeVisible();
	await expect(previewList(page).getByRole('listitem').first()).toContainText(
		fromTo(WISLA, BUDAPEST)
	);
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(
		page.getByRole('status').filter({
			hasText: `${wisla} subscriptions are now credited to ${BUDAPEST}.`
		})
	).toBeVisible();
	await expect(count(page)).toContainText('0 subscriptions shown · 0 selected');
	await page.getByLabel('Indirect reseller').selectOption({ label: BUDAPEST });
	await expect(count(page)).toContainText(/\d+ subscriptions shown ·\s+0 selected/);
	expect(await shownCount(page)).toBeGreaterThanOrEqual(wisla);

	// The selection is gone after Apply, also after a reload.
	await page.reload();
	await expect(count(page)).toContainText('· 0 selected');
});
