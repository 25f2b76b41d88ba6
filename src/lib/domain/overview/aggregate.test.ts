import { describe, expect, it } from 'vitest';
import type { GdapRelationship } from '../gdap/schema';
import { invitationAgeGroups } from '../invitation/rules';
import type { Partnership } from '../partnership/schema';
import {
	DIRECT_LABEL,
	UNKNOWN_RESELLER_LABEL,
	adminAccessLabels,
	customersByAdminAccess,
	customersPerReseller,
	gdapOverview,
	invitationsByStateAndAge,
	latestPartnerships,
	licencesPerOffer,
	partnershipsByState,
	resellerCustomers,
	resellerLicencesPerOffer,
	sortByValue,
	splitTop,
	type CountRow
} from './aggregate';

const NOW = '2026-06-01T12:00:00.000Z';
const DAY = 86_400_000;
/** The timestamp `days` days before NOW (negative: after). */
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();

const row = (key: string, value: number, label = key.toUpperCase()): CountRow => ({
	key,
	label,
	value
});

describe('sortByValue', () => {
	it('puts the largest first, then sorts by label ignoring case and accents, then by key', () => {
		const rows = [row('b', 2, 'beta'), row('a', 5, 'Alpha'), row('c', 2, 'Álpha'), row('d', 2)];
		expect(sortByValue(rows).map((r) => r.key)).toEqual(['a', 'c', 'b', 'd']);
		const tie = [row('y', 1, 'Same'), row('x', 1, 'same')];
		expect(sortByValue(tie).map((r) => r.key)).toEqual(['x', 'y']);
	});

	it('returns a new array and leaves the input as it was', () => {
		const rows = [row('a', 1), row('b', 2)];
		const sorted = sortByValue(rows);
		expect(sorted).not.toBe(rows);
		expect(rows.map((r) => r.key)).toEqual(['a', 'b']);
	});
});

describe('splitTop', () => {
	const rows = [row('a', 9), row('b', 5), row('c', 3), row('d', 2), row('e', 1)];

	it('keeps every row when they fit', () => {
		expect(splitTop(rows, 5)).toEqual({ top: rows, rest: { count: 0, value: 0 } });
		expect(splitTop(rows, 6).top).toEqual(rows);
		expect(splitTop([], 3)).toEqual({ top: [], rest: { count: 0, value: 0 } });
	});

	it('adds up the rows past the limit', () => {
		expect(splitTop(rows, 3)).toEqual({
			top: [row('a', 9), row('b', 5), row('c', 3)],
			rest: { count: 2, value: 3 }
		});
		expect(splitTop(rows, 1)).toEqual({ top: [row('a', 9)], rest: { count: 4, value: 11 } });
	});

	it('refuses a limit below 1', () => {
		expect(() => splitTop(rows, 0)).toThrow(RangeError);
	});
});

type PartnershipFields = Pick<
	Partnership,
	'id' | 'providerId' | 'resellerId' | 'requestedAt' | 'status'
>;
const partnership = (
	id: string,
	resellerId: string,
	status: Partnership['status'],
	requestedAt = '2026-01-01T00:00:00.000Z',
	providerId = 'provider'
): PartnershipFields => ({ id, providerId, resellerId, requestedAt, status });

describe('latestPartnerships', () => {
	it('keeps the partnership requested last for each pair of partners', () => {
		const older = partnership('p1', 'r1', 'removed', '2026-01-01T00:00:00.000Z');
		const newer = partnership('p2', 'r1', 'requested', '2026-02-01T00:00:00.000Z');
		const other = partnership('p3', 'r2', 'active');
		const otherProvider = partnership('p4', 'r1', 'active', '2025-01-01T00:00:00.000Z', 'p-2');
		expect(latestPartnerships([newer, older, other, otherProvider])).toEqual([
			newer,
			other,
			otherProvider
		]);
		expect(latestPartnerships([older, newer])).toEqual([newer]);
	});

	it('takes the greater id when two were requested at the same moment', () => {
		const a = partnership('a', 'r1', 'removed');
		const b = partnership('b', 'r1', 'active');
		expect(latestPartnerships([a, b])).toEqual([b]);
		expect(latestPartnerships([b, a])).toEqual([b]);
	});
});

