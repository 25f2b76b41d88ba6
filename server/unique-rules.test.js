// The rules that need other documents (unique-rules.js), with the database read from memory:
// which rows of a write take a key another document holds, and the view's map function.
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import {
	UNIQUE_COLLECTIONS,
	createLocks,
	findTakenKeys,
	uniqueKeys,
	uniqueViewSource
} from './unique-rules.js';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');

/**
 * The lookups of findTakenKeys over `stored` (the database), counting the requests.
 * @param {string} collection @param {any[]} stored
 */
function database(collection, stored) {
	const requests = { current: 0, taken: 0 };
	const map = new Function('emit', `return (${uniqueViewSource(collection)});`);
	return {
		requests,
		lookups: {
			/** @param {string[]} ids */
			async current(ids) {
				requests.current++;
				return new Map(stored.filter((doc) => ids.includes(doc._id)).map((doc) => [doc._id, doc]));
			},
			/** @param {[string, string][]} keys */
			async taken(keys) {
				requests.taken++;
				/** @type {{ id: string, key: [string, string], value: unknown }[]} */
				const rows = [];
				for (const doc of stored) {
					map((/** @type {[string, string]} */ key, /** @type {unknown} */ value) => {
						if (keys.some((k) => k[0] === key[0] && k[1] === key[1])) {
							rows.push({ id: doc._id, key, value });
						}
					})(doc);
				}
				return rows;
			}
		}
	};
}

/** @param {string} collection @param {any[]} stored @param {any[]} docs @param {boolean} [newEdits] */
async function verdicts(collection, stored, docs, newEdits = true) {
	const db = database(collection, stored);
	const refused = await findTakenKeys({ collection, docs, newEdits, now: NOW }, db.lookups);
	return {
		codes: docs.map((_, index) => /^\[csp:([a-z-]+)\]/.exec(refused.get(index) ?? '')?.[1] ?? 'ok'),
		requests: db.requests,
		reasons: refused
	};
}

const customer = (/** @type {string} */ id, /** @type {string} */ prefix, fields = {}) => ({
	_id: id,
	domainPrefix: prefix,
	companyName: `Customer ${id}`,
	...fields
});

describe('the keys and the view', () => {
	it('makes an ES5 map function for every collection with a rule', () => {
		for (const collection of UNIQUE_COLLECTIONS) {
			expect(() => parse(`(${uniqueViewSource(collection)})`, { ecmaVersion: 5 })).not.toThrow();
		}
	});

	it('gives each document its keys, none to deleted and design documents', () => {
		expect(uniqueKeys('customers', customer('c1', ' KovacsKft '))).toEqual([
			['domain-prefix-taken', 'kovacskft', null]
		]);
		expect(uniqueKeys('customers', { ...customer('c1', 'a'), _deleted: true })).toEqual([]);
		expect(uniqueKeys('customers', { _id: '_design/csp', domainPrefix: 'a' })).toEqual([]);
		expect(
			uniqueKeys('partners', { _id: 'p', kind: 'indirect-reseller', mpnId: '6789016' })
		).toEqual([['mpn-id-taken', 'indirect-reseller 6789016', null]]);
		expect(uniqueKeys('partners', { _id: 'p', kind: 'indirect-reseller', mpnId: '' })).toEqual([]);
		expect(
			uniqueKeys('partnerships', { _id: 'x', providerId: 'a', resellerId: 'b', status: 'removed' })
		).toEqual([]);
		expect(
			uniqueKeys('invitations', { _id: 'i', status: 'sent', customerId: '', sentAt: 'x' })
		).toEqual([]);
		expect(uniqueKeys('subscriptions', { _id: 's', customerId: 'c1' })).toEqual([]);
	});
});

