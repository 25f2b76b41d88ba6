import { describe, expect, it } from 'vitest';
import { createCouchFetch, parseReason, type Refusal } from './couch-fetch';

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
