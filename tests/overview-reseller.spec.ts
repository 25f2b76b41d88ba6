// The Overview of an indirect reseller (the local reseller demo, Budapest Cloud Partners Kft.):
// its customers by admin access, the licences of its customers, its invitations, its
// partnerships with indirect providers and its GDAP relationships — each with its table,
// updating live, offline after the first visit, and in another language.
import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, networkIsReachable, test, waitForServiceWorkerControl } from './fixtures';
import { loadResellerDemo, openFromMainNavigation } from './helpers';

const card = (page: Page, title: string) => page.getByRole('region', { name: title });

/** Switches a card to its table and returns the table. */
async function showTable(page: Page, title: string): Promise<Locator> {
	const region = card(page, title);
	await region.getByRole('button', { name: 'Show as table', pressed: false }).click();
	const table = region.getByRole('table', { name: title });
	await expect(table).toBeVisible();
	return table;
}

/** The numbers of the row whose header is `name`, cell by cell. */
async function numbersOf(table: Locator, name: string | RegExp): Promise<number[]> {
	const cells = await table.getByRole('row', { name }).getByRole('cell').allInnerTexts();
	return cells.map((text) => Number(text.replace(/[^\d]/g, '')));
}

async function openResellerOverview(page: Page): Promise<void> {
	await loadResellerDemo(page);
	await openFromMainNavigation(page, 'Overview');
}

// The demo: six customers with an active reseller relationship (Egri Borház Kft. without
// delegated admin privileges; one removed, five without a relationship), their subscriptions
// (290 licences of 12 offers), six invitations, three providers and no GDAP relationship.
const ADMIN_ACCESS =
	'Customers by admin access: Delegated admin privileges, 5 customers; GDAP relationship only, 0 customers; No admin privileges, 1 customer.';
const INVITATIONS =
	'Invitations by state and age: 0–7 days, 1 invitation (Sent 1); 8–30 days, 3 invitations (Sent 2, Withdrawn 1); 31–60 days, 0 invitations; 61–90 days, 0 invitations; over 90 days, 2 invitations (Accepted 1, Expired 1).';
const PARTNERSHIPS =
	'Partnerships by state: Active, 1 partnership; Requested, 1 partnership; Removed, 1 partnership.';

