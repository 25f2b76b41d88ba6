// The indirect reseller's workflows (PRODUCT.md "Indirect reseller"), signed in to the demo
// reseller organisation `demo-reseller` (Budapest Cloud Partners Kft.) on a throwaway endpoint
// (./endpoint.ts). The tests run in order on one server: the first Global admin to sign in
// loads the reseller demo data onto it.
import type { Browser, Page } from '@playwright/test';
import { createCouchClient, ensureOrganisation, ensureUser } from '../server/setup.js';
import { signedInDevice, syncStatus, useThrowawayEndpoint } from './endpoint';
import { openFromMainNavigation } from './helpers';
import { expectNoSeriousViolations } from './a11y';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('reseller');

const GLOBAL_ADMIN = ['reseller-global-admin', 'reseller-global-admin-demo'] as const;
const ADMIN_AGENT = ['reseller-admin-agent', 'reseller-admin-agent-demo'] as const;
const SALES_AGENT = ['reseller-sales-agent', 'reseller-sales-agent-demo'] as const;
const RELATIONSHIP_REASON =
	'Only a Global admin or an Admin agent can request or remove a customer relationship.';

const signedIn = (browser: Browser, user: readonly [string, string]) =>
	signedInDevice(browser, endpoint.origin, user);

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

const invitationCard = (page: Page, company: string) =>
	page.getByRole('article').filter({ has: page.getByRole('heading', { name: company }) });

const customerList = (page: Page) => page.getByRole('list', { name: 'Customers', exact: true });

