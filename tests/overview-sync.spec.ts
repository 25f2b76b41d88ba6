// The Overview's invitation and GDAP charts, with records that another device writes to the
// replication endpoint: they reach this device's Overview live, without a reload. This file
// starts its own PouchDB Server and app server, like sync.spec.ts.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { openDevice, signIn, useThrowawayEndpoint } from './endpoint';
import { expectNoSeriousViolations } from './a11y';
import { expect, test } from './fixtures';
import { openFromMainNavigation } from './helpers';

const endpoint = useThrowawayEndpoint('overview');

const USER = 'demo-global-admin';
const DAY = 86_400_000;
const HELPDESK_ROLE = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

const card = (page: Page, title: string) => page.getByRole('region', { name: title });
const isoDaysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function meta() {
	const now = new Date().toISOString();
	return {
		createdAt: now,
		createdBy: USER,
		updatedAt: now,
		updatedBy: USER,
		deviceId: 'other-device'
	};
}

function invitation(id: string, sentDaysAgo: number) {
	const sentAt = isoDaysFromNow(-sentDaysAgo);
	return {
		id,
		kind: 'reseller-relationship',
		resellerId: 'demo-reseller-1',
		providerId: '',
		customerId: 'demo-customer-1',
		companyName: 'Kovács és Társa Kft.',
		contactName: 'Anna Kovács',
		email: 'anna@kovacs.example',
		country: 'HU',
		cloud: 'public',
		delegatedAdminPrivileges: true,
		link: 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship',
		emailDraft:
			'Hello, please accept: https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship',
		status: 'sent',
		sentAt,
		sentBy: USER,
		...meta()
	};
}

function gdapRelationship(id: string, endsInDays: number) {
	return {
		id,
		customerId: 'demo-customer-1',
		displayName: 'E2E helpdesk',
		displayNameLower: 'e2e helpdesk',
		durationDays: 90,
		roleIds: [HELPDESK_ROLE],
		autoExtend: false,
		status: 'active',
		requestedAt: isoDaysFromNow(endsInDays - 91),
		requestedBy: USER,
		approvedAt: isoDaysFromNow(endsInDays - 90),
		endAt: isoDaysFromNow(endsInDays),
		...meta()
	};
}

/** Writes a record straight to the endpoint, as another device's replication would. */
async function putOnServer(
	request: APIRequestContext,
	collection: string,
	doc: { id: string } & Record<string, unknown>
) {
	const response = await request.put(`/db/csp-demo-${collection}/${encodeURIComponent(doc.id)}`, {
		data: doc
	});
	expect(response.status(), await response.text()).toBe(201);
}

/** The invitations counted so far: 0 while the card says so, else the table's total. */
async function invitationTotal(page: Page): Promise<number> {
	const region = card(page, 'Invitations by state and age');
	await expect(region.getByText(/^Loading/)).toHaveCount(0);
	if ((await region.getByText('No invitations yet.').count()) > 0) return 0;
	const table = await showTable(page, 'Invitations by state and age');
	const total = Number(
		(
			await table
				.getByRole('row', { name: /^Total/ })
				.getByRole('cell')
				.last()
				.innerText()
		).replace(/[^\d]/g, '')
	);
	await region.getByRole('button', { name: 'Show as table' }).click();
	return total;
}

async function showTable(page: Page, title: string): Promise<Locator> {
	const region = card(page, title);
	await region.getByRole('button', { name: 'Show as table', pressed: false }).click();
	const table = region.getByRole('table', { name: title });
	await expect(table).toBeVisible();
	return table;
}

test('invitations and GDAP relationships from another device appear live on the Overview', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await openDevice(browser, endpoint.origin);
	await signIn(page, USER, 'global-admin-demo', { synced: true });
	await openFromMainNavigation(page, 'Overview');
	const before = await invitationTotal(page);

	// Another device sends two invitations (one 3 days ago, one 95 days ago: expired) and has a
	// GDAP relationship that ends in 5 days.
	await putOnServer(context.request, 'invitations', invitation('e2e-invitation-new', 3));
	await putOnServer(context.request, 'invitations', invitation('e2e-invitation-old', 95));
	await putOnServer(context.request, 'gdap', gdapRelationship('e2e-gdap-soon', 5));

	const invitations = card(page, 'Invitations by state and age');
	const chart = invitations.getByRole('img');
	await expect(chart).toHaveAccessibleName(/0–7 days, \d+ invitations? \(Sent [1-9]/, {
		timeout: 30_000
	});
	await expect(chart).toHaveAccessibleName(/over 90 days, \d+ invitations? \([^)]*Expired [1-9]/);
	await expect(invitations.getByText('Sent', { exact: true })).toBeVisible();

	const gdap = card(page, 'GDAP relationships expiring soon');
	const soon = gdap.getByRole('link', { name: 'E2E helpdesk · Kovács és Társa Kft.: 5 days left' });
	await expect(soon).toBeVisible({ timeout: 30_000 });
	await expect(gdap.getByRole('list', { name: 'GDAP relationships by state' })).toContainText(
		/[1-9]\d* Expiring/
	);

	// The charts with data have no serious accessibility violations either.
	await expectNoSeriousViolations(page);

	// The tables say the same.
	expect(await invitationTotal(page)).toBe(before + 2);
	const gdapTable = await showTable(page, 'GDAP relationships expiring soon');
	const row = gdapTable.getByRole('row', { name: /^E2E helpdesk/ });
	await expect(row).toContainText('Kovács és Társa Kft.');
	await expect(row.getByRole('cell').last()).toHaveText('5');

	// The relationship's customer is a tap away.
	await row.getByRole('link', { name: 'Kovács és Társa Kft.' }).click();
	await expect(page).toHaveURL('/customers/demo-customer-1');
	await context.close();
});
