// A push whose answer is lost, then the other device writes over that version before this device
// comes back (random sync seed 618480762, issue 9's second shape). Device A sets the city to
// "Wien"; the endpoint stores it, A never hears back (it goes offline). Device B pulls A's version
// and puts the city back; the endpoint now has B's version, which descends from A's. A, still
// offline, changes the first name, then comes back: its push meets B's version, which is not one A
// sent. Before the fix the merge took the version A last heard of (city as before) as the common
// one: B's city looked unchanged, A's "Wien" changed, and A's earlier edit overwrote B's later one
// without a trace. The common version is A's own "Wien" version, the newest one in the endpoint's
// history of the record that A sent: B's city and A's first name both stay.
// One test per way A's answer goes away while A is apart: an offline switch, a reload, a closed
// tab, and Background Sync pushing A's next edit with every page closed (issue 9).
import { endpointDocument, openDevice, signIn, syncStatus, useThrowawayEndpoint } from './endpoint';
import type { Browser, BrowserContext, Page, Worker } from '@playwright/test';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { customerOnDevice, editCustomer, openSyncOps } from './sync-ops';
import { holdNextPush } from './push-control';

const endpoint = useThrowawayEndpoint('lost-answer-overwritten');

type Customer = { address: { city: string }; contact: { firstName: string } };

const onEndpoint = async (id: string) =>
	(await endpointDocument(endpoint, 'csp-demo-customers', id)) as unknown as Customer;

type Way = 'offline switch' | 'reload' | 'closed tab' | 'Background Sync';

async function overwrittenWhileApart(browser: Browser, id: string, way: Way): Promise<void> {
	const devices = await Promise.all([0, 1].map(() => openDevice(browser, endpoint.origin)));
	const [a, b] = devices;
	const workerLog: string[] = [];
	const listen = (worker: Worker) => worker.on('console', (m) => workerLog.push(m.text()));
	a.context.serviceWorkers().forEach(listen);
	a.context.on('serviceworker', listen);
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
	for (const { page } of devices) {
		await openSyncOps(page);
		await waitForServiceWorkerControl(page);
	}
	const before = await onEndpoint(id);
	expect(before.address.city).not.toBe('Wien');

	// A's push reaches the endpoint; A goes offline and the answer goes away.
	const held = await holdNextPush(a.page, 'csp-demo-customers');
	expect((await editCustomer(a.page, id, { city: 'Wien' })).result).toBe('ok');
	await held.stored;
	await a.context.setOffline(true);
	let page: Page = a.page;
	if (way === 'reload') {
		await page.reload();
		await held.drop();
		await openSyncOps(page);
	} else if (way === 'closed tab') {
		await page.close();
		await held.drop();
		page = await a.context.newPage();
		await openSyncOps(page);
	} else {
		await held.drop();
	}

	// B pulls A's version and puts the city back: the endpoint's version descends from A's. A went
	// offline at once, so its Activity entry (the live feed's signal) may not have left: then B's
	// customers are asked at the gate's fallback, at most 30 s later (long-poll-gate.ts).
	await expect
		.poll(async () => (await customerOnDevice(b.page, id)).address.city, { timeout: 45_000 })
		.toBe('Wien');
	expect((await editCustomer(b.page, id, { city: before.address.city })).result).toBe('ok');
	await expect
		.poll(async () => (await onEndpoint(id)).address.city, { timeout: 30_000 })
		.toBe(before.address.city);

	// A, offline, edits another field of the record, then comes back.
	expect((await editCustomer(page, id, { firstName: 'Dávid' })).result).toBe('ok');
	if (way === 'Background Sync') {
		await page.close();
		expect(a.context.pages()).toHaveLength(0);
	}
	await a.context.setOffline(false);
	await expect
		.poll(async () => (await onEndpoint(id)).contact.firstName, { timeout: 60_000 })
		.toBe('Dávid');
	if (way === 'Background Sync') {
		// The worker reports after every collection's run and the Conflicts writes: a moment after
		// the endpoint has the push.
		await expect
			.poll(() => workerLog.join('\n'), { timeout: 30_000 })
			.toContain('Background sync: synced');
		page = await a.context.newPage();
		await openSyncOps(page);
	}
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });

	// B's later city stays (it was the only change of the city since A's version), with A's name.
	expect((await onEndpoint(id)).address.city).toBe(before.address.city);
	await expect
		.poll(async () => (await customerOnDevice(page, id)).address.city, { timeout: 30_000 })
		.toBe(before.address.city);
	const local = await customerOnDevice(page, id);
	expect(local.contact.firstName).toBe('Dávid');
	expect(local.conflicts).toBe(0);
	for (const context of [a.context, b.context] as BrowserContext[]) await context.close();
}

test("the other device's write over a version whose answer was lost", async ({ browser }) => {
	test.setTimeout(150_000);
	await overwrittenWhileApart(browser, 'demo-customer-3', 'offline switch');
});

test("the other device's write over a version whose answer a reload took away", async ({
	browser
}) => {
	test.setTimeout(150_000);
	await overwrittenWhileApart(browser, 'demo-customer-4', 'reload');
});

test("the other device's write over a version whose answer a closed tab took away", async ({
	browser
}) => {
	test.setTimeout(150_000);
	await overwrittenWhileApart(browser, 'demo-customer-6', 'closed tab');
});

test("Background Sync pushing an edit over the other device's write, with every page closed", async ({
	browser
}) => {
	test.setTimeout(150_000);
	await overwrittenWhileApart(browser, 'demo-customer-7', 'Background Sync');
});