test('a reseller sees its own navigation, its providers and their profiles', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await signedIn(browser, GLOBAL_ADMIN);
	await expect(page.getByRole('banner')).toContainText('Budapest Cloud Partners Kft.');
	await expect(nav(page).getByRole('link')).toHaveText([
		'Overview',
		'Indirect providers',
		'Customers',
		'Renewals',
		'Invitations',
		'GDAP relationships',
		'Activity',
		'Users',
		'Reseller profile',
		'Conflicts'
	]);
	// The provider's page says politely that it is not for a reseller.
	await expect(
		page.getByText('Indirect resellers is a page for indirect providers.')
	).toBeVisible();
	await page.getByRole('link', { name: 'Go to Indirect providers' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Indirect providers' })).toBeVisible();
	const providers = page.getByRole('list', { name: 'Indirect providers' }).getByRole('listitem');
	await expect(providers.filter({ hasText: 'Contoso Distribution CEE' })).toContainText('Active');
	await expect(providers.filter({ hasText: 'Northwind Distribution Europe' })).toContainText(
		'Requested'
	);
	await expect(
		providers.filter({ hasText: 'Northwind' }).getByRole('link', { name: /Invite new customers/ })
	).toHaveCount(0);

	await page.getByRole('link', { name: 'Contoso Distribution CEE', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Contoso Distribution CEE' })
	).toBeVisible();
	const listing = page.getByRole('region', { name: 'Official indirect providers list' });
	await expect(listing).toContainText('Hungary');
	await expect(listing).toContainText('https://contoso-distribution.example');
	await expect(page.getByRole('region', { name: 'Partnership' })).toContainText('Active');
	await expectNoSeriousViolations(page);

	await openFromMainNavigation(page, 'Reseller profile');
	await expect(page.getByRole('region', { name: 'Partner account' })).toContainText('6123450');
	await context.close();
});

test('Request a reseller relationship: the country rule, US Government, the link, Done', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await signedIn(browser, GLOBAL_ADMIN);
	await openFromMainNavigation(page, 'Customers');
	await page.getByRole('link', { name: 'Request a reseller relationship' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Request a reseller relationship' })
	).toBeVisible();
	const customer = page.getByLabel('Customer', { exact: true });

	// Only customers in the reseller's own country/region.
	await customer.selectOption({ label: 'Wiener Kaffeehaus GmbH' });
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(
		page.getByText(/only with customers in your own country\/region \(Hungary\)/)
	).toBeVisible();
	await expect(page.getByLabel('Email message')).toHaveCount(0);

	// Microsoft Cloud for US Government keeps delegated admin privileges.
	await customer.selectOption({ label: 'A customer not on this device' });
	const dap = page.getByRole('checkbox', { name: /delegated admin privileges/ });
	await expect(dap).toBeChecked();
	await page.getByLabel('Cloud').selectOption({ label: 'Microsoft Cloud for US Government' });
	await expect(dap).toBeDisabled();
	await expect(dap).toBeChecked();

	// A customer on this device; the privileges cleared: the link says DAP=false.
	await customer.selectOption({ label: 'Soproni Textil Zrt.' });
	await expect(page.getByLabel('Company name')).toHaveValue('Soproni Textil Zrt.');
	await dap.uncheck();
	await page.getByRole('button', { name: 'Create draft email' }).click();
	const message = page.getByLabel('Email message');
	await expect(message).toHaveValue(/^Hello Márta Farkas,/);
	const link =
		'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=3f2a9c7e-5b1d-4e8a-9c6f-1d2e3f4a5b6c&msppId=0&DAP=false#/BillingAccounts/partner-invitation';
	await expect(message).toHaveValue(new RegExp(link.replace(/[.?&#/]/g, '\\$&')));
	await expect(page.getByText('Microsoft 365 admin center (public cloud)')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Open in email' })).toHaveAttribute(
		'href',
		/^mailto:marta@sopronitextil\.example\?subject=/
	);
	await expect(page.getByRole('button', { name: 'Copy to clipboard' })).toBeVisible();

	// Editable, but the link must stay.
	const text = await message.inputValue();
	await message.fill(text.replace(link, ''));
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByText('Keep the personalised link in the message')).toBeVisible();
	await message.fill(`${text}\nP.S. We met at the Sopron fair.`);
	await page.getByRole('button', { name: 'Done' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
	await expect(
		page.getByRole('status').filter({ hasText: 'Invitation sent to Soproni Textil Zrt.' })
	).toBeVisible();
	const card = invitationCard(page, 'Soproni Textil Zrt.');
	await expect(card).toContainText('Sent');
	await expect(card).toContainText('Not asked for');
	await expect(card).toContainText('in the Microsoft 365 admin center');
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await context.close();
});

test("Record acceptance: only the customer's Global admin; the customer joins Customers", async ({
	browser
}) => {
	test.setTimeout(120_000);
	// Another user's device: the invitation of the previous test came through sync.
	const { context, page } = await signedIn(browser, ADMIN_AGENT);
	await openFromMainNavigation(page, 'Invitations');
	const card = invitationCard(page, 'Soproni Textil Zrt.');
	await expect(card).toContainText('Sent');
	await card.getByRole('button', { name: /Record acceptance/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Record acceptance' });
	await dialog.getByLabel('Accepted by').fill('Márta Farkas');
	await dialog.getByRole('button', { name: 'Record acceptance' }).click();
	await expect(
		dialog.getByRole('alert').filter({ hasText: 'Only a Global admin of the customer can accept' })
	).toBeVisible();
	await dialog.getByRole('checkbox', { name: /is a Global admin of the customer/ }).check();
	await dialog.getByRole('button', { name: 'Record acceptance' }).click();
	await expect(
		dialog
			.getByRole('alert')
			.filter({ hasText: /has not accepted the Microsoft Customer Agreement/ })
	).toBeVisible();
	await dialog.getByRole('checkbox', { name: /Microsoft Customer Agreement/ }).check();
	await dialog.getByRole('button', { name: 'Record acceptance' }).click();
	await expect(dialog).toBeHidden();
	await expect(card).toContainText('Accepted');
	await expect(card).toContainText("by Márta Farkas, the customer's Global admin");
	await expect(card).toContainText('Accepted with the invitation');

	// The customer is on Customers; its row shows account, services, users and licences.
	await openFromMainNavigation(page, 'Customers');
	await page.getByLabel('Search customers').fill('Soproni');
	const row = customerList(page);
	await expect(row).toContainText('Soproni Textil Zrt.');
	await row
		.getByRole('button', { name: /Show account, services, users and licences of Soproni/ })
		.click();
	for (const heading of ['Account', 'Services', 'Users', 'Licences']) {
		await expect(row.getByRole('heading', { name: heading, exact: true })).toBeVisible();
	}
	await expect(row.getByRole('list', { name: 'Users of Soproni Textil Zrt.' })).toContainText(
		'admin@sopronitextil.onmicrosoft.com'
	);

	// An existing customer with subscriptions shows its licences per offer.
	await page.getByLabel('Search customers').fill('Kovács');
	await customerList(page)
		.getByRole('button', { name: /Show account, services, users and licences of Kovács/ })
		.click();
	await expect(customerList(page).getByRole('table')).toContainText(/\d+/);
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await context.close();
});

test('Invite new customers with a provider: one invitation, its link from the template', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await signedIn(browser, GLOBAL_ADMIN);
	await openFromMainNavigation(page, 'Indirect providers');
	await page
		.getByRole('list', { name: 'Indirect providers' })
		.getByRole('link', { name: /Invite new customers/ })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Invite new customers' })).toBeVisible();
	await expect(page.getByLabel('Indirect provider')).toHaveValue('demo-provider');
	await page.getByLabel('Company name').fill('Zalai Fatelep Kft.');
	await page.getByLabel('Contact name').fill('Ferenc Molnár');
	await page.getByLabel('Contact email').fill('ferenc@zalaifatelep');
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(page.getByText('Enter a valid email address')).toBeVisible();
	await page.getByLabel('Contact email').fill('ferenc@zalaifatelep.example');
	await page.getByRole('button', { name: 'Create draft email' }).click();
	const message = page.getByLabel('Email message');
	await expect(message).toHaveValue(/together with our indirect provider Contoso Distribution CEE/);
	await expect(message).toHaveValue(
		/invType=IndirectResellerRelationship&partnerId=3f2a9c7e-5b1d-4e8a-9c6f-1d2e3f4a5b6c&msppId=6123450&indirectCSPId=8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f&DAP=true/
	);
	await expectNoSeriousViolations(page);
	await page.getByRole('button', { name: 'Done' }).click();
	const card = invitationCard(page, 'Zalai Fatelep Kft.');
	await expect(card).toContainText('Reseller relationship together with Contoso Distribution CEE');

	// The acceptance brings a new customer, with its tenant's domain.
	await card.getByRole('button', { name: /Record acceptance/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Record acceptance' });
	await dialog.getByLabel('Accepted by').fill('Ferenc Molnár');
	await dialog.getByRole('checkbox', { name: /is a Global admin of the customer/ }).check();
	await dialog.getByRole('checkbox', { name: /Microsoft Customer Agreement/ }).check();
	await dialog.getByLabel('Domain prefix').fill('kovacsestarsa');
	await dialog.getByRole('button', { name: 'Record acceptance' }).click();
	await expect(dialog.getByText('kovacsestarsa.onmicrosoft.com is already taken')).toBeVisible();
	await dialog.getByLabel('Domain prefix').fill('zalaifatelep');
	await dialog.getByRole('button', { name: 'Record acceptance' }).click();
	await expect(dialog).toBeHidden();
	await expect(
		page.getByRole('status').filter({ hasText: 'Zalai Fatelep Kft. accepted the invitation' })
	).toBeVisible();
	await openFromMainNavigation(page, 'Customers');
	await page.getByLabel('Search customers').fill('Zalai');
	await expect(customerList(page)).toContainText('zalaifatelep.onmicrosoft.com');
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await context.close();
});

test('Withdraw an invitation; an expired one is only shown, 90 days after sending', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await signedIn(browser, ADMIN_AGENT);
	await openFromMainNavigation(page, 'Invitations');
	const expired = invitationCard(page, 'Győri Járműalkatrész Kft.');
	await expect(expired).toContainText('Expired');
	await expect(expired).toContainText('90 days after it was sent');
	await expect(expired.getByRole('button')).toHaveCount(0);

	const germany = invitationCard(page, 'Bajor Autóalkatrész Kft.');
	await expect(germany).toContainText(
		'in the Microsoft Office admin portal (Microsoft Cloud Germany)'
	);

	const open = invitationCard(page, 'Veszprémi Üveg Kft.');
	await open.getByRole('button', { name: /Withdraw/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Withdraw invitation' });
	await expect(dialog).toContainText('No notice is sent to the customer');
	await dialog.getByRole('button', { name: 'Yes' }).click();
	await expect(open).toContainText('Withdrawn');
	await expect(open.getByRole('button')).toHaveCount(0);

	await page.getByLabel('Status').selectOption({ label: 'Withdrawn' });
	await expect(page.getByRole('article')).toHaveCount(2);
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await context.close();
});

test('Remove customer relationship: attestation, no notice, the customer leaves the list', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await signedIn(browser, GLOBAL_ADMIN);
	await openFromMainNavigation(page, 'Customers');
	await page.getByLabel('Search customers').fill('Kovács');
	await customerList(page).getByRole('link', { name: 'Kovács és Társa Kft.' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kovács és Társa Kft.' })).toBeVisible();
	const account = page.getByRole('region', { name: 'Account' });
	await expect(account).toContainText('you remain responsible for supporting the customer');
	await account.getByRole('button', { name: 'Remove customer relationship' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove customer relationship' });
	await expect(dialog).toContainText(
		'Do you want to remove the customer relationship with Kovács és Társa Kft.?'
	);
	await expect(dialog).toContainText(
		'Delegated admin privileges granted by the customer stay unchanged.'
	);
	await expect(dialog).toContainText('No notice is sent to the customer.');
	const yes = dialog.getByRole('button', { name: 'Yes' });
	await expect(yes).toBeDisabled();
	await dialog.getByRole('checkbox', { name: /in good faith/ }).check();
	await yes.click();
	await expect(dialog).toBeHidden();
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: 'The customer relationship with Kovács és Társa Kft. was removed' })
	).toBeVisible();
	await expect(account).toContainText(/Delegated admin privileges\s*Yes/);
	await expect(account).toContainText('stays here in the history');
	await expect(
		page.getByRole('region', { name: 'Recent activity' }).getByRole('article').first()
	).toContainText('Removed the customer relationship with Kovács és Társa Kft.');

	await openFromMainNavigation(page, 'Customers');
	await page.getByLabel('Search customers').fill('Kovács');
	await expect(page.getByText('No customers match this filter.')).toBeVisible();
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await context.close();
});

test('offline: a reseller relationship request waits on the device and syncs later', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const a = await signedIn(browser, ADMIN_AGENT);
	await a.context.setOffline(true);
	await openFromMainNavigation(a.page, 'Customers');
	await a.page.getByRole('link', { name: 'Request a reseller relationship' }).click();
	// The invitation to Győri expired, so a new one may be sent.
	await a.page
		.getByLabel('Customer', { exact: true })
		.selectOption({ label: 'Győri Járműalkatrész Kft.' });
	await a.page.getByRole('button', { name: 'Create draft email' }).click();
	await a.page.getByRole('button', { name: 'Done' }).click();
	await expect(
		invitationCard(a.page, 'Győri Járműalkatrész Kft.').getByRole('button', { name: /Withdraw/ })
	).toBeVisible();
	await expect(syncStatus(a.page)).toContainText(/Offline · [1-9]\d* changes? waiting/);

	await a.context.setOffline(false);
	await expect(syncStatus(a.page)).toContainText('Synced', { timeout: 30_000 });
	const b = await signedIn(browser, GLOBAL_ADMIN);
	await openFromMainNavigation(b.page, 'Invitations');
	const gyori = invitationCard(b.page, 'Győri Járműalkatrész Kft.');
	await expect(gyori).toHaveCount(2);
	await expect(gyori.filter({ hasText: 'Expired' })).toHaveCount(1);
	await expect(gyori.getByRole('button', { name: /Withdraw/ })).toHaveCount(1);
	await a.context.close();
	await b.context.close();
});

test('a Sales agent cannot request a reseller relationship: disabled with the reason, and the server refuses', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await signedIn(browser, SALES_AGENT);
	await openFromMainNavigation(page, 'Customers');
	const request = page.getByRole('button', { name: 'Request a reseller relationship' });
	await expect(request).toBeDisabled();
	await expect(request).toHaveAccessibleDescription(
		new RegExp(RELATIONSHIP_REASON.replace(/\./g, '\\.'))
	);
	await page.goto('/customers/request');
	await expect(
		page.getByText('You cannot request a reseller relationship with your roles (Sales agent).')
	).toBeVisible();

	await openFromMainNavigation(page, 'Invitations');
	await expect(
		invitationCard(page, 'Bajor Autóalkatrész Kft.').getByRole('button', {
			name: /Record acceptance/
		})
	).toBeDisabled();
	await openFromMainNavigation(page, 'Indirect providers');
	await expect(page.getByRole('button', { name: /Invite new customers/ })).toBeDisabled();
	await page.goto('/settings');
	await expect(page.getByLabel('Tenant ID', { exact: true })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);

	// The server refuses the invitation itself, whatever the UI offers.
	const refused = await page.evaluate(async () => {
		const at = new Date().toISOString();
		const user = 'reseller-sales-agent';
		const response = await fetch('/db/csp-demo-reseller-invitations/forged-invitation', {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				id: 'forged-invitation',
				kind: 'reseller-relationship',
				resellerId: 'demo-reseller-own',
				providerId: '',
				customerId: '',
				companyName: 'Forged Kft.',
				contactName: '',
				email: 'x@forged.example',
				country: 'HU',
				cloud: 'public',
				delegatedAdminPrivileges: true,
				link: 'https://admin.microsoft.com/',
				emailDraft: 'https://admin.microsoft.com/',
				status: 'sent',
				sentAt: at,
				sentBy: user,
				createdAt: at,
				createdBy: user,
				updatedAt: at,
				updatedBy: user,
				deviceId: 'device'
			})
		});
		return { status: response.status, body: await response.json() };
	});
	expect(refused.status).toBe(403);
	expect(refused.body.reason).toContain(
		'Only a Global admin or an Admin agent can send or change invitations.'
	);
	await context.close();
});

test('without a tenant ID the request says so and links to Organisation settings', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// A second reseller organisation, set up from its organisation record: no settings yet.
	const admin = JSON.parse(
		await (await import('node:fs/promises')).readFile(`${endpoint.dataDir}/admin.json`, 'utf8')
	);
	const client = createCouchClient({
		url: endpoint.app.couchUrl,
		adminName: admin.name,
		adminPassword: admin.password
	});
	await ensureOrganisation(client, {
		org: 'tisza-reseller',
		name: 'Tisza Informatika Bt.',
		kind: 'indirect-reseller',
		country: 'HU'
	});
	await ensureUser(client, {
		org: 'tisza-reseller',
		name: 'tisza-admin',
		roles: ['global-admin'],
		password: 'tisza-admin-password'
	});
	const { context, page } = await signedIn(browser, ['tisza-admin', 'tisza-admin-password']);
	await expect(nav(page).getByRole('link', { name: 'Indirect providers' })).toBeVisible();
	await page.goto('/customers/request');
	const warning = page.getByRole('alert').filter({ hasText: 'Microsoft tenant ID' });
	await expect(warning).toBeVisible();
	await warning.getByRole('link', { name: 'Organisation settings' }).click();

	await expect(
		page.getByRole('heading', { level: 1, name: 'Organisation settings' })
	).toBeVisible();
	await page.getByLabel('Tenant ID', { exact: true }).fill('not-a-tenant');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('A tenant ID has 32 letters a–f and digits')).toBeVisible();
	await page
		.getByLabel('Tenant ID', { exact: true })
		.fill('{5A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}');
	await page.getByRole('button', { name: 'Use the suggested template' }).click();
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'The organisation settings were saved.' })
	).toBeVisible();
	await expect(page.getByLabel('Tenant ID', { exact: true })).toHaveValue(
		'5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
	);
	await expectNoSeriousViolations(page);

	await page.goto('/customers/request');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Request a reseller relationship' })
	).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: 'Microsoft tenant ID' })).toHaveCount(0);
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await context.close();
});

test('a provider user still sees the provider navigation, and reseller pages say so', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await signedIn(browser, ['demo-global-admin', 'global-admin-demo']);
	await expect(nav(page).getByRole('link')).toHaveText([
		'Overview',
		'Indirect resellers',
		'Customers',
		'Renewals',
		'GDAP relationships',
		'Activity',
		'Users',
		'Provider profile',
		'Conflicts'
	]);
	await expect(page.getByRole('link', { name: 'Request a partnership' })).toBeVisible();
	await openFromMainNavigation(page, 'Customers');
	await expect(page.getByRole('link', { name: 'Add new customer' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Request a reseller relationship' })).toHaveCount(
		0
	);
	await page.goto('/providers');
	await expect(
		page.getByText('Indirect providers is a page for indirect resellers.')
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Go to Indirect resellers' })).toBeVisible();
	await context.close();
});