describe('customersPerReseller', () => {
	const resellers = [
		{ id: 'r1', name: 'Budapest Cloud Partners Kft.' },
		{ id: 'r2', name: 'Wisła IT Solutions' },
		{ id: 'r3', name: 'Alpine Systemhaus' },
		{ id: 'r4', name: 'Tisza Informatika Bt.' }
	];

	it('counts customers per reseller, direct customers apart, largest first', () => {
		const customers = [
			{ resellerId: 'r1' },
			{ resellerId: 'r2' },
			{ resellerId: 'r1' },
			{ resellerId: '' },
			{ resellerId: 'r1' }
		];
		expect(customersPerReseller({ customers, resellers, partnerships: [] })).toEqual([
			{ key: 'r1', label: 'Budapest Cloud Partners Kft.', value: 3 },
			{ key: '', label: DIRECT_LABEL, value: 1 },
			{ key: 'r2', label: 'Wisła IT Solutions', value: 1 }
		]);
	});

	it('lists a reseller with an active partnership and no customers with 0', () => {
		const partnerships = [
			partnership('p1', 'r3', 'requested'),
			partnership('p2', 'r4', 'active'),
			partnership('p3', 'r2', 'active', '2026-01-01T00:00:00.000Z'),
			partnership('p4', 'r2', 'removed', '2026-03-01T00:00:00.000Z')
		];
		expect(
			customersPerReseller({ customers: [{ resellerId: 'r1' }], resellers, partnerships })
		).toEqual([
			{ key: 'r1', label: 'Budapest Cloud Partners Kft.', value: 1 },
			{ key: 'r4', label: 'Tisza Informatika Bt.', value: 0 }
		]);
	});

	it('names a reseller that is not on this device "Unknown reseller"', () => {
		expect(
			customersPerReseller({ customers: [{ resellerId: 'gone' }], resellers, partnerships: [] })
		).toEqual([{ key: 'gone', label: UNKNOWN_RESELLER_LABEL, value: 1 }]);
	});

	it('is empty without customers and active partnerships', () => {
		expect(customersPerReseller({ customers: [], resellers, partnerships: [] })).toEqual([]);
	});
});

describe('licencesPerOffer', () => {
	const offers = [
		{ id: 'm365-bb', name: 'Microsoft 365 Business Basic', unitType: 'licences' as const },
		{ id: 'm365-e3', name: 'Microsoft 365 E3', unitType: 'licences' as const },
		{ id: 'azure', name: 'Azure plan', unitType: 'usage-based' as const }
	];

	it('adds up the licences of active subscriptions per offer, largest first', () => {
		const result = licencesPerOffer(
			[
				{ offerId: 'm365-bb', quantity: 10, status: 'active' },
				{ offerId: 'm365-e3', quantity: 25, status: 'active' },
				{ offerId: 'm365-bb', quantity: 5, status: 'active' },
				{ offerId: 'm365-e3', quantity: 100, status: 'suspended' },
				{ offerId: 'm365-bb', quantity: 100, status: 'cancelled' }
			],
			offers
		);
		expect(result.licences).toEqual([
			{ key: 'm365-e3', label: 'Microsoft 365 E3', value: 25 },
			{ key: 'm365-bb', label: 'Microsoft 365 Business Basic', value: 15 }
		]);
		expect(result.usageBased).toEqual([]);
	});

	it('counts usage-based offers apart, in active subscriptions', () => {
		const result = licencesPerOffer(
			[
				{ offerId: 'azure', quantity: 1, status: 'active' },
				{ offerId: 'azure', quantity: 1, status: 'active' },
				{ offerId: 'azure', quantity: 1, status: 'cancelled' }
			],
			offers
		);
		expect(result).toEqual({
			licences: [],
			usageBased: [{ key: 'azure', label: 'Azure plan', value: 2 }]
		});
	});

	it('labels an offer that is not in the catalog with its id', () => {
		expect(
			licencesPerOffer([{ offerId: 'retired', quantity: 3, status: 'active' }], offers).licences
		).toEqual([{ key: 'retired', label: 'Unknown offer (retired)', value: 3 }]);
	});

	it('leaves out offers with only inactive subscriptions, and is empty without any', () => {
		expect(
			licencesPerOffer([{ offerId: 'm365-bb', quantity: 3, status: 'suspended' }], offers)
		).toEqual({ licences: [], usageBased: [] });
		expect(licencesPerOffer([], offers)).toEqual({ licences: [], usageBased: [] });
	});
});

