// Sync against the real endpoint (its own app and PouchDB Server, see ./endpoint.ts).
// Two browser contexts are two devices of the demo organisation.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request as playwrightRequest, type Browser, type Page } from '@playwright/test';
import { createCouchClient, ensureUser, setUserRoles } from '../server/setup.js';
import {
	editPhone,
	openCustomer,
	openDevice,
	signIn,
	syncStatus,
	useThrowawayEndpoint
} from './endpoint';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('sync');
const device = (browser: Browser) => openDevice(browser, endpoint.origin);

const KOVACS = 'Kovács és Társa Kft.';
const SZEGEDI = /^Szegedi/;
const status = syncStatus;

const account = (page: Page) => page.getByRole('region', { name: 'Account' });

test('wrong credentials are refused next to the field', async ({ browser }) => {
	const { context, page } = await device(browser);
	await page.goto('/sign-in');
	await page.getByLabel('User name').fill('demo-global-admin');
	await page.getByLabel('Password').fill('wrong');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('The user name or password is wrong.')).toBeVisible();
	await context.close();
});

test('two devices: an online edit appears on the other, offline edits converge', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const a = await device(browser);
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo');
	await expect(a.page.getByRole('banner')).toContainText('Anna Kovács');
	await expect(status(a.page)).toContainText('Synced', { timeout: 30_000 });

	const b = await device(browser);
	await signIn(b.page, 'demo-global-admin', 'global-admin-demo');
	await expect(status(b.page)).toContainText('Synced', { timeout: 30_000 });

	// Online: A's edit reaches B without a reload.
	await openCustomer(a.page, KOVACS);
	await openCustomer(b.page, KOVACS);
	await editPhone(a.page, '+36 30 111 2222');
	await expect(account(b.page)).toContainText('+36 30 111 2222', { timeout: 20_000 });

	// Offline: both edit, the changes wait, then converge after reconnecting.
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await editPhone(a.page, '+36 30 333 4444');
	const recent = a.page.getByRole('region', { name: 'Recent activity' });
	await expect(recent.getByRole('article').first()).toContainText('Waiting to sync');
	await expect(status(a.page)).toContainText(/Offline · [1-9]\d* changes? waiting/);
	await openCustomer(b.page, SZEGEDI, 'Szegedi');
	await editPhone(b.page, '+36 62 555 6666');
	await expect(status(b.page)).toContainText(/Offline · [1-9]\d* changes? waiting/);

	await a.context.setOffline(false);
	await b.context.setOffline(false);
	await expect(status(a.page)).toContainText('Synced', { timeout: 30_000 });
	await expect(status(b.page)).toContainText('Synced', { timeout: 30_000 });
	await expect(account(b.page)).toContainText('+36 62 555 6666');
	await expect(recent.getByRole('article').first()).toContainText('Synced');
	await openCustomer(a.page, SZEGEDI, 'Szegedi');
	await expect(account(a.page)).toContainText('+36 62 555 6666', { timeout: 20_000 });
	await openCustomer(b.page, KOVACS);
	await expect(account(b.page)).toContainText('+36 30 333 4444', { timeout: 20_000 });

	// The same record edited offline on both devices, different fields: both edits survive.
	await openCustomer(a.page, KOVACS);
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await editPhone(a.page, '+36 30 123 9999');
	await b.page.getByLabel('City').fill('Győr');
	await b.page.getByRole('button', { name: 'Save changes' }).click();
	await expect(
		b.page.getByRole('status').filter({ hasText: 'The changes were saved.' })
	).toBeVisible();
	await a.context.setOffline(false);
	await expect(status(a.page)).toContainText('Synced', { timeout: 30_000 });
	await b.context.setOffline(false);
	for (const page of [a.page, b.page]) {
		await expect(account(page)).toContainText('+36 30 123 9999', { timeout: 30_000 });
		await expect(account(page)).toContainText('Győr', { timeout: 30_000 });
	}

	await a.context.close();
	await b.context.close();
});

