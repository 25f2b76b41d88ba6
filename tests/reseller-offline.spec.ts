// An indirect reseller's day without a network: an Admin agent of the demo reseller organisation
// invites a new customer, records an acceptance, withdraws an invitation, removes a customer
// relationship and requests (and records the approval of) a GDAP relationship, all offline.
// When the network is back, everything reaches the server and another user's device.
import type { Browser, Page } from '@playwright/test';
import { openCustomer, signedInDevice, syncStatus, useThrowawayEndpoint } from './endpoint';
import { openFromMainNavigation } from './helpers';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('reseller-offline');

const GLOBAL_ADMIN = ['reseller-global-admin', 'reseller-global-admin-demo'] as const;
const ADMIN_AGENT = ['reseller-admin-agent', 'reseller-admin-agent-demo'] as const;

const signedIn = (browser: Browser, user: readonly [string, string]) =>
	signedInDevice(browser, endpoint.origin, user);

const invitationCard = (page: Page, company: string) =>
	page.getByRole('article').filter({ has: page.getByRole('heading', { name: company }) });

const customerList = (page: Page) => page.getByRole('list', { name: 'Customers', exact: true });

async function inviteNewCustomer(page: Page) {
	await openFromMainNavigation(page, 'Indirect providers');
	await page
		.getByRole('list', { name: 'Indirect providers' })
		.getByRole('link', { name: /Invite new customers/ })
		.click();
	await page.getByLabel('Company name').fill('Zalai Fatelep Kft.');
	await page.getByLabel('Contact name').fill('Ferenc Molnár');
	await page.getByLabel('Contact email').fill('ferenc@zalaifatelep.example');
	await page.getByRole('button', { name: 'Create draft email' }).click();
	await expect(page.getByLabel('Email message')).toHaveValue(
		/invType=IndirectResellerRelationship/
	);
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(invitationCard(page, 'Zalai Fatelep Kft.')).toContainText('Sent');
}

async function recordAcceptance(page: Page) {
	const card = invitationCard(page, 'Tatai Tejüzem Kft.');
	await card.getByRole('button', { name: /Record acceptance/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Record acceptance' });
	await dialog.getByLabel('Accepted by').fill('Réka Fehér');
	await dialog.getByRole('checkbox', { name: /is a Global admin of the customer/ }).check();
	await dialog.getByRole('checkbox', { name: /Microsoft Customer Agreement/ }).check();
	await dialog.getByLabel('Domain prefix').fill('tataitejuzem');
	await dialog.getByRole('button', { name: 'Record acceptance' }).click();
	await expect(dialog).toBeHidden();
	await expect(card).toContainText('Accepted');
}

async function withdraw(page: Page) {
	const card = invitationCard(page, 'Veszprémi Üveg Kft.');
	await card.getByRole('button', { name: /Withdraw/ }).click();
	await page
		.getByRole('dialog', { name: 'Withdraw invitation' })
		.getByRole('button', { name: 'Yes' })
		.click();
	await expect(card).toContainText('Withdrawn');
}

async function removeRelationship(page: Page) {
	await openCustomer(page, 'Debreceni Pékség Zrt.');
	await page
		.getByRole('region', { name: 'Account' })
		.getByRole('button', { name: 'Remove customer relationship' })
		.click();
	const dialog = page.getByRole('dialog', { name: 'Remove customer relationship' });
	await dialog.getByRole('checkbox', { name: /in good faith/ }).check();
	await dialog.getByRole('button', { name: 'Yes' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('region', { name: 'Account' })).toContainText(
		'stays here in the history'
	);
}

async function requestGdap(page: Page) {
	await openCustomer(page, 'Szegedi Szoftverház Kft.');
	await page
		.getByRole('region', { name: 'GDAP relationships' })
		.getByRole('link', { name: 'Request a GDAP relationship' })
		.click();
	await page.getByLabel('Display name').fill('Szegedi - offline helpdesk');
	await page.getByLabel('Duration in days').fill('90');
	await page.getByLabel('Search roles').fill('Helpdesk Administrator');
	await page.getByRole('checkbox', { name: 'Helpdesk Administrator', exact: true }).check();
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Szegedi - offline helpdesk' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Record approval' }).click();
	const dialog = page.getByRole('dialog', { name: 'Record approval' });
	await dialog.getByRole('button', { name: 'Record approval' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('definition').filter({ hasText: /^Active$/ })).toBeVisible();
}

test("a reseller's invitations, acceptance, withdrawal, removal and GDAP made offline reach the server and another device", async ({
	browser
}) => {
	test.setTimeout(240_000);
	// The first Global admin loads the reseller demo data (with its settings) onto the server.
	const admin = await signedIn(browser, GLOBAL_ADMIN);
	await admin.context.close();

	const agent = await signedIn(browser, ADMIN_AGENT);
	const { page, context } = agent;
	await context.setOffline(true);
	await inviteNewCustomer(page);
	await openFromMainNavigation(page, 'Invitations');
	await recordAcceptance(page);
	await withdraw(page);
	await removeRelationship(page);
	await requestGdap(page);
	await expect(syncStatus(page)).toContainText(/Offline · [1-9]\d* changes? waiting/);
	// Still there after a reload with no network.
	await page.reload();
	await openFromMainNavigation(page, 'Invitations');
	await expect(invitationCard(page, 'Zalai Fatelep Kft.')).toContainText('Sent');

	await context.setOffline(false);
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 60_000 });
	await context.close();

	const other = await signedIn(browser, GLOBAL_ADMIN);
	const otherPage = other.page;
	await openFromMainNavigation(otherPage, 'Invitations');
	await expect(invitationCard(otherPage, 'Zalai Fatelep Kft.')).toContainText('Sent');
	await expect(invitationCard(otherPage, 'Tatai Tejüzem Kft.')).toContainText('Accepted');
	await expect(invitationCard(otherPage, 'Veszprémi Üveg Kft.')).toContainText('Withdrawn');

	await openFromMainNavigation(otherPage, 'Customers');
	await otherPage.getByLabel('Search customers').fill('Tatai');
	await expect(customerList(otherPage)).toContainText('tataitejuzem.onmicrosoft.com');
	await otherPage.getByLabel('Search customers').fill('Debreceni');
	await expect(otherPage.getByText('No customers match this filter.')).toBeVisible();

	await openFromMainNavigation(otherPage, 'GDAP relationships');
	await expect(
		otherPage.getByRole('row').filter({ hasText: 'Szegedi - offline helpdesk' })
	).toContainText('Active');
	await other.context.close();
});
