// Users (issue 14) against the real endpoint: a User management admin adds a Sales agent, who
// signs in on a second device and must choose a new password first; role changes follow on that
// device after its next sync; a password reset and a deactivation end its session, and what it
// had not synced stays on it. A Sales agent sees the list without actions. axe on the page and
// its dialogs.
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations, settle } from './a11y';
import {
	editPhone,
	openCustomer,
	openDevice,
	signedInDevice,
	syncStatus,
	useThrowawayEndpoint
} from './endpoint';
import { expect, test } from './fixtures';
import { openFromMainNavigation } from './helpers';

const endpoint = useThrowawayEndpoint('users');
const KOVACS = 'Kovács és Társa Kft.';
const NEW_PASSWORD = 'Blue-Danube-2026';

const userCard = (page: Page, name: string) =>
	page.getByRole('list', { name: 'Users' }).getByRole('listitem').filter({ hasText: name });

const resellerRow = (page: Page, name: string) =>
	page.getByRole('list', { name: 'Resellers' }).getByRole('listitem').filter({ hasText: name });

/** Signs in with a temporary password and chooses the new one. */
async function signInWithTemporaryPassword(page: Page, name: string, temporary: string) {
	await page.goto('/sign-in');
	await page.getByLabel('User name').fill(name);
	await page.getByLabel('Password', { exact: true }).fill(temporary);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
	await expect(page.getByText(/At least 12 characters/)).toBeVisible();
	await page.getByLabel('New password', { exact: true }).fill('short');
	await page.getByLabel('Repeat the new password').fill('short');
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
	await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
	await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible({
		timeout: 30_000
	});
}