test("a Sales agent's crafted removal of a partnership is refused; replication goes on", async ({
	browser
}) => {
	test.setTimeout(120_000);
	const agent = await device(browser);
	await signIn(agent.page, 'demo-sales-agent', 'sales-agent-demo');
	await expect(status(agent.page)).toContainText('Synced', { timeout: 30_000 });

	const refused = await agent.page.evaluate(async () => {
		const url = '/db/csp-demo-partnerships/demo-partnership-1-1';
		const doc = await (await fetch(url)).json();
		const now = new Date().toISOString();
		const removed = {
			...doc,
			status: 'removed',
			removedAt: now,
			removedBy: 'demo-sales-agent',
			removalAttested: true,
			updatedAt: now,
			updatedBy: 'demo-sales-agent'
		};
		const response = await fetch(url, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(removed)
		});
		return { status: response.status, body: await response.json() };
	});
	expect(refused.status).toBe(403);
	expect(refused.body.error).toBe('forbidden');
	expect(refused.body.reason).toMatch(/partnership/i);

	// The agent's own permitted edit still syncs to the endpoint.
	await openCustomer(agent.page, KOVACS);
	await editPhone(agent.page, '+36 30 777 8888');
	await expect(status(agent.page)).toContainText('Synced', { timeout: 30_000 });
	const stored = await agent.page.evaluate(async () => {
		const rows = await (await fetch('/db/csp-demo-customers/_all_docs?include_docs=true')).json();
		return rows.rows.map((row: { doc: { contact?: { phone?: string } } }) =>
			JSON.stringify(row.doc)
		);
	});
	expect(stored.some((doc: string) => doc.includes('+36 30 777 8888'))).toBe(true);
	const partnership = await agent.page.evaluate(async () =>
		(await fetch('/db/csp-demo-partnerships/demo-partnership-1-1')).json()
	);
	expect(partnership.status).toBe('active');
	// In the app, the Sales agent is not offered the removal at all.
	await agent.page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Indirect resellers' })
		.click();
	await expect(
		agent.page
			.getByRole('list', { name: 'Resellers' })
			.getByRole('listitem')
			.filter({ hasText: 'Wisła IT Solutions' })
			.getByRole('button', { name: 'Remove partnership' })
	).toBeDisabled();
	await agent.context.close();

	// The same removal made in the app, by a user whose roles were reduced on the server after
	// they signed in: the stale UI still offers it, the server refuses it, the user is told which
	// change and why, and the partnership goes back to the server's version.
	const client = createCouchClient({
		url: endpoint.app.couchUrl,
		adminName: endpoint.app.adminName,
		adminPassword: JSON.parse(await readFile(join(endpoint.dataDir, 'admin.json'), 'utf8')).password
	});
	await ensureUser(client, {
		org: 'demo',
		name: 'demo-demoted-admin',
		roles: ['global-admin'],
		password: 'demoted-admin-demo',
		displayName: 'Demoted Admin'
	});
	const demoted = await device(browser);
	const page = demoted.page;
	await signIn(page, 'demo-demoted-admin', 'demoted-admin-demo');
	await expect(status(page)).toContainText('Synced', { timeout: 30_000 });
	await setUserRoles(client, 'demo', 'demo-demoted-admin', ['sales-agent']);
	const row = page
		.getByRole('list', { name: 'Resellers' })
		.getByRole('listitem')
		.filter({ hasText: 'Wisła IT Solutions' });
	await expect(row).toContainText('Active');
	await row.getByRole('button', { name: 'Remove partnership' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove partnership' });
	await dialog.getByRole('checkbox').check();
	await dialog.getByRole('button', { name: 'Yes', exact: true }).click();
	const alert = page.getByRole('alert').filter({ hasText: 'The server refused a change' });
	await expect(alert).toContainText(
		/Partnership .*Only a Global admin or an Admin agent can remove a partnership/
	);
	await expect(alert).toBeVisible({ timeout: 20_000 });
	await expect(row).toContainText('Active', { timeout: 20_000 });
	await alert.getByRole('button', { name: 'Dismiss' }).click();
	await expect(alert).toBeHidden();
	await expect(status(page)).toContainText('Synced', { timeout: 30_000 });
	// The refused attempt stays in this device's activity log.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Activity' })
		.click();
	await expect(
		page.getByText('Removed the partnership with Wisła IT Solutions').first()
	).toBeVisible();
	await demoted.context.close();
});

test('an expired session keeps offline changes; signing in again pushes them; sign-out asks first', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await device(browser);
	await signIn(page, 'demo-admin-agent', 'admin-agent-demo');
	await expect(status(page)).toContainText('Synced', { timeout: 30_000 });

	await context.setOffline(true);
	await openCustomer(page, SZEGEDI, 'Szegedi');
	await editPhone(page, '+36 62 999 0000');
	// The session ends while the device is offline.
	await context.clearCookies();
	await context.setOffline(false);
	const expired = page.getByRole('alert').filter({ hasText: 'Your session has expired' });
	await expect(expired).toBeVisible({ timeout: 30_000 });
	await expect(status(page)).toContainText(/Sign in again · [1-9]\d* changes? waiting/);

	// Signing out now asks first, because the changes have not reached the server.
	await page.getByRole('button', { name: 'Sign out' }).click();
	const ask = page.getByRole('dialog', { name: 'Sign out with changes not synced?' });
	await expect(ask).toBeVisible();
	await ask.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(ask).toBeHidden();

	await expired.getByRole('link', { name: 'sign in again' }).click();
	await expect(page.getByLabel('User name')).toHaveValue('demo-admin-agent');
	await page.getByLabel('Password').fill('admin-agent-demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(status(page)).toContainText('Synced', { timeout: 30_000 });
	const onServer = await page.evaluate(async () =>
		JSON.stringify(await (await fetch('/db/csp-demo-customers/_all_docs?include_docs=true')).json())
	);
	expect(onServer).toContain('+36 62 999 0000');

	// Everything synced: signing out asks nothing and clears this device.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Welcome to CSP Field' })).toBeVisible({
		timeout: 20_000
	});
	await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
	await expect(status(page)).toContainText('On this device only');
	await context.close();
});