describe('findTakenKeys', () => {
	it('refuses a new customer whose domain prefix another customer has, in any case', async () => {
		const stored = [customer('c1', 'kovacs')];
		const result = await verdicts('customers', stored, [
			customer('c2', 'Kovacs'),
			customer('c3', 'tisza')
		]);
		expect(result.codes).toEqual(['domain-prefix-taken', 'ok']);
		expect(result.reasons.get(0)).toBe(
			'[csp:domain-prefix-taken] kovacs.onmicrosoft.com is already taken. Choose another domain prefix.'
		);
	});

	it('refuses the second of two new rows of one batch that take one key', async () => {
		const result = await verdicts(
			'customers',
			[],
			[customer('c1', 'duna'), customer('c2', 'duna')]
		);
		expect(result.codes).toEqual(['ok', 'domain-prefix-taken']);
	});

	it('lets a document keep its own key, and asks nothing for rows that take no new key', async () => {
		const stored = [{ ...customer('c1', 'kovacs'), _rev: '1-a' }];
		const again = await verdicts('customers', stored, [customer('c1', 'kovacs')]);
		expect(again.codes).toEqual(['ok']);
		const edit = await verdicts('customers', stored, [
			{ ...customer('c1', 'kovacs', { companyName: 'Renamed' }), _rev: '1-a' }
		]);
		expect(edit.codes).toEqual(['ok']);
		expect(edit.requests).toEqual({ current: 1, taken: 0 });
		const none = await verdicts('subscriptions', [], [{ _id: 's1', customerId: 'c1' }]);
		expect(none.codes).toEqual(['ok']);
		expect(none.requests).toEqual({ current: 0, taken: 0 });
	});

	it('refuses a partner with the MPN ID of another partner of its kind only', async () => {
		const stored = [{ _id: 'r1', kind: 'indirect-reseller', mpnId: '6789016' }];
		const result = await verdicts('partners', stored, [
			{ _id: 'r2', kind: 'indirect-reseller', mpnId: '6789016' },
			{ _id: 'p1', kind: 'indirect-provider', mpnId: '6789016' },
			{ _id: 'r3', kind: 'indirect-reseller', mpnId: '' }
		]);
		expect(result.codes).toEqual(['mpn-id-taken', 'ok', 'ok']);
	});

	it('refuses a new partnership while one with the reseller is requested or active, not after a removal', async () => {
		const pair = { providerId: 'own', resellerId: 'r1' };
		const open = await verdicts(
			'partnerships',
			[{ _id: 'p1', ...pair, status: 'active', _rev: '2-a' }],
			[{ _id: 'p2', ...pair, status: 'requested' }]
		);
		expect(open.codes).toEqual(['partnership-open']);
		const removed = await verdicts(
			'partnerships',
			[{ _id: 'p1', ...pair, status: 'removed', _rev: '3-a' }],
			[{ _id: 'p2', ...pair, status: 'requested' }]
		);
		expect(removed.codes).toEqual(['ok']);
		// The acceptance of the open request itself takes no new key.
		const accepted = await verdicts(
			'partnerships',
			[{ _id: 'p1', ...pair, status: 'requested', _rev: '1-a' }],
			[{ _id: 'p1', ...pair, status: 'active', _rev: '1-a' }]
		);
		expect(accepted.codes).toEqual(['ok']);
	});

	it('names the documents holding the key of each refused row: stored, or a row before it in the batch', async () => {
		const pair = { providerId: 'own', resellerId: 'r1' };
		const db = database('partnerships', [{ _id: 'p1', ...pair, status: 'active', _rev: '2-a' }]);
		/** @type {[number, string[]][]} */
		const blocked = [];
		const refused = await findTakenKeys(
			{
				collection: 'partnerships',
				docs: [
					{ _id: 'p2', ...pair, status: 'requested' },
					{ _id: 'n1', providerId: 'own', resellerId: 'r2', status: 'requested' },
					{ _id: 'n2', providerId: 'own', resellerId: 'r2', status: 'requested' }
				],
				now: NOW
			},
			{ ...db.lookups, blocked: (index, holders) => void blocked.push([index, holders]) }
		);
		expect([...refused.keys()]).toEqual([0, 2]);
		expect(blocked).toEqual([
			[0, ['p1']],
			[2, ['n1']]
		]);
	});

	it('refuses a new invitation to a customer while one to it is open, not once it expired or is withdrawn in the same batch', async () => {
		const invitation = (/** @type {string} */ id, /** @type {any} */ fields = {}) => ({
			_id: id,
			customerId: 'c1',
			companyName: 'Kovács Kft.',
			status: 'sent',
			sentAt: '2026-11-30T10:00:00.000Z',
			...fields
		});
		const open = await verdicts('invitations', [invitation('i1')], [invitation('i2')]);
		expect(open.codes).toEqual(['invitation-open']);
		expect(open.reasons.get(0)).toMatch(/An invitation to Kovács Kft\. is still open/);
		// Sent 90 days before NOW to the millisecond: expired.
		const expired = await verdicts(
			'invitations',
			[invitation('i1', { sentAt: '2026-09-02T10:00:00.000Z' })],
			[invitation('i2')]
		);
		expect(expired.codes).toEqual(['ok']);
		const withdrawn = await verdicts(
			'invitations',
			[{ ...invitation('i1'), _rev: '1-a' }],
			[{ ...invitation('i1', { status: 'withdrawn' }), _rev: '1-a' }, invitation('i2')]
		);
		expect(withdrawn.codes).toEqual(['ok', 'ok']);
		// One that arrives already expired (sent long ago, offline) blocks nothing, and is not blocked.
		const late = await verdicts(
			'invitations',
			[invitation('i1')],
			[invitation('i2', { sentAt: '2026-08-01T10:00:00.000Z' }), invitation('i3')]
		);
		expect(late.codes).toEqual(['ok', 'invitation-open']);
	});

	it('refuses a GDAP relationship named as another one, in any case', async () => {
		const result = await verdicts(
			'gdap',
			[{ _id: 'g1', displayName: 'Helpdesk' }],
			[
				{ _id: 'g2', displayName: 'HELPDESK ' },
				{ _id: 'g3', displayName: 'Billing' }
			]
		);
		expect(result.codes).toEqual(['gdap-name-taken', 'ok']);
	});

	it('compares replicated revisions (new_edits false) with the stored version', async () => {
		const stored = [{ ...customer('c1', 'kovacs'), _rev: '1-a' }];
		const result = await verdicts(
			'customers',
			stored,
			[
				{ ...customer('c1', 'kovacs'), _rev: '2-b' },
				{ ...customer('c2', 'kovacs'), _rev: '1-c' }
			],
			false
		);
		expect(result.codes).toEqual(['ok', 'domain-prefix-taken']);
	});
});

