// The rules that need the partnerships database (relation-rules.js), with the databases read
// from memory: which rows of a write name a partnership that is not (and never was) active, how
// long the check waits for one on its way, and the view rows it reads.
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import {
	findInactivePartnerships,
	neededPartnerships,
	partnershipActivityKeys
} from './relation-rules.js';
import { uniqueViewSource } from './unique-rules.js';

/** @param {string} id @param {string} resellerId @param {Record<string, unknown>} [fields] */
const partnership = (id, resellerId, fields = {}) => ({
	_id: id,
	providerId: 'own',
	resellerId,
	status: 'active',
	acceptedAt: '2026-01-05T10:00:00.000Z',
	...fields
});
/** @param {string} id @param {Record<string, unknown>} [fields] */
const customer = (id, fields = {}) => ({
	_id: id,
	companyName: `Customer ${id}`,
	resellerId: 'reseller-1',
	updatedAt: '2026-12-01T10:00:00.000Z',
	...fields
});

/**
 * The lookups over an organisation whose databases are `partnerships`, `partners` and `stored`
 * (the written one); `arrive` is called at each wait, with the number of waits so far, and may
 * add documents (a companion on its way). The clock is the real one: waits are of 0 ms.
 * @param {{ partnerships?: any[], partners?: any[], stored?: any[], arrive?: (waits: number) => void }} org
 */
function organisation({ partnerships = [], partners = [], stored = [], arrive }) {
	const map = new Function(
		'emit',
		`return (${uniqueViewSource('partnerships', [partnershipActivityKeys])});`
	);
	const counts = { waits: 0, partnershipReads: 0 };
	return {
		counts,
		partnerships,
		partners,
		lookups: {
			/** @param {string[]} ids */
			current: async (ids) =>
				new Map(stored.filter((doc) => ids.includes(doc._id)).map((doc) => [doc._id, doc])),
			/** @param {string[]} ids */
			own: async (ids) =>
				new Set(
					partners
						.filter((p) => p.isOwnOrganisation === true && ids.includes(p._id))
						.map((p) => p._id)
				),
			/** @param {[string, string][]} keys */
			partnerships: async (keys) => {
				counts.partnershipReads++;
				/** @type {{ key: [string, string], value: string | null }[]} */
				const rows = [];
				for (const doc of partnerships) {
					map((/** @type {[string, string]} */ key, /** @type {string | null} */ value) => {
						if (keys.some((k) => k[0] === key[0] && k[1] === key[1])) rows.push({ key, value });
					})(doc);
				}
				return rows;
			},
			sleep: async () => {
				counts.waits++;
				arrive?.(counts.waits);
			}
		}
	};
}

/** @param {string} collection @param {any[]} docs @param {ReturnType<typeof organisation>} org @param {number} [waitMs] */
const check = (collection, docs, org, waitMs = 60_000) =>
	findInactivePartnerships({ collection, docs, waitMs, pollMs: 1 }, org.lookups);

describe('the view rows of a partnership', () => {
	it('lists every partnership with its status, by reseller and by provider and reseller', () => {
		expect(partnershipActivityKeys(partnership('p1', 'r1'))).toEqual([
			[['partnership-reseller', 'r1'], 'active'],
			[['partnership-pair', 'own r1'], 'active']
		]);
		for (const status of ['requested', 'removed']) {
			expect(partnershipActivityKeys(partnership('p1', 'r1', { status }))).toEqual([
				[['partnership-reseller', 'r1'], status],
				[['partnership-pair', 'own r1'], status]
			]);
		}
	});

	it('lists none that is deleted, a design document, or without a reseller', () => {
		expect(partnershipActivityKeys({ ...partnership('p1', 'r1'), _deleted: true })).toEqual([]);
		expect(partnershipActivityKeys(partnership('_design/csp', 'r1'))).toEqual([]);
		expect(partnershipActivityKeys(partnership('p1', ''))).toEqual([]);
		expect(partnershipActivityKeys(null)).toEqual([]);
	});

	it('is ES5, as part of the partnerships database’s view', () => {
		const source = uniqueViewSource('partnerships', [partnershipActivityKeys]);
		expect(() => parse(`(${source})`, { ecmaVersion: 5 })).not.toThrow();
	});
});

