import { expect, test } from './fixtures';
import { loadDemo } from './helpers';

// A full device storage: the save fails with a clear message and the form keeps what was typed.
test('a full storage is reported clearly and the form keeps its data', async ({ page }) => {
	await loadDemo(page);
	await page.goto('/resellers/request');
	await page.getByLabel('Reseller name').fill('Quota Test Reseller');
	await page.getByLabel('Reseller email').fill('partners@quota-test.example');
	await page.getByLabel('MPN ID').fill('7005555');
	await page.getByRole('button', { name: 'Create draft email' }).click();
	const message = page.getByLabel('Email message');
	await message.fill(`${await message.inputValue()}\nThanks, Anna`);

	// Chromium's quota override (CDP Storage.overrideQuotaForOrigin) does not reach IndexedDB
	// writes here, so the page's IndexedDB refuses writes the way a full disk does.
	await page.evaluate(() => {
		const store = IDBObjectStore.prototype as unknown as Record<string, unknown>;
		const originals = { put: store.put, add: store.add };
		const refuse = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		store.put = refuse;
		store.add = refuse;
		(window as unknown as { restoreStorage: () => void }).restoreStorage = () =>
			Object.assign(store, originals);
	});
	await page.getByRole('button', { name: 'Done' }).click();

	await expect(page.getByRole('alert').filter({ hasText: 'storage is full' })).toBeVisible();
	await expect(page.getByLabel('Reseller name')).toHaveValue('Quota Test Reseller');
	await expect(message).toHaveValue(/Thanks, Anna/);

	await page.evaluate(() => (window as unknown as { restoreStorage: () => void }).restoreStorage());
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page).toHaveURL(/\/resellers$/);
	await expect(
		page
			.getByRole('list', { name: 'Resellers' })
			.getByRole('listitem')
			.filter({ hasText: 'Quota Test Reseller' })
	).toBeVisible();
});