describe('invitationsByStateAndAge', () => {
	const inv = (status: 'sent' | 'accepted' | 'expired' | 'withdrawn', days: number) => ({
		status,
		sentAt: daysAgo(days)
	});

	it('has every age group and every state, also when there is no invitation', () => {
		const empty = invitationsByStateAndAge([], NOW);
		expect(empty.groups).toEqual(invitationAgeGroups);
		expect(empty.states).toEqual(['sent', 'accepted', 'expired', 'withdrawn']);
		expect(empty.total).toBe(0);
		for (const group of invitationAgeGroups) {
			expect(empty.byGroup[group]).toBe(0);
			expect(Object.values(empty.counts[group])).toEqual([0, 0, 0, 0]);
		}
		expect(empty.byState).toEqual({ sent: 0, accepted: 0, expired: 0, withdrawn: 0 });
	});

	it('puts each invitation in its age group by days since sending', () => {
		const m = invitationsByStateAndAge(
			[
				inv('sent', 0),
				inv('sent', 7),
				inv('sent', 8),
				inv('accepted', 30),
				inv('withdrawn', 31),
				inv('sent', 60),
				inv('sent', 61),
				inv('sent', 89),
				inv('accepted', 200)
			],
			NOW
		);
		expect(m.byGroup).toEqual({
			'0–7 days': 2,
			'8–30 days': 2,
			'31–60 days': 2,
			'61–90 days': 2,
			'over 90 days': 1
		});
		expect(m.counts['8–30 days']).toEqual({ sent: 1, accepted: 1, expired: 0, withdrawn: 0 });
		expect(m.counts['31–60 days']).toEqual({ sent: 1, accepted: 0, expired: 0, withdrawn: 1 });
		expect(m.counts['over 90 days']).toEqual({ sent: 0, accepted: 1, expired: 0, withdrawn: 0 });
		expect(m.total).toBe(9);
	});

	it('shows a sent invitation as expired from 90 days after sending', () => {
		const m = invitationsByStateAndAge(
			[inv('sent', 89.99), inv('sent', 90), inv('sent', 365), inv('expired', 10)],
			NOW
		);
		expect(m.byState).toEqual({ sent: 1, accepted: 0, expired: 3, withdrawn: 0 });
		expect(m.counts['61–90 days']).toEqual({ sent: 1, accepted: 0, expired: 0, withdrawn: 0 });
		expect(m.counts['over 90 days'].expired).toBe(2);
		expect(m.counts['8–30 days'].expired).toBe(1);
	});

	it('counts an unreadable sending time as expired and oldest, a future one as sent today', () => {
		const m = invitationsByStateAndAge(
			[
				{ status: 'sent', sentAt: 'not a time' },
				{ status: 'sent', sentAt: daysAgo(-3) }
			],
			NOW
		);
		expect(m.counts['over 90 days'].expired).toBe(1);
		expect(m.counts['0–7 days'].sent).toBe(1);
		expect(m.total).toBe(2);
	});

	it('refuses a `now` that is not a timestamp', () => {
		expect(() => invitationsByStateAndAge([inv('sent', 1)], 'yesterday')).toThrow(
			expect.objectContaining({ name: 'DomainError' })
		);
	});
});

