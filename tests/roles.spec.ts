// The UI offers only what the signed-in user's roles allow (PRODUCT.md's role table) and says
// why an action is unavailable. This file starts its own PouchDB Server and app server
// (scripts/start.js, fresh data in a temporary folder), like sync.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { openCustomer, signedInDevice, useThrowawayEndpoint } from './endpoint';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('roles');

const signedIn = (browser: Browser, name: string, password: string) =>
	signedInDevice(browser, endpoint.origin, [name, password]);

const KOVACS = 'Kovács és Társa Kft.';
const REMOVE_REASON = 'Only a Global admin or an Admin agent can remove a partnership.';
const GDAP_REASON =
	'Only a Global admin or an Admin agent can request or terminate GDAP relationships.';
const EDIT_REASON =
	'Only a Global admin, an Admin agent or a Sales agent can change customers and subscriptions.';

async function scan(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations, what).toEqual([]);
}

const resellerRow = (page: Page, name: string) =>
	page.getByRole('list', { name: 'Resellers' }).getByRole('listitem').filter({ hasText: name });

// The first Global admin to sign in loads the demo organisation's data onto the server.
test('a Global admin is offered every action', async ({ browser }) => {
	test.setTimeout(90_000);
	const { context, page } = await signedIn(browser, 'demo-global-admin', 'global-admin-demo');

	await expect(page.getByText(/Your roles/)).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Request a partnership' })).toBeVisible();
	const active = resellerRow(page, 'Wisła IT Solutions');
	await expect(active.getByRole('button', { name: 'Remove partnership' })).toBeEnabled();
	await expect(active.getByRole('link', { name: 'Add new customer' })).toBeVisible();

	await page.goto('/customers/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Add new customer' })).toBeVisible();
	await expect(page.getByLabel('Company name')).toBeVisible();
	await expect(page.getByText(/You cannot/)).toHaveCount(0);

	await openCustomer(page, KOVACS);
	await expect(page.getByRole('heading', { name: 'Edit details' })).toBeVisible();
	await expect(page.getByLabel('Phone')).toBeEditable();
	await expect(page.getByRole('link', { name: 'Add subscription' })).toBeVisible();
	await context.close();
});

test('a Sales agent sees Remove partnership disabled with the reason, and can request one', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const { context, page } = await signedIn(browser, 'demo-sales-agent', 'sales-agent-demo');

	await expect(page.getByText(`Your roles (Sales agent)`)).toContainText(REMOVE_REASON);
	const active = resellerRow(page, 'Wisła IT Solutions');
	await expect(active).toContainText('Active');
	const remove = active.getByRole('button', { name: 'Remove partnership' });
	await expect(remove).toBeDisabled();
	await expect(remove).toHaveAccessibleDescription(new RegExp(REMOVE_REASON.replace(/\./g, '\\.')));
	// Requesting, recording acceptance and adding customers stay offered.
	await expect(active.getByRole('link', { name: 'Add new customer' })).toBeVisible();
	await expect(
		resellerRow(page, 'Alpine Systemhaus').getByRole('button', { name: 'Record acceptance' })
	).toBeEnabled();

	await page.getByRole('link', { name: 'Request a partnership' }).click();
	await page.getByLabel('Reseller name').fill('Morava Cloud s.r.o.');
	await page.getByLabel('Reseller email').fill('partners@morava-cloud.example');
	await page.getByLabel('MPN ID').fill('7001234');
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(page.getByLabel('Email message')).toHaveValue(/^Hello Morava Cloud/);
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Partnership requested with Morava Cloud s.r.o.' })
	).toBeVisible();
	const requested = resellerRow(page, 'Morava Cloud s.r.o.');
	await expect(requested).toContainText('Requested');
	await expect(requested.getByRole('button', { name: 'Remove partnership' })).toBeDisabled();

	// Customers and subscriptions stay editable for a Sales agent.
	await openCustomer(page, KOVACS);
	await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
	await expect(page.getByLabel('Phone')).toBeEditable();
	await expect(page.getByRole('link', { name: 'Add subscription' })).toBeVisible();
	await context.close();
});

