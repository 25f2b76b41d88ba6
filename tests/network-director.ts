// A seeded, step-driven network between a test device and the endpoint, so a random sync run
// replays: every request of the device to `/db/` waits until the test lets the device's network
// run (pump), then goes in the order it was asked, one at a time per collection. What happens to each push
// (`_bulk_docs`) is drawn from the seed, by device, collection and the push's number in that
// collection (not by wall-clock order): it is answered; its answer is lost as the network drops
// (the endpoint has it, the device goes offline); it never leaves as the network drops; or its
// answer arrives only after the device's next step (a reload, an offline switch or an edit while
// it is in flight). So where reloads and network switches fall relative to pushes and their
// answers comes from the seed, and so does whatever the device does next.
//
// The activity long-poll is the one request that waits on the endpoint: it waits here like every
// other request and leaves when the device's network runs (it asks from a sequence, never from
// `now`: src/lib/sync/couch-fetch.ts), so what it can bring is the endpoint's state at that pump,
// not at a moment the clock chose; its answer is held until the device's network runs again
// (within the same pump when it comes while the network runs).
import type { Page, Request, Route } from '@playwright/test';

export type PushFate = 'answered' | 'answer-lost' | 'unsent' | 'answered-late';

export interface NetworkEvent {
	step: number;
	device: string;
	collection: string;
	/** push, the check before a push, pull, long-poll, or another request. */
	kind: string;
	/** For pushes: the push's number in its collection on this device. */
	n?: number;
	fate?: PushFate | 'offline';
}

