import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Opens the app with an empty browser and loads the demo organisation. The
 * organisation is written last, so the first page showing means all demo data is in.
 */
export async function loadDemo(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('button', { name: 'Load demo data' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect resellers' })).toBeVisible();
}
