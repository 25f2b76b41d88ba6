import { describe, expect, it } from 'vitest';
import { createCouchFetch, mayBeReleased, parseReason, type Refusal } from './couch-fetch';

const json = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function setup(handler: (url: string, init?: RequestInit) => Response) {
	const refused: Refusal[] = [];
	let expired = 0;
	const fetch = createCouchFetch({
		collection: 'partnerships',
		onRefused: (refusal) => refused.push(refusal),
		onExpired: () => expired++,
		fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
			handler(String(input), init)) as typeof globalThis.fetch,
		now: () => '2026-01-01T00:00:00.000Z'
	});
	return { fetch, refused, expired: () => expired };
}

describe('createCouchFetch', () => {
	it('hands what a push carries to beforePush before the push leaves', async () => {
		const order: string[] = [];
		const fetch = createCouchFetch({
			collection: 'customers',
			onRefused: () => undefined,
			onExpired: () => undefined,
			beforePush: async (docs) => {
				await Promise.resolve();
				order.push(`kept ${docs.map((doc) => doc._id).join(',')}`);
			},
			fetch: (async (input: RequestInfo | URL) => {
				order.push(`sent ${new URL(String(input), 'http://local').pathname}`);
				return json(201, [{ id: 'c1', ok: true, rev: '2-b' }]);
			}) as typeof globalThis.fetch
		});
		const body = JSON.stringify({ docs: [{ _id: 'c1', _rev: '1-a', name: 'Kovács' }] });
		await fetch('/db/x/_all_docs', { method: 'POST', body: '{"keys":["c1"]}' });
		await fetch('/db/x/_bulk_docs', { method: 'POST', body });
		expect(order).toEqual(['sent /db/x/_all_docs', 'kept c1', 'sent /db/x/_bulk_docs']);
	});

	it('hands the endpoint versions a push meets to beforeConflicts: found by the check, or written after it', async () => {
		const handed: string[][] = [];
		const fetch = createCouchFetch({
			collection: 'customers',
			onRefused: () => undefined,
			onExpired: () => undefined,
			beforeConflicts: async (masters) => void handed.push(masters.map((doc) => doc._id)),
			fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
				const path = new URL(String(input), 'http://local').pathname;
				if (path.endsWith('_bulk_docs')) {
					return json(201, [
						{ id: 'c2', error: 'conflict', reason: 'Document update conflict.' },
						{ id: 'c3', ok: true, rev: '2-c' }
					]);
				}
				if (init?.method === 'POST') {
					return json(200, {
						rows: ['c1', 'c2', 'c3'].map((id) => ({ id, key: id, doc: { _id: id, _rev: '1-a' } }))
					});
				}
				return json(200, {
					rows: ['c2', 'c4'].map((id) => ({ id, key: id, doc: { _id: id, _rev: '2-z' } }))
				});
			}) as typeof globalThis.fetch
		});
		await fetch('/db/x/_all_docs', { method: 'POST', body: '{"keys":["c1","c2","c3"]}' });
		const docs = [
			{ _id: 'c2', _rev: '1-a' },
			{ _id: 'c3', _rev: '1-a' }
		];
		await fetch('/db/x/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs }) });
		// c1 was in conflict at the check (left out of the push); c2 was written in between.
		expect(handed).toEqual([['c1']]);
		await fetch('/db/x/_all_docs?include_docs=true&keys=%5B%22c2%22%5D');
		expect(handed).toEqual([['c1'], ['c2']]);
		// Only once, and only after a push that met conflicts.
		await fetch('/db/x/_all_docs?include_docs=true&keys=%5B%22c2%22%5D');
		expect(handed).toHaveLength(2);
	});

	it('still pushes when what it sends cannot be kept (a full disk)', async () => {
		let sent = 0;
		const fetch = createCouchFetch({
			collection: 'customers',
			onRefused: () => undefined,
			onExpired: () => undefined,
			beforePush: async () => {
				throw new DOMException('full', 'QuotaExceededError');
			},
			fetch: (async () => {
				sent++;
				return json(201, [{ id: 'c1', ok: true, rev: '2-b' }]);
			}) as typeof globalThis.fetch
		});
		const response = await fetch('/db/x/_bulk_docs', {
			method: 'POST',
			body: JSON.stringify({ docs: [{ _id: 'c1' }] })
		});
		expect(sent).toBe(1);
		expect(await response.json()).toEqual([{ id: 'c1', ok: true, rev: '2-b' }]);
	});

	it('tells the guard what a pull carries and what the endpoint stored for a push', async () => {
		const pulled: unknown[][] = [];
		const acknowledged: unknown[][] = [];
		const fetch = createCouchFetch({
			collection: 'customers',
			onRefused: () => undefined,
			onExpired: () => undefined,
			guard: {
				pulled: async (docs) => void pulled.push(docs),
				acknowledged: (rows) => void acknowledged.push(rows)
			},
			fetch: (async (input: RequestInfo | URL) =>
				String(input).includes('_changes')
					? json(200, {
							results: [
								{ id: '_design/csp', doc: { _id: '_design/csp', _rev: '1-d' } },
								{ id: 'c1', doc: { _id: 'c1', _rev: '2-a', city: 'Wien' } },
								{ id: 'c2', deleted: true }
							],
							last_seq: '3'
						})
					: json(201, [
							{ id: 'c1', ok: true, rev: '3-b' },
							{ id: 'c2', error: 'conflict', reason: 'Document update conflict' }
						])) as typeof globalThis.fetch
		});
		await fetch('/db/x/_changes?since=0');
		await fetch('/db/x/_bulk_docs', {
			method: 'POST',
			body: JSON.stringify({ docs: [{ _id: 'c1' }, { _id: 'c2' }] })
		});
		expect(pulled).toEqual([[{ _id: 'c1', _rev: '2-a', city: 'Wien' }]]);
		expect(acknowledged).toEqual([
			[
				{ id: 'c1', ok: true, rev: '3-b' },
				{ id: 'c2', error: 'conflict', reason: 'Document update conflict' }
			]
		]);
	});

	it('still hands a pull on when the guard cannot keep its revisions', async () => {
		const fetch = createCouchFetch({
			collection: 'customers',
			onRefused: () => undefined,
			onExpired: () => undefined,
			guard: {
				pulled: async () => {
					throw new Error('no digest here');
				},
				acknowledged: () => undefined
			},
			fetch: (async () =>
				json(200, {
					results: [{ id: 'c1', doc: { _id: 'c1', _rev: '2-a' } }],
					last_seq: '1'
				})) as typeof globalThis.fetch
		});
		const body = await (await fetch('/db/x/_changes?since=0')).json();
		expect(body.results.map((r: { id: string }) => r.id)).toEqual(['c1']);
	});

	it('keeps design documents out of _changes', async () => {
		const { fetch } = setup(() =>
			json(200, {
				results: [
					{ id: '_design/csp', doc: { _id: '_design/csp' } },
					{ id: 'a', doc: { _id: 'a' } }
				],
				last_seq: '2'
			})
		);
		const body = await (await fetch('/db/x/_changes?since=0')).json();
		expect(body.results.map((r: { id: string }) => r.id)).toEqual(['a']);
		expect(body.last_seq).toBe('2');
	});

	it('fills a full batch up again after taking design documents out', async () => {
		const requests: string[] = [];
		const feed = ['_design/csp', 'a', 'b', 'c', 'd'];
		const { fetch } = setup((url) => {
			requests.push(url);
			const params = new URL(url, 'http://local').searchParams;
			const since = Number(params.get('since'));
			const limit = Number(params.get('limit'));
			const rows = feed.slice(since, since + limit);
			return json(200, {
				results: rows.map((id) => ({ id, doc: { _id: id } })),
				last_seq: String(since + rows.length)
			});
		});
		const body = await (await fetch('/db/x/_changes?since=0&limit=3&include_docs=true')).json();
		expect(body.results.map((r: { id: string }) => r.id)).toEqual(['a', 'b', 'c']);
		expect(body.last_seq).toBe('4');
		expect(requests).toHaveLength(2);
		const rest = await (await fetch(`/db/x/_changes?since=${body.last_seq}&limit=3`)).json();
		expect(rest.results.map((r: { id: string }) => r.id)).toEqual(['d']);
	});

	it('reports refused rows, matched by id, and hands them to RxDB as conflicts', async () => {
		const { fetch, refused } = setup((url) => {
			if (url.includes('_bulk_docs')) {
				return json(201, [
					{
						id: 'p2',
						error: 'forbidden',
						reason: '[csp:role] A Sales agent cannot remove a partnership.'
					},
					{ id: 'p1', ok: true, rev: '2-a' }
				]);
			}
			return json(200, { rows: [{ key: 'n1', error: 'not_found' }] });
		});
		const docs = [
			{ _id: 'p1', _rev: '1-a' },
			{ _id: 'p2', _rev: '1-b', resellerName: 'Northwind' },
			{ _id: 'n1', name: 'New' }
		];
		const rows = await (
			await fetch('/db/x/_bulk_docs?', { method: 'POST', body: JSON.stringify({ docs }) })
		).json();
		expect(rows).toEqual([
			{ id: 'p2', error: 'conflict', reason: 'refused' },
			{ id: 'p1', ok: true, rev: '2-a' }
		]);
		expect(refused).toEqual([
			{
				collection: 'partnerships',
				id: 'p2',
				label: 'Northwind',
				code: 'role',
				reason: 'A Sales agent cannot remove a partnership.',
				at: '2026-01-01T00:00:00.000Z'
			}
		]);
	});

	it('removes a refused new record locally: the server never had it', async () => {
		const { fetch } = setup((url) => {
			if (url.includes('_bulk_docs')) {
				return json(201, [{ id: 'n1', error: 'forbidden', reason: '[csp:role] No.' }]);
			}
			return json(200, { rows: [{ key: 'n1', error: 'not_found' }] });
		});
		await fetch('/db/x/_bulk_docs', {
			method: 'POST',
			body: JSON.stringify({ docs: [{ _id: 'n1', name: 'New' }] })
		});
		const body = await (await fetch('/db/x/_all_docs?include_docs=true&keys=["n1"]')).json();
		expect(body.rows[0].doc).toEqual({ _id: 'n1', name: 'New', _deleted: true });
	});

	it('keeps a row refused for a key a held-back conflict holds, and sends it again', async () => {
		const refusal = {
			error: 'forbidden',
			reason: '[csp:partnership-open] A partnership request to this reseller is already waiting.',
			holders: ['p1']
		};
		const { fetch, refused } = setup((url, init) => {
			if (url.includes('_bulk_docs')) return json(201, [{ id: 'p2', ...refusal }]);
			if (init?.method === 'POST') {
				return json(200, {
					rows: [
						{ id: 'p1', key: 'p1', doc: { _id: 'p1', _rev: '2-b', status: 'active' } },
						{ key: 'p2', error: 'not_found' }
					]
				});
			}
			return json(200, { rows: [{ key: 'p2', error: 'not_found' }] });
		});
		// The check finds p1 in conflict: RxDB leaves it out and pushes p2 alone.
		await fetch('/db/x/_all_docs', { method: 'POST', body: '{"keys":["p1","p2"]}' });
		const p2 = { _id: 'p2', status: 'requested', resellerName: 'Tisza' };
		const rows = await (
			await fetch('/db/x/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs: [p2] }) })
		).json();
		expect(rows).toEqual([{ id: 'p2', error: 'conflict', reason: 'kept' }]);
		expect(refused).toEqual([]);
		// RxDB reads the conflict: the endpoint has no version (a tombstone), the device keeps its own.
		const body = await (await fetch('/db/x/_all_docs?include_docs=true&keys=["p2"]')).json();
		expect(body.rows[0].doc).toEqual({ ...p2, _deleted: true });

		// Sent again with nothing held back, the refusal holds: it is one.
		const again = await (
			await fetch('/db/x/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs: [p2] }) })
		).json();
		expect(again).toEqual([{ id: 'p2', error: 'conflict', reason: 'refused' }]);
		expect(refused.map((r) => [r.id, r.code])).toEqual([['p2', 'partnership-open']]);
	});

	it('tells a refusal a held-back conflict may lift from one it cannot', () => {
		const row = {
			id: 'n',
			error: 'forbidden',
			reason: '[csp:domain-prefix-taken] x',
			holders: ['c1']
		};
		expect(mayBeReleased(row, new Set(['c1']))).toBe(true);
		expect(mayBeReleased(row, new Set(['c2']))).toBe(false);
		expect(mayBeReleased({ ...row, holders: undefined }, new Set(['c1']))).toBe(false);
		expect(mayBeReleased({ ...row, error: 'conflict' }, new Set(['c1']))).toBe(false);
	});

	it('reports an expired session', async () => {
		const { fetch, expired } = setup(() => json(401, { error: 'unauthorized' }));
		expect((await fetch('/db/x/_changes')).status).toBe(401);
		expect(expired()).toBe(1);
	});

	it('parses the server reason', () => {
		expect(parseReason('[csp:immutable] createdBy never changes.')).toEqual({
			code: 'immutable',
			reason: 'createdBy never changes.'
		});
		expect(parseReason(undefined).code).toBe('refused');
	});
});

describe('a long-poll from now', () => {
	const longPollUrl =
		'/db/x/_changes?style=all_docs&feed=longpoll&since=now&include_docs=true&limit=100';
	const pullUrl = '/db/x/_changes?style=all_docs&feed=normal&since=0&include_docs=true&limit=100';

	function changesEndpoint() {
		const asked: string[] = [];
		const fetch = createCouchFetch({
			collection: 'activity',
			onRefused: () => undefined,
			onExpired: () => undefined,
			fetch: (async (input: RequestInfo | URL) => {
				asked.push(String(input));
				return json(200, { results: [{ id: 'e1', doc: { _id: 'e1' } }], last_seq: '7-g1' });
			}) as typeof globalThis.fetch
		});
		return { fetch, asked };
	}

	it('waits for the first pull and asks from the sequence it reached', async () => {
		const { fetch, asked } = changesEndpoint();
		const longPoll = fetch(longPollUrl);
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(asked).toEqual([]);
		await fetch(pullUrl);
		await longPoll;
		expect(asked).toHaveLength(2);
		const since = new URL(asked[1], 'http://local').searchParams;
		expect(since.get('since')).toBe('7-g1');
		expect(since.get('feed')).toBe('longpoll');
	});

	it('asks from the latest pull once one was answered, and leaves a named sequence alone', async () => {
		const { fetch, asked } = changesEndpoint();
		await fetch(pullUrl);
		await fetch(longPollUrl);
		await fetch(longPollUrl.replace('since=now', 'since=5-f'));
		expect(asked.map((url) => new URL(url, 'http://local').searchParams.get('since'))).toEqual([
			'0',
			'7-g1',
			'5-f'
		]);
	});

	it('gives up when replication stops before the first pull', async () => {
		const stop = new AbortController();
		const fetch = createCouchFetch({
			collection: 'activity',
			onRefused: () => undefined,
			onExpired: () => undefined,
			signal: stop.signal,
			fetch: (async () => json(200, { results: [], last_seq: '1-a' })) as typeof globalThis.fetch
		});
		const longPoll = fetch(longPollUrl);
		stop.abort();
		await expect(longPoll).rejects.toThrow('Replication stopped');
	});
});

describe('refused activity entries', () => {
	it('stay on this device and are not reported twice', async () => {
		const refused: Refusal[] = [];
		const fetch = createCouchFetch({
			collection: 'activity',
			onRefused: (refusal) => refused.push(refusal),
			onExpired: () => undefined,
			fetch: (async () =>
				json(201, [
					{ id: 'e1', error: 'forbidden', reason: '[csp:role] No.' }
				])) as typeof globalThis.fetch
		});
		const rows = await (
			await fetch('/db/x/_bulk_docs', {
				method: 'POST',
				body: JSON.stringify({ docs: [{ _id: 'e1' }] })
			})
		).json();
		expect(rows).toEqual([{ id: 'e1', ok: true, rev: '0-refused' }]);
		expect(refused).toEqual([]);
	});
});
