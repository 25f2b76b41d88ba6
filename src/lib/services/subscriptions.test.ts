import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from './context';
import { addSubscriptions, updateSubscriptionPartners } from './subscriptions';
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
