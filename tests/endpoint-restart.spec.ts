// The supervised endpoint (server/endpoint.js) seen from a device: the endpoint process is
// killed; meanwhile the gateway answers 503 with a reason and the device keeps its edit; the
// endpoint comes back by itself and replication resumes, with nothing lost. On a throwaway
// endpoint (./endpoint.ts).
import {
	editPhone,
	endpointDocument,
	openCustomer,
	signedInDevice,
	syncStatus,
	useThrowawayEndpoint
} from './endpoint';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('endpoint-restart');
const KOVACS = 'Kovács és Társa Kft.';

test('a killed endpoint comes back by itself and the edit made meanwhile reaches it', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await signedInDevice(browser, endpoint.origin, [
		'demo-global-admin',
		'global-admin-demo'
	]);
	await openCustomer(page, KOVACS);
	const customerId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
	const supervised = endpoint.app.endpoint;
	if (!supervised) throw new Error('The throwaway app has no embedded endpoint');
	const pid = supervised.pid ?? 0;
	expect(pid).toBeGreaterThan(0);

	process.kill(pid, 'SIGKILL');
	const meanwhile = await page.request.get('/db/csp-demo-customers/');
	expect(meanwhile.status()).toBe(503);
	expect(meanwhile.headers()['retry-after']).toBeTruthy();
	expect(await meanwhile.json()).toMatchObject({ error: 'unavailable' });

	await editPhone(page, '+36 30 503 5030');
	await expect
		.poll(() => supervised.pid, { timeout: 30_000, message: 'the endpoint was restarted' })
		.not.toBe(pid);
	await expect
		.poll(
			async () =>
				(
					(await endpointDocument(endpoint, 'csp-demo-customers', customerId)).contact as
						{ phone?: string } | undefined
				)?.phone,
			{ timeout: 45_000, message: 'the edit reached the restarted endpoint' }
		)
		.toBe('+36 30 503 5030');
	await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
	await context.close();
});