test('a User management admin adds a Sales agent, changes the roles, resets and deactivates', async ({
	browser
}) => {
	test.setTimeout(300_000);
	// The first Global admin loads the demo organisation's data onto the server.
	const first = await signedInDevice(browser, endpoint.origin, [
		'demo-global-admin',
		'global-admin-demo'
	]);
	await first.context.close();

	const admin = await signedInDevice(browser, endpoint.origin, [
		'demo-user-admin',
		'user-admin-demo'
	]);
	const page = admin.page;
	await openFromMainNavigation(page, 'Users');
	await expect(userCard(page, 'demo-global-admin')).toContainText('Global admin');
	await settle(page);
	await expectNoSeriousViolations(page);

	// Add user: errors next to their fields, then the temporary password once.
	await page.getByRole('button', { name: 'Add user' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add user' });
	await expect(dialog.getByRole('checkbox', { name: 'Global admin' })).toBeDisabled();
	await dialog.getByLabel('User name').fill('Erika Fekete');
	await dialog.getByRole('button', { name: 'Add user' }).click();
	await expect(dialog.getByLabel('User name')).toHaveAccessibleDescription(
		/Use lower-case letters/
	);
	await expect(dialog.getByText('Choose at least one role.')).toBeVisible();
	await expectNoSeriousViolations(page);
	await dialog.getByLabel('User name').fill('demo-sales-agent');
	await dialog.getByLabel('Display name').fill('Erika Fekete');
	await dialog.getByLabel('Email').fill('erika@example.hu');
	await dialog.getByRole('checkbox', { name: 'Sales agent' }).check();
	await dialog.getByRole('button', { name: 'Add user' }).click();
	await expect(
		dialog.getByText('The user name demo-sales-agent is taken: choose another.')
	).toBeVisible();
	await dialog.getByLabel('User name').fill('erika');
	await dialog.getByRole('button', { name: 'Add user' }).click();
	await expect(dialog.getByText('cannot be shown again', { exact: false })).toBeVisible();
	const temporary = (await dialog.getByTestId('temporary-password').textContent()) ?? '';
	expect(temporary).toMatch(/^[A-Za-z0-9_-]{16}$/);
	await expectNoSeriousViolations(page);
	await dialog.getByRole('button', { name: 'Done' }).click();
	await expect(userCard(page, 'erika')).toContainText('Sales agent');

	// The new user on a second device: a new password first, then a Sales agent's options.
	const second = await openDevice(browser, endpoint.origin);
	await signInWithTemporaryPassword(second.page, 'erika', temporary);
	await openFromMainNavigation(second.page, 'Indirect resellers');
	await expect(syncStatus(second.page)).toContainText('Synced', { timeout: 30_000 });
	await expect(second.page.getByRole('link', { name: 'Request a partnership' })).toBeVisible();
	const remove = resellerRow(second.page, 'Wisła IT Solutions').getByRole('button', {
		name: 'Remove partnership'
	});
	await expect(remove).toBeDisabled();

	// Change roles: Admin agent; the second device follows after its next sync.
	await userCard(page, 'erika').getByRole('button', { name: 'Change roles' }).click();
	const roles = page.getByRole('dialog', { name: 'Change roles' });
	await expectNoSeriousViolations(page);
	await roles.getByRole('checkbox', { name: 'Sales agent' }).uncheck();
	await roles.getByRole('checkbox', { name: 'Admin agent' }).check();
	await roles.getByRole('button', { name: 'Save roles' }).click();
	await expect(userCard(page, 'erika')).toContainText('Admin agent');
	await expect(
		resellerRow(second.page, 'Wisła IT Solutions').getByRole('button', {
			name: 'Remove partnership'
		})
	).toBeEnabled({ timeout: 30_000 });

	// Reset password: shown once; the second device's session ends.
	await userCard(page, 'erika').getByRole('button', { name: 'Reset password' }).click();
	const reset = page.getByRole('dialog', { name: 'Reset password' });
	await expectNoSeriousViolations(page);
	await reset.getByRole('button', { name: 'Reset password' }).click();
	const resetPassword = (await reset.getByTestId('temporary-password').textContent()) ?? '';
	expect(resetPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
	expect(resetPassword).not.toBe(temporary);
	await reset.getByRole('button', { name: 'Done' }).click();
	await expect(syncStatus(second.page)).toContainText('Sign in again', { timeout: 30_000 });
	await signInWithTemporaryPassword(second.page, 'erika', resetPassword);

	// Deactivate while the second device has a change it has not synced.
	await expect(syncStatus(second.page)).toContainText('Synced', { timeout: 30_000 });
	await second.context.setOffline(true);
	await openCustomer(second.page, KOVACS);
	await editPhone(second.page, '+36 1 555 0114');
	await userCard(page, 'erika').getByRole('button', { name: 'Deactivate' }).click();
	const deactivate = page.getByRole('dialog', { name: 'Deactivate' });
	await expectNoSeriousViolations(page);
	await deactivate.getByRole('button', { name: 'Deactivate' }).click();
	await expect(userCard(page, 'erika')).toContainText('Deactivated');
	await expect(userCard(page, 'erika').getByRole('button', { name: 'Reactivate' })).toBeVisible();
	await second.context.setOffline(false);
	await expect(syncStatus(second.page)).toContainText('Sign in again', { timeout: 30_000 });
	await expect(second.page.getByLabel('Phone')).toHaveValue('+36 1 555 0114');
	await second.page.reload();
	await expect(second.page.getByLabel('Phone')).toHaveValue('+36 1 555 0114');
	// Signing in is refused.
	await second.page.goto('/sign-in');
	await second.page.getByLabel('User name').fill('erika');
	await second.page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
	await second.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(
		second.page.getByText('This account is deactivated: ask your User management admin.')
	).toBeVisible();
	await second.context.close();

	// Delete, with confirmation.
	await userCard(page, 'erika').getByRole('button', { name: 'Delete' }).click();
	const remove2 = page.getByRole('dialog', { name: 'Delete' });
	await expectNoSeriousViolations(page);
	await remove2.getByRole('button', { name: 'Delete' }).click();
	await expect(userCard(page, 'erika')).toHaveCount(0);
	await admin.context.close();
});

test('a Sales agent sees the users but no actions, also offline', async ({ browser }) => {
	test.setTimeout(120_000);
	const { context, page } = await signedInDevice(browser, endpoint.origin, [
		'demo-sales-agent',
		'sales-agent-demo'
	]);
	await openFromMainNavigation(page, 'Users');
	await expect(userCard(page, 'demo-user-admin')).toContainText('User management admin');
	await expect(page.getByRole('button', { name: 'Add user' })).toHaveCount(0);
	await expect(page.getByRole('list', { name: 'Users' }).getByRole('button')).toHaveCount(0);
	await settle(page);
	await expectNoSeriousViolations(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText(/Offline: this is the list as of/)).toBeVisible();
	await expect(userCard(page, 'demo-global-admin')).toContainText('Global admin');
	await context.close();
});