test("an indirect reseller's Overview shows its own figures, each with its table", async ({
	page
}) => {
	await openResellerOverview(page);
	const main = page.getByRole('main');
	// Customers per reseller is the provider's view: the reseller is the only reseller.
	await expect(card(page, 'Customers by admin access')).toBeVisible();
	await expect(card(page, 'Customers per reseller')).toHaveCount(0);
	// Five cards and Renewing in the next 30 days (tests/renewals.spec.ts).
	await expect(main.getByRole('region')).toHaveCount(6);

	await expect(card(page, 'Customers by admin access').getByRole('img')).toHaveAccessibleName(
		ADMIN_ACCESS
	);
	await expect(card(page, 'Licences per offer').getByRole('img')).toHaveAccessibleName(
		/^Licences per offer: Microsoft Defender for Business, 41 licences; Power BI Pro, 38 licences; /
	);
	await expect(card(page, 'Licences per offer')).toContainText(
		'2 more offers with 14 licences in all: see the table.'
	);
	await expect(card(page, 'Invitations by state and age').getByRole('img')).toHaveAccessibleName(
		INVITATIONS
	);
	await expect(card(page, 'Partnerships by state').getByRole('img')).toHaveAccessibleName(
		PARTNERSHIPS
	);
	await expect(card(page, 'Partnerships by state')).toContainText(
		'The latest partnership with each indirect provider.'
	);
	await expect(card(page, 'GDAP relationships expiring soon')).toContainText(
		'No GDAP relationships yet.'
	);

	// The tables: the same figures.
	const access = await showTable(page, 'Customers by admin access');
	expect(await numbersOf(access, /^Delegated admin privileges/)).toEqual([5]);
	expect(await numbersOf(access, /^GDAP relationship only/)).toEqual([0]);
	expect(await numbersOf(access, /^No admin privileges/)).toEqual([1]);
	expect(await numbersOf(access, /^Total/)).toEqual([6]);

	const licences = await showTable(page, 'Licences per offer');
	await expect(licences.getByRole('row')).toHaveCount(14);
	expect(await numbersOf(licences, /^Microsoft 365 Business Basic/)).toEqual([5]);
	expect(await numbersOf(licences, /^Total/)).toEqual([290]);

	const invitations = await showTable(page, 'Invitations by state and age');
	await expect(invitations.getByRole('columnheader')).toHaveText([
		'Days since sent',
		'Sent',
		'Accepted',
		'Expired',
		'Withdrawn',
		'Total'
	]);
	expect(await numbersOf(invitations, /^8–30 days/)).toEqual([2, 0, 0, 1, 3]);
	expect(await numbersOf(invitations, /^Total/)).toEqual([3, 1, 1, 1, 6]);

	const partnerships = await showTable(page, 'Partnerships by state');
	expect(await numbersOf(partnerships, /^Active/)).toEqual([1]);
	expect(await numbersOf(partnerships, /^Requested/)).toEqual([1]);
	expect(await numbersOf(partnerships, /^Removed/)).toEqual([1]);

	// With the tables open, no serious accessibility violations.
	await expectNoSeriousViolations(page);

	// The cards lead to the reseller's own pages.
	await card(page, 'Partnerships by state')
		.getByRole('link', { name: 'Indirect providers' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect providers' })).toBeVisible();
	await page.goBack();
	await card(page, 'Invitations by state and age')
		.getByRole('link', { name: 'Invitations' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
	await page.goBack();
	await card(page, 'Customers by admin access').getByRole('link', { name: 'Customers' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
});

test("the reseller's Overview follows a removed customer relationship live, offline too", async ({
	page,
	persistentContext
}) => {
	await openResellerOverview(page);
	const access = card(page, 'Customers by admin access').getByRole('img');
	await expect(access).toHaveAccessibleName(ADMIN_ACCESS);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);

	// Offline, a reload opens the Overview from the service worker, charts included.
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(access).toHaveAccessibleName(ADMIN_ACCESS);
	await expect(card(page, 'Partnerships by state').getByRole('img')).toHaveAccessibleName(
		PARTNERSHIPS
	);

	// Another tab removes the relationship with Kovács és Társa Kft. (delegated admin, 5 licences
	// of Microsoft 365 Business Basic).
	const other = await persistentContext.newPage();
	await other.goto('/customers/demo-reseller-customer-1');
	const account = other.getByRole('region', { name: 'Account' });
	await account.getByRole('button', { name: 'Remove customer relationship' }).click();
	const dialog = other.getByRole('dialog', { name: 'Remove customer relationship' });
	await dialog.getByRole('checkbox', { name: /in good faith/ }).check();
	await dialog.getByRole('button', { name: 'Yes' }).click();
	await expect(dialog).toBeHidden();
	await other.close();

	// This tab follows without a reload.
	await expect(access).toHaveAccessibleName(
		'Customers by admin access: Delegated admin privileges, 4 customers; GDAP relationship only, 0 customers; No admin privileges, 1 customer.'
	);
	const licences = await showTable(page, 'Licences per offer');
	expect(await numbersOf(licences, /^Total/)).toEqual([285]);
	await expect(licences.getByRole('row', { name: /^Microsoft 365 Business Basic/ })).toHaveCount(0);
	expect(await networkIsReachable(page)).toBe(false);
});

test("the reseller's Overview in Hungarian: translated words, the language's number format", async ({
	page
}) => {
	await openResellerOverview(page);
	await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption({
		label: 'Magyar'
	});
	await expect(page.getByRole('heading', { level: 1, name: 'Áttekintés' })).toBeVisible();
	const access = card(page, 'Ügyfelek rendszergazdai hozzáférés szerint');
	await expect(access.getByRole('img')).toHaveAccessibleName(
		'Ügyfelek rendszergazdai hozzáférés szerint: Delegált rendszergazdai jogosultságok, 5 ügyfél; Csak GDAP-kapcsolat, 0 ügyfél; Nincs rendszergazdai jogosultság, 1 ügyfél.'
	);
	await expect(
		card(page, 'Partnerkapcsolatok állapot szerint').getByRole('img')
	).toHaveAccessibleName(
		'Partnerkapcsolatok állapot szerint: Aktív, 1 partnerkapcsolat; Kérelmezve, 1 partnerkapcsolat; Eltávolítva, 1 partnerkapcsolat.'
	);
	await expect(
		card(page, 'Meghívások állapot és kor szerint').getByRole('img')
	).toHaveAccessibleName(
		/^Meghívások állapot és kor szerint: 0–7 nap, 1 meghívás \(Elküldve 1\); /
	);
	await access.getByRole('button', { name: 'Megjelenítés táblázatként' }).click();
	const table = access.getByRole('table', { name: 'Ügyfelek rendszergazdai hozzáférés szerint' });
	await expect(table.getByRole('columnheader')).toHaveText([
		'Rendszergazdai hozzáférés',
		'Ügyfelek'
	]);
	expect(await numbersOf(table, /^Összesen/)).toEqual([6]);
	await expect(card(page, 'Hamarosan lejáró GDAP-kapcsolatok')).toContainText(
		'Még nincsenek GDAP-kapcsolatok.'
	);
	// Nothing wider than the page on a 10-inch tablet, landscape and portrait.
	for (const viewport of [
		{ width: 1280, height: 800 },
		{ width: 800, height: 1280 }
	]) {
		await page.setViewportSize(viewport);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, `${viewport.width} px wide`).toBeLessThanOrEqual(0);
	}
});
