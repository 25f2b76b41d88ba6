// The live pull's first long-poll reaches the endpoint after the first pull was answered, and the
// other device writes in between (random sync seed 633783801: B's activity entries of steps
// 275–310 never reached A). RxDB's CouchDB replication starts its long-poll loop with
// `since=now`: "now" is whenever the request reaches the endpoint. When it gets there late (the
// browser's six connections are busy, the network is slow), what the other device wrote after
// the first pull and before that moment is in neither answer, and the long-poll's answer moves the
// checkpoint past it: the device never pulls it, not even after a reload. The fix: a long-poll
// never asks from `now`, but from the sequence the pulls before it reached (couch-fetch.ts).
import type { Page, Request, Route } from '@playwright/test';
import { endpointDocument, openDevice, signIn, useThrowawayEndpoint } from './endpoint';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { editCustomer, openSyncOps } from './sync-ops';

const endpoint = useThrowawayEndpoint('late-long-poll');

const activityOn = async (page: Page) =>
	page.evaluate(async () =>
		(await window.cspSyncOps!.dump()).collections.activity.map((doc) => String(doc.id))
	);

test('an entry written between the first pull and a late first long-poll reaches the device', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const devices = await Promise.all([0, 1].map(() => openDevice(browser, endpoint.origin)));
	const [a, b] = devices;
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
	for (const { page } of devices) {
		await openSyncOps(page);
		await waitForServiceWorkerControl(page);
	}

	// A starts again; its first activity long-poll waits here until B has written.
	let pulled = false;
	let held: Route | undefined;
	let heldUrl = '';
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	const pattern = '**/db/csp-demo-activity/_changes*';
	const handler = async (route: Route, request: Request) => {
		const url = new URL(request.url());
		if (url.searchParams.get('feed') !== 'longpoll' || held) return route.fallback();
		held = route;
		heldUrl = url.search;
		await released;
		await route.fallback();
	};
	await a.page.route(pattern, handler);
	const onFinished = (request: Request) => {
		const url = new URL(request.url());
		if (
			url.pathname.endsWith('csp-demo-activity/_changes') &&
			url.searchParams.get('feed') === 'normal'
		)
			pulled = true;
	};
	a.page.on('requestfinished', onFinished);
	await openSyncOps(a.page);
	await expect.poll(() => pulled && held !== undefined, { timeout: 30_000 }).toBe(true);

	// B writes after A's first pull, before A's long-poll reaches the endpoint.
	const first = await editCustomer(b.page, 'demo-customer-5', { city: 'Graz' });
	expect(first.result).toBe('ok');
	const [firstEntry] = first.activityIds;
	await expect
		.poll(async () => (await endpointDocument(endpoint, 'csp-demo-activity', firstEntry))._id, {
			timeout: 30_000
		})
		.toBe(firstEntry);
	release();
	await a.page.unroute(pattern, handler);
	a.page.off('requestfinished', onFinished);

	// B writes again: A's long-poll answers with it.
	const second = await editCustomer(b.page, 'demo-customer-6', { city: 'Wien' });
	expect(second.result).toBe('ok');
	await expect.poll(() => activityOn(a.page), { timeout: 30_000 }).toContain(second.activityIds[0]);

	// Both of B's entries are on A, and stay after a reload.
	expect(await activityOn(a.page), `A's long-poll asked ${heldUrl}`).toContain(firstEntry);
	await openSyncOps(a.page);
	await expect
		.poll(() => a.page.evaluate(async () => (await window.cspSyncOps!.status()).state), {
			timeout: 30_000
		})
		.toBe('synced');
	const afterReload = await activityOn(a.page);
	expect(afterReload).toContain(firstEntry);
	expect(afterReload).toContain(second.activityIds[0]);
	for (const { context } of devices) await context.close();
});
