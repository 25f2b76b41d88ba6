/**
 * The fetch RxDB's CouchDB replication uses, adapted to the endpoint:
 * - `_design/` documents (the validation functions) never reach the local database;
 * - a write the server refuses (except an activity entry, which stays in the local log) (`forbidden`, or any other error row of `_bulk_docs`) is
 *   reported, then handed to RxDB as a conflict so the local record goes back to the server's
 *   version (a refused new record, which the server does not have, is removed locally);
 *   the other rows of the batch are saved and replication goes on;
 * - except a row refused for a unique key (server/unique-rules.js) that a document holds whose
 *   conflict this push holds back (see mayBeReleased): it is kept, and sent again with that
 *   conflict's resolution;
 * - a 401 (the session expired) is reported so the app stops and asks to sign in again;
 * - what a `_bulk_docs` push carries is handed to `beforePush` before it leaves, so the device
 *   knows what it sent even if the answer never arrives (db/sent-versions.ts);
 * - the endpoint's versions that the check before a push (`_all_docs`) returned and the push then
 *   leaves out (RxDB hands them to the conflict handler) go to `beforeConflicts` before the push
 *   leaves; a failure there fails the push, and RxDB sends it again; so do the versions RxDB
 *   reads after a push the endpoint answered with conflicts (written after the check);
 * - the versions a `_changes` answer carries and the revisions the endpoint stored for a push go
 *   to `guard`, which keeps a pulled version older than an acknowledged push from being applied
 *   (db/pulled-revisions.ts);
 * - a long-poll never asks from `since=now`: RxDB's live pull starts its loop that way, and "now"
 *   is whenever the request reaches the endpoint. One that gets there after the first pull was
 *   answered (busy connections, a slow network) skips what was written in between, and its
 *   answer moves the checkpoint past it for good. It asks from the sequence the last pull
 *   reached instead (waiting for the first pull's answer), so the live feed goes on where the
 *   pulls stopped.
 */

import { markKept, markRefused } from '$lib/db/conflict-handler';
import type { PullGuard } from '$lib/db/pulled-revisions';
import { isLongPoll, type LongPollGate } from './long-poll-gate';

export interface Refusal {
	collection: string;
	id: string;
	label: string;
	code: string;
	reason: string;
	at: string;
}

export interface CouchFetchHooks {
	collection: string;
	onRefused: (refusal: Refusal) => void;
	onExpired: () => void;
	fetch?: typeof fetch;
	now?: () => string;
	/** Shares the browser's few connections between the live replications (long-poll-gate.ts). */
	gate?: LongPollGate;
	/** Runs before a `_bulk_docs` push is sent, with the documents it carries. */
	beforePush?: (docs: Doc[]) => Promise<void>;
	/**
	 * Runs before a `_bulk_docs` push is sent, with the endpoint's versions of the records the
	 * check before it found in conflict (those it does not carry); `fetch` asks the endpoint.
	 */
	beforeConflicts?: (masters: Doc[], fetch: typeof globalThis.fetch) => Promise<void>;
	/** Replication stops: a long-poll still waiting for the first pull gives up. */
	signal?: AbortSignal;
	/** Learns the revisions pulled and acknowledged, to keep stale pulls out (db/pulled-revisions.ts). */
	guard?: Pick<PullGuard, 'pulled' | 'acknowledged'>;
}

type Doc = Record<string, unknown> & { _id: string; _rev?: string };
type Row = {
	id?: string;
	key?: string;
	ok?: boolean;
	rev?: string;
	error?: string;
	reason?: string;
	doc?: Doc | null;
	/** A row the gateway refused for a unique key: the documents that hold the key. */
	holders?: unknown;
};

/**
 * Whether a refused `_bulk_docs` row may be accepted once the push's conflicts are settled: the
 * gateway refused it for a unique key (`holders` names the documents that hold the key, see
 * server/unique-rules.js) and one of those documents is a conflict of this push (`heldBack`: the
 * records the check before the push found in conflict, which RxDB left out of it, and the rows
 * the endpoint answered with a conflict). That conflict's resolution may give the key up (a
 * removal of the partnership that held it was the later edit: random sync seed 669610346), so
 * the refusal may not hold any more by then.
 *
 * Why here: RxDB's push handler knows only "written" and "conflict with the master", and the
 * gateway cannot see a conflict the check before the push found: RxDB does not send that record
 * at all. Only the device knows both halves. A kept row is answered to RxDB as a conflict whose
 * resolution is the device's own version (the endpoint's version of a record it has, or of a new
 * one, the version sent), which RxDB writes to the local database with the held-back record's
 * resolution, in one write: so both go in the next push, where the gateway sees the holder's new
 * version. A refusal that still holds then, with no conflict held back, is a refusal.
 */
export function mayBeReleased(row: Row, heldBack: ReadonlySet<string>): boolean {
	if (row.error !== 'forbidden' || !Array.isArray(row.holders)) return false;
	return row.holders.some((holder) => heldBack.has(String(holder)));
}

