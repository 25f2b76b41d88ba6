// GDAP relationships and the bulk reseller change against a real replication endpoint: the
// server accepts an Admin agent's GDAP writes and activity entries (online and made offline),
// and a Sales agent sees GDAP read-only with the reason (the server refuses a crafted write)
// while the bulk reseller change, which Sales agents may make, reaches the server.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
	endpointRevisions,
	openDevice,
	signIn,
	syncStatus,
	useThrowawayEndpoint
} from './endpoint';

const endpoint = useThrowawayEndpoint('gdap');

interface ServerDoc {
	_id: string;
	[field: string]: unknown;
}

/** Every document of one of the demo organisation's databases, read with the user's session. */
async function serverDocs(page: Page, collection: string): Promise<ServerDoc[]> {
	return page.evaluate(async (name) => {
		const response = await fetch(`/db/csp-demo-${name}/_all_docs?include_docs=true`);
		const body = (await response.json()) as { rows: { doc: ServerDoc }[] };
		return body.rows.map((row) => row.doc).filter((doc) => !doc._id.startsWith('_design/'));
	}, collection);
}

async function serverGdap(page: Page, displayName: string): Promise<ServerDoc | undefined> {
	return (await serverDocs(page, 'gdap')).find((doc) => doc.displayName === displayName);
}

async function serverActions(page: Page, documentId: string): Promise<string[]> {
	return (await serverDocs(page, 'activity'))
		.filter((entry) => entry.documentId === documentId)
		.map((entry) => String(entry.action))
		.sort();
}

const refusedAlert = (page: Page) =>
	page.getByRole('alert').filter({ hasText: 'The server refused' });

