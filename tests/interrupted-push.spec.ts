// A push whose answer is lost, then a later edit of the same record: the device's own later edit
// must win over its own earlier version, whatever takes the answer away. The endpoint stores the
// first push (city "Wien") but the device never hears back; the device then puts the city back
// and changes the first name; the next push meets its own earlier version on the endpoint.
// Before the fix the merge took the version the device last heard of as the common one, saw the
// city "unchanged" locally and "changed" on the endpoint, and kept "Wien": the later edit was lost
// without a trace (issue 9, random sync seed 310014339). One test per way the answer goes away:
// an offline switch, a reload, a closed tab, and Background Sync taking over with no page open.
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { endpointDocument, openDevice, signIn, syncStatus, useThrowawayEndpoint } from './endpoint';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { customerOnDevice, editCustomer, openSyncOps } from './sync-ops';
import { holdNextPush, type HeldPush } from './push-control';

const endpoint = useThrowawayEndpoint('interrupted-push');

type Customer = {
	address: { city: string };
	contact: { firstName: string };
};

const onEndpoint = async (id: string) =>
	(await endpointDocument(endpoint, 'csp-demo-customers', id)) as unknown as Customer;

interface Scene {
	context: BrowserContext;
	page: Page;
	id: string;
	/** The city before the test: the later edit puts it back. */
	city: string;
	firstName: string;
	held: HeldPush;
	workerLog: string[];
}

/**
 * Signs in, then edits customer `id` (city → Wien) and holds the push: the endpoint has the edit,
 * the device has not heard back.
 */
async function pushWithoutAnswerYet(
	browser: import('@playwright/test').Browser,
	id: string
): Promise<Scene> {
	const { context, page } = await openDevice(browser, endpoint.origin);
	const workerLog: string[] = [];
	const listen = (worker: Worker) => worker.on('console', (m) => workerLog.push(m.text()));
	context.serviceWorkers().forEach(listen);
	context.on('serviceworker', listen);
	await signIn(page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await openSyncOps(page);
	await waitForServiceWorkerControl(page);
	const before = await onEndpoint(id);
	expect(before.address.city).not.toBe('Wien');
	const held = await holdNextPush(page, 'csp-demo-customers');
	expect((await editCustomer(page, id, { city: 'Wien' })).result).toBe('ok');
	await held.stored;
	expect((await onEndpoint(id)).address.city).toBe('Wien');
	return {
		context,
		page,
		id,
		city: before.address.city,
		firstName: before.contact.firstName,
		held,
		workerLog
	};
}

/** The later edit: the city back as it was, and a new first name. */
async function editAgain(scene: Scene, page = scene.page): Promise<void> {
	const outcome = await editCustomer(page, scene.id, { city: scene.city, firstName: 'Dávid' });
	expect(outcome.result).toBe('ok');
}

/** The endpoint and the device end with the later edit, and nothing counts as a conflict. */
async function expectLaterEditKept(scene: Scene, page: Page): Promise<void> {
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await expect
		.poll(async () => (await onEndpoint(scene.id)).contact.firstName, { timeout: 30_000 })
		.toBe('Dávid');
	expect((await onEndpoint(scene.id)).address.city).toBe(scene.city);
	await expect
		.poll(async () => (await customerOnDevice(page, scene.id)).address.city)
		.toBe(scene.city);
	const local = await customerOnDevice(page, scene.id);
	expect(local.contact.firstName).toBe('Dávid');
	expect(local.conflicts).toBe(0);
}

test('an offline switch while a push is in flight', async ({ browser }) => {
	test.setTimeout(120_000);
	const scene = await pushWithoutAnswerYet(browser, 'demo-customer-3');
	await scene.context.setOffline(true);
	await scene.held.drop();
	await editAgain(scene);
	await scene.context.setOffline(false);
	await expectLaterEditKept(scene, scene.page);
	await scene.context.close();
});

test('a reload while a push is in flight', async ({ browser }) => {
	test.setTimeout(120_000);
	const scene = await pushWithoutAnswerYet(browser, 'demo-customer-4');
	// The later edit waits behind the push in flight; the reload takes the answer away.
	await editAgain(scene);
	await scene.page.reload();
	await scene.held.drop();
	await openSyncOps(scene.page);
	await expectLaterEditKept(scene, scene.page);
	await scene.context.close();
});

test('a tab closed while a push is in flight', async ({ browser }) => {
	test.setTimeout(120_000);
	const scene = await pushWithoutAnswerYet(browser, 'demo-customer-6');
	await editAgain(scene);
	await scene.page.close();
	await scene.held.drop();
	const page = await scene.context.newPage();
	await openSyncOps(page);
	await expectLaterEditKept(scene, page);
	await scene.context.close();
});

test('Background Sync taking over after the answer was lost, with every page closed', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const scene = await pushWithoutAnswerYet(browser, 'demo-customer-7');
	await scene.context.setOffline(true);
	await scene.held.drop();
	await editAgain(scene);
	await scene.page.close();
	expect(scene.context.pages()).toHaveLength(0);
	await scene.context.setOffline(false);
	await expect
		.poll(() => scene.workerLog.join('\n'), { timeout: 60_000 })
		.toContain('Background sync: synced');
	const endpointNow = await onEndpoint(scene.id);
	expect(endpointNow.contact.firstName).toBe('Dávid');
	expect(endpointNow.address.city).toBe(scene.city);
	// The device, opened again, has the same and nothing in Conflicts.
	const page = await scene.context.newPage();
	await openSyncOps(page);
	await expectLaterEditKept(scene, page);
	await scene.context.close();
});
