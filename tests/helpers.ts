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

/**
 * Opens the app with an empty browser and loads the indirect reseller's demo organisation
 * (Budapest Cloud Partners Kft.), then opens Indirect providers.
 */
export async function loadResellerDemo(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('button', { name: 'Load reseller demo data' }).click();
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Indirect providers' })).toBeVisible();
	await nav.getByRole('link', { name: 'Indirect providers' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect providers' })).toBeVisible();
}