export function parseReason(reason: string | undefined): { code: string; reason: string } {
	const match = /^\[csp:([^\]]+)\]\s*(.*)$/s.exec(reason ?? '');
	if (match) return { code: match[1], reason: match[2] };
	return { code: 'refused', reason: reason || 'The server refused this change.' };
}

/** A short name of a record for the list of refused changes. */
export function recordLabel(doc: Doc | undefined, id: string): string {
	if (!doc) return id;
	for (const key of ['name', 'companyName', 'summary', 'resellerName', 'offerName']) {
		const value = doc[key];
		if (typeof value === 'string' && value) return value;
	}
	return id;
}

const jsonResponse = (body: unknown, from: Response) =>
	new Response(JSON.stringify(body), {
		status: from.status,
		statusText: from.statusText,
		headers: { 'content-type': 'application/json' }
	});

type ChangesBody = { results?: Row[]; last_seq?: unknown };

const isDesign = (row: Row) => String(row.id).startsWith('_design/');

/**
 * Removes `_design/` rows from a `_changes` batch. RxDB takes a batch shorter than its `limit`
 * for the end of the initial pull, so the rows taken out are made up with the changes that
 * follow (as many further requests as needed), and `last_seq` moves on with them.
 */
async function dropDesignRowsKeepingBatchFull(
	body: ChangesBody,
	url: string,
	init: RequestInit | undefined,
	baseFetch: typeof fetch
): Promise<void> {
	if (!body.results) return;
	const requestUrl = new URL(url, 'http://local');
	const limit = Number(requestUrl.searchParams.get('limit'));
	let received = body.results.length;
	body.results = body.results.filter((row) => !isDesign(row));
	while (limit > 0 && received === limit && body.results.length < limit && body.last_seq != null) {
		const missing = limit - body.results.length;
		requestUrl.searchParams.set('since', String(body.last_seq));
		requestUrl.searchParams.set('limit', String(missing));
		const next = url.startsWith('http') ? requestUrl.href : requestUrl.pathname + requestUrl.search;
		const more = await baseFetch(next, { ...init, credentials: 'same-origin' });
		if (!more.ok) return;
		const page = (await more.json()) as ChangesBody;
		const rows = page.results ?? [];
		body.results.push(...rows.filter((row) => !isDesign(row)));
		body.last_seq = page.last_seq ?? body.last_seq;
		received = rows.length === missing ? limit : rows.length;
	}
}

