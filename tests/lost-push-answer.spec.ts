// A push whose answer never arrives (the network drops after the endpoint stored the write) must
// not cost the next edit of the same record: the device does not know that the endpoint has its
// first version, so the next push meets it as a conflict without a common version. Found by
// tests/random-sync.spec.ts (seed 90210). Against the real endpoint (see ./endpoint.ts).
import type { OperationOutcome } from '../src/lib/dev/sync-ops-api';
import { endpointDocument, openDevice, signIn, syncStatus, useThrowawayEndpoint } from './endpoint';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('lost-push-answer');

const endpointCustomer = (id: string) => endpointDocument(endpoint, 'csp-demo-customers', id);

test('an edit made after a push whose answer was lost reaches the endpoint', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await openDevice(browser, endpoint.origin);
	await signIn(page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await page.goto('/dev/sync-ops');
	await expect(page.locator('[data-sync-ops-ready]')).toBeVisible();

	// The endpoint stores the new customer, but the device never hears back.
	let dropped!: () => void;
	const answerDropped = new Promise<void>((resolve) => (dropped = resolve));
	await page.route('**/db/csp-demo-customers/_bulk_docs*', async (route) => {
		const response = await route.fetch();
		expect(response.status()).toBe(201);
		await route.abort('internetdisconnected');
		dropped();
	});
	const created = await page.evaluate(() =>
		window.cspSyncOps!.addCustomer({
			details: {
				companyName: 'Lost Answer Kft.',
				domainPrefix: 'lostanswer',
				address: {
					line1: 'Fő utca 1',
					line2: '',
					city: 'Budapest',
					state: '',
					postalCode: '1011',
					country: 'HU'
				},
				contact: {
					firstName: 'Piotr',
					lastName: 'Nowak',
					email: 'piotr@lostanswer.example',
					phone: '+36 1 555 0000'
				},
				organisationRegistrationNumber: '01-09-123456',
				cloud: 'public'
			},
			withReseller: false,
			pickReseller: 0,
			pickOffer: 0,
			pickQuantity: 0
		})
	);
	expect(created.result).toBe('ok');
	const id = created.records.find((r) => r.collection === 'customers')!.id;
	await answerDropped;
	await page.unroute('**/db/csp-demo-customers/_bulk_docs*');
	expect((await endpointCustomer(id)).companyName).toBe('Lost Answer Kft.');

	const edited: OperationOutcome = await page.evaluate(
		(id) => window.cspSyncOps!.editCustomer({ pick: 0, id, firstName: 'Anna' }),
		id
	);
	expect(edited.result).toBe('ok');
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await expect
		.poll(async () => (await endpointCustomer(id)).contact, { timeout: 30_000 })
		.toMatchObject({ firstName: 'Anna' });
	const onDevice = await page.evaluate(async (id) => {
		const { collections } = await window.cspSyncOps!.dump();
		return collections.customers.find((c) => c.id === id);
	}, id);
	expect(onDevice).toMatchObject({ contact: { firstName: 'Anna' } });
	await context.close();
});
