// A request refused by a uniqueness rule in a push whose conflict was held back (issue 9, random
// sync seed 669610346). Devices A and B of one provider share partnership P with a reseller. B
// records P's acceptance (P is active on the endpoint). A, apart, removes P and requests a new
// partnership P2 with the same reseller (allowed on A: P is removed there), then the app is
// reopened, so one push carries both. The check before the push finds P in conflict (the endpoint
// has B's version): RxDB holds it back for the conflict handler and sends P2 alone, which the
// gateway refuses (`partnership-open`: P is still active there). The conflict handler then merges
// P (A's removal is the later edit: P ends removed), so the refusal no longer holds; before the
// fix P2 was put back anyway (A's user lost a request the device had accepted). P2 must be sent
// again with P's resolution and stored. And when B's acceptance is the later edit, P stays active:
// then the refusal still holds when P2 is sent again, and is one (reported, P2 put back).
import type { Page } from '@playwright/test';
import { endpointDocument, openDevice, signIn, syncStatus, useThrowawayEndpoint } from './endpoint';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { openSyncOps } from './sync-ops';

const endpoint = useThrowawayEndpoint('held-back-conflict');
const PARTNERSHIPS = 'csp-demo-partnerships';
/** A reseller of its own for each test (the file's tests share the endpoint). */
const RESELLERS = {
	released: { name: 'Tisza Reseller Kft.', email: 'partners@tisza.example', mpnId: '7900001' },
	kept: { name: 'Duna Reseller Kft.', email: 'partners@duna.example', mpnId: '7900002' }
};

type Partnership = { id: string; status: string; resellerId: string };

const partnershipsOn = (page: Page) =>
	page.evaluate(
		async () =>
			(await window.cspSyncOps!.dump()).collections.partnerships as unknown as Partnership[]
	);

/** The `pick` of sync-ops' changePartnership that chooses `id` among the partnerships in `statuses`. */
async function pickOf(page: Page, id: string, statuses: string[]): Promise<number> {
	const candidates = (await partnershipsOn(page))
		.filter((p) => statuses.includes(p.status))
		.map((p) => p.id)
		.sort();
	const at = candidates.indexOf(id);
	expect(at).toBeGreaterThanOrEqual(0);
	return (at + 0.5) / candidates.length;
}

const request = (page: Page, tag: keyof typeof RESELLERS, token: string) =>
	page.evaluate(
		({ reseller, token }) =>
			window.cspSyncOps!.requestPartnership({ newReseller: reseller, pickReseller: 0, token }),
		{ reseller: RESELLERS[tag], token }
	);

interface Scene {
	a: Device;
	b: Device;
	p: string;
	p2: string;
	/** The ids each partnerships push of A carried after the app was reopened. */
	pushes: string[][];
}

type Device = Awaited<ReturnType<typeof openDevice>>;

/**
 * P requested by A and on B; then, with A apart, B accepts P and A removes it (in the order
 * asked) and requests the reseller again; A's app is reopened and goes online.
 */
