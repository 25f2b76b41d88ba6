// Control over a device's pushes, for tests that need a push in flight at a chosen moment: the
// endpoint stores the write, and the test decides when (or whether) the device hears back.
import type { Page, Route } from '@playwright/test';

export interface HeldPush {
	/** Settles once the endpoint has stored the push; the device has not heard back yet. */
	readonly stored: Promise<void>;
	/** Gives the device the endpoint's answer. */
	answer(): Promise<void>;
	/** The answer never arrives: the connection drops. */
	drop(): Promise<void>;
}

/**
 * Holds the next `_bulk_docs` push of `database` (e.g. `csp-demo-customers`) from `page`: it
 * reaches the endpoint at once, its answer waits for answer() or drop(). Later pushes pass.
 */
export async function holdNextPush(page: Page, database: string): Promise<HeldPush> {
	const pattern = `**/db/${database}/_bulk_docs*`;
	let markStored!: () => void;
	const stored = new Promise<void>((resolve) => (markStored = resolve));
	let release!: (how: 'answer' | 'drop') => void;
	const released = new Promise<'answer' | 'drop'>((resolve) => (release = resolve));
	let taken = false;
	let markSettled!: () => void;
	const settled = new Promise<void>((resolve) => (markSettled = resolve));
	const handler = async (route: Route) => {
		if (taken) return route.fallback();
		taken = true;
		try {
			const response = await route.fetch();
			if (response.status() !== 201) throw new Error(`The endpoint answered ${response.status()}`);
			markStored();
			const how = await released;
			// The page may be gone already (reload, close): its request went with it.
			if (how === 'answer') await route.fulfill({ response }).catch(() => undefined);
			else await route.abort('internetdisconnected').catch(() => undefined);
		} finally {
			markSettled();
		}
	};
	await page.route(pattern, handler);
	const done = async (how: 'answer' | 'drop') => {
		release(how);
		// Removing the route while its handler still holds the request can send the request to the
		// endpoint again (the device then hears of a conflict with its own push): wait for it.
		if (taken) await settled;
		await page.unroute(pattern, handler).catch(() => undefined);
	};
	return { stored, answer: () => done('answer'), drop: () => done('drop') };
}
