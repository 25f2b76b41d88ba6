// A pull whose answer goes away on its way to the device: the other device's change must still
// arrive (issue 9: B's activity entries of random sync seed 633783801 never reached A). Device B
// edits a customer; device A's live pull of it (the activity long-poll and the customers' poll
// the gate lets go after it) reaches the endpoint, but its answer is held here, then taken away by
// a reload or an offline switch. The checkpoint must not have moved past what A never stored:
// once back, A pulls the entry and the edit again.
import type { BrowserContext, Page, Route } from '@playwright/test';
import { openDevice, signIn, useThrowawayEndpoint } from './endpoint';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { customerOnDevice, editCustomer, openSyncOps } from './sync-ops';

const endpoint = useThrowawayEndpoint('interrupted-pull');

const activityOn = (page: Page) =>
	page.evaluate(async () =>
		(await window.cspSyncOps!.dump()).collections.activity.map((doc) => String(doc.id))
	);

/** Holds every `_changes` answer with changes in it (activity, customers) until dropped. */
async function holdPullAnswers(page: Page) {
	const held: Route[] = [];
	let drop!: () => void;
	const dropped = new Promise<void>((resolve) => (drop = resolve));
	const pattern = /\/db\/csp-demo-(activity|customers)\/_changes/;
	const handler = async (route: Route) => {
		const response = await route.fetch({ timeout: 0 }).catch(() => undefined);
		if (!response) return route.abort('failed').catch(() => undefined);
		const body = (await response.json().catch(() => ({}))) as { results?: unknown[] };
		if ((body.results?.length ?? 0) === 0)
			return route.fulfill({ response }).catch(() => undefined);
		held.push(route);
		await dropped;
		await route.abort('internetdisconnected').catch(() => undefined);
	};
	await page.route(pattern, handler);
	return {
		held,
		async drop() {
			await page.unroute(pattern, handler);
			drop();
		}
	};
}

async function pullTakenAway(
	browser: import('@playwright/test').Browser,
	id: string,
	way: 'reload' | 'offline switch'
) {
	const devices = await Promise.all([0, 1].map(() => openDevice(browser, endpoint.origin)));
	const [a, b] = devices;
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
	for (const { page } of devices) {
		await openSyncOps(page);
		await waitForServiceWorkerControl(page);
	}
	const pulls = await holdPullAnswers(a.page);
	const outcome = await editCustomer(b.page, id, { city: 'Graz', firstName: 'Olga' });
	expect(outcome.result).toBe('ok');
	const [entry] = outcome.activityIds;
	await expect.poll(() => pulls.held.length, { timeout: 30_000 }).toBeGreaterThan(0);

	if (way === 'reload') {
		await a.page.reload();
		await pulls.drop();
		await openSyncOps(a.page);
	} else {
		await a.context.setOffline(true);
		await pulls.drop();
		await a.context.setOffline(false);
	}
	await expect.poll(() => activityOn(a.page), { timeout: 30_000 }).toContain(entry);
	await expect
		.poll(async () => (await customerOnDevice(a.page, id)).address.city, { timeout: 30_000 })
		.toBe('Graz');
	// And after another start, from the stored checkpoint.
	await openSyncOps(a.page);
	expect(await activityOn(a.page)).toContain(entry);
	expect((await customerOnDevice(a.page, id)).contact.firstName).toBe('Olga');
	for (const context of [a.context, b.context] as BrowserContext[]) await context.close();
}

test("a reload while the other device's change is on its way to the device", async ({
	browser
}) => {
	test.setTimeout(150_000);
	await pullTakenAway(browser, 'demo-customer-8', 'reload');
});

test("an offline switch while the other device's change is on its way to the device", async ({
	browser
}) => {
	test.setTimeout(150_000);
	await pullTakenAway(browser, 'demo-customer-9', 'offline switch');
});
