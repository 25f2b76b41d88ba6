import { afterEach, describe, expect, it } from 'vitest';
import { BehaviorSubject, firstValueFrom, type Observable } from 'rxjs';
import type { GdapRelationship } from '$lib/domain/gdap/schema';
import type { Invitation } from '$lib/domain/invitation/schema';
import type { ServiceContext } from './context';
import { createOverviewReadModels } from './overview-read-models';
import { DEMO_RESELLER_ID } from './demo-data-reseller';
import { createResellerTestContext } from './reseller-test-support';
import { createTestContext } from './test-support';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

const NOW = '2026-11-21T10:00:00.000Z';
const DAY = 86_400_000;
const daysBefore = (days: number, base = NOW) =>
	new Date(Date.parse(base) - days * DAY).toISOString();
const meta = {
	createdAt: NOW,
	createdBy: 'user-1',
	updatedAt: NOW,
	updatedBy: 'user-1',
	deviceId: 'device-1'
};

/** A clock that stands still until `advance(days)`, which ticks too unless told not to. */
function testClock() {
	let time = NOW;
	const tick$ = new BehaviorSubject<void>(undefined);
	return {
		now: () => time,
		tick$,
		advance(days: number, { tick = true } = {}) {
			time = new Date(Date.parse(time) + days * DAY).toISOString();
			if (tick) tick$.next();
		}
	};
}

function invitation(id: string, sentAt: string, overrides: Partial<Invitation> = {}): Invitation {
	return {
		id,
		kind: 'reseller-relationship',
		resellerId: 'demo-reseller-1',
		providerId: '',
		customerId: 'demo-customer-1',
		companyName: 'Kovács és Társa Kft.',
		contactName: 'Anna Kovács',
		email: 'anna@kovacs.example',
		country: 'HU',
		cloud: 'public',
		delegatedAdminPrivileges: true,
		link: 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship',
		emailDraft: 'Hello',
		status: 'sent',
		sentAt,
		sentBy: 'user-1',
		...meta,
		...overrides
	};
}

function gdap(id: string, endAt: string, overrides: Partial<GdapRelationship> = {}) {
	return {
		id,
		customerId: 'demo-customer-2',
		displayName: `Helpdesk ${id}`,
		displayNameLower: `helpdesk ${id}`,
		durationDays: 90,
		roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
		autoExtend: false,
		status: 'active',
		requestedAt: daysBefore(200),
		requestedBy: 'user-1',
		approvedAt: daysBefore(199),
		endAt,
		...meta,
		...overrides
	} satisfies GdapRelationship;
}

/** Collects what an observable emits until `stop()`. */
function record<T>(source: Observable<T>) {
	const seen: T[] = [];
	const subscription = source.subscribe((value) => seen.push(value));
	return {
		seen,
		latest: () => seen[seen.length - 1],
		stop: () => subscription.unsubscribe()
	};
}