describe('partnershipsByState', () => {
	it('counts the latest partnership of each pair, every state in a fixed order', () => {
		expect(
			partnershipsByState([
				partnership('p1', 'r1', 'active'),
				partnership('p2', 'r2', 'active'),
				partnership('p3', 'r3', 'requested'),
				partnership('p4', 'r4', 'removed', '2026-01-01T00:00:00.000Z'),
				partnership('p5', 'r4', 'requested', '2026-04-01T00:00:00.000Z'),
				partnership('p6', 'r5', 'removed')
			])
		).toEqual([
			{ key: 'active', label: 'Active', value: 2 },
			{ key: 'requested', label: 'Requested', value: 2 },
			{ key: 'removed', label: 'Removed', value: 1 }
		]);
	});

	it('lists every state with 0 when there is no partnership', () => {
		expect(partnershipsByState([]).map((r) => [r.key, r.value])).toEqual([
			['active', 0],
			['requested', 0],
			['removed', 0]
		]);
	});
});

describe('gdapOverview', () => {
	type Fields = Pick<
		GdapRelationship,
		'id' | 'customerId' | 'displayName' | 'displayNameLower' | 'status' | 'endAt' | 'autoExtend'
	>;
	const rel = (id: string, overrides: Partial<Fields> = {}): Fields => ({
		id,
		customerId: 'c1',
		displayName: `Relationship ${id}`,
		displayNameLower: `relationship ${id}`,
		status: 'active',
		autoExtend: false,
		...overrides
	});
	const endsIn = (days: number) => daysAgo(-days);
	const customers = [
		{ id: 'c1', companyName: 'Kovács és Társa Kft.' },
		{ id: 'c2', companyName: 'Wrocławskie Meble Sp. z o.o.' }
	];

	it('is empty without relationships', () => {
		expect(gdapOverview([], customers, NOW)).toEqual({
			total: 0,
			byStatus: { 'approval-pending': 0, active: 0, expiring: 0, expired: 0, terminated: 0 },
			expiringSoon: []
		});
	});

	it('counts the relationships by their state at now', () => {
		const result = gdapOverview(
			[
				rel('pending', { status: 'approval-pending', endAt: undefined }),
				rel('active', { endAt: endsIn(200) }),
				rel('expiring', { endAt: endsIn(10) }),
				rel('expired', { endAt: endsIn(-1) }),
				rel('terminated', { status: 'terminated', endAt: endsIn(10) }),
				rel('extending', { endAt: endsIn(-1), autoExtend: true })
			],
			customers,
			NOW
		);
		expect(result.total).toBe(6);
		expect(result.byStatus).toEqual({
			'approval-pending': 1,
			active: 2,
			expiring: 1,
			expired: 1,
			terminated: 1
		});
	});

	it('lists the ones ending within 30 days, soonest first, with customer and days left', () => {
		const result = gdapOverview(
			[
				rel('a', { endAt: endsIn(20), customerId: 'c2' }),
				rel('b', { endAt: endsIn(2.5) }),
				rel('c', { endAt: endsIn(31) }),
				rel('d', { endAt: endsIn(5), autoExtend: true }),
				rel('e', { endAt: endsIn(-2) }),
				rel('f', { endAt: endsIn(30), customerId: 'missing' })
			],
			customers,
			NOW
		);
		expect(result.expiringSoon).toEqual([
			{
				id: 'b',
				displayName: 'Relationship b',
				customerId: 'c1',
				customerName: 'Kovács és Társa Kft.',
				endAt: endsIn(2.5),
				daysLeft: 3
			},
			{
				id: 'a',
				displayName: 'Relationship a',
				customerId: 'c2',
				customerName: 'Wrocławskie Meble Sp. z o.o.',
				endAt: endsIn(20),
				daysLeft: 20
			},
			{
				id: 'f',
				displayName: 'Relationship f',
				customerId: 'missing',
				customerName: 'missing',
				endAt: endsIn(30),
				daysLeft: 30
			}
		]);
	});

	it('looks further ahead when asked', () => {
		const result = gdapOverview([rel('c', { endAt: endsIn(45) })], customers, NOW, 60);
		expect(result.expiringSoon.map((r) => [r.id, r.daysLeft])).toEqual([['c', 45]]);
	});
});

