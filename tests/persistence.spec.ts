import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo } from './helpers';

// Everything entered offline is on the device: it is still there after the browser is
// closed and started again with no network, together with its activity entries.
test('changes made offline survive closing the browser and a cold start offline', async ({
	page,
	relaunch
}) => {
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await page.context().setOffline(true);

	await page.goto('/resellers');
	const row = page
		.getByRole('list', { name: 'Resellers' })
		.getByRole('listitem')
		.filter({ hasText: 'Alpine Systemhaus' });
	await row.getByRole('button', { name: 'Record acceptance' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Record acceptance' }).click();
	await expect(row.getByText('Active')).toBeVisible();

	await page.goto('/customers/demo-customer-1');
	const phone = page.getByLabel(/Phone/);
	await phone.fill('+36 1 555 7777');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText('+36 1 555 7777').first()).toBeVisible();

	const { page: coldPage } = await relaunch({ offline: true });
	await coldPage.goto('/resellers');
	await expect(
		coldPage
			.getByRole('list', { name: 'Resellers' })
			.getByRole('listitem')
			.filter({ hasText: 'Alpine Systemhaus' })
			.getByText('Active')
	).toBeVisible();
	await coldPage.goto('/customers/demo-customer-1');
	await expect(coldPage.getByText('+36 1 555 7777').first()).toBeVisible();
	await coldPage.goto('/activity');
	await expect(coldPage.getByText('Alpine Systemhaus accepted the partnership')).toBeVisible();
	await expect(coldPage.getByText('Updated customer Kovács és Társa Kft.')).toBeVisible();
});
