// Issue 15 against a real replication endpoint: the cancellation window is judged on the device's
// clock offline and again on the server's clock when the change arrives. The device's clock is
// Playwright's, six days behind the server's real one. The first sign-in seeds the demo from the
// device, so the demo subscription bought "2 days ago" started 8 days ago for the server: its
// window is open on the device (5 days left) and closed on the server (a day ago). A cancellation
// made offline is refused by the server when it arrives, shown with the reason, and the local
// record goes back to the server's version; the Activity follows the attempt with the refusal.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { endpointDocument, openDevice, signIn, syncStatus, useThrowawayEndpoint } from './endpoint';

const endpoint = useThrowawayEndpoint('subscriptions');

const DAY = 86_400_000;
/** The demo subscription bought 2 days before the demo was loaded (demo-lifecycle.ts). */
const IN_WINDOW = 'demo-lifecycle-in-window';

const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const detail = (page: Page, term: string) => details(page).locator(`dt:text-is("${term}") + dd`);
const actions = (page: Page) => page.getByRole('group', { name: 'Subscription actions' });
const refusal = (page: Page) =>
	page.getByRole('alert').filter({ hasText: 'The server refused a change' });

test('a cancellation made offline inside the window on the device, after it on the server, is refused there and put back', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const { context, page } = await openDevice(browser, endpoint.origin);
	await context.clock.install({ time: new Date(Date.now() - 6 * DAY) });
	await signIn(page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
	await expect
		.poll(
			async () => (await endpointDocument(endpoint, 'csp-demo-subscriptions', IN_WINDOW)).status,
			{
				timeout: 30_000
			}
		)
		.toBe('active');

	await page.goto(`/subscriptions/${IN_WINDOW}`);
	await expect(page.getByTestId('cancellation-window')).toContainText('Open: closes in 4 days');

	await context.setOffline(true);
	await actions(page).getByRole('button', { name: 'Cancel subscription' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('The subscription ends now and cannot be reactivated.');
	await dialog.getByRole('button', { name: 'Cancel subscription' }).click();
	await expect(detail(page, 'Status')).toHaveText('Cancelled');

	// Back online: the server's clock says the window closed a day ago.
	await context.setOffline(false);
	await expect(refusal(page)).toBeVisible({ timeout: 60_000 });
	await expect(refusal(page)).toContainText(
		"A subscription can be cancelled only in the first 7 days (168 hours) of a term; this term's window closed on"
	);
	await expect(refusal(page)).toContainText("The record is back to the server's version.");
	await expect(detail(page, 'Status')).toHaveText('Active', { timeout: 30_000 });
	await expect(actions(page).getByRole('button', { name: 'Cancel subscription' })).toBeVisible();
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });

	const onServer = await endpointDocument(endpoint, 'csp-demo-subscriptions', IN_WINDOW);
	expect(onServer.status).toBe('active');
	expect(onServer.cancelledAt).toBeUndefined();

	// The Activity does not claim a cancellation that did not happen: the attempt is followed by
	// an entry that says the server refused it, here and on the server (so on every device).
	const history = page.getByRole('list', { name: 'Changes to this subscription' });
	await expect(history.getByRole('article').first()).toContainText(
		"The server refused a change; the record is back to the server's version: A subscription can be cancelled only in the first 7 days (168 hours) of a term"
	);
	// The attempt is marked as the change the server refused and put back.
	const attempt = history
		.getByRole('article')
		.filter({ hasText: 'Cancelled Microsoft 365 Business Standard of' });
	await expect(attempt).toContainText('Refused by the server');
	await expect(
		history.getByRole('article').filter({ hasText: 'Refused by the server' })
	).toHaveCount(1);
	type Entry = { action: string; at: string; documentId: string; actorId: string };
	const serverLog = async (): Promise<Entry[]> => {
		const reply = await page.request.get('/db/csp-demo-activity/_all_docs?include_docs=true');
		expect(reply.ok()).toBe(true);
		const body = (await reply.json()) as { rows: { doc: Entry }[] };
		return body.rows
			.map((row) => row.doc)
			.filter((doc) => doc.documentId === IN_WINDOW)
			.sort((a, b) => a.at.localeCompare(b.at));
	};
	await expect
		.poll(async () => (await serverLog()).map((entry) => entry.action), { timeout: 30_000 })
		.toEqual(['subscription.cancelled', 'change.refused-by-server']);
	expect((await serverLog()).every((entry) => entry.actorId === 'demo-admin-agent')).toBe(true);

	// It stays put back after a reload, and the refusal is recorded once.
	await page.reload();
	await expect(detail(page, 'Status')).toHaveText('Active');
	await expect(
		history.getByRole('article').filter({ hasText: 'The server refused a change' })
	).toHaveCount(1);
	await expect(attempt).toContainText('Refused by the server');
	await context.close();
});

// Roles (README, "Subscriptions through their life"): a Sales agent changes licences and
// renewals; cancelling, suspending and reactivating are for Global admins and Admin agents, on
// the page and on the server.
test('a Sales agent adds licences but cannot suspend, on the page and on the server', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const id = 'demo-lifecycle-renews-10';
	const onServer = () => endpointDocument(endpoint, 'csp-demo-subscriptions', id);
	if ((await onServer()).status !== 'active') {
		// Run alone: the first sign-in of an Admin agent seeds the demo on the server.
		const seeding = await openDevice(browser, endpoint.origin);
		await signIn(seeding.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
		await expect.poll(async () => (await onServer()).status, { timeout: 30_000 }).toBe('active');
		await seeding.context.close();
	}
	const { context, page } = await openDevice(browser, endpoint.origin);
	await signIn(page, 'demo-sales-agent', 'sales-agent-demo', { synced: true });
	await page.goto(`/subscriptions/${id}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Microsoft 365 E3' })).toBeVisible();
	const suspend = actions(page).getByRole('button', { name: 'Suspend' });
	await expect(suspend).toBeDisabled();
	await expect(suspend).toHaveAccessibleDescription(
		/Only a Global admin or an Admin agent can cancel, suspend or reactivate a subscription\./
	);

	const before = Number((await onServer()).quantity);
	await actions(page).getByRole('button', { name: 'Change licences' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('Licences').fill(String(before + 2));
	await dialog.getByRole('button', { name: 'Change licences' }).click();
	await expect(detail(page, 'Licences')).toHaveText(String(before + 2));
	await expect.poll(async () => (await onServer()).quantity, { timeout: 30_000 }).toBe(before + 2);

	// A suspension written past the page (the sales agent's own session) is refused by its role.
	const stored = await onServer();
	const reply = await page.request.put(`/db/csp-demo-subscriptions/${id}`, {
		data: {
			...stored,
			status: 'suspended',
			suspendedAt: new Date().toISOString(),
			suspendedBy: 'demo-sales-agent',
			suspensionReason: 'non-payment',
			updatedAt: new Date().toISOString(),
			updatedBy: 'demo-sales-agent'
		}
	});
	expect(reply.status()).toBe(403);
	expect(((await reply.json()) as { reason: string }).reason).toMatch(/^\[csp:role\]/);
	expect((await onServer()).status).toBe('active');
	await context.close();
});
