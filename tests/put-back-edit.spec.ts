// A field one device changed and put back, while the other device, apart, changed it too (issue
// 9, random sync seed 975374935). Device B goes offline and sets a customer's first name to
// "Piotr"; device A sets it to "Eszter" (pushed and acknowledged), then takes the edit back (the
// first name both devices started from, pushed and acknowledged). B comes back: its push meets A's
// put-back version. Before the fix the merge compared only that version with the common one: the
// first name looked unchanged on A's side, so B's "Piotr" won without a trace although A's put-back
// was the later edit. The endpoint's history of the record shows A's "Eszter": the field was
// changed on both sides, so the later edit keeps it and the other value is in B's Conflicts
// (README: "a field changed on both devices to different values keeps the later edit").
// Two tests: A's put-back later than B's edit, and B's edit later than A's put-back. (The names
// here are "Wiktoria" for B and "Ottilie" for A's change: the demo data has Piotr and Eszter.)
import type { Browser, Page } from '@playwright/test';
import { endpointDocument, openDevice, signIn, syncStatus, useThrowawayEndpoint } from './endpoint';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { editCustomer, openSyncOps } from './sync-ops';

const endpoint = useThrowawayEndpoint('put-back-edit');

type Customer = { contact: { firstName: string }; updatedBy: string; deviceId: string };

const onEndpoint = async (id: string) =>
	(await endpointDocument(endpoint, 'csp-demo-customers', id)) as unknown as Customer;

/** The first name this device holds and the values its Conflicts lost for the record. */
const onDevice = (page: Page, id: string) =>
	page.evaluate(async (id) => {
		const { collections, conflicts } = await window.cspSyncOps!.dump();
		const customer = collections.customers.find((c) => c.id === id) as unknown as Customer;
		return {
			firstName: customer.contact.firstName,
			lost: conflicts
				.filter((c) => c.documentId === id && c.field === 'contact.firstName')
				.map((c) => ({
					lost: JSON.parse(String(c.lostValue)),
					kept: JSON.parse(String(c.keptValue))
				}))
		};
	}, id);

async function putBackWhileApart(browser: Browser, id: string, bEditsLast: boolean): Promise<void> {
	const [a, b] = await Promise.all([0, 1].map(() => openDevice(browser, endpoint.origin)));
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
	for (const { page } of [a, b]) {
		await openSyncOps(page);
		await waitForServiceWorkerControl(page);
		await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	}
	const started = (await onEndpoint(id)).contact.firstName;
	expect(['Wiktoria', 'Ottilie']).not.toContain(started);
	expect((await onDevice(b.page, id)).firstName).toBe(started);

	// B, apart from the endpoint, changes the first name (before A's edits, or after them).
	await b.context.setOffline(true);
	const bEdits = async () =>
		expect((await editCustomer(b.page, id, { firstName: 'Wiktoria' })).result).toBe('ok');
	if (!bEditsLast) await bEdits();

	// A changes it and takes the change back; the endpoint acknowledges each version.
	for (const firstName of ['Ottilie', started]) {
		expect((await editCustomer(a.page, id, { firstName })).result).toBe('ok');
		await expect
			.poll(async () => (await onEndpoint(id)).contact.firstName, { timeout: 30_000 })
			.toBe(firstName);
		await expect(syncStatus(a.page)).toContainText('Synced', { timeout: 30_000 });
	}
	if (bEditsLast) await bEdits();

	// B comes back: its push meets A's put-back version, and B settles the conflict.
	await b.context.setOffline(false);
	await expect
		.poll(async () => (await onEndpoint(id)).updatedBy, { timeout: 60_000 })
		.toBe('demo-admin-agent');
	await expect(syncStatus(b.page)).toContainText('Synced', { timeout: 30_000 });

	const kept = bEditsLast ? 'Wiktoria' : started;
	const lost = bEditsLast ? started : 'Wiktoria';
	expect((await onEndpoint(id)).contact.firstName).toBe(kept);
	await expect.poll(async () => (await onDevice(b.page, id)).firstName).toBe(kept);
	expect((await onDevice(b.page, id)).lost).toEqual([{ lost, kept }]);
	await expect
		.poll(async () => (await onDevice(a.page, id)).firstName, { timeout: 45_000 })
		.toBe(kept);
	for (const { context } of [a, b]) await context.close();
}

test("a put-back later than the other device's edit of the field keeps it; the edit is in Conflicts", async ({
	browser
}) => {
	test.setTimeout(180_000);
	await putBackWhileApart(browser, 'demo-customer-3', false);
});

test("the other device's edit later than a put-back keeps it; the put-back is in Conflicts", async ({
	browser
}) => {
	test.setTimeout(180_000);
	await putBackWhileApart(browser, 'demo-customer-4', true);
});
