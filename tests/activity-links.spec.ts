// Activity entries open a page the user's kind of organisation has: a provider's partner and
// partnership entries open Indirect resellers, an indirect reseller's open its providers (local
// demo data on this device only; see activity-links-endpoint.spec.ts for a synced entry about a
// partnership, which opens the provider's page).
import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo, loadResellerDemo, openFromMainNavigation } from './helpers';

const activityEntry = (page: Page, text: string) =>
	page.getByRole('list', { name: 'Activity log' }).getByRole('article').filter({ hasText: text });

test("a provider's partner entry still opens Indirect resellers", async ({ page }) => {
	await loadDemo(page);
	await openFromMainNavigation(page, 'Activity');
	const entry = activityEntry(page, 'Loaded demo data');
	await expect(entry.getByRole('link')).toHaveAttribute('href', '/resellers');
	await entry.getByRole('link').click();
	await expect(page).toHaveURL('/resellers');
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect resellers' })).toBeVisible();
});

test("a reseller's own partner entry opens Indirect providers, offline too", async ({
	page,
	persistentContext
}) => {
	await loadResellerDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);
	await openFromMainNavigation(page, 'Activity');
	const entry = activityEntry(page, 'Loaded demo data: 3 indirect providers');
	await expect(entry).toContainText('Partner');
	await expect(entry.getByRole('link')).toHaveAttribute('href', '/providers');
	await entry.getByRole('link').click();
	await expect(page).toHaveURL('/providers');
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect providers' })).toBeVisible();
	// Not the polite "not for you" of the provider's page.
	await expect(page.getByText('is a page for indirect providers')).toHaveCount(0);
});
