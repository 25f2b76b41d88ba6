import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from './context';
import { addSubscriptions, updateSubscriptionPartners } from './subscriptions';
import { createTestContext } from './test-support';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

describe('addSubscriptions', () => {
	it('adds subscriptions with the provider as support contact when no reseller is chosen', async () => {
		ctx = await createTestContext();
		const result = await addSubscriptions(ctx, {
			customerId: 'demo-customer-1',
			lines: [{ offerId: 'microsoft-365-e3', quantity: 25 }],
			resellerId: ''
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value[0].supportContactId).toBe('demo-provider');
		expect(result.value[0].endDate).toBeTruthy();
	});

	it('refuses a reseller without an active partnership', async () => {
		ctx = await createTestContext();
		const result = await addSubscriptions(ctx, {
			customerId: 'demo-customer-1',
			lines: [{ offerId: 'microsoft-365-e3', quantity: 25 }],
			resellerId: 'demo-reseller-5'
		});
		expect(result.ok).toBe(false);
	});
});

describe('updateSubscriptionPartners', () => {
	it('sets the reseller and support contact with readable activity changes', async () => {
		ctx = await createTestContext();
		const result = await updateSubscriptionPartners(ctx, 'demo-subscription-1-1', {
			resellerId: 'demo-reseller-2',
			supportContactId: 'demo-provider'
		});
		expect(result.ok).toBe(true);
		const log = await ctx.db.activity
			.find({ selector: { documentId: 'demo-subscription-1-1' } })
			.exec();
		expect(log[0].changes.map((c) => c.field)).toContain('Reseller (MPN ID)');
		expect(log[0].changes.find((c) => c.field === 'Reseller (MPN ID)')?.to).toMatch(/Wisła/);
	});

	it('keeps a choice another device changed while the form was open', async () => {
		ctx = await createTestContext();
		const doc = await ctx.db.subscriptions.findOne('demo-subscription-1-1').exec(true);
		const shown = { resellerId: doc.resellerId, supportContactId: doc.supportContactId };
		await doc.incrementalPatch({ supportContactId: 'demo-provider' });
		const result = await updateSubscriptionPartners(
			ctx,
			'demo-subscription-1-1',
			{ ...shown, resellerId: 'demo-reseller-2' },
			shown
		);
		expect(result.ok).toBe(true);
		const stored = await ctx.db.subscriptions.findOne('demo-subscription-1-1').exec(true);
		expect([stored.resellerId, stored.supportContactId]).toEqual([
			'demo-reseller-2',
			'demo-provider'
		]);
	});

	it('refuses a support contact that is not an active reseller', async () => {
		ctx = await createTestContext();
		const result = await updateSubscriptionPartners(ctx, 'demo-subscription-1-1', {
			resellerId: '',
			supportContactId: 'demo-reseller-4'
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.supportContactId).toBeTruthy();
	});
});
