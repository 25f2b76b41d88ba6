import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, networkIsReachable, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo } from './helpers';

// The Indirect resellers screens of the indirect provider: the list with its search and status
// filter, Request a partnership (draft email with a personalised link), Record acceptance,
// Remove partnership (attestation) and Add new customer from a reseller's row.

const NEW_RESELLER = {
	name: 'Morava Cloud s.r.o.',
	email: 'partners@morava-cloud.example',
	mpnId: '7001234'
};

const resellerList = (page: Page) => page.getByRole('list', { name: 'Resellers' });

function resellerRow(page: Page, name: string): Locator {
	return resellerList(page).getByRole('listitem').filter({ hasText: name });
}

async function chooseStatus(page: Page, label: string): Promise<void> {
	await page.getByLabel('Status', { exact: true }).selectOption({ label });
}

async function fillResellerDetails(page: Page): Promise<void> {
	await page.getByLabel('Reseller name').fill(NEW_RESELLER.name);
	await page.getByLabel('Reseller email').fill(NEW_RESELLER.email);
	await page.getByLabel('MPN ID').fill(NEW_RESELLER.mpnId);
}

/** The personalised link inside the draft, read from the page. */
async function draftLink(page: Page): Promise<string> {
	const text = await page.getByLabel('Email message').inputValue();
	const link = /https?:\/\/\S+\/invitations\/partnership\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
	expect(link, 'the draft has a personalised link').toBeTruthy();
	return link ?? '';
}