describe('what a write needs', () => {
	it('asks a new customer, and one moved to another reseller, for a partnership', () => {
		expect(neededPartnerships('customers', customer('c1'))).toEqual([
			{
				code: 'partnership-not-active',
				partnerId: 'reseller-1',
				key: ['partnership-reseller', 'reseller-1']
			}
		]);
		const moved = neededPartnerships(
			'customers',
			customer('c1', { resellerId: 'reseller-2' }),
			customer('c1')
		);
		expect(moved.map((need) => need.partnerId)).toEqual(['reseller-2']);
	});

	it('asks nothing of a change that keeps the reseller, of no reseller, or of a deleted row', () => {
		expect(
			neededPartnerships('customers', customer('c1', { companyName: 'X' }), customer('c1'))
		).toEqual([]);
		expect(neededPartnerships('customers', customer('c1', { resellerId: '' }))).toEqual([]);
		expect(neededPartnerships('customers', { ...customer('c1'), _deleted: true })).toEqual([]);
		expect(neededPartnerships('partners', customer('c1'))).toEqual([]);
		// A stored version that was deleted counts as none.
		expect(
			neededPartnerships('customers', customer('c1'), { ...customer('c1'), _deleted: true })
		).toHaveLength(1);
	});

	it('asks a subscription for its reseller and its support contact, each when it changes', () => {
		const sub = { _id: 's1', resellerId: 'r1', supportContactId: 'r2' };
		expect(neededPartnerships('subscriptions', sub).map((need) => need.code)).toEqual([
			'subscription-reseller-not-active',
			'support-contact-not-active'
		]);
		expect(
			neededPartnerships('subscriptions', { ...sub, supportContactId: 'own' }, sub).map(
				(need) => need.code
			)
		).toEqual(['support-contact-not-active']);
		expect(neededPartnerships('subscriptions', { ...sub, quantity: 3 }, sub)).toEqual([]);
	});

	it('asks a new Invite new customers invitation for the partnership with its provider', () => {
		const inv = { _id: 'i1', kind: 'reseller-and-provider', providerId: 'p1', resellerId: 'own' };
		expect(neededPartnerships('invitations', inv)).toEqual([
			{
				code: 'provider-partnership-not-active',
				partnerId: '',
				key: ['partnership-pair', 'p1 own']
			}
		]);
		expect(neededPartnerships('invitations', { ...inv, status: 'withdrawn' }, inv)).toEqual([]);
		expect(neededPartnerships('invitations', { ...inv, kind: 'reseller-relationship' })).toEqual(
			[]
		);
	});
});

describe('the check', () => {
	it('lets through a row whose partnership is active, one removed since, and one only requested (an acceptance offline may have lost)', async () => {
		const org = organisation({
			partnerships: [
				partnership('p1', 'reseller-1'),
				partnership('p2', 'reseller-2', {
					status: 'removed',
					removedAt: '2026-06-01T00:00:00.000Z'
				}),
				partnership('p3', 'reseller-3', { status: 'requested' })
			]
		});
		const refused = await check(
			'customers',
			[
				customer('c1'),
				customer('c2', { resellerId: 'reseller-2' }),
				customer('c3', { resellerId: 'reseller-3' })
			],
			org
		);
		expect(refused).toEqual(new Map());
		expect(org.counts.waits).toBe(0);
	});

	it('refuses only the rows without one, once the wait is over; the others go on', async () => {
		const org = organisation({
			partnerships: [
				partnership('p1', 'reseller-1'),
				partnership('p3', 'reseller-3', { status: 'requested' }),
				partnership('p4', 'reseller-4', { providerId: 'another-provider' })
			]
		});
		const refused = await check(
			'customers',
			[
				customer('c1'),
				customer('c2', { resellerId: 'stranger' }),
				customer('c3', { resellerId: 'reseller-3' }),
				customer('c4', { resellerId: 'nobody' })
			],
			org,
			30
		);
		expect([...refused.keys()]).toEqual([1, 3]);
		expect(refused.get(1)).toBe(
			'[csp:partnership-not-active] Customers can be added for this reseller only while the partnership is active.'
		);
		expect(org.counts.waits).toBeGreaterThan(0);
	});

	it('waits for a partnership on its way (requested offline, pushed after the new customer)', async () => {
		/** @type {any[]} */
		const partnerships = [];
		const org = organisation({
			partnerships,
			arrive: (waits) => {
				if (waits === 3)
					partnerships.push(partnership('p1', 'reseller-1', { status: 'requested' }));
			}
		});
		expect(await check('customers', [customer('c1')], org)).toEqual(new Map());
		expect(org.counts.waits).toBe(3);
	});

	it('waits for the own partner record on its way (a reseller organisation’s first sync)', async () => {
		/** @type {any[]} */
		const partners = [];
		const org = organisation({
			partners,
			arrive: (waits) => {
				if (waits === 2) partners.push({ _id: 'org-own', isOwnOrganisation: true });
			}
		});
		const sub = { _id: 's1', resellerId: 'org-own', supportContactId: 'org-own' };
		expect(await check('subscriptions', [sub], org)).toEqual(new Map());
		expect(org.counts.waits).toBe(2);
	});

	it('does not wait or read the partnerships for a write that needs none', async () => {
		const org = organisation({ stored: [customer('c1')] });
		expect(await check('customers', [customer('c1', { companyName: 'Renamed' })], org)).toEqual(
			new Map()
		);
		expect(org.counts.partnershipReads).toBe(0);
		expect(org.counts.waits).toBe(0);
	});

	it('refuses a support contact that is neither the organisation nor a partner', async () => {
		const org = organisation({
			partners: [
				{ _id: 'own', isOwnOrganisation: true },
				{ _id: 'reseller-9', isOwnOrganisation: false }
			],
			partnerships: [partnership('p1', 'reseller-1')]
		});
		const refused = await check(
			'subscriptions',
			[
				{ _id: 's1', resellerId: 'reseller-1', supportContactId: 'own' },
				{ _id: 's2', resellerId: '', supportContactId: 'reseller-9' }
			],
			org,
			0
		);
		expect([...refused]).toEqual([
			[
				1,
				'[csp:support-contact-not-active] The designated support contact must be your organisation or a reseller with an active partnership.'
			]
		]);
	});

	it('gives up waiting when the client has gone (the sleep rejects)', async () => {
		const org = organisation({});
		org.lookups.sleep = async () => {
			throw new Error('gone');
		};
		await expect(check('customers', [customer('c1')], org)).rejects.toThrow('gone');
	});
});
