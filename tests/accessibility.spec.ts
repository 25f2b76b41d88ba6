import { seriousViolations, settle } from './a11y';
import { expect, test } from './fixtures';
import { loadDemo } from './helpers';

// Every page, checked with axe-core against WCAG 2.1 A and AA: no serious or critical violations.

const pages = [
	'/',
	'/resellers',
	'/resellers/request',
	'/customers',
	'/customers/demo-customer-1',
	'/customers/demo-customer-2',
	'/customers/new',
	'/customers/demo-customer-1/subscriptions/new',
	'/subscriptions/demo-subscription-1-1',
	'/activity',
	'/profile',
	'/gdap',
	'/gdap/demo-gdap-1',
	'/gdap/demo-gdap-4',
	'/customers/demo-customer-4/gdap/new',
	'/subscriptions/bulk-reseller',
	'/renewals',
	'/renewals?days=90'
];

test('the first-run screen has no serious accessibility violations', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('button', { name: 'Load demo data' })).toBeVisible();
	const violations = await seriousViolations(page);
	expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
});

test.describe('with demo data', () => {
	test.beforeEach(async ({ page }) => {
		await loadDemo(page);
	});

	for (const path of pages) {
		test(`${path} has no serious accessibility violations`, async ({ page }) => {
			await page.goto(path);
			await settle(page);
			const violations = await seriousViolations(page);
			expect(violations, `${path}\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
		});
	}

	test('the bulk reseller change preview and the GDAP dialogs have no serious accessibility violations', async ({
		page
	}) => {
		await page.goto('/subscriptions/bulk-reseller?reseller=demo-reseller-1');
		await settle(page);
		await page.getByRole('button', { name: /^Select all \d+$/ }).click();
		await page
			.getByRole('combobox', { name: 'Reseller (MPN ID)' })
			.selectOption({ label: 'Tisza Informatika Bt. (6789016)' });
		await page.getByRole('button', { name: 'Preview' }).click();
		await expect(page.getByRole('list', { name: 'Preview of the change' })).toBeVisible();
		let violations = await seriousViolations(page);
		expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

		await page.goto('/gdap/demo-gdap-1');
		await settle(page);
		await page.getByRole('button', { name: 'Record approval' }).click();
		await expect(page.getByRole('dialog', { name: 'Record approval' })).toBeVisible();
		violations = await seriousViolations(page);
		expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
		await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
		await page.getByRole('button', { name: 'Terminate' }).click();
		await expect(page.getByRole('dialog', { name: 'Terminate GDAP relationship' })).toBeVisible();
		violations = await seriousViolations(page);
		expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

		await page.goto('/customers/demo-customer-4/gdap/new');
		await settle(page);
		await page.getByRole('button', { name: 'Submit' }).click();
		await expect(page.getByText('Choose at least one Microsoft Entra role.')).toBeVisible();
		violations = await seriousViolations(page);
		expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
	});
});
