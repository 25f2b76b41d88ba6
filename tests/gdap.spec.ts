import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo } from './helpers';

// Granular delegated admin privileges (GDAP) of the indirect provider, on local demo data: the
// request from a customer's page (checked next to each field, kept across a reload), Record
// approval, auto-extend, Terminate, and the GDAP relationships list (expiry warnings, status
// filter, sort by end date) — online and offline.

const gdapSection = (page: Page) => page.getByRole('region', { name: 'GDAP relationships' });
const dataRows = (page: Page) => page.getByRole('table').locator('tbody').getByRole('row');

async function fillRequest(page: Page, name: string, roles: string[]): Promise<void> {
	await page.getByLabel('Display name').fill(name);
	await page.getByLabel('Duration in days').fill('180');
	for (const role of roles) {
		await page.getByLabel('Search roles').fill(role);
		await page.getByRole('checkbox', { name: role, exact: true }).check();
	}
	await page.getByLabel('Search roles').fill('');
}

/** Record approval (today), then check the relationship is active. */
async function recordApproval(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Record approval' }).click();
	const dialog = page.getByRole('dialog', { name: 'Record approval' });
	await expect(dialog.getByLabel('Approval date')).toBeVisible();
	await dialog.getByRole('button', { name: 'Record approval' }).click();
	await expect(dialog).toBeHidden();
	await expect(
		page.getByRole('status').filter({ hasText: 'The approval was recorded.' })
	).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: /^Active$/ })).toBeVisible();
}

async function terminate(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Terminate' }).click();
	const dialog = page.getByRole('dialog', { name: 'Terminate GDAP relationship' });
	await expect(dialog).toContainText('cannot be started again');
	await dialog.getByRole('button', { name: 'Terminate' }).click();
	await expect(dialog).toBeHidden();
	await expect(
		page.getByRole('status').filter({ hasText: 'The GDAP relationship was terminated.' })
	).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: /^Terminated$/ })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Actions' })).toHaveCount(0);
}

