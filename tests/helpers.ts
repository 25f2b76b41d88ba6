import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Opens the app with an empty browser and loads the demo organisation. The
 * organisation is written last, so the Overview showing means all demo data is in.
 * Ends on the Indirect resellers page (opened from the main navigation), where most tests start.
 */
export async function loadDemo(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('button', { name: 'Load demo data' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
	await openFromMainNavigation(page, 'Indirect resellers');
}

/** Opens a page from the main navigation (a client-side navigation, no reload). */
export async function openFromMainNavigation(page: Page, name: string): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name, exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/**
 * Opens the app with an empty browser and loads the indirect reseller's demo organisation
 * (Budapest Cloud Partners Kft.), then opens Indirect providers.
 */
export async function loadResellerDemo(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('button', { name: 'Load reseller demo data' }).click();
	await openFromMainNavigation(page, 'Indirect providers');
}
