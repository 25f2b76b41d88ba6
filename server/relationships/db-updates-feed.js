// CouchDB's `GET /_db_updates` for the embedded endpoint (express-pouchdb answers it with 400:
// "TODO: implement"). Express middleware in the endpoint's process, behind its security gate
// (so server admins only, as on CouchDB):
//
//   GET /_db_updates?feed=longpoll|normal&since=<seq>&timeout=<ms>
//   → { results: [{ db_name, type: 'updated', seq }], last_seq }
//
// It notes the database of every successful write request (PUT, POST, DELETE, COPY on
// /<db>/…, `_bulk_docs` included) when its response ends, in memory. A sequence is
// `<epoch>-<n>`: the epoch is new on every start of the endpoint. A `since` of another epoch
// (the endpoint restarted) or older than what is kept (the last MAX_KEPT updates) cannot say
// what changed meanwhile, so the answer then names every database (`_all_dbs`), the same as
// "anything may have changed": a follower re-reads each from its own checkpoint, which is
// cheap when nothing changed. `since=now` starts at the current sequence. A long poll ends
// after `timeout` ms (default 60 s) with no results, as CouchDB's does.
import { randomBytes } from 'node:crypto';

const MAX_KEPT = 10_000;
const WRITE_METHODS = new Set(['PUT', 'POST', 'DELETE', 'COPY']);

/**
 * @param {{ allDbs: () => Promise<string[]> }} options
 */
export function dbUpdatesFeed({ allDbs }) {
	const epoch = randomBytes(4).toString('hex');
	let counter = 0;
	/** @type {{ db: string, n: number }[]} */
	let kept = [];
	/** @type {Set<() => void>} */
	const waiting = new Set();

	/** @param {string} db */
	function note(db) {
		counter += 1;
		kept = kept.filter((update) => update.db !== db);
		kept.push({ db, n: counter });
		if (kept.length > MAX_KEPT) kept = kept.slice(-MAX_KEPT);
		for (const wake of [...waiting]) wake();
	}

	/** @param {number} n */
	const seq = (n) => `${epoch}-${n}`;

	/**
	 * What changed after `since`, or null when nothing did.
	 * @param {string} since
	 */
	async function after(since) {
		const match = /^([0-9a-f]+)-(\d+)$/.exec(since);
		const oldest = kept.length > 0 ? kept[0].n : counter + 1;
		if (!match || match[1] !== epoch || Number(match[2]) < oldest - 1) {
			const names = await allDbs();
			return {
				results: names.map((name) => ({ db_name: name, type: 'updated', seq: seq(counter) })),
				last_seq: seq(counter)
			};
		}
		const from = Number(match[2]);
		const results = kept
			.filter((update) => update.n > from)
			.map((update) => ({ db_name: update.db, type: 'updated', seq: seq(update.n) }));
		if (results.length === 0) return null;
		return { results, last_seq: seq(counter) };
	}

	return (
		/** @type {any} */ request,
		/** @type {any} */ response,
		/** @type {(error?: unknown) => void} */ next
	) => {
		const path = String(request.path);
		if (path === '/_db_updates') {
			if (request.method !== 'GET') {
				response.status(405).json({ error: 'method_not_allowed', reason: 'Use GET.' });
				return;
			}
			const query = request.query ?? {};
			const since = query.since === 'now' ? seq(counter) : String(query.since ?? `${epoch}-0`);
			const timeout = Math.min(Math.max(Number(query.timeout) || 60_000, 0), 300_000);
			const longpoll = query.feed === 'longpoll';
			let responded = false;
			const answer = async () => {
				if (responded) return true;
				const found = await after(since);
				if (responded) return true;
				if (found || !longpoll) {
					responded = true;
					response.json(found ?? { results: [], last_seq: since });
					return true;
				}
				return false;
			};
			void (async () => {
				if (await answer()) return;
				const wake = () => {
					void answer().then((done) => {
						if (done) finish();
					});
				};
				const finish = () => {
					waiting.delete(wake);
					clearTimeout(timer);
				};
				const timer = setTimeout(() => {
					finish();
					if (responded) return;
					responded = true;
					if (!response.writableEnded) response.json({ results: [], last_seq: since });
				}, timeout);
				waiting.add(wake);
				response.on('close', finish);
			})().catch((error) => next(error));
			return;
		}
		if (WRITE_METHODS.has(request.method)) {
			const db = path.split('/')[1];
			if (db && !db.startsWith('_')) {
				response.on('finish', () => {
					if (response.statusCode < 300) note(decodeURIComponent(db));
				});
			}
		}
		next();
	};
}
