import type { BrowserContext, Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, networkIsReachable, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo } from './helpers';

// Issue 15: a subscription through its life on its detail page. The browser's clock is
// Playwright's (page.clock), so the cancellation window (168 hours from the purchase) is crossed
// on purpose, not by the day the test runs.

const T0 = new Date('2026-12-07T10:00:00.000Z');
const HOUR = 3_600_000;

async function addBusinessBasic(page: Page, licences: string): Promise<void> {
	await page.goto('/customers/demo-customer-1/subscriptions/new');
	await expect(page.getByRole('heading', { level: 1, name: 'New subscription' })).toBeVisible();
	await page.getByRole('checkbox', { name: /^Microsoft 365 Business Basic\b/ }).check();
	await page.getByLabel('Number of licences').fill(licences);
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Microsoft 365 Business Basic' })
	).toBeVisible();
}

const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const actions = (page: Page) => page.getByRole('group', { name: 'Subscription actions' });
const windowText = (page: Page) => page.getByTestId('cancellation-window');
/** The value next to a term of the details list. */
const detail = (page: Page, term: string) => details(page).locator(`dt:text-is("${term}") + dd`);
const announcement = (page: Page) =>
	details(page).getByRole('status').filter({ hasText: /\S/ }).last();
const dialog = (page: Page) => page.getByRole('dialog');

type Mode = 'online' | 'offline';

/**
 * The clock at T0 and the demo; offline: once the service worker controls the page, the network
 * goes away, so every change below is checked and stored on the device only.
 */
async function start(page: Page, context: BrowserContext, mode: Mode): Promise<void> {
	await page.clock.install({ time: T0 });
	await loadDemo(page);
	if (mode === 'offline') {
		await waitForServiceWorkerControl(page);
		await context.setOffline(true);
	}
}

async function stillOffline(page: Page, mode: Mode): Promise<void> {
	if (mode === 'offline') expect(await networkIsReachable(page)).toBe(false);
}

async function changeLicences(page: Page, licences: string): Promise<void> {
	await actions(page).getByRole('button', { name: 'Change licences' }).click();
	await dialog(page).getByLabel('Licences').fill(licences);
	await dialog(page).getByRole('button', { name: 'Change licences' }).click();
}