async function removalMeetsAcceptance(
	browser: import('@playwright/test').Browser,
	tag: keyof typeof RESELLERS,
	order: 'removal last' | 'acceptance last'
): Promise<Scene> {
	const [a, b] = await Promise.all([0, 1].map(() => openDevice(browser, endpoint.origin)));
	await signIn(a.page, 'demo-global-admin', 'global-admin-demo', { synced: true });
	await signIn(b.page, 'demo-admin-agent', 'admin-agent-demo', { synced: true });
	for (const { page } of [a, b]) {
		await openSyncOps(page);
		await waitForServiceWorkerControl(page);
	}

	// P, requested on A, reaches B.
	const first = await request(a.page, tag, `${tag}-first-request`);
	expect(first.result).toBe('ok');
	const p = first.records.find((r) => r.collection === 'partnerships')!.id;
	await expect(syncStatus(a.page)).toContainText('Synced', { timeout: 30_000 });
	await expect
		.poll(async () => (await partnershipsOn(b.page)).find((q) => q.id === p)?.status, {
			timeout: 30_000
		})
		.toBe('requested');

	// A is apart; B records the acceptance, which the endpoint stores; A removes P.
	await a.context.setOffline(true);
	const accept = async () => {
		const accepted = await b.page.evaluate(
			(pick) => window.cspSyncOps!.acceptPartnership({ pick }),
			await pickOf(b.page, p, ['requested'])
		);
		expect(accepted.result).toBe('ok');
		await expect
			.poll(async () => (await endpointDocument(endpoint, PARTNERSHIPS, p)).status, {
				timeout: 30_000
			})
			.toBe('active');
	};
	const remove = async () => {
		const removed = await a.page.evaluate(
			(pick) => window.cspSyncOps!.removePartnership({ pick }),
			await pickOf(a.page, p, ['requested', 'active'])
		);
		expect(removed.result).toBe('ok');
	};
	if (order === 'removal last') {
		await accept();
		await remove();
	} else {
		await remove();
		await accept();
	}

	// A requests the reseller again, offline; reopening the app makes one push of both.
	const second = await request(a.page, tag, `${tag}-second-request`);
	expect(second.result).toBe('ok');
	const p2 = second.records.find((r) => r.collection === 'partnerships')!.id;
	const pushes: string[][] = [];
	a.page.on('request', (sent) => {
		if (sent.method() === 'POST' && sent.url().includes(`/db/${PARTNERSHIPS}/_bulk_docs`)) {
			const body = sent.postDataJSON() as { docs?: { _id: string }[] };
			pushes.push((body.docs ?? []).map((doc) => doc._id));
		}
	});
	await a.page.reload();
	await openSyncOps(a.page);
	await a.context.setOffline(false);
	await expect(syncStatus(a.page)).toContainText('Synced', { timeout: 30_000 });
	// The interleaving of the failure: P held back for the conflict handler, P2 sent alone.
	expect(pushes[0]).toEqual([p2]);
	return { a, b, p, p2, pushes };
}

const refusedOn = (page: Page) =>
	page.evaluate(async () => (await window.cspSyncOps!.status()).refused);

test('a request refused while the conflict that releases its key was held back is sent again', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const { a, b, p, p2 } = await removalMeetsAcceptance(browser, 'released', 'removal last');
	await expect
		.poll(async () => (await endpointDocument(endpoint, PARTNERSHIPS, p2)).status, {
			timeout: 30_000
		})
		.toBe('requested');
	expect((await endpointDocument(endpoint, PARTNERSHIPS, p)).status).toBe('removed');
	const onA = await partnershipsOn(a.page);
	expect(onA.find((q) => q.id === p2)?.status).toBe('requested');
	expect(onA.find((q) => q.id === p)?.status).toBe('removed');
	expect(await refusedOn(a.page)).toEqual([]);
	await a.context.close();
	await b.context.close();
});

test('a refusal that still holds after the conflict is settled is a refusal', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const { a, b, p, p2, pushes } = await removalMeetsAcceptance(browser, 'kept', 'acceptance last');
	// B's acceptance is the later edit: P stays active, and P2, sent again, is refused for good.
	await expect
		.poll(async () => (await refusedOn(a.page)).map((r) => [r.documentId, r.code]), {
			timeout: 30_000
		})
		.toEqual([[p2, 'partnership-open']]);
	expect(pushes.filter((ids) => ids.includes(p2)).length).toBe(2);
	expect((await endpointDocument(endpoint, PARTNERSHIPS, p)).status).toBe('active');
	expect((await endpointDocument(endpoint, PARTNERSHIPS, p2)).error).toBe('not_found');
	await expect
		.poll(async () => (await partnershipsOn(a.page)).find((q) => q.id === p2))
		.toBeUndefined();
	expect((await partnershipsOn(a.page)).find((q) => q.id === p)?.status).toBe('active');
	await a.context.close();
	await b.context.close();
});
