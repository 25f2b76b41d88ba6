import { afterEach, describe, expect, it } from 'vitest';
import { BehaviorSubject, firstValueFrom, filter as where } from 'rxjs';
import type { Subscription } from '$lib/domain/subscription/schema';
import type { ServiceContext } from './context';
import { DEMO_LIFECYCLE_SUBSCRIPTIONS as ids } from './demo-lifecycle';
import { DEMO_RESELLER_ID } from './demo-data-reseller';
import {
	countRenewals,
	createRenewalQueries,
	createRenewalRows,
	filterRenewals,
	renewalPeriod,
	renewalRows,
	stableRecords,
	type RenewalListRow
} from './renewal-queries';
import { createResellerTestContext } from './reseller-test-support';
import { createTestContext } from './test-support';

const NOW = '2026-11-21T10:00:00.000Z';
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();
const meta = {
	createdAt: NOW,
	createdBy: 'u',
	updatedAt: NOW,
	updatedBy: 'u',
	deviceId: 'd'
};

function subscription(id: string, overrides: Partial<Subscription> = {}): Subscription {
	return {
		id,
		customerId: 'c1',
		offerId: 'microsoft-365-e3',
		quantity: 10,
		status: 'active',
		billingCycle: 'monthly',
		termDuration: 'P1Y',
		resellerId: 'r1',
		supportContactId: 'r1',
		startDate: inDays(-300),
		endDate: inDays(65),
		...meta,
		...overrides
	};
}

const customers = new Map([
	[
		'c1',
		{
			id: 'c1',
			companyName: 'Kovács és Társa Kft.',
			nameLower: 'kovács és társa kft.',
			resellerId: 'r1',
			resellerRelationship: 'active' as const
		}
	],
	[
		'c2',
		{
			id: 'c2',
			companyName: 'Wiener Kaffeehaus GmbH',
			nameLower: 'wiener kaffeehaus gmbh',
			resellerId: '',
			resellerRelationship: 'none' as const
		}
	],
	[
		'c3',
		{
			id: 'c3',
			companyName: 'Pécsi Kerámia Bt.',
			nameLower: 'pécsi kerámia bt.',
			resellerId: 'r1',
			resellerRelationship: 'removed' as const
		}
	]
]);

const idsOf = (rows: RenewalListRow[]) => rows.map((row) => row.subscription.id);

describe('renewalRows and filterRenewals', () => {
	const subscriptions = [
		subscription('s65'),
		subscription('s10', { endDate: inDays(10), customerId: 'c2', resellerId: '' }),
		subscription('s85', { endDate: inDays(85), customerId: 'c3' }),
		subscription('s95', { endDate: inDays(95) }),
		subscription('ends', { endDate: inDays(20), autoRenew: false }),
		subscription('suspended', { endDate: inDays(20), status: 'suspended' }),
		subscription('cancelled', { endDate: inDays(20), status: 'cancelled' }),
		subscription('expired', { endDate: inDays(-2), autoRenew: false }),
		subscription('usage', { offerId: 'azure-plan', termDuration: 'none', endDate: undefined }),
		subscription('elsewhere', { endDate: inDays(30), customerId: 'not-here' }),
		// Bought 2 days ago, monthly: renews in about 28 days, the window is open for 5 more days.
		subscription('window', {
			termDuration: 'P1M',
			startDate: inDays(-2),
			endDate: '2026-12-19T10:00:00.000Z'
		})
	];
	const rows = renewalRows(subscriptions, customers, NOW);

	it('lists the renewals within 90 days soonest first, with customer, days left and kind', () => {
		expect(idsOf(rows)).toEqual(['s10', 'ends', 'window', 'elsewhere', 's65', 's85']);
		const [first, second] = rows;
		expect(first).toMatchObject({
			customerName: 'Wiener Kaffeehaus GmbH',
			resellerId: '',
			daysLeft: 10,
			kind: 'renews',
			endDate: inDays(10)
		});
		expect(second.kind).toBe('ends');
		expect(rows.find((r) => r.subscription.id === 'elsewhere')?.customerName).toBe('');
	});

	it('says whether the cancellation window is open and how long it is left', () => {
		const window = rows.find((r) => r.subscription.id === 'window')?.cancellationWindow;
		expect(window).toMatchObject({ open: true, msLeft: 5 * DAY });
		expect(rows.find((r) => r.subscription.id === 's65')?.cancellationWindow.open).toBe(false);
	});

	it('rolls a term whose end has passed: the next term is the renewal', () => {
		const rolled = renewalRows(
			[
				subscription('monthly', {
					termDuration: 'P1M',
					startDate: inDays(-45),
					endDate: inDays(-15)
				})
			],
			customers,
			NOW
		);
		expect(rolled).toHaveLength(1);
		// 6 November + one month: 6 December, 15 days after 21 November.
		expect(rolled[0].endDate).toBe('2026-12-06T10:00:00.000Z');
		expect(rolled[0].daysLeft).toBe(15);
		expect(rolled[0].cancellationWindow.open).toBe(false);
	});

	it('gives the same rows incrementally, as the clock moves and records change', () => {
		const incremental = createRenewalRows();
		const records = [
			...subscriptions,
			subscription('monthly', { termDuration: 'P1M', startDate: inDays(-45), endDate: inDays(-15) })
		];
		// Hours and days on both sides of term ends and window ends, forwards and back.
		for (const hours of [
			0,
			1,
			24 * 5 - 1,
			24 * 5 + 1,
			24 * 10 + 1,
			24 * 15,
			24 * 40,
			24 * 66,
			3,
			-24
		]) {
			const at = new Date(Date.parse(NOW) + hours * 3_600_000).toISOString();
			expect(incremental(records, customers, at), at).toEqual(renewalRows(records, customers, at));
			expect(incremental(records, customers, at, 30)).toEqual(
				renewalRows(records, customers, at, 30)
			);
		}
		const changed = records.map((sub) => (sub.id === 's10' ? { ...sub, autoRenew: false } : sub));
		const after = incremental(changed, customers, NOW);
		expect(after).toEqual(renewalRows(changed, customers, NOW));
		expect(after.find((row) => row.subscription.id === 's10')?.kind).toBe('ends');
	});

	it('keeps the same record object for a document whose revision did not change', () => {
		const records = stableRecords<{ n: number }>();
		const doc = (primary: string, revision: string, n: number) => ({
			primary,
			revision,
			toJSON: () => ({ n })
		});
		const [a, b] = records([doc('a', '1-x', 1), doc('b', '1-y', 2)]);
		const [a2, b2] = records([doc('a', '1-x', 1), doc('b', '2-z', 3)]);
		expect(a2).toBe(a);
		expect(b2).not.toBe(b);
		expect(b2).toEqual({ n: 3 });
	});

	it('filters by period, reseller, customer and the own reseller', () => {
		expect(idsOf(filterRenewals(rows, { days: 30 }))).toEqual([
			's10',
			'ends',
			'window',
			'elsewhere'
		]);
		expect(idsOf(filterRenewals(rows, { days: 60 }))).toEqual([
			's10',
			'ends',
			'window',
			'elsewhere'
		]);
		expect(idsOf(filterRenewals(rows, { days: 90 }))).toHaveLength(6);
		expect(idsOf(filterRenewals(rows, { days: 90, resellerId: '' }))).toEqual(['s10', 'elsewhere']);
		expect(idsOf(filterRenewals(rows, { days: 90, resellerId: 'r1' }))).toEqual([
			'ends',
			'window',
			's65',
			's85'
		]);
		expect(idsOf(filterRenewals(rows, { days: 90, customer: ' KOVÁCS ' }))).toEqual([
			'ends',
			'window',
			's65'
		]);
		// An indirect reseller sees its customers with an active relationship only (not Pécsi).
		expect(idsOf(filterRenewals(rows, { days: 90, ownResellerId: 'r1' }))).toEqual([
			'ends',
			'window',
			's65'
		]);
		expect(countRenewals(filterRenewals(rows, { days: 30 }))).toEqual({
			total: 4,
			renews: 3,
			ends: 1
		});
	});

	it('reads the period from the URL, 30 days unless 60 or 90', () => {
		expect(renewalPeriod(null)).toBe(30);
		expect(renewalPeriod('60')).toBe(60);
		expect(renewalPeriod('90')).toBe(90);
		expect(renewalPeriod('45')).toBe(30);
		expect(renewalPeriod('abc')).toBe(30);
	});
});