async function requestGdap(page: Page, customerId: string, name: string): Promise<void> {
	await page.goto(`/customers/${customerId}`);
	await page
		.getByRole('region', { name: 'GDAP relationships' })
		.getByRole('link', { name: 'Request a GDAP relationship' })
		.click();
	await page.getByLabel('Display name').fill(name);
	await page.getByLabel('Duration in days').fill('90');
	await page.getByRole('checkbox', { name: 'Helpdesk Administrator' }).check();
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test("an Admin agent's GDAP requests, approval, auto-extend and termination reach the server", async ({
	browser
}, testInfo) => {
	test.setTimeout(180_000);
	const { context, page } = await openDevice(browser, endpoint.origin);
	await signIn(page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });

	// The demo organisation's GDAP relationships were set up on the server by this first sign-in.
	await expect
		.poll(async () => (await serverDocs(page, 'gdap')).length, { timeout: 30_000 })
		.toBe(6);

	const name = 'Pecsi - endpoint helpdesk';
	await requestGdap(page, 'demo-customer-4', name);
	await page.getByRole('button', { name: 'Record approval' }).click();
	await page
		.getByRole('dialog', { name: 'Record approval' })
		.getByRole('button', { name: 'Record approval' })
		.click();
	await expect(page.getByRole('definition').filter({ hasText: /^Active$/ })).toBeVisible();
	await page.getByRole('button', { name: 'Turn auto-extend on' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Auto-extend is on.' })).toBeVisible();
	await page.getByRole('button', { name: 'Terminate' }).click();
	await page
		.getByRole('dialog', { name: 'Terminate GDAP relationship' })
		.getByRole('button', { name: 'Terminate' })
		.click();
	await expect(page.getByRole('definition').filter({ hasText: /^Terminated$/ })).toBeVisible();

	await expect
		.poll(async () => (await serverGdap(page, name))?.status, { timeout: 30_000 })
		.toBe('terminated');
	const stored = await serverGdap(page, name);
	if (stored?.autoExtend !== true) {
		// Failed once in a full run (not reproduced since, under load or with delayed requests):
		// keep what the endpoint stored, version by version, and what the device was refused.
		await testInfo.attach('endpoint-revisions.json', {
			body: JSON.stringify(
				await endpointRevisions(endpoint, 'csp-demo-gdap', stored?._id ?? ''),
				null,
				2
			),
			contentType: 'application/json'
		});
		await testInfo.attach('refused-on-device.txt', {
			body: (await refusedAlert(page).allTextContents()).join('\n') || 'none',
			contentType: 'text/plain'
		});
	}
	expect(stored?.terminatedBy).toBe('demo-admin-agent');
	expect(stored?.autoExtend).toBe(true);
	await expect
		.poll(async () => serverActions(page, stored?._id ?? ''), { timeout: 30_000 })
		.toEqual(['gdap.approved', 'gdap.auto-extend-changed', 'gdap.requested', 'gdap.terminated']);
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await expect(refusedAlert(page)).toHaveCount(0);

	// Made offline, pushed when the network is back.
	await context.setOffline(true);
	const offlineName = 'Balaton - offline helpdesk';
	await requestGdap(page, 'demo-customer-6', offlineName);
	await expect(syncStatus(page)).toContainText(/Offline|waiting/);
	await context.setOffline(false);
	await expect
		.poll(async () => (await serverGdap(page, offlineName))?.status, { timeout: 30_000 })
		.toBe('approval-pending');
	const offline = await serverGdap(page, offlineName);
	await expect
		.poll(async () => serverActions(page, offline?._id ?? ''), { timeout: 30_000 })
		.toEqual(['gdap.requested']);
	await expect(refusedAlert(page)).toHaveCount(0);
	await context.close();
});

test('a Sales agent sees GDAP read-only with the reason; the bulk reseller change reaches the server', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const { context, page } = await openDevice(browser, endpoint.origin);
	await signIn(page, 'demo-sales-agent', 'sales-agent-demo', { synced: true });
	const reason =
		'Only a Global admin or an Admin agent can request or terminate GDAP relationships.';

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'GDAP relationships' })
		.click();
	await expect(
		page.getByText(`Your roles (Sales agent) do not allow every action here. ${reason}`)
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Pecsi - endpoint helpdesk' })).toBeVisible();

	// The detail page: every action disabled, described by the reason.
	await page.goto('/gdap/demo-gdap-1');
	for (const action of ['Record approval', 'Turn auto-extend off', 'Terminate']) {
		const button = page.getByRole('button', { name: action });
		await expect(button).toBeDisabled();
		await expect(button).toHaveAccessibleDescription(new RegExp(reason.replace(/\./g, '\\.')));
	}

	// The customer page lists the relationships without the request; the form says why not.
	await page.goto('/customers/demo-customer-4');
	const section = page.getByRole('region', { name: 'GDAP relationships' });
	await expect(section.getByRole('link', { name: 'Pecsi - endpoint helpdesk' })).toBeVisible();
	await expect(section.getByRole('link', { name: 'Request a GDAP relationship' })).toHaveCount(0);
	await expect(section).toContainText(reason);
	await page.goto('/customers/demo-customer-4/gdap/new');
	await expect(
		page.getByText('You cannot request a GDAP relationship with your roles (Sales agent).')
	).toBeVisible();
	await expect(page.getByLabel('Display name')).toHaveCount(0);

	// The server refuses the same change made around the app.
	const refused = await page.evaluate(async () => {
		const url = '/db/csp-demo-gdap/demo-gdap-1';
		const doc = await (await fetch(url)).json();
		const now = new Date().toISOString();
		const response = await fetch(url, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				...doc,
				status: 'terminated',
				terminatedAt: now,
				terminatedBy: 'demo-sales-agent',
				updatedAt: now,
				updatedBy: 'demo-sales-agent'
			})
		});
		return { status: response.status, body: await response.json() };
	});
	expect(refused.status).toBe(403);
	expect(refused.body.reason).toMatch(/GDAP/);

	// A Sales agent may change the reseller of subscriptions: one entry each, on the server.
	await page.goto('/subscriptions/bulk-reseller?reseller=demo-reseller-3');
	const count = page.getByRole('status').filter({ hasText: /shown ·/ });
	const shown = Number(/(\d+) subscriptions? shown/.exec((await count.textContent()) ?? '')?.[1]);
	expect(shown).toBeGreaterThan(2);
	await page.getByRole('button', { name: `Select all ${shown}` }).click();
	await page
		.getByRole('combobox', { name: 'Reseller (MPN ID)' })
		.selectOption({ label: 'Wisła IT Solutions (6234561)' });
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByText(`${shown} subscriptions will change.`)).toBeVisible();
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `${shown} subscriptions are now credited to` })
	).toBeVisible();

	await expect
		.poll(
			async () =>
				(await serverDocs(page, 'activity')).filter(
					(entry) =>
						entry.action === 'subscription.partners-changed' && entry.actorId === 'demo-sales-agent'
				).length,
			{ timeout: 30_000 }
		)
		.toBe(shown);
	await expect
		.poll(
			async () =>
				(await serverDocs(page, 'subscriptions')).filter(
					(sub) => sub.resellerId === 'demo-reseller-3'
				).length,
			{ timeout: 30_000 }
		)
		.toBe(0);
	await expect(refusedAlert(page)).toHaveCount(0);
	await context.close();
});