test('request a partnership: draft email with a personalised link, kept until Done', async ({
	page,
	persistentContext,
	baseURL
}) => {
	await persistentContext.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: baseURL
	});
	await loadDemo(page);
	await page.getByRole('link', { name: 'Request a partnership' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Request a partnership' })
	).toBeVisible();
	await expect(page).toHaveTitle('Request a partnership · CSP Field');

	// Nothing filled in: the errors are next to the fields and no draft appears.
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(page.getByText("Enter the reseller's name")).toBeVisible();
	await expect(page.getByText("Enter the reseller's email address.")).toBeVisible();
	await expect(
		page.getByText("Enter the MPN ID of the reseller's partner location account.")
	).toBeVisible();
	await expect(page.getByLabel('Email message')).toHaveCount(0);

	await fillResellerDetails(page);
	await page.getByLabel('MPN ID').fill('70-01234');
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(page.getByText('The MPN ID has digits only')).toBeVisible();
	await page.getByLabel('MPN ID').fill(NEW_RESELLER.mpnId);
	await page.getByRole('button', { name: 'Create draft email' }).click();

	const message = page.getByLabel('Email message');
	await expect(message).toHaveValue(/^Hello Morava Cloud s\.r\.o\. team,/);
	await expect(message).toHaveValue(/Contoso Distribution CEE would like to work with you/);
	const link = await draftLink(page);
	expect(link.startsWith(`${baseURL}/invitations/partnership/`)).toBe(true);
	await expect(
		page.getByText('You can edit the text, but keep the personalised link:')
	).toContainText(link);

	// A reload keeps the fields, the draft and its token.
	await page.reload();
	await expect(page.getByLabel('Reseller name')).toHaveValue(NEW_RESELLER.name);
	await expect(page.getByLabel('MPN ID')).toHaveValue(NEW_RESELLER.mpnId);
	expect(await draftLink(page)).toBe(link);

	// Open in email: a mailto link with the subject and the body.
	const subject = await page.getByLabel('Subject').inputValue();
	expect(subject).toBe(
		'Contoso Distribution CEE invites you to become an indirect reseller partner'
	);
	const href = (await page.getByRole('link', { name: 'Open in email' }).getAttribute('href')) ?? '';
	expect(href.startsWith(`mailto:${NEW_RESELLER.email}?subject=`)).toBe(true);
	const mailto = new URL(href);
	expect(mailto.searchParams.get('subject')).toBe(subject);
	const body = await message.inputValue();
	expect(mailto.searchParams.get('body')).toBe(body.replace(/\n/g, '\r\n'));

	// Copy to clipboard: the message text lands on the clipboard.
	await page.getByRole('button', { name: 'Copy to clipboard' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(body);

	// The link is removed from the text: Done is refused, with the message next to the text.
	await message.fill(body.replace(link, ''));
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(
		page.getByText('Keep the personalised link in the message: the reseller needs it to accept.')
	).toBeVisible();
	await expect(message).toHaveAttribute('aria-invalid', 'true');
	await expect(page).toHaveURL('/resellers/request');

	// With the link back (and a line of our own), Done stores the request.
	const edited = `${body}\n\nP.S. We will call you next week.`;
	await message.fill(edited);
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect resellers' })).toBeVisible();
	await expect(
		page.getByRole('status').filter({ hasText: `Partnership requested with ${NEW_RESELLER.name}.` })
	).toBeVisible();
	await expect(page).toHaveURL('/resellers');
	const row = resellerRow(page, NEW_RESELLER.name);
	await expect(row).toContainText('Requested');
	await expect(row).toContainText(`MPN ID ${NEW_RESELLER.mpnId}`);
	await expect(row).toContainText('0 customers');
	await expect(row.getByRole('button', { name: 'Record acceptance' })).toBeVisible();

	// The draft is gone: a new request starts empty.
	await page.getByRole('link', { name: 'Request a partnership' }).click();
	await expect(page.getByLabel('Reseller name')).toHaveValue('');
	await expect(page.getByLabel('Email message')).toHaveCount(0);

	// The activity log has the request.
	await page.goto('/activity');
	await page.getByLabel('Search activity').fill('Morava');
	await expect(page.getByText(`Requested a partnership with ${NEW_RESELLER.name}`)).toBeVisible();
});

test('a partnership that is already active cannot be requested again', async ({ page }) => {
	await loadDemo(page);
	await page.goto('/resellers/request');
	await page.getByLabel('Reseller name').fill('Budapest Cloud Partners Kft.');
	await page.getByLabel('Reseller email').fill('partners@budapest-cloud.example');
	await page.getByLabel('MPN ID').fill('6123450');
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(
		page.getByText('You already have an active partnership with this reseller.')
	).toBeVisible();
	await expect(page.getByLabel('MPN ID')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Email message')).toHaveCount(0);
});

test('record acceptance makes a requested partnership active', async ({ page }) => {
	await loadDemo(page);
	const row = resellerRow(page, 'Alpine Systemhaus');
	await expect(row).toContainText('Requested');
	await row.getByRole('button', { name: 'Record acceptance' }).click();

	const dialog = page.getByRole('dialog', { name: 'Record acceptance' });
	await expect(dialog).toBeVisible();
	const date = dialog.getByLabel('Acceptance date');
	const today = await page.evaluate(() => {
		const now = new Date();
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
	});
	await expect(date).toHaveValue(today);

	// A date after today is refused next to the field.
	await date.fill('2999-01-01');
	await dialog.getByRole('button', { name: 'Record acceptance' }).click();
	await expect(dialog.getByText('The acceptance cannot be in the future.')).toBeVisible();

	await date.fill(today);
	await dialog.getByRole('button', { name: 'Record acceptance' }).click();
	await expect(dialog).toBeHidden();
	await expect(row).toContainText('Active');
	await expect(row.getByRole('link', { name: 'Add new customer' })).toBeVisible();
	await expect(
		page.getByRole('status').filter({ hasText: 'Alpine Systemhaus is now an active partner.' })
	).toBeVisible();

	// It is stored: still active after a reload.
	await page.reload();
	await expect(resellerRow(page, 'Alpine Systemhaus')).toContainText('Active');
});

test('remove partnership asks for the attestation and leaves the customers in place', async ({
	page
}) => {
	await loadDemo(page);
	const row = resellerRow(page, 'Budapest Cloud Partners Kft.');
	await expect(row).toContainText('Active');
	await expect(row).toContainText('5 customers');

	// No closes the dialog and changes nothing.
	await row.getByRole('button', { name: 'Remove partnership' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove partnership' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'No', exact: true }).click();
	await expect(dialog).toBeHidden();
	await expect(row).toContainText('Active');

	await row.getByRole('button', { name: 'Remove partnership' }).click();
	await expect(dialog).toContainText('are not removed');
	await expect(dialog).toContainText('delegated admin privileges stay unchanged');
	await expect(dialog).toContainText('No notice is sent to the reseller or to the customers.');
	const yes = dialog.getByRole('button', { name: 'Yes', exact: true });
	await expect(yes).toBeDisabled();
	const attestation = dialog.getByRole('checkbox', {
		name: 'I confirm that this decision was made in good faith, for a legitimate business purpose and in line with my agreements with the reseller and customers.'
	});
	await attestation.check();
	await expect(yes).toBeEnabled();
	await attestation.uncheck();
	await expect(yes).toBeDisabled();
	await attestation.check();
	await yes.click();

	await expect(dialog).toBeHidden();
	await expect(row).toHaveCount(0);
	await expect(page.getByRole('status').filter({ hasText: 'was removed' })).toBeVisible();
	await expect(page.getByText(/with a removed partnership are hidden/)).toBeVisible();

	// Listed under Removed, with Request again prefilled.
	await chooseStatus(page, 'Removed');
	await expect(row).toContainText('Removed');
	const again = row.getByRole('link', { name: 'Request again' });
	await expect(again).toHaveAttribute('href', /mpnId=6123450/);
	await again.click();
	await expect(page).toHaveURL(/\/resellers\/request\?/);
	await expect(page.getByLabel('Reseller name')).toHaveValue('Budapest Cloud Partners Kft.');
	await expect(page.getByLabel('MPN ID')).toHaveValue('6123450');
	await expect(page.getByLabel('Reseller email')).not.toHaveValue('');

	// The reseller's customers are still there, still with the reseller.
	await page.goto('/customers');
	await page.getByLabel('Search customers').fill('Kovács');
	await expect(page.getByRole('link', { name: 'Kovács és Társa Kft.' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Customers' })).toContainText(
		'Budapest Cloud Partners Kft.'
	);

	await page.goto('/activity');
	await expect(
		page.getByText('Removed the partnership with Budapest Cloud Partners Kft. (attested)')
	).toBeVisible();
});

test('Add new customer on an active reseller opens the new customer form for that reseller', async ({
	page
}) => {
	await loadDemo(page);
	const row = resellerRow(page, 'Wisła IT Solutions');
	await expect(row).toContainText('Active');
	await row.getByRole('link', { name: 'Add new customer' }).click();
	await expect(page).toHaveURL('/customers/new?reseller=demo-reseller-2');
});

test('search by name or MPN ID and filter by partnership status', async ({ page }) => {
	await loadDemo(page);
	const rows = resellerList(page).getByRole('listitem');

	// By default the current partners: requested and active, not removed.
	await expect(page.getByLabel('Status', { exact: true })).toHaveValue('current');
	await expect(resellerRow(page, 'Budapest Cloud Partners Kft.')).toBeVisible();
	await expect(resellerRow(page, 'Alpine Systemhaus')).toBeVisible();
	await expect(resellerRow(page, 'Danube Managed Services')).toHaveCount(0);
	for (const text of await rows.allTextContents()) expect(text).not.toContain('Removed');

	await chooseStatus(page, 'Removed');
	await expect(resellerRow(page, 'Danube Managed Services')).toContainText('Removed');
	await expect(resellerRow(page, 'Budapest Cloud Partners Kft.')).toHaveCount(0);

	await chooseStatus(page, 'Requested');
	await expect(resellerRow(page, 'Alpine Systemhaus')).toBeVisible();
	await expect(resellerRow(page, 'Budapest Cloud Partners Kft.')).toHaveCount(0);
	for (const text of await rows.allTextContents()) expect(text).toContain('Requested');

	await chooseStatus(page, 'Active');
	await expect(rows).toHaveCount(4);
	await expect(resellerRow(page, 'Alpine Systemhaus')).toHaveCount(0);

	await chooseStatus(page, 'All');
	await expect(rows).toHaveCount(7);

	const search = page.getByLabel('Search resellers');
	await search.fill('volga');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Volga Digital');
	await search.fill('6789016');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Tisza Informatika Bt.');
	await search.fill('Nobody at all');
	await expect(rows).toHaveCount(0);
	await expect(page.getByText('No reseller matches this search and status.')).toBeVisible();
});

test('request a partnership with the network off after the first visit', async ({
	page,
	persistentContext
}) => {
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect resellers' })).toBeVisible();

	await page.getByRole('link', { name: 'Request a partnership' }).click();
	await fillResellerDetails(page);
	await page.getByRole('button', { name: 'Create draft email' }).click();
	const link = await draftLink(page);

	// A reload offline keeps the draft with the same link.
	await page.reload();
	expect(await draftLink(page)).toBe(link);
	await page.getByRole('button', { name: 'Done' }).click();

	await expect(page).toHaveURL(/\/resellers(\?|$)/);
	await expect(resellerRow(page, NEW_RESELLER.name)).toContainText('Requested');
	await page.reload();
	await expect(resellerRow(page, NEW_RESELLER.name)).toContainText('Requested');
	expect(await networkIsReachable(page)).toBe(false);
});

test('the reseller screens pass an accessibility check', async ({ page }) => {
	await loadDemo(page);
	const scan = async (what: string) => {
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations, what).toEqual([]);
	};
	await expect(resellerList(page).getByRole('listitem').first()).toBeVisible();
	await scan('Indirect resellers');

	await resellerRow(page, 'Volga Digital')
		.getByRole('button', { name: 'Remove partnership' })
		.click();
	await expect(page.getByRole('dialog', { name: 'Remove partnership' })).toBeVisible();
	await scan('Remove partnership dialog');
	await page.keyboard.press('Escape');

	await page.getByRole('link', { name: 'Request a partnership' }).click();
	await fillResellerDetails(page);
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(page.getByLabel('Email message')).toBeVisible();
	await scan('Request a partnership with its draft');
});
