// An indirect reseller on this device only (no sign-in): set up from the first-run screen, the
// reseller navigation, and Organisation settings kept across a reload and offline.
import { expect, test, waitForServiceWorkerControl } from './fixtures';

test('a reseller set up on this device keeps its organisation settings, offline too', async ({
	page,
	persistentContext
}) => {
	await page.goto('/');
	await page.getByLabel('Organisation name').fill('Tisza Informatika Bt.');
	await page.getByLabel('Organisation kind').selectOption({ label: 'Indirect reseller' });
	await page.getByLabel('MPN ID').fill('6789016');
	await page.getByLabel('Contact email').fill('partners@tisza-informatika.example');
	await page.getByRole('button', { name: 'Set up organisation' }).click();
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Indirect providers' })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Indirect resellers' })).toHaveCount(0);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);

	await nav.getByRole('link', { name: 'Reseller profile' }).click();
	await expect(page.getByRole('region', { name: 'Organisation settings' })).toContainText(
		'Not set'
	);
	await page.getByRole('link', { name: 'Organisation settings' }).click();
	const tenant = page.getByLabel('Tenant ID', { exact: true });
	await tenant.fill('0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f');
	await page.getByLabel('Invite new customers link template').fill('https://example.com/{nope}');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('{nope} is not a placeholder the app can fill.')).toBeVisible();
	// Unsaved edits survive a reload.
	await page.reload();
	await expect(tenant).toHaveValue('0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f');
	await page.getByRole('button', { name: 'Use the suggested template' }).click();
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'The organisation settings were saved.' })
	).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Invite new customers link template')).toHaveValue(
		/invType=IndirectResellerRelationship/
	);
	await nav.getByRole('link', { name: 'Activity' }).click();
	await expect(page.getByRole('main')).toContainText('Changed the organisation settings');
});
