import { test } from './fixtures';
test('shots', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Load demo data' }).click();
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
	await page.getByRole('button', { name: 'Show subscriptions of Debreceni Pékség Zrt.' }).click();
	await page.waitForTimeout(800);
	await page.screenshot({ path: '/tmp/cdebug/list-landscape.png' });
	await page.setViewportSize({ width: 800, height: 1280 });
	await page.goto('/customers/demo-customer-1');
	await page.waitForTimeout(800);
	await page.screenshot({ path: '/tmp/cdebug/detail-portrait.png', fullPage: true });
});
