import { afterEach, describe, expect, it } from 'vitest';
import { termEndDate } from '$lib/domain/subscription/rules';
import type { ServiceContext } from './context';
import {
	addSubscriptions,
	lineEndDate,
	newSubscriptionEndDates,
	updateSubscriptionPartners
} from './subscriptions';
import {
	buildCustomer,
	buildPartnership,
	buildProvider,
	buildReseller,
	buildSubscription,
	createContextWith
} from './test-factories';

/**
 * The own organisation; Wisła IT Solutions with an active partnership, Danube Managed Services
 * with a removed one; a direct customer with one subscription supported by a reseller.
 */
async function givenCustomerWithSubscription() {
	const wisla = buildReseller({ name: 'Wisła IT Solutions' });
	const danube = buildReseller({ name: 'Danube Managed Services' });
	const customer = buildCustomer();
	const subscription = buildSubscription({
		customerId: customer.id,
		resellerId: '',
		supportContactId: wisla.id
	});
	ctx = await createContextWith({
		partners: [buildProvider(), wisla, danube],
		partnerships: [
			buildPartnership({ resellerId: wisla.id, status: 'active' }),
			buildPartnership({ resellerId: danube.id, status: 'removed' })
		],
		customers: [customer],
		subscriptions: [subscription]
	});
	return { customer, subscription, wisla, danube };
}

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

describe('addSubscriptions', () => {
	it('adds subscriptions with the provider as support contact when no reseller is chosen', async () => {
		const { customer } = await givenCustomerWithSubscription();
		const result = await addSubscriptions(ctx, {
			customerId: customer.id,
			lines: [{ offerId: 'microsoft-365-e3', quantity: 25 }],
			resellerId: ''
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value[0].supportContactId).toBe('provider');
		expect(result.value[0].endDate).toBeTruthy();
	});

	it('ends on the date of another subscription of the customer when one is chosen (co-term)', async () => {
		const { customer, subscription } = await givenCustomerWithSubscription();
		const coTerm = '2026-12-10T00:00:00.000Z';
		await ctx.db.subscriptions
			.findOne(subscription.id)
			.exec()
			.then((doc) =>
				doc?.incrementalPatch({ startDate: '2026-01-10T00:00:00.000Z', endDate: coTerm })
			);
		const input = {
			customerId: customer.id,
			lines: [
				{ offerId: 'microsoft-365-e3', quantity: 25 },
				{ offerId: 'azure-plan', quantity: 1 }
			],
			resellerId: ''
		};
		const refused = await addSubscriptions(ctx, { ...input, endDate: '2026-12-11T00:00:00.000Z' });
		expect(refused.ok ? {} : refused.errors).toEqual({
			endDate: 'This term end date is no longer possible: choose another.'
		});
		const result = await addSubscriptions(ctx, { ...input, endDate: coTerm });
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.value.map((s) => s.endDate)).toEqual([coTerm, undefined]);
	});

	it('gives each line the term and billing frequency chosen, and co-terms within a yearly term', async () => {
		const { customer, subscription } = await givenCustomerWithSubscription();
		const coTerm = new Date(Date.parse(ctx.now()) + 200 * 86_400_000).toISOString();
		await ctx.db.subscriptions
			.findOne(subscription.id)
			.exec()
			.then((doc) => doc?.incrementalPatch({ termDuration: 'P1Y', endDate: coTerm }));
		const lines = [
			{
				offerId: 'microsoft-365-e3',
				quantity: 25,
				termDuration: 'P3Y' as const,
				billingCycle: 'triennial' as const
			},
			{
				offerId: 'microsoft-365-business-basic',
				quantity: 5,
				termDuration: 'P1Y' as const,
				billingCycle: 'annual' as const
			}
		];
		const monthly = await addSubscriptions(ctx, {
			customerId: customer.id,
			lines: [{ offerId: 'microsoft-365-e3', quantity: 1 }],
			resellerId: '',
			endDate: coTerm
		});
		expect(monthly.ok ? {} : monthly.errors).toEqual({
			endDate: 'This term end date is no longer possible: choose another.'
		});
		const result = await addSubscriptions(ctx, {
			customerId: customer.id,
			lines,
			resellerId: '',
			endDate: coTerm
		});
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.value.map((s) => [s.termDuration, s.billingCycle, s.endDate === coTerm])).toEqual(
			[
				['P3Y', 'triennial', true],
				['P1Y', 'annual', true]
			]
		);
	});

	it('gives each line of mixed terms its own end: the co-term date only where it fits', async () => {
		const { customer, subscription } = await givenCustomerWithSubscription();
		const day = 86_400_000;
		const coTerm = new Date(Date.parse(ctx.now()) + 200 * day).toISOString();
		await ctx.db.subscriptions
			.findOne(subscription.id)
			.exec()
			.then((doc) => doc?.incrementalPatch({ termDuration: 'P1Y', endDate: coTerm }));
		const result = await addSubscriptions(ctx, {
			customerId: customer.id,
			lines: [
				{ offerId: 'microsoft-365-business-basic', quantity: 5 },
				{
					offerId: 'microsoft-365-e3',
					quantity: 2,
					termDuration: 'P1Y',
					billingCycle: 'annual'
				},
				{ offerId: 'azure-plan', quantity: 1 }
			],
			resellerId: '',
			endDate: coTerm
		});
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		const [monthly, yearly, usage] = result.value;
		expect(monthly.termDuration).toBe('P1M');
		expect(monthly.endDate).toBe(termEndDate(monthly.startDate, 'P1M'));
		expect(yearly.endDate).toBe(coTerm);
		expect(usage.endDate).toBeUndefined();
	});

	it('refuses a term or billing frequency the offer does not have, next to the line', async () => {
		const { customer } = await givenCustomerWithSubscription();
		const result = await addSubscriptions(ctx, {
			customerId: customer.id,
			lines: [
				{ offerId: 'microsoft-365-e3', quantity: 1, termDuration: 'P1M', billingCycle: 'annual' },
				{
					offerId: 'microsoft-365-business-basic',
					quantity: 1,
					termDuration: 'P3Y',
					billingCycle: 'monthly'
				}
			],
			resellerId: ''
		});
		expect(result.ok ? {} : result.errors).toEqual({
			'subscriptions.0.billingCycle':
				'This billing frequency does not go with the term: triennial billing needs a 3-year term, annual billing a 1- or 3-year term.',
			'subscriptions.1.termDuration': 'Microsoft 365 Business Basic is not offered with this term.'
		});
	});

	it('refuses a reseller without an active partnership', async () => {
		const { customer, danube } = await givenCustomerWithSubscription();
		const result = await addSubscriptions(ctx, {
			customerId: customer.id,
			lines: [{ offerId: 'microsoft-365-e3', quantity: 25 }],
			resellerId: danube.id
		});
		expect(result.ok).toBe(false);
	});
});