/** mulberry32 over a string key: a small seeded generator of floats in [0, 1). */
function randomFor(key: string): number {
	let h = 2166136261;
	for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
	let t = (h + 0x6d2b79f5) >>> 0;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The share of pushes per fate (the rest are answered). */
const FATES: [PushFate, number][] = [
	['answer-lost', 0.06],
	['unsent', 0.03],
	['answered-late', 0.06]
];

/** How long the device's network must be quiet before a pump ends. */
const QUIET_MS = 60;

interface Waiting {
	route: Route;
	request: Request;
}

function describe(request: Request): { collection: string; kind: string } {
	const url = new URL(request.url());
	const match = /\/db\/csp-[^/]+?-([a-z]+)\/(.*)$/i.exec(url.pathname);
	const collection = match?.[1] ?? url.pathname;
	const rest = match?.[2] ?? '';
	const method = request.method();
	if (rest === '_bulk_docs' && method === 'POST') return { collection, kind: 'push' };
	if (rest === '_all_docs' && method === 'POST') return { collection, kind: 'check' };
	if (rest === '_changes') {
		const longPoll = url.searchParams.get('feed') === 'longpoll';
		return { collection, kind: longPoll ? 'long-poll' : 'pull' };
	}
	return { collection, kind: `${method} ${rest || url.pathname}` };
}

/** A version of a record that a push carried to the endpoint (the endpoint received it). */
export interface DeliveredVersion {
	/** The step after which the device's network ran. */
	step: number;
	device: string;
	collection: string;
	id: string;
	updatedAt: string;
}

export interface NetworkDirector {
	/** Starts holding the device's requests (before: they pass at once). */
	direct(): void;
	/** Lets every request pass at once again, and delivers what is held. */
	passThrough(): Promise<void>;
	/** Runs the device's network after `step` until it is quiet. */
	pump(step: number): Promise<void>;
	/** The device went offline or online (the test's switch, or a drop drawn here). */
	setOffline(offline: boolean): Promise<void>;
	readonly offline: boolean;
	readonly events: NetworkEvent[];
	/** Every record version a push carried to the endpoint while directed. */
	readonly delivered: DeliveredVersion[];
}

/**
 * Directs `page`'s requests to `/db/` (installed once: the route stays over reloads).
 * `goOffline` takes the device offline when a drawn fate drops the network.
 */
export async function directNetwork(
	page: Page,
	options: { seed: number; device: string; goOffline: () => Promise<void> }
): Promise<NetworkDirector> {
	const { seed, device } = options;
	let directed = false;
	let offline = false;
	let step = -1;
	const queue: Waiting[] = [];
	/** Long-polls asked since the device's network last ran. */
	const longPolls: Waiting[] = [];
	/** Push answers held until the device's next pump (`answered-late`). */
	let late: (() => Promise<void>)[] = [];
	/** Long-poll answers, held until the device's network runs. */
	let held: (() => Promise<void>)[] = [];
	const pushes = new Map<string, number>();
	const events: NetworkEvent[] = [];
	const delivered: DeliveredVersion[] = [];
	let arrived: (() => void) | undefined;

	const fateOf = (collection: string, n: number): PushFate => {
		let roll = randomFor(`${seed}:${device}:${collection}:${n}`);
		for (const [fate, share] of FATES) if ((roll -= share) < 0) return fate;
		return 'answered';
	};

	/** A drawn drop takes the device offline once the requests going side by side are done. */
	let dropping = false;
	const drop = () => {
		dropping = true;
	};

	async function release({ route, request }: Waiting): Promise<void> {
		const { collection, kind } = describe(request);
		const event: NetworkEvent = { step, device, collection, kind };
		events.push(event);
		if (offline) {
			event.fate = 'offline';
			await route.abort('internetdisconnected').catch(() => undefined);
			return;
		}
		if (kind !== 'push') {
			const response = await route.fetch().catch(() => undefined);
			if (!response) return void (await route.abort('failed').catch(() => undefined));
			await route.fulfill({ response }).catch(() => undefined);
			return;
		}
		const n = (pushes.get(collection) ?? 0) + 1;
		pushes.set(collection, n);
		const fate = fateOf(collection, n);
		Object.assign(event, { n, fate });
		if (fate === 'unsent') {
			drop();
			await route.abort('internetdisconnected').catch(() => undefined);
			return;
		}
		const response = await route.fetch().catch(() => undefined);
		if (!response) return void (await route.abort('failed').catch(() => undefined));
		const body = request.postDataJSON() as { docs?: { _id: string; updatedAt?: string }[] };
		for (const doc of body.docs ?? []) {
			delivered.push({ step, device, collection, id: doc._id, updatedAt: String(doc.updatedAt) });
		}
		if (fate === 'answer-lost') {
			drop();
			await route.abort('internetdisconnected').catch(() => undefined);
		} else if (fate === 'answered-late') {
			// Delivered at the next pump, unless the network dropped or the page went meanwhile.
			late.push(async () => {
				if (offline) await route.abort('internetdisconnected').catch(() => undefined);
				else await route.fulfill({ response }).catch(() => undefined);
			});
		} else {
			await route.fulfill({ response }).catch(() => undefined);
		}
	}

	/** Sends a long-poll: it waits on the endpoint; its answer waits for the device's network. */
	function sendLongPoll({ route }: Waiting): void {
		events.push({ step, device, collection: 'activity', kind: 'long-poll' });
		if (offline) return void route.abort('internetdisconnected').catch(() => undefined);
		void route.fetch({ timeout: 0 }).then(
			(response) => {
				if (!directed) return void route.fulfill({ response }).catch(() => undefined);
				held.push(async () => {
					events.push({ step, device, collection: 'activity', kind: 'long-poll answer' });
					await route.fulfill({ response }).catch(() => undefined);
				});
				arrived?.();
			},
			() => void route.abort('failed').catch(() => undefined)
		);
	}

	async function onRequest(route: Route, request: Request): Promise<void> {
		if (!directed) return route.continue().catch(() => undefined);
		if (describe(request).kind === 'long-poll') longPolls.push({ route, request });
		else queue.push({ route, request });
		arrived?.();
	}
	await page.route('**/db/**', onRequest);

	const deliverHeld = async () => {
		const now = held;
		held = [];
		for (const deliver of now) await deliver();
	};
	const deliverLate = async () => {
		const now = late;
		late = [];
		for (const deliver of now) await deliver();
	};

	return {
		direct() {
			directed = true;
		},
		async passThrough() {
			directed = false;
			await deliverLate();
			await deliverHeld();
			for (const waiting of [...queue.splice(0), ...longPolls.splice(0)]) {
				await waiting.route.continue().catch(() => undefined);
			}
		},
		async pump(at) {
			step = at;
			await deliverLate();
			await deliverHeld();
			// Each collection's requests go in the order asked (RxDB sends one after the other
			// there). The collections' databases are apart, so each collection goes on while another
			// waits on the endpoint: a push the gateway holds while it waits for a companion record of
			// another database (server/relation-rules.js, up to 10 s) must not hold back the push
			// that brings that record, as it does not in a browser.
			const lanes = new Map<string, Promise<void>>();
			let inFlight = 0;
			const dispatch = () => {
				for (const waiting of queue.splice(0)) {
					const { collection } = describe(waiting.request);
					inFlight += 1;
					const next = (lanes.get(collection) ?? Promise.resolve())
						.then(() => release(waiting))
						.finally(() => {
							inFlight -= 1;
							arrived?.();
						});
					lanes.set(collection, next);
				}
			};
			/** Until a request arrives, a long-poll answers or a request is done. */
			const somethingHappens = () =>
				new Promise<void>((resolve) => {
					arrived = () => {
						arrived = undefined;
						resolve();
					};
				});
			for (;;) {
				for (const waiting of longPolls.splice(0)) sendLongPoll(waiting);
				// A drawn drop sends nothing new: the device goes offline once what is on its way is done.
				if (!dropping) dispatch();
				// Long-poll answers that come while the network runs belong to this pump too.
				if (held.length > 0) {
					await deliverHeld();
					continue;
				}
				if (inFlight > 0) {
					await somethingHappens();
					continue;
				}
				if (dropping) {
					dropping = false;
					if (!offline) await options.goOffline();
					continue;
				}
				if (queue.length > 0 || longPolls.length > 0) continue;
				const more = await new Promise<boolean>((resolve) => {
					const timer = setTimeout(() => resolve(false), QUIET_MS);
					arrived = () => {
						clearTimeout(timer);
						resolve(true);
					};
				});
				arrived = undefined;
				if (!more && queue.length === 0 && longPolls.length === 0 && held.length === 0) break;
			}
		},
		async setOffline(value) {
			offline = value;
		},
		get offline() {
			return offline;
		},
		events,
		delivered
	};
}