export function createCouchFetch(hooks: CouchFetchHooks): typeof fetch {
	const baseFetch = hooks.fetch ?? ((input, init) => fetch(input, init));
	const now = hooks.now ?? (() => new Date().toISOString());
	/** New records the server refused: their pushed state, to remove them locally. */
	const refusedNew = new Map<string, Doc>();
	/** New records kept for the next push (mayBeReleased): their pushed state, as the endpoint's. */
	const keptNew = new Map<string, Doc>();
	/** The endpoint's versions the last check before a push returned (RxDB pushes one at a time). */
	let checked: Doc[] = [];
	/** Records the endpoint answered a push with a conflict for: RxDB reads them next. */
	let conflictedAgain = new Set<string>();
	/** The sequence the last pull (not a long-poll) reached, once one was answered. */
	let pulledSequence: string | undefined;
	let markPulled!: () => void;
	const firstPull = new Promise<void>((resolve) => (markPulled = resolve));
	/** A long-poll from `now` asks from where the pulls got to (see the header). */
	const sinceReached = async (url: string): Promise<string> => {
		const parsed = new URL(url, 'http://local');
		if (parsed.searchParams.get('since') !== 'now') return url;
		if (pulledSequence === undefined) {
			const signal = hooks.signal;
			await new Promise<void>((resolve, reject) => {
				const stop = () => reject(new DOMException('Replication stopped', 'AbortError'));
				if (signal?.aborted) return stop();
				signal?.addEventListener('abort', stop, { once: true });
				void firstPull.then(resolve);
			});
		}
		parsed.searchParams.set('since', String(pulledSequence));
		return url.startsWith('http') ? parsed.href : parsed.pathname + parsed.search;
	};

	return async (input, init) => {
		let url = String(input instanceof Request ? input.url : input);
		const method = (init?.method ?? 'GET').toUpperCase();
		const asksLongPoll = isLongPoll(url);
		if (asksLongPoll) {
			url = await sinceReached(url);
			input = url;
		}
		const longPoll = hooks.gate !== undefined && asksLongPoll;
		if (longPoll && hooks.gate) {
			url = await hooks.gate.admit(hooks.collection, url);
			input = url;
		}
		const path = new URL(url, 'http://local').pathname;
		const isPush = path.endsWith('/_bulk_docs') && method === 'POST';
		const pushed = isPush
			? (JSON.parse(String(init?.body ?? '{"docs":[]}')) as { docs: Doc[] }).docs
			: [];
		if (isPush && hooks.beforePush) {
			try {
				await hooks.beforePush(pushed);
			} catch (error) {
				// The push still goes: it matters more than the record of it.
				console.warn('What this push sends could not be kept', error);
			}
		}
		/** The records the check before this push found in conflict: RxDB left them out of it. */
		let heldBack = new Set<string>();
		if (isPush) {
			const carried = new Set(pushed.map((doc) => doc._id));
			const conflicts = checked.filter((doc) => !carried.has(doc._id));
			checked = [];
			heldBack = new Set(conflicts.map((doc) => doc._id));
			if (conflicts.length > 0) await hooks.beforeConflicts?.(conflicts, baseFetch);
		}
		const response = await baseFetch(input, { ...init, credentials: 'same-origin' });
		if (response.status === 401) {
			hooks.onExpired();
			return response;
		}
		if (!response.ok) return response;

		if (path.endsWith('/_changes')) {
			const body = (await response.json()) as ChangesBody;
			if (longPoll && isLongPoll(url) && (body.results?.length ?? 0) > 0) hooks.gate?.changed();
			await dropDesignRowsKeepingBatchFull(body, url, init, baseFetch);
			if (hooks.guard) {
				const docs = (body.results ?? []).flatMap((row) => (row.doc ? [row.doc] : []));
				try {
					await hooks.guard.pulled(docs);
				} catch (error) {
					// The pull still goes on: without their revisions its versions apply as RxDB decides.
					console.warn('The revisions of this pull could not be kept', error);
				}
			}
			if (!asksLongPoll && body.last_seq != null) {
				pulledSequence = String(body.last_seq);
				markPulled();
			}
			return jsonResponse(body, response);
		}

		if (path.endsWith('/_all_docs')) {
			const body = (await response.json()) as { rows?: Row[] };
			if (method === 'POST') {
				checked = (body.rows ?? []).flatMap((row) => (row.doc ? [row.doc] : []));
			} else if (conflictedAgain.size > 0 && hooks.beforeConflicts) {
				// The versions written between the check and the push, which RxDB reads after the
				// push's conflicts and hands to the conflict handler.
				const again = (body.rows ?? []).flatMap((row) =>
					row.doc && conflictedAgain.has(row.doc._id) ? [row.doc] : []
				);
				conflictedAgain = new Set();
				if (again.length > 0) await hooks.beforeConflicts(again, baseFetch);
			}
			if (body.rows) {
				body.rows = body.rows
					.filter((row) => !String(row.id ?? row.key).startsWith('_design/'))
					.map((row) => {
						const key = String(row.key ?? row.id);
						const refused = refusedNew.get(key);
						if (!row.doc && refused && method === 'GET') {
							refusedNew.delete(key);
							// The server never had it: the local record goes away.
							const doc = { ...refused, _deleted: true };
							delete doc._rev;
							return { id: key, key, value: { rev: '0-refused' }, doc };
						}
						const kept = keptNew.get(key);
						if (!row.doc && kept && method === 'GET') {
							keptNew.delete(key);
							// The endpoint has no version of it (a tombstone, not the version sent: RxDB
							// would take that for pushed); the conflict handler keeps the device's, which
							// RxDB writes back and pushes again.
							const doc = { ...kept, _deleted: true };
							delete doc._rev;
							markKept(hooks.collection, key);
							return { id: key, key, value: { rev: '0-kept' }, doc };
						}
						return row;
					});
			}
			return jsonResponse(body, response);
		}

		if (isPush) {
			const sentById = new Map(pushed.map((doc) => [doc._id, doc]));
			const rows = (await response.json()) as Row[];
			hooks.guard?.acknowledged(rows);
			conflictedAgain = new Set(
				rows.flatMap((row) => (row.error === 'conflict' && row.id ? [row.id] : []))
			);
			for (const id of conflictedAgain) heldBack.add(id);
			const adapted = rows.map((row) => {
				if (!row.error || row.error === 'conflict') return row;
				const id = String(row.id);
				const doc = sentById.get(id);
				if (hooks.collection === 'activity') {
					// The log entry of a refused change stays on this device, so the log still shows
					// what was tried; the refusal itself is reported with the record it is about.
					return { id, ok: true, rev: '0-refused' };
				}
				if (mayBeReleased(row, heldBack)) {
					// Not a refusal yet: sent again with the held-back conflict's resolution.
					if (doc && !doc._rev) keptNew.set(id, doc);
					return { id, error: 'conflict', reason: 'kept' };
				}
				const { code, reason } = parseReason(row.reason);
				hooks.onRefused({
					collection: hooks.collection,
					id,
					label: recordLabel(doc, id),
					code,
					reason,
					at: now()
				});
				if (doc && !doc._rev) refusedNew.set(id, doc);
				markRefused(hooks.collection, id);
				return { id, error: 'conflict', reason: 'refused' };
			});
			return jsonResponse(adapted, response);
		}
		return response;
	};
}