test('a User management admin sees everything read-only, and why', async ({ browser }) => {
	test.setTimeout(90_000);
	const { context, page } = await signedIn(browser, 'demo-user-admin', 'user-admin-demo');

	await expect(page.getByRole('link', { name: 'Request a partnership' })).toHaveCount(0);
	await expect(page.getByText('Your roles (User management admin)')).toContainText(REMOVE_REASON);
	const active = resellerRow(page, 'Wisła IT Solutions');
	await expect(active.getByRole('button', { name: 'Remove partnership' })).toBeDisabled();
	await expect(active.getByRole('link', { name: 'Add new customer' })).toHaveCount(0);
	await expect(
		resellerRow(page, 'Alpine Systemhaus').getByRole('button', { name: 'Record acceptance' })
	).toBeDisabled();
	await scan(page, 'Indirect resellers, read only');

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Customers' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Add new customer' })).toHaveCount(0);
	await expect(page.getByText('Your roles (User management admin)')).toContainText(EDIT_REASON);

	await openCustomer(page, KOVACS);
	await expect(page.getByRole('heading', { name: 'Details (read only)' })).toBeVisible();
	await expect(page.getByLabel('Phone')).toBeDisabled();
	await expect(page.getByLabel('Company name')).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Add subscription' })).toHaveCount(0);
	await scan(page, 'Customer, read only');

	// A subscription's partners are shown, not changeable.
	await page
		.getByRole('list', { name: `Subscriptions of ${KOVACS}` })
		.getByRole('link')
		.first()
		.click();
	await expect(page.getByLabel('Reseller (MPN ID)')).toBeDisabled();
	await expect(page.getByLabel('Designated support contact')).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
	const customerId = await page
		.getByRole('link', { name: KOVACS })
		.getAttribute('href')
		.then((href) => href?.split('/').pop() ?? '');

	// Pages reached by their address say why instead of showing the form.
	await page.goto('/customers/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Add new customer' })).toBeVisible();
	await expect(
		page.getByText('You cannot add a customer with your roles (User management admin).')
	).toBeVisible();
	await expect(page.getByLabel('Company name')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Back to Customers' })).toBeVisible();
	await scan(page, 'Add new customer, not allowed');

	await page.goto('/resellers/request');
	await expect(
		page.getByText('You cannot request a partnership with your roles (User management admin).')
	).toBeVisible();
	await expect(page.getByLabel('Reseller name')).toHaveCount(0);

	await page.goto(`/customers/${customerId}/subscriptions/new`);
	await expect(
		page.getByText('You cannot add a subscription with your roles (User management admin).')
	).toBeVisible();
	await page.getByRole('link', { name: 'Back to the customer' }).click();
	await expect(page.getByRole('heading', { level: 1, name: KOVACS })).toBeVisible();

	// GDAP relationships: listed, not changeable; the bulk reseller change says why not.
	const gdap = page.getByRole('region', { name: 'GDAP relationships' });
	await expect(gdap.getByRole('link', { name: 'Kovacs - security monitoring' })).toBeVisible();
	await expect(gdap.getByRole('link', { name: 'Request a GDAP relationship' })).toHaveCount(0);
	await expect(gdap).toContainText(GDAP_REASON);
	await gdap.getByRole('link', { name: 'Kovacs - security monitoring' }).click();
	await expect(page.getByText('Your roles (User management admin)')).toContainText(GDAP_REASON);
	await expect(page.getByRole('button', { name: 'Terminate' })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Turn auto-extend on' })).toBeDisabled();
	await scan(page, 'GDAP relationship, read only');
	await page.goto('/subscriptions/bulk-reseller');
	await expect(
		page.getByText(
			'You cannot change the reseller of subscriptions with your roles (User management admin).'
		)
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Preview' })).toHaveCount(0);
	await context.close();
});