for (const mode of ['online', 'offline'] as const) {
	test(`licences, the window, scheduled changes, an upgrade, auto-renew, suspend and reactivate (${mode})`, async ({
		page,
		persistentContext
	}) => {
		await start(page, persistentContext, mode);
		await addBusinessBasic(page, '5');

		await expect(windowText(page)).toContainText('Open: closes in 6 days');
		await changeLicences(page, '8');
		await expect(announcement(page)).toHaveText('The licences were changed to 8.');
		await expect(detail(page, 'Licences')).toHaveText('8');
		await changeLicences(page, '3');
		await expect(announcement(page)).toHaveText('The licences were changed to 3.');

		// 168 hours and one minute later the window is closed: a decrease is refused next to the
		// field and the dialog says to schedule it.
		await page.clock.fastForward(168 * HOUR + 60_000);
		await expect(windowText(page)).toContainText('Closed on', { timeout: 40_000 });
		await changeLicences(page, '2');
		const field = dialog(page).getByLabel('Licences');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await expect(field).toHaveAccessibleDescription(
			/Licences can be removed only in the first 7 days \(168 hours\) of a term/
		);
		await dialog(page).getByRole('button', { name: 'Cancel' }).click();
		await expect(detail(page, 'Licences')).toHaveText('3');
		await expect(actions(page).getByRole('button', { name: 'Cancel subscription' })).toHaveCount(0);

		// Schedule the decrease for the renewal.
		await actions(page).getByRole('button', { name: 'Schedule changes' }).click();
		await dialog(page).getByLabel('Licences').fill('2');
		await dialog(page).getByRole('button', { name: 'Schedule changes' }).click();
		await expect(announcement(page)).toHaveText('The changes were scheduled for the renewal.');
		const scheduled = page.getByRole('list', { name: 'Scheduled changes' });
		await expect(scheduled).toContainText('Licences: 2');

		// An upgrade now deletes them, and says so before.
		await actions(page).getByRole('button', { name: 'Upgrade' }).click();
		await expect(dialog(page)).toContainText(
			'Upgrading now deletes the changes scheduled for the renewal.'
		);
		await dialog(page)
			.getByLabel('Upgrade to')
			.selectOption({ label: 'Microsoft 365 Business Standard' });
		await dialog(page).getByRole('button', { name: 'Upgrade' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Microsoft 365 Business Standard' })
		).toBeVisible();
		await expect(detail(page, 'Upgraded from')).toHaveText('Microsoft 365 Business Basic');
		await expect(scheduled).toHaveCount(0);

		// Auto-renew off: the subscription ends at the end of its term.
		await actions(page).getByRole('button', { name: 'Turn auto-renew off' }).click();
		await expect(dialog(page)).toContainText('instead of renewing');
		await dialog(page).getByRole('button', { name: 'Turn auto-renew off' }).click();
		await expect(announcement(page)).toHaveText('Auto-renew is off.');
		await expect(detail(page, 'Auto-renew')).toHaveText('Off');
		await expect(actions(page).getByRole('button', { name: 'Schedule changes' })).toHaveCount(0);

		// Suspend for non-payment, then reactivate.
		await actions(page).getByRole('button', { name: 'Suspend' }).click();
		await dialog(page).getByRole('button', { name: 'Suspend' }).click();
		await expect(dialog(page).getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
		await dialog(page).getByLabel('Reason').selectOption({ label: 'Non-payment' });
		await dialog(page).getByRole('button', { name: 'Suspend' }).click();
		await expect(announcement(page)).toHaveText('The subscription was suspended.');
		// Who suspended it, when and why.
		await expect(detail(page, 'Suspended')).toContainText(
			/^Since \S.*, by Field user\s*Reason: Non-payment\s*$/
		);
		await expect(actions(page).getByRole('button')).toHaveText(['Reactivate']);
		await actions(page).getByRole('button', { name: 'Reactivate' }).click();
		await dialog(page).getByRole('button', { name: 'Reactivate' }).click();
		await expect(announcement(page)).toHaveText('The subscription was reactivated.');
		await expect(actions(page).getByRole('button', { name: 'Change licences' })).toBeVisible();

		// Everything is in the subscription's own history.
		const history = page.getByRole('list', { name: 'Changes to this subscription' });
		for (const entry of [
			'Changed the licences of Microsoft 365 Business Basic',
			'Scheduled changes at the renewal of Microsoft 365 Business Basic',
			'Upgraded Microsoft 365 Business Basic',
			'Turned auto-renew off for Microsoft 365 Business Standard',
			'Suspended Microsoft 365 Business Standard',
			'Reactivated Microsoft 365 Business Standard'
		]) {
			await expect(history).toContainText(entry);
		}
		await stillOffline(page, mode);
	});

	test(`cancel within the cancellation window, with the time left counting down (${mode})`, async ({
		page,
		persistentContext
	}) => {
		await start(page, persistentContext, mode);
		await addBusinessBasic(page, '4');
		await expect(windowText(page)).toContainText('Open: closes in 6 days');
		await page.clock.fastForward(166 * HOUR);
		await expect(windowText(page)).toContainText('Open: closes in 1 hour', { timeout: 40_000 });
		await page.clock.fastForward(118 * 60_000);
		await expect(windowText(page)).toContainText('Open: closes in 2 minutes', { timeout: 40_000 });

		await actions(page).getByRole('button', { name: 'Cancel subscription' }).click();
		await expect(dialog(page)).toContainText(
			'The subscription ends now and cannot be reactivated.'
		);
		await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
		await expect(announcement(page)).toHaveText('The subscription was cancelled.');
		await expect(detail(page, 'Status')).toHaveText('Cancelled');
		await expect(actions(page).getByRole('button')).toHaveCount(0);
		await expect(detail(page, 'Cancelled')).toContainText(/^On \S.*, by Field user$/);
		await page.reload();
		await expect(detail(page, 'Status')).toHaveText('Cancelled');
		await stillOffline(page, mode);
	});
}

test('the changes work offline after the first visit and stay after a reload', async ({
	page,
	persistentContext
}) => {
	await page.clock.install({ time: T0 });
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);
	await addBusinessBasic(page, '6');
	await changeLicences(page, '9');
	await expect(announcement(page)).toHaveText('The licences were changed to 9.');
	await actions(page).getByRole('button', { name: 'Schedule changes' }).click();
	await dialog(page).getByLabel('Term').selectOption({ label: '1 year' });
	await dialog(page).getByRole('button', { name: 'Schedule changes' }).click();
	await expect(page.getByRole('list', { name: 'Scheduled changes' })).toContainText('Term: 1 year');
	await page.reload();
	await expect(detail(page, 'Licences')).toHaveText('9');
	await expect(page.getByRole('list', { name: 'Scheduled changes' })).toContainText('Term: 1 year');
	expect(await networkIsReachable(page)).toBe(false);
});

test('the subscription page and its dialogs pass an accessibility check', async ({ page }) => {
	await page.clock.install({ time: T0 });
	await loadDemo(page);
	await addBusinessBasic(page, '5');
	await expectNoSeriousViolations(page);
	for (const name of ['Change licences', 'Schedule changes', 'Suspend', 'Cancel subscription']) {
		await actions(page).getByRole('button', { name }).click();
		await expect(dialog(page)).toBeVisible();
		await expectNoSeriousViolations(page);
		await dialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
		await expect(dialog(page)).toHaveCount(0);
	}
});

test('schedule an upgrade for the renewal, online and offline', async ({
	page,
	persistentContext
}) => {
	await page.clock.install({ time: T0 });
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await page.goto('/subscriptions/demo-lifecycle-renews-10');
	await expect(page.getByRole('heading', { level: 1, name: 'Microsoft 365 E3' })).toBeVisible();
	await actions(page).getByRole('button', { name: 'Schedule changes' }).click();
	await dialog(page).getByLabel('Offer').selectOption({ label: 'Microsoft 365 E5' });
	await dialog(page).getByRole('button', { name: 'Schedule changes' }).click();
	await expect(announcement(page)).toHaveText('The changes were scheduled for the renewal.');
	const scheduled = page.getByRole('list', { name: 'Scheduled changes' });
	await expect(scheduled).toContainText('Offer: Microsoft 365 E5');

	// Offline: the upgrade stays scheduled, with more licences.
	await persistentContext.setOffline(true);
	expect(await networkIsReachable(page)).toBe(false);
	await actions(page).getByRole('button', { name: 'Schedule changes' }).click();
	await dialog(page).getByLabel('Licences').fill('30');
	await dialog(page).getByRole('button', { name: 'Schedule changes' }).click();
	await expect(announcement(page)).toHaveText('The changes were scheduled for the renewal.');
	await expect(scheduled).toContainText('Offer: Microsoft 365 E5');
	await expect(scheduled).toContainText('Licences: 30');
	await page.reload();
	await expect(page.getByRole('list', { name: 'Scheduled changes' })).toContainText(
		'Offer: Microsoft 365 E5'
	);
});