/** Waits until `check` passes (RxDB emits changes asynchronously). */
async function eventually(check: () => void, timeoutMs = 2_000) {
	const until = Date.now() + timeoutMs;
	for (;;) {
		try {
			check();
			return;
		} catch (error) {
			if (Date.now() > until) throw error;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}
}

describe('overview with the demo data', () => {
	it('counts customers per reseller as the Customers page filters them', async () => {
		ctx = await createTestContext();
		const overview = createOverviewReadModels(async () => ctx.db, { now: () => NOW });
		const rows = await firstValueFrom(overview.customersPerReseller$());
		const customers = await ctx.db.customers.find().exec();
		expect(rows.reduce((sum, r) => sum + r.value, 0)).toBe(customers.length);
		const budapest = rows.find((r) => r.key === 'demo-reseller-1');
		expect(budapest).toEqual({
			key: 'demo-reseller-1',
			label: 'Budapest Cloud Partners Kft.',
			value: customers.filter((c) => c.resellerId === 'demo-reseller-1').length
		});
		const values = rows.map((r) => r.value);
		expect(values).toEqual([...values].sort((a, b) => b - a));
	});

	it('adds up the licences of active subscriptions per offer', async () => {
		ctx = await createTestContext();
		const overview = createOverviewReadModels(async () => ctx.db);
		const { licences, usageBased } = await firstValueFrom(overview.licencesPerOffer$());
		const subscriptions = await ctx.db.subscriptions.find().exec();
		const sumOf = (offerId: string) =>
			subscriptions
				.filter((s) => s.offerId === offerId && s.status === 'active')
				.reduce((sum, s) => sum + s.quantity, 0);
		expect(licences.length).toBeGreaterThan(0);
		for (const row of licences) expect(row.value).toBe(sumOf(row.key));
		expect(usageBased.every((r) => r.key === 'azure-plan')).toBe(true);
	});

	it('counts the partnerships by the state of the latest one with each reseller', async () => {
		ctx = await createTestContext();
		const overview = createOverviewReadModels(async () => ctx.db);
		const rows = await firstValueFrom(overview.partnershipsByState$());
		// Seven resellers: four active, two requested (one of them after a removal), one removed.
		expect(rows.map((r) => [r.label, r.value])).toEqual([
			['Active', 4],
			['Requested', 2],
			['Removed', 1]
		]);
	});
});

describe('live updates', () => {
	it('moves a customer to its new reseller as soon as it changes', async () => {
		ctx = await createTestContext();
		const overview = createOverviewReadModels(async () => ctx.db);
		const rows = record(overview.customersPerReseller$());
		await eventually(() => expect(rows.seen.length).toBeGreaterThan(0));
		const count = (key: string) => rows.latest().find((r) => r.key === key)?.value ?? 0;
		const before = { r1: count('demo-reseller-1'), r2: count('demo-reseller-2') };
		const doc = await ctx.db.customers
			.findOne({ selector: { resellerId: 'demo-reseller-1' } })
			.exec(true);
		await doc.incrementalPatch({ resellerId: 'demo-reseller-2' });
		await eventually(() => {
			expect(count('demo-reseller-1')).toBe(before.r1 - 1);
			expect(count('demo-reseller-2')).toBe(before.r2 + 1);
		});
		rows.stop();
	});

	it('counts new licences and drops a cancelled subscription', async () => {
		ctx = await createTestContext();
		const overview = createOverviewReadModels(async () => ctx.db);
		const offers = record(overview.licencesPerOffer$());
		await eventually(() => expect(offers.seen.length).toBeGreaterThan(0));
		const licences = (offerId: string) =>
			offers.latest().licences.find((r) => r.key === offerId)?.value ?? 0;
		const subscription = await ctx.db.subscriptions.findOne('demo-subscription-1-1').exec(true);
		const offerId = subscription.offerId;
		const before = licences(offerId);
		await subscription.incrementalPatch({ quantity: subscription.quantity + 7 });
		await eventually(() => expect(licences(offerId)).toBe(before + 7));
		const changed = await ctx.db.subscriptions.findOne('demo-subscription-1-1').exec(true);
		await changed.incrementalPatch({ status: 'cancelled' });
		await eventually(() => expect(licences(offerId)).toBe(before - subscription.quantity));
		offers.stop();
	});

	it('shows invitations by state and age, and ages them as the clock moves on', async () => {
		ctx = await createTestContext();
		const clock = testClock();
		const overview = createOverviewReadModels(async () => ctx.db, clock);
		const matrix = record(overview.invitationsByStateAndAge$());
		await eventually(() => expect(matrix.latest()?.total).toBe(0));

		await ctx.db.invitations.bulkInsert([
			invitation('inv-new', daysBefore(2)),
			invitation('inv-old', daysBefore(85)),
			invitation('inv-accepted', daysBefore(40), {
				status: 'accepted',
				acceptedAt: daysBefore(39),
				acceptedBy: { name: 'Anna Kovács', email: '', isGlobalAdmin: true },
				mcaAccepted: true
			})
		]);
		await eventually(() => {
			const m = matrix.latest();
			expect(m.total).toBe(3);
			expect(m.counts['0–7 days'].sent).toBe(1);
			expect(m.counts['61–90 days'].sent).toBe(1);
			expect(m.counts['31–60 days'].accepted).toBe(1);
		});

		// Ten days later the old one has expired and the new one is in the next age group.
		clock.advance(10);
		await eventually(() => {
			const m = matrix.latest();
			expect(m.byState).toEqual({ sent: 1, accepted: 1, expired: 1, withdrawn: 0 });
			expect(m.counts['8–30 days'].sent).toBe(1);
			expect(m.counts['over 90 days'].expired).toBe(1);
		});

		// A change between two ticks is counted at the time of the change.
		clock.advance(25, { tick: false });
		await ctx.db.invitations.insert(invitation('inv-latest', clock.now()));
		await eventually(() => {
			const m = matrix.latest();
			expect(m.total).toBe(4);
			expect(m.counts['0–7 days'].sent).toBe(1);
			expect(m.counts['31–60 days'].sent).toBe(1);
		});

		const open = await ctx.db.invitations.findOne('inv-new').exec(true);
		await open.incrementalPatch({
			status: 'withdrawn',
			withdrawnAt: NOW,
			withdrawnBy: 'user-1'
		});
		await eventually(() => expect(matrix.latest().byState.withdrawn).toBe(1));
		matrix.stop();
	});

	it('lists the GDAP relationships that end soon with their customer', async () => {
		ctx = await createTestContext();
		// Only this test's relationships, not the demo data's.
		await ctx.db.gdap.find().remove();
		const clock = testClock();
		const overview = createOverviewReadModels(async () => ctx.db, clock);
		const gdapOverview = record(overview.gdap$());
		await eventually(() => expect(gdapOverview.latest()?.total).toBe(0));

		const customer = await ctx.db.customers.findOne('demo-customer-2').exec(true);
		await ctx.db.gdap.bulkInsert([
			gdap('soon', daysBefore(-5)),
			gdap('later', daysBefore(-100)),
			gdap('pending', daysBefore(-5), { status: 'approval-pending', endAt: undefined })
		]);
		await eventually(() => {
			const g = gdapOverview.latest();
			expect(g.total).toBe(3);
			expect(g.byStatus).toMatchObject({ 'approval-pending': 1, active: 1, expiring: 1 });
			expect(g.expiringSoon).toEqual([
				{
					id: 'soon',
					displayName: 'Helpdesk soon',
					customerId: 'demo-customer-2',
					customerName: customer.companyName,
					endAt: daysBefore(-5),
					daysLeft: 5
				}
			]);
		});

		// Auto-extend switched on: no longer about to end.
		const soon = await ctx.db.gdap.findOne('soon').exec(true);
		await soon.incrementalPatch({ autoExtend: true });
		await eventually(() => expect(gdapOverview.latest().expiringSoon).toEqual([]));

		// 75 days later (the minute tick comes) the other one is within 30 days of its end.
		clock.advance(75);
		await eventually(() =>
			expect(gdapOverview.latest().expiringSoon.map((r) => [r.id, r.daysLeft])).toEqual([
				['later', 25]
			])
		);

		// A renamed customer is shown with its new name.
		await customer.incrementalPatch({ companyName: 'Renamed Kft.', nameLower: 'renamed kft.' });
		await eventually(() =>
			expect(gdapOverview.latest().expiringSoon[0].customerName).toBe('Renamed Kft.')
		);
		gdapOverview.stop();
	});

	it('counts a new partnership request', async () => {
		ctx = await createTestContext();
		const overview = createOverviewReadModels(async () => ctx.db);
		const rows = record(overview.partnershipsByState$());
		await eventually(() => expect(rows.seen.length).toBeGreaterThan(0));
		const removed = await ctx.db.partnerships
			.findOne({ selector: { resellerId: 'demo-reseller-5' } })
			.exec(true);
		await ctx.db.partnerships.insert({
			...removed.toJSON(),
			id: 'again',
			status: 'requested',
			requestedAt: NOW,
			acceptedAt: undefined,
			removedAt: undefined,
			removedBy: undefined,
			removalAttested: undefined
		});
		await eventually(() =>
			expect(rows.latest().map((r) => [r.key, r.value])).toEqual([
				['active', 4],
				['requested', 3],
				['removed', 0]
			])
		);
		rows.stop();
	});
});

describe("an indirect reseller's overview", () => {
	it('counts its customers by admin access, and follows a new GDAP relationship', async () => {
		ctx = await createResellerTestContext({ now: NOW });
		const clock = testClock();
		const overview = createOverviewReadModels(async () => ctx.db, clock);
		const rows = record(overview.customersByAdminAccess$(DEMO_RESELLER_ID));
		// Six customers with an active relationship; Egri Borház Kft. gave no delegated admin
		// privileges. The removed customer and the ones without a relationship do not count.
		const values = () => rows.latest().map((r) => [r.key, r.value]);
		await eventually(() =>
			expect(values()).toEqual([
				['delegated-admin', 5],
				['gdap-only', 0],
				['none', 1]
			])
		);
		const egri = await ctx.db.customers
			.findOne({ selector: { domainPrefix: 'egriborhaz' } })
			.exec(true);
		await ctx.db.gdap.insert({
			id: 'gdap-egri',
			customerId: egri.id,
			displayName: 'Egri helpdesk',
			displayNameLower: 'egri helpdesk',
			durationDays: 90,
			roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
			autoExtend: false,
			status: 'active',
			requestedAt: daysBefore(10),
			requestedBy: 'user-1',
			approvedAt: daysBefore(9),
			endAt: daysBefore(-20),
			...meta
		} as GdapRelationship);
		await eventually(() =>
			expect(values()).toEqual([
				['delegated-admin', 5],
				['gdap-only', 1],
				['none', 0]
			])
		);
		// 20 days later the relationship has ended: no admin access again.
		clock.advance(20);
		await eventually(() => expect(values()[2]).toEqual(['none', 1]));
		rows.stop();
	});

	it("adds up the licences of its customers' subscriptions only", async () => {
		ctx = await createResellerTestContext({ now: NOW });
		const overview = createOverviewReadModels(async () => ctx.db, { now: () => NOW });
		const offers = record(overview.resellerLicencesPerOffer$(DEMO_RESELLER_ID));
		await eventually(() => expect(offers.seen.length).toBeGreaterThan(0));
		const customers = await ctx.db.customers.find().exec();
		const own = new Set(
			customers.filter((c) => c.resellerRelationship === 'active').map((c) => c.id)
		);
		const subscriptions = (await ctx.db.subscriptions.find().exec()).filter(
			(s) => s.status === 'active' && own.has(s.customerId)
		);
		const total = (rows: { value: number }[]) => rows.reduce((sum, r) => sum + r.value, 0);
		const usageBased = new Set(
			(await ctx.db.offers.find({ selector: { unitType: 'usage-based' } }).exec()).map((o) => o.id)
		);
		const { licences } = offers.latest();
		expect(licences.length).toBeGreaterThan(0);
		expect(total(licences)).toBe(
			subscriptions
				.filter((s) => !usageBased.has(s.offerId))
				.reduce((sum, s) => sum + s.quantity, 0)
		);
		// The removed customer's subscription is not counted; removing another customer's
		// relationship takes its licences away at once.
		const removed = customers.find((c) => c.resellerRelationship === 'removed');
		expect(removed).toBeDefined();
		const kovacs = customers.find((c) => c.domainPrefix === 'kovacsestarsa');
		const kovacsLicences = subscriptions
			.filter((s) => s.customerId === kovacs?.id)
			.reduce((sum, s) => sum + s.quantity, 0);
		expect(kovacsLicences).toBeGreaterThan(0);
		const before = total(licences);
		await kovacs?.incrementalPatch({ resellerRelationship: 'removed' });
		await eventually(() => expect(total(offers.latest().licences)).toBe(before - kovacsLicences));
		offers.stop();
	});
});