describe('createRenewalQueries', () => {
	let ctx: ServiceContext;
	afterEach(async () => {
		await ctx?.db.close();
	});

	it('lists the demo renewals live, and follows the clock', async () => {
		ctx = await createTestContext();
		let time = NOW;
		const tick$ = new BehaviorSubject<void>(undefined);
		const queries = createRenewalQueries(async () => ctx.db, { now: () => time, tick$ });

		const in30 = await firstValueFrom(queries.renewals$({ days: 30 }));
		const listed = new Set(idsOf(in30));
		expect(listed.has(ids.renewsIn10Days)).toBe(true);
		expect(listed.has(ids.inCancellationWindow)).toBe(true);
		expect(listed.has(ids.renewsIn40Days)).toBe(false);
		expect(listed.has(ids.suspended)).toBe(false);
		const wisla = await firstValueFrom(
			queries.renewals$({ days: 90, resellerId: 'demo-reseller-2' })
		);
		expect(wisla.every((row) => row.resellerId === 'demo-reseller-2')).toBe(true);
		expect(idsOf(wisla)).toContain(ids.scheduledChanges);
		expect(
			wisla.find((r) => r.subscription.id === ids.scheduledChanges)?.scheduledChanges
		).toMatchObject({
			quantity: 30,
			billingCycle: 'annual'
		});

		// A change in the database: auto-renew off turns the renewal into an end.
		const doc = await ctx.db.subscriptions.findOne(ids.renewsIn10Days).exec();
		await doc?.incrementalPatch({ autoRenew: false });
		const after = await firstValueFrom(
			queries
				.renewals$({ days: 30 })
				.pipe(
					where((rows) =>
						rows.some((r) => r.subscription.id === ids.renewsIn10Days && r.kind === 'ends')
					)
				)
		);
		expect(after.find((r) => r.subscription.id === ids.renewsIn10Days)?.daysLeft).toBe(10);

		// Eleven days later, it has ended: no longer a renewal.
		time = inDays(11);
		tick$.next();
		const later = await firstValueFrom(queries.renewals$({ days: 90 }));
		expect(idsOf(later)).not.toContain(ids.renewsIn10Days);
		expect(later.find((r) => r.subscription.id === ids.renewsIn40Days)?.daysLeft).toBe(29);
	});

	it("counts an indirect reseller's own renewals", async () => {
		ctx = await createResellerTestContext();
		const queries = createRenewalQueries(async () => ctx.db, { now: () => NOW });
		const count = await firstValueFrom(queries.renewalCount$(30, DEMO_RESELLER_ID));
		const rows = await firstValueFrom(
			queries.renewals$({ days: 30, ownResellerId: DEMO_RESELLER_ID })
		);
		expect(count.total).toBe(rows.length);
		expect(count.total).toBeGreaterThan(0);
		expect(rows.every((row) => row.onResellerList)).toBe(true);
	});
});