test('only one tab replicates; the other shows its state and its edits are pushed', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await device(browser);
	await signIn(page, 'demo-global-admin', 'global-admin-demo');
	await expect(status(page)).toContainText('Synced', { timeout: 30_000 });

	const second = await context.newPage();
	const replicationRequests: string[] = [];
	second.on('request', (request) => {
		if (request.url().includes('/db/csp-')) replicationRequests.push(request.url());
	});
	await second.goto('/');
	await expect(second.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
	await expect(status(second)).toContainText('Synced', { timeout: 20_000 });
	await openCustomer(second, SZEGEDI, 'Szegedi');
	await editPhone(second, '+36 62 444 1111');
	await expect
		.poll(
			async () =>
				second.evaluate(async () =>
					JSON.stringify(
						await (await fetch('/db/csp-demo-customers/_all_docs?include_docs=true')).json()
					)
				),
			{ timeout: 30_000 }
		)
		.toContain('+36 62 444 1111');
	expect(replicationRequests.filter((url) => !url.includes('_all_docs?include_docs=true'))).toEqual(
		[]
	);
	await context.close();
});

test("another organisation's user gets 401/403 for the demo organisation's data", async () => {
	const anonymous = await playwrightRequest.newContext({ baseURL: endpoint.origin });
	expect((await anonymous.get('/db/csp-demo-customers/_all_docs')).status()).toBe(401);
	await anonymous.dispose();

	const other = await playwrightRequest.newContext({ baseURL: endpoint.origin });
	const session = await other.post('/db/_session', {
		data: { name: 'other-global-admin', password: 'other-admin-demo' }
	});
	expect(session.ok()).toBe(true);
	for (const collection of ['partners', 'partnerships', 'customers', 'subscriptions', 'activity']) {
		const read = await other.get(`/db/csp-demo-${collection}/_all_docs`);
		expect(read.status(), collection).toBe(403);
	}
	const write = await other.put('/db/csp-demo-customers/intruder', {
		data: { name: 'Intruder' }
	});
	expect(write.status()).toBe(403);
	const changes = await other.get('/db/csp-demo-customers/_changes');
	expect(changes.status()).toBe(403);
	await other.dispose();
});