describe('keys taken a moment ago', () => {
	it('count when the view misses them (a lagging shard copy) and the document read by id holds them', async () => {
		const stored = [customer('c1', 'kovacs'), customer('c9', 'other')];
		/** @type {string[][]} */
		const claimed = [];
		/** @param {string[]} recentIds */
		const check = (recentIds) =>
			findTakenKeys(
				{ collection: 'customers', docs: [customer('c2', 'kovacs')], now: NOW },
				{
					current: async (ids) =>
						new Map(stored.filter((doc) => ids.includes(doc._id)).map((doc) => [doc._id, doc])),
					taken: async () => [],
					recent: () => recentIds,
					claimed: (id, keys) => claimed.push([id, ...keys.flat()])
				}
			);
		expect([...(await check(['c1'])).keys()]).toEqual([0]);
		expect(claimed).toEqual([]);
		// A hint whose document is not stored, or no longer holds the key, counts for nothing.
		expect((await check(['c3', 'c9'])).size).toBe(0);
		expect(claimed).toEqual([['c2', 'domain-prefix-taken', 'kovacs']]);
	});
});

describe('createLocks', () => {
	it('lets one holder at a time have a name, in the order they asked, and others go on', async () => {
		const acquire = createLocks();
		/** @type {string[]} */
		const order = [];
		const first = await acquire('a');
		const second = acquire('a').then((release) => {
			order.push('second');
			release();
		});
		const other = await acquire('b');
		order.push('other');
		other();
		expect(order).toEqual(['other']);
		first();
		first();
		await second;
		expect(order).toEqual(['other', 'second']);
		const again = await acquire('a');
		again();
	});
});
