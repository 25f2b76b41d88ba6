import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '$lib/domain/shared/result';
import type { Subscription } from '$lib/domain/subscription/schema';
import type { ServiceContext } from './context';
import {
	cancelSubscriptionNow,
	cancelSubscriptionScheduledChanges,
	changeSubscriptionAutoRenew,
	changeSubscriptionLicences,
	reactivateSubscriptionNow,
	scheduleSubscriptionChanges,
	subscriptionLifecycleActions,
	suspendSubscriptionNow,
	upgradeSubscriptionNow
} from './subscription-lifecycle';
import { createTestContext } from './test-support';

const PURCHASE = '2026-11-01T09:00:00.000Z';
const IN_WINDOW = '2026-11-03T09:00:00.000Z';
const AFTER_WINDOW = '2026-11-21T10:00:00.000Z';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

function subscription(overrides: Partial<Subscription> = {}): Subscription {
	return {
		id: 'sub-1',
		customerId: 'customer-1',
		offerId: 'microsoft-365-business-basic',
		quantity: 10,
		status: 'active',
		billingCycle: 'monthly',
		termDuration: 'P1Y',
		resellerId: '',
		supportContactId: 'provider',
		startDate: PURCHASE,
		endDate: '2027-11-01T09:00:00.000Z',
		createdAt: PURCHASE,
		createdBy: 'someone',
		updatedAt: PURCHASE,
		updatedBy: 'someone',
		deviceId: 'device-0',
		...overrides
	};
}

async function setUp(now: string, overrides: Partial<Subscription> = {}) {
	ctx = await createTestContext({ demo: false, now });
	await ctx.db.subscriptions.insert(subscription(overrides));
}

const stored = async () => (await ctx.db.subscriptions.findOne('sub-1').exec(true)).toMutableJSON();
const activity = async () =>
	(await ctx.db.activity.find({ selector: { documentId: 'sub-1' } }).exec()).map((entry) =>
		entry.toMutableJSON()
	);

describe('subscription lifecycle actions', () => {
	it('change the licences, record who changed them and log it', async () => {
		await setUp(AFTER_WINDOW);
		const after = await changeSubscriptionLicences(ctx, 'sub-1', '15');
		expect(after.quantity).toBe(15);
		expect(await stored()).toMatchObject({
			quantity: 15,
			updatedBy: 'user-1',
			updatedAt: AFTER_WINDOW
		});
		const [entry] = await activity();
		expect(entry).toMatchObject({
			action: subscriptionLifecycleActions.licencesChanged,
			summary:
				'Changed the licences of Microsoft 365 Business Basic for the customer from 10 to 15',
			changes: [{ field: 'quantity', from: '10', to: '15' }]
		});
	});

	it('refuse a decrease after the window and store nothing', async () => {
		await setUp(AFTER_WINDOW);
		await expect(changeSubscriptionLicences(ctx, 'sub-1', 5)).rejects.toBeInstanceOf(DomainError);
		expect((await stored()).quantity).toBe(10);
		expect(await activity()).toEqual([]);
	});

	it('cancel within the window', async () => {
		await setUp(IN_WINDOW);
		await cancelSubscriptionNow(ctx, 'sub-1');
		expect(await stored()).toMatchObject({
			status: 'cancelled',
			cancelledAt: IN_WINDOW,
			cancelledBy: 'user-1'
		});
		expect((await activity())[0].action).toBe(subscriptionLifecycleActions.cancelled);
	});

	it('suspend and reactivate, with the reason logged', async () => {
		await setUp(AFTER_WINDOW);
		await suspendSubscriptionNow(ctx, 'sub-1', { reason: 'fraud', note: '' });
		expect((await stored()).status).toBe('suspended');
		await reactivateSubscriptionNow(ctx, 'sub-1');
		const back = await stored();
		expect(back.status).toBe('active');
		expect(back.suspensionReason).toBeUndefined();
		expect((await activity()).map((entry) => entry.action).sort()).toEqual([
			subscriptionLifecycleActions.reactivated,
			subscriptionLifecycleActions.suspended
		]);
	});

	it('schedule a decrease, then a mid-term upgrade deletes it', async () => {
		await setUp(AFTER_WINDOW);
		await scheduleSubscriptionChanges(ctx, 'sub-1', { quantity: 4 });
		expect((await stored()).scheduledChanges).toMatchObject({ quantity: 4 });
		await upgradeSubscriptionNow(ctx, 'sub-1', 'microsoft-365-business-standard');
		const upgraded = await stored();
		expect(upgraded.offerId).toBe('microsoft-365-business-standard');
		expect(upgraded.upgradedFromOfferId).toBe('microsoft-365-business-basic');
		expect(upgraded.scheduledChanges).toBeUndefined();
		const upgrade = (await activity()).find(
			(entry) => entry.action === subscriptionLifecycleActions.upgraded
		);
		expect(upgrade?.changes.map((change) => change.field)).toEqual([
			'offerId',
			'upgradedFromOfferId',
			'scheduledChanges'
		]);
	});

	it('turn auto-renew off and cancel scheduled changes', async () => {
		await setUp(AFTER_WINDOW);
		await scheduleSubscriptionChanges(ctx, 'sub-1', { termDuration: 'P1M' });
		await cancelSubscriptionScheduledChanges(ctx, 'sub-1');
		expect((await stored()).scheduledChanges).toBeUndefined();
		await changeSubscriptionAutoRenew(ctx, 'sub-1', false);
		expect((await stored()).autoRenew).toBe(false);
	});

	it('store the renewal that happened on the clock together with the change', async () => {
		await setUp('2027-11-02T09:00:00.000Z', {
			scheduledChanges: { quantity: 20, scheduledAt: PURCHASE, scheduledBy: 'someone' }
		});
		await changeSubscriptionLicences(ctx, 'sub-1', 12);
		expect(await stored()).toMatchObject({
			quantity: 12,
			termStartDate: '2027-11-01T09:00:00.000Z',
			endDate: '2028-11-01T09:00:00.000Z'
		});
		expect((await stored()).scheduledChanges).toBeUndefined();
	});

	it('say when the subscription is not on this device', async () => {
		await setUp(AFTER_WINDOW);
		await expect(cancelSubscriptionNow(ctx, 'nope')).rejects.toThrow(
			'This subscription no longer exists on this device.'
		);
	});
});
