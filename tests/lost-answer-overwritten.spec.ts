// A push whose answer is lost, then the other device writes over that version before this device
// comes back (random sync seed 618480762, issue 9's second shape). Device A sets the city to
// "Wien"; the endpoint stores it, A never hears back (it goes offline). Device B pulls A's version
// and puts the city back; the endpoint now has B's version, which descends from A's. A, still
// offline, changes the first name, then comes back: its push meets B's version, which is not one A
// sent. Before the fix the merge took the version A last heard of (city as before) as the common
// one: B's city looked unchanged, A's "Wien" changed, and A's earlier edit overwrote B's later one
// without a trace. The common version is A's own "Wien" version, the newest one in the endpoint's
// history of the record that A sent: B's city and A's first name both stay.
import { endpointDocument, openDevice, signIn, syncStatus, useThrowawayEndpoint } from './endpoint';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { customerOnDevice, editCustomer, openSyncOps } from './sync-ops';
import { holdNextPush } from './push-control';

const endpoint = useThrowawayEndpoint('lost-answer-overwritten');

type Customer = { address: { city: string }; contact: { firstName: string } };

const onEndpoint = async (id: string) =>
	(await endpointDocument(endpoint, 'csp-demo-customers', id)) as unknown as Customer;

test("the other device's write over a version whose answer was lost", async ({ browser }) => {
	test.setTimeout(150_000);
	const id = 'demo-customer-3';
	const devices = await Promise.all(
		[0, 1].map(() => openDevice(browser, endpoint.origin).then((device) => device))
	);
	const [a, b] = devices;
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
	for (const { page } of devices) {
		await openSyncOps(page);
		await waitForServiceWorkerControl(page);
	}
	const before = await onEndpoint(id);
	expect(before.address.city).not.toBe('Wien');

	// A's push reaches the endpoint; A goes offline before it hears back.
	const held = await holdNextPush(a.page, 'csp-demo-customers');
	expect((await editCustomer(a.page, id, { city: 'Wien' })).result).toBe('ok');
	await held.stored;
	await a.context.setOffline(true);
	await held.drop();

	// B pulls A's version and puts the city back: the endpoint's version descends from A's.
	await expect
		.poll(async () => (await customerOnDevice(b.page, id)).address.city, { timeout: 30_000 })
		.toBe('Wien');
	expect((await editCustomer(b.page, id, { city: before.address.city })).result).toBe('ok');
	await expect
		.poll(async () => (await onEndpoint(id)).address.city, { timeout: 30_000 })
		.toBe(before.address.city);

	// A, offline, edits another field of the record, then comes back.
	expect((await editCustomer(a.page, id, { firstName: 'Dávid' })).result).toBe('ok');
	await a.context.setOffline(false);
	await expect
		.poll(async () => (await onEndpoint(id)).contact.firstName, { timeout: 30_000 })
		.toBe('Dávid');
	await expect(syncStatus(a.page)).toContainText('Synced', { timeout: 30_000 });

	// B's later city stays (it was the only change of the city since A's version), with A's name.
	expect((await onEndpoint(id)).address.city).toBe(before.address.city);
	const local = await customerOnDevice(a.page, id);
	expect(local.address.city).toBe(before.address.city);
	expect(local.contact.firstName).toBe('Dávid');
	expect(local.conflicts).toBe(0);
	for (const { context } of devices) await context.close();
});