test('request a GDAP relationship from the customer page; approve, auto-extend, terminate', async ({
	page
}) => {
	await loadDemo(page);
	await page.goto('/customers/demo-customer-4');
	await expect(page.getByRole('heading', { level: 1, name: 'Pécsi Kerámia Bt.' })).toBeVisible();
	await expect(gdapSection(page)).toContainText('No GDAP relationships with this customer yet.');
	await gdapSection(page).getByRole('link', { name: 'Request a GDAP relationship' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Request a GDAP relationship' })
	).toBeVisible();
	await expect(page.getByLabel('Duration in days')).toHaveValue('730');

	// Nothing chosen: each problem next to its field, the first field focused, nothing stored.
	await page.getByLabel('Duration in days').fill('');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByText('Enter a name for the GDAP relationship.')).toBeVisible();
	await expect(
		page.getByText('Enter the duration in days, from 1 to 730 (2 years).')
	).toBeVisible();
	await expect(page.getByText('Choose at least one Microsoft Entra role.')).toBeVisible();
	await expect(page.getByLabel('Display name')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Display name')).toBeFocused();

	// A name already used (in any case), too long a duration.
	await page.getByLabel('Display name').fill('KOVACS - SECURITY MONITORING');
	await page.getByLabel('Duration in days').fill('731');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(
		page.getByText('You already have a GDAP relationship named KOVACS - SECURITY MONITORING.')
	).toBeVisible();
	await expect(page.getByText('The duration must be from 1 to 730 (2 years) days.')).toBeVisible();

	// The roles: searched, grouped, chosen.
	await page.getByLabel('Search roles').fill('exchange admin');
	await expect(page.getByRole('checkbox')).toHaveCount(3); // two roles and Auto-extend
	await expect(page.getByRole('group', { name: 'Microsoft 365 services' })).toBeVisible();
	await page.getByLabel('Search roles').fill('payroll');
	await expect(page.getByText('No role matches “payroll”.')).toBeVisible();
	await fillRequest(page, 'Pecsi Keramia - helpdesk', [
		'Helpdesk Administrator',
		'User Administrator'
	]);
	await expect(
		page.getByText('2 roles selected: Helpdesk Administrator, User Administrator')
	).toBeVisible();

	// Auto-extend with Global Administrator: the rule is told next to the field at once.
	await page.getByRole('checkbox', { name: 'Global Administrator' }).check();
	await page.getByRole('checkbox', { name: 'Auto-extend by 180 days' }).check();
	const rule = page.getByText(
		'Auto-extend is not available when Global Administrator is among the roles.'
	);
	await expect(rule).toBeVisible();
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page).toHaveURL(/\/customers\/demo-customer-4\/gdap\/new$/);
	await page.getByRole('checkbox', { name: 'Global Administrator' }).uncheck();
	await expect(rule).toBeHidden();

	// A reload keeps what was entered.
	await page.reload();
	await expect(page.getByLabel('Display name')).toHaveValue('Pecsi Keramia - helpdesk');
	await expect(page.getByLabel('Duration in days')).toHaveValue('180');
	await expect(page.getByRole('checkbox', { name: 'User Administrator' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Auto-extend by 180 days' })).toBeChecked();

	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Pecsi Keramia - helpdesk' })
	).toBeVisible();
	await expect(
		page.getByRole('status').filter({ hasText: 'The GDAP relationship was requested.' })
	).toBeVisible();
	await expect(
		page.getByRole('definition').filter({ hasText: /^Approval pending$/ })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Microsoft Entra roles' })).toContainText(
		'Helpdesk Administrator'
	);

	await recordApproval(page);
	await expect(page.getByRole('definition').filter({ hasText: /^180 days left$/ })).toBeVisible();

	await page.getByRole('button', { name: 'Turn auto-extend off' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Auto-extend is off.' })).toBeVisible();
	await page.getByRole('button', { name: 'Turn auto-extend on' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Auto-extend is on.' })).toBeVisible();

	await terminate(page);
	const log = page.getByRole('list', { name: 'Changes to this GDAP relationship' });
	await expect(log.locator(':scope > li')).toHaveCount(5);
	await expect(log).toContainText('Requested the GDAP relationship Pecsi Keramia - helpdesk');
	await expect(log).toContainText('Terminated the GDAP relationship Pecsi Keramia - helpdesk');

	// The customer page lists it; a new request starts empty.
	await page.getByRole('link', { name: 'Pécsi Kerámia Bt.' }).click();
	await expect(gdapSection(page).getByRole('listitem')).toContainText('Terminated');
	await gdapSection(page).getByRole('link', { name: 'Request a GDAP relationship' }).click();
	await expect(page.getByLabel('Display name')).toHaveValue('');
});

test('the GDAP relationships list: expiry warnings, status filter, sort by end date', async ({
	page
}) => {
	await loadDemo(page);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'GDAP relationships' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'GDAP relationships' })).toBeVisible();
	await expect(page).toHaveTitle('GDAP relationships · CSP Field');

	const warning = page.getByRole('region', { name: '1 GDAP relationship ends within 30 days' });
	await expect(warning).toContainText('Severny Veter - tenant setup');
	await expect(warning).toContainText('20 days left');

	await expect(page.getByRole('status').filter({ hasText: '6 GDAP relationships' })).toBeVisible();
	const endDate = page.getByRole('columnheader', { name: 'End date' });
	await expect(endDate).toHaveAttribute('aria-sort', 'ascending');
	await expect(dataRows(page).first()).toContainText('Mazowsze - Exchange and Teams');
	await expect(dataRows(page).first()).toContainText('Expired');
	await expect(dataRows(page).last()).toContainText('Approval pending');
	const expiring = dataRows(page).filter({ hasText: 'Severny Veter - tenant setup' });
	await expect(expiring).toContainText('Expiring');
	await expect(expiring).toContainText('20 days left');

	// Sorting with the keyboard: latest end first, approval pending still last.
	const sort = endDate.getByRole('button', { name: 'End date' });
	await sort.focus();
	await page.keyboard.press('Enter');
	await expect(endDate).toHaveAttribute('aria-sort', 'descending');
	await expect(dataRows(page).first()).toContainText('Kovacs - security monitoring');
	await expect(dataRows(page).last()).toContainText('Approval pending');
	await expect(sort).toBeFocused();
	await page.keyboard.press('Space');
	await expect(endDate).toHaveAttribute('aria-sort', 'ascending');

	// Filter by status (kept in the address).
	await page.getByLabel('Status').selectOption({ label: 'Expired' });
	await expect(page).toHaveURL(/\/gdap\?status=expired$/);
	await expect(dataRows(page)).toHaveCount(1);
	await expect(page.getByRole('status').filter({ hasText: '1 GDAP relationship' })).toBeVisible();
	await page.getByLabel('Status').selectOption({ label: 'Terminated' });
	await expect(dataRows(page)).toHaveCount(1);
	await expect(dataRows(page)).toContainText('Szegedi - migration project');
	await page.getByLabel('Status').selectOption({ label: 'All statuses' });
	await expect(dataRows(page)).toHaveCount(6);

	// The expiring one: Global Administrator, so auto-extend cannot be turned on.
	await warning.getByRole('link', { name: 'Severny Veter - tenant setup' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Severny Veter - tenant setup' })
	).toBeVisible();
	await expect(page.getByText('This relationship ends on')).toContainText('20 days left');
	const autoExtend = page.getByRole('button', { name: 'Turn auto-extend on' });
	await expect(autoExtend).toBeDisabled();
	await expect(autoExtend).toHaveAccessibleDescription(
		'Auto-extend is not available: Global Administrator is among the roles.'
	);
});

test('GDAP works offline: request, approve and terminate with no network', async ({
	page,
	persistentContext
}) => {
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);

	await page.goto('/customers/demo-customer-5');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Győri Járműalkatrész Kft.' })
	).toBeVisible();
	await gdapSection(page).getByRole('link', { name: 'Request a GDAP relationship' }).click();
	await fillRequest(page, 'Gyori - licences offline', ['License Administrator']);
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Gyori - licences offline' })
	).toBeVisible();
	await recordApproval(page);

	await page.goto('/gdap?status=active');
	await expect(dataRows(page).filter({ hasText: 'Gyori - licences offline' })).toContainText(
		'180 days left'
	);
	await dataRows(page).getByRole('link', { name: 'Gyori - licences offline' }).click();
	await terminate(page);

	await page.goto('/activity');
	await page.getByLabel('Search activity').fill('Gyori');
	await expect(
		page.getByText('Terminated the GDAP relationship Gyori - licences offline')
	).toBeVisible();
});