describe("the indirect reseller's figures", () => {
	type Relationship = 'none' | 'invited' | 'active' | 'removed';
	const customer = (
		id: string,
		resellerRelationship: Relationship,
		delegatedAdminPrivileges = true,
		resellerId = 'me'
	) => ({ id, resellerId, resellerRelationship, delegatedAdminPrivileges });
	const customers = [
		customer('c1', 'active'),
		customer('c2', 'active', false),
		customer('c3', 'active', false),
		customer('c4', 'removed'),
		customer('c5', 'invited', false),
		customer('c6', 'none', false, ''),
		customer('c7', 'active', true, 'another-reseller')
	];

	it('counts only the customers with an active reseller relationship with it', () => {
		expect(resellerCustomers(customers, 'me').map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
		expect(resellerCustomers(customers, 'nobody')).toEqual([]);
	});

	it("adds up the licences of its customers' active subscriptions only", () => {
		const offers = [
			{ id: 'e3', name: 'Microsoft 365 E3', unitType: 'licences' as const },
			{ id: 'azure', name: 'Azure plan', unitType: 'usage-based' as const }
		];
		const sub = (customerId: string, offerId: string, quantity: number, status = 'active') => ({
			customerId,
			offerId,
			quantity,
			status: status as 'active' | 'suspended' | 'cancelled'
		});
		const result = resellerLicencesPerOffer(
			[
				sub('c1', 'e3', 10),
				sub('c2', 'e3', 5),
				sub('c2', 'e3', 7, 'cancelled'),
				sub('c4', 'e3', 100),
				sub('c7', 'e3', 1000),
				sub('c3', 'azure', 1),
				sub('c5', 'azure', 1)
			],
			offers,
			customers,
			'me'
		);
		expect(result).toEqual({
			licences: [{ key: 'e3', label: 'Microsoft 365 E3', value: 15 }],
			usageBased: [{ key: 'azure', label: 'Azure plan', value: 1 }]
		});
	});

	it('sorts its customers by admin access: delegated admin, else an active GDAP relationship', () => {
		const gdap = (customerId: string, status: GdapRelationship['status'], endsInDays = 100) => ({
			customerId,
			status,
			autoExtend: false,
			endAt: daysAgo(-endsInDays)
		});
		const access = (relationships: ReturnType<typeof gdap>[]) =>
			customersByAdminAccess(customers, relationships, 'me', NOW).map((r) => [r.key, r.value]);
		expect(access([])).toEqual([
			['delegated-admin', 1],
			['gdap-only', 0],
			['none', 2]
		]);
		// c2 has an active relationship, c3 one that expires in 10 days (still in force); a
		// pending, expired or terminated one gives no access, nor one with another customer.
		expect(
			access([
				gdap('c2', 'active'),
				gdap('c3', 'active', 10),
				gdap('c1', 'active'),
				gdap('c5', 'active'),
				gdap('c7', 'active')
			])
		).toEqual([
			['delegated-admin', 1],
			['gdap-only', 2],
			['none', 0]
		]);
		expect(
			access([gdap('c2', 'approval-pending'), gdap('c3', 'active', -1), gdap('c3', 'terminated')])
		).toEqual([
			['delegated-admin', 1],
			['gdap-only', 0],
			['none', 2]
		]);
		expect(customersByAdminAccess([], [], 'me', NOW).map((r) => r.label)).toEqual(
			Object.values(adminAccessLabels)
		);
	});
});