describe('updateSubscriptionPartners', () => {
	it('sets the reseller and support contact with readable activity changes', async () => {
		const { subscription, wisla } = await givenCustomerWithSubscription();
		const result = await updateSubscriptionPartners(ctx, subscription.id, {
			resellerId: wisla.id,
			supportContactId: 'provider'
		});
		expect(result.ok).toBe(true);
		const log = await ctx.db.activity.find({ selector: { documentId: subscription.id } }).exec();
		expect(log[0].changes.map((c) => c.field)).toContain('Reseller (MPN ID)');
		expect(log[0].changes.find((c) => c.field === 'Reseller (MPN ID)')?.to).toMatch(/Wisła/);
	});

	it('keeps a choice another device changed while the form was open', async () => {
		const { subscription, wisla } = await givenCustomerWithSubscription();
		const doc = await ctx.db.subscriptions.findOne(subscription.id).exec(true);
		const shown = { resellerId: doc.resellerId, supportContactId: doc.supportContactId };
		await doc.incrementalPatch({ supportContactId: 'provider' });
		const result = await updateSubscriptionPartners(
			ctx,
			subscription.id,
			{ ...shown, resellerId: wisla.id },
			shown
		);
		expect(result.ok).toBe(true);
		const stored = await ctx.db.subscriptions.findOne(subscription.id).exec(true);
		expect([stored.resellerId, stored.supportContactId]).toEqual([wisla.id, 'provider']);
	});

	it('refuses a new reseller for a cancelled subscription, as the server does', async () => {
		const { subscription, wisla } = await givenCustomerWithSubscription();
		await (
			await ctx.db.subscriptions.findOne(subscription.id).exec(true)
		).incrementalPatch({ status: 'cancelled' });
		const result = await updateSubscriptionPartners(ctx, subscription.id, {
			resellerId: wisla.id,
			supportContactId: wisla.id
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.resellerId).toBe(
			'This subscription is cancelled: its reseller cannot be changed.'
		);
		expect((await ctx.db.subscriptions.findOne(subscription.id).exec(true)).resellerId).toBe('');
	});

	it('refuses a support contact that is not an active reseller', async () => {
		const { subscription, danube } = await givenCustomerWithSubscription();
		const result = await updateSubscriptionPartners(ctx, subscription.id, {
			resellerId: '',
			supportContactId: danube.id
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.supportContactId).toBeTruthy();
	});
});

describe('newSubscriptionEndDates and lineEndDate', () => {
	const start = '2026-11-21T10:00:00.000Z';
	const other = (endDate: string, termDuration: 'P1M' | 'P1Y' = 'P1Y') => ({
		id: endDate,
		customerId: 'c1',
		offerId: 'microsoft-365-e3',
		quantity: 1,
		status: 'active' as const,
		billingCycle: 'monthly' as const,
		termDuration,
		resellerId: '',
		supportContactId: 'provider',
		startDate: '2026-01-01T00:00:00.000Z',
		endDate,
		createdAt: start,
		createdBy: 'u',
		updatedAt: start,
		updatedBy: 'u',
		deviceId: 'd'
	});

	it('offers the ends of other subscriptions after the window and within the term', () => {
		const others = [
			other('2026-11-27T10:00:00.000Z'), // inside the 7-day window: not offered
			other('2026-12-10T00:00:00.000Z'),
			other('2027-01-05T00:00:00.000Z') // after the month's end
		];
		expect(newSubscriptionEndDates(['P1M'], start, others)).toEqual({
			standard: ['2026-12-21T10:00:00.000Z'],
			coTerm: ['2026-12-10T00:00:00.000Z']
		});
		expect(newSubscriptionEndDates(['none'], start, others)).toEqual({ standard: [], coTerm: [] });
		expect(newSubscriptionEndDates([], start, others)).toEqual({ standard: [], coTerm: [] });
	});

	it('takes a date 168 h 1 min after the start, not one 167 h 59 min after it (the window)', () => {
		const at = (minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();
		const inside = at(167 * 60 + 59);
		const outside = at(168 * 60 + 1);
		const others = [other(inside), other(outside)];
		expect(newSubscriptionEndDates(['P1M', 'P1Y'], start, others).coTerm).toEqual([outside]);
		expect(lineEndDate('P1M', start, others, outside)).toBe(outside);
		expect(lineEndDate('P1Y', start, others, outside)).toBe(outside);
		expect(lineEndDate('P1M', start, others, inside)).toBe('2026-12-21T10:00:00.000Z');
		expect(lineEndDate('P1Y', start, others, inside)).toBe('2027-11-21T10:00:00.000Z');
	});

	it('offers with mixed terms every date that fits one of them, each term with its own end', () => {
		const others = [
			other('2026-12-10T00:00:00.000Z'),
			other('2026-12-15T00:00:00.000Z', 'P1M'), // an annual term does not co-term with it
			other('2027-05-31T00:00:00.000Z')
		];
		expect(newSubscriptionEndDates(['P1Y', 'P1M', 'P1Y', 'none'], start, others)).toEqual({
			standard: ['2026-12-21T10:00:00.000Z', '2027-11-21T10:00:00.000Z'],
			coTerm: ['2026-12-10T00:00:00.000Z', '2026-12-15T00:00:00.000Z', '2027-05-31T00:00:00.000Z']
		});
		// Each line takes the date where it fits its own term, else the end of its term.
		const ends = (date: string) =>
			(['P1M', 'P1Y', 'none'] as const).map((term) => lineEndDate(term, start, others, date));
		expect(ends('2026-12-10T00:00:00.000Z')).toEqual([
			'2026-12-10T00:00:00.000Z',
			'2026-12-10T00:00:00.000Z',
			undefined
		]);
		expect(ends('2026-12-15T00:00:00.000Z')).toEqual([
			'2026-12-15T00:00:00.000Z',
			'2027-11-21T10:00:00.000Z',
			undefined
		]);
		expect(ends('2027-05-31T00:00:00.000Z')).toEqual([
			'2026-12-21T10:00:00.000Z',
			'2027-05-31T00:00:00.000Z',
			undefined
		]);
		expect(lineEndDate('P1Y', start, others)).toBe('2027-11-21T10:00:00.000Z');
	});
});
