// Closed-app sync (issue 3): a change made offline reaches the endpoint after every page is
// closed and the network returns, through the service worker's Background Sync, without the
// app being opened again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import {
	editPhone,
	openCustomer,
	openDevice,
	signIn,
	syncStatus,
	useThrowawayEndpoint
} from './endpoint';

const endpoint = useThrowawayEndpoint('background-sync');
const KOVACS = 'Kovács és Társa Kft.';

/** The customer as the endpoint has it, read as the server admin (no browser involved). */
async function customerOnEndpoint(companyName: string): Promise<{ contact?: { phone?: string } }> {
	const admin = JSON.parse(await readFile(join(endpoint.dataDir, 'admin.json'), 'utf8'));
	const auth = Buffer.from(`${admin.name}:${admin.password}`).toString('base64');
	const response = await fetch(
		`${endpoint.app.couchUrl}/csp-demo-customers/_all_docs?include_docs=true`,
		{ headers: { authorization: `Basic ${auth}` } }
	);
	const body = (await response.json()) as {
		rows: { doc: { companyName?: string; contact?: { phone?: string } } }[];
	};
	const row = body.rows.find((entry) => entry.doc?.companyName === companyName);
	if (!row) throw new Error(`${companyName} is not on the endpoint`);
	return row.doc;
}

/** What the service worker logs (its console), also after the browser restarted it. */
function recordServiceWorkerLog(context: BrowserContext): string[] {
	const log: string[] = [];
	const listen = (worker: Worker) => worker.on('console', (message) => log.push(message.text()));
	context.serviceWorkers().forEach(listen);
	context.on('serviceworker', listen);
	return log;
}

async function syncTags(context: BrowserContext): Promise<string[]> {
	const page = context.pages()[0];
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		const sync = (registration as unknown as { sync: { getTags(): Promise<string[]> } }).sync;
		return sync.getTags();
	});
}

/** Signs in, edits a phone number offline, closes every page: the change waits in IndexedDB. */
async function editOfflineAndClose(
	context: BrowserContext,
	page: import('@playwright/test').Page,
	phone: string
) {
	await signIn(page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await waitForServiceWorkerControl(page);
	await context.setOffline(true);
	await openCustomer(page, KOVACS);
	await editPhone(page, phone);
	await expect(syncStatus(page)).toContainText(/waiting/i);
	await expect.poll(() => syncTags(context)).toContain('csp-field-sync');
	expect((await customerOnEndpoint(KOVACS)).contact?.phone).not.toBe(phone);
	for (const open of context.pages()) await open.close();
	expect(context.pages()).toHaveLength(0);
}

test('the service worker pushes an offline change by itself when the network returns, with every page closed', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await openDevice(browser, endpoint.origin);
	const workerLog = recordServiceWorkerLog(context);
	await editOfflineAndClose(context, page, '+36 30 246 8101');

	await context.setOffline(false);
	await expect
		.poll(async () => (await customerOnEndpoint(KOVACS)).contact?.phone, { timeout: 30_000 })
		.toBe('+36 30 246 8101');
	expect(context.pages()).toHaveLength(0);
	await expect.poll(() => workerLog.join('\n')).toContain('Background sync: synced');
	await context.close();
});

test('with the app open, the page replicates and the service worker stands aside', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await openDevice(browser, endpoint.origin);
	const workerLog = recordServiceWorkerLog(context);
	await signIn(page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await waitForServiceWorkerControl(page);
	await context.setOffline(true);
	await openCustomer(page, KOVACS);
	await editPhone(page, '+36 30 246 8202');
	await expect(syncStatus(page)).toContainText(/waiting/i);

	await context.setOffline(false);
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	expect((await customerOnEndpoint(KOVACS)).contact?.phone).toBe('+36 30 246 8202');
	await expect
		.poll(() => workerLog.join('\n'), { timeout: 30_000 })
		.toContain('Background sync: page-replicates');
	expect(workerLog.join('\n')).not.toContain('Background sync: synced');
	await context.close();
});
