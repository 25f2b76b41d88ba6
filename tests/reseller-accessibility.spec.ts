import { seriousViolations, settle } from './a11y';
import { expect, test } from './fixtures';
import { loadResellerDemo } from './helpers';

// The indirect reseller's pages, checked with axe-core against WCAG 2.1 A and AA (no serious or
// critical violations), with the reseller demo data loaded on this device.

const pages = [
	'/providers',
	'/providers/demo-provider',
	'/providers/invite?provider=demo-provider',
	'/customers',
	'/customers/request',
	'/customers/demo-reseller-customer-1',
	'/invitations',
	'/organisation',
	'/settings',
	'/resellers'
];

test.describe('with reseller demo data', () => {
	test.beforeEach(async ({ page }) => {
		await loadResellerDemo(page);
	});

	for (const path of pages) {
		test(`${path} has no serious accessibility violations`, async ({ page }) => {
			await page.goto(path);
			await settle(page);
			const violations = await seriousViolations(page);
			expect(violations, `${path}\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
		});
	}

	test('an expanded customer row and the dialogs have no serious accessibility violations', async ({
		page
	}) => {
		await page.goto('/customers');
		await page
			.getByRole('button', { name: /Show account, services, users and licences of Kovács/ })
			.click();
		await expect(page.getByRole('table')).toBeVisible();
		expect(await seriousViolations(page)).toEqual([]);

		await page.goto('/invitations');
		await settle(page);
		await page.getByRole('button', { name: /Record acceptance of Veszprémi/ }).click();
		await expect(page.getByRole('dialog', { name: 'Record acceptance' })).toBeVisible();
		expect(await seriousViolations(page)).toEqual([]);
	});
});
