/**
 * Browsers open at most six HTTP/1.1 connections per host, and every live CouchDB replication
 * keeps one `_changes?feed=longpoll` request open: with more than five replicated collections
 * nothing else (pushes, the first pull) gets a connection on the embedded endpoint, which speaks
 * HTTP/1.1. So only one collection (activity: every change in the app writes an entry there)
 * really long-polls; the others' long-polls wait here until it reports changes (and later again,
 * for records pushed after their activity entry: a busy device can push a record many seconds
 * after the entry), or at least every `fallbackMs`, and then ask the server once (`feed=normal`,
 * since the sequence they name), which answers at once.
 */

export interface LongPollGate {
	/** The URL to fetch for this long-poll, once it may go (the same URL for the signal). */
	admit(collection: string, url: string): Promise<string>;
	/** The signal collection's long-poll returned changes: the others ask now. */
	changed(): void;
	/** Lets every waiting long-poll go (replication stops). */
	close(): void;
}

export interface LongPollGateOptions {
	signalCollection?: string;
	fallbackMs?: number;
	/** After a signal, the others ask again after these delays too. */
	settleDelaysMs?: number[];
}

export function createLongPollGate({
	signalCollection = 'activity',
	fallbackMs = 30_000,
	settleDelaysMs = [1_500, 5_000, 15_000]
}: LongPollGateOptions = {}): LongPollGate {
	let waiting: (() => void)[] = [];
	let closed = false;
	const timers = new Set<ReturnType<typeof setTimeout>>();
	const release = () => {
		const go = waiting;
		waiting = [];
		for (const resolve of go) resolve();
	};
	const fallback = setInterval(release, fallbackMs);

	return {
		async admit(collection, url) {
			if (collection === signalCollection) return url;
			// `since=now` must be asked at once: later, "now" would skip what changed meanwhile. The
			// answer (no changes, the current sequence) makes the next long-poll name its sequence.
			const sinceNow = new URL(url, 'http://local').searchParams.get('since') === 'now';
			if (!closed && !sinceNow) await new Promise<void>((resolve) => waiting.push(resolve));
			return asNormalFeed(url);
		},
		changed() {
			release();
			for (const delay of settleDelaysMs) {
				const timer = setTimeout(() => {
					timers.delete(timer);
					release();
				}, delay);
				timers.add(timer);
			}
		},
		close() {
			closed = true;
			clearInterval(fallback);
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			release();
		}
	};
}

export function isLongPoll(url: string): boolean {
	return new URL(url, 'http://local').searchParams.get('feed') === 'longpoll';
}

/** The same `_changes` request, answered at once. */
export function asNormalFeed(url: string): string {
	const parsed = new URL(url, 'http://local');
	parsed.searchParams.set('feed', 'normal');
	parsed.searchParams.delete('heartbeat');
	return url.startsWith('http') ? parsed.href : parsed.pathname + parsed.search;
}
