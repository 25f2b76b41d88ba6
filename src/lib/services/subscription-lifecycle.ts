import type { Offer } from '$lib/domain/offer/schema';
import { findOffer } from '$lib/domain/offer/catalog';
import {
	cancelScheduledChanges,
	cancelSubscription,
	changeLicences,
	reactivateSubscription,
	scheduleChanges,
	setAutoRenew,
	suspendSubscription,
	upgradeSubscription,
	type ScheduledChangeInput
} from '$lib/domain/subscription/lifecycle';
import type { Subscription, SuspensionReason } from '$lib/domain/subscription/schema';
import { diffFields } from './changes';
import type { ServiceContext } from './context';
import { changeState } from './state-change';

/** The activity actions of a subscription's life (the server checks who may record each). */
export const subscriptionLifecycleActions = {
	licencesChanged: 'subscription.licences-changed',
	cancelled: 'subscription.cancelled',
	suspended: 'subscription.suspended',
	reactivated: 'subscription.reactivated',
	autoRenewChanged: 'subscription.auto-renew-changed',
	changesScheduled: 'subscription.changes-scheduled',
	scheduledChangesCancelled: 'subscription.scheduled-changes-cancelled',
	upgraded: 'subscription.upgraded'
} as const;

const NOT_FOUND = 'This subscription no longer exists on this device.';
const TERM_FIELDS = ['termStartDate', 'endDate'] as const;

async function catalog(ctx: ServiceContext): Promise<Offer[]> {
	return (await ctx.db.offers.find().exec()).map((offer) => offer.toMutableJSON());
}

async function names(ctx: ServiceContext, sub: Subscription) {
	const [offers, customer] = await Promise.all([
		catalog(ctx),
		ctx.db.customers.findOne(sub.customerId).exec()
	]);
	return {
		offers,
		offerName: (id: string) => findOffer(offers, id)?.name ?? id,
		company: customer?.companyName ?? 'the customer'
	};
}

type Change = (version: Subscription, at: string) => Subscription;

async function change(
	ctx: ServiceContext,
	id: string,
	rule: Change,
	describe: (before: Subscription, after: Subscription) => { action: string; summary: string },
	fields: (keyof Subscription & string)[]
): Promise<Subscription> {
	const { after } = await changeState<Subscription>(ctx, {
		collection: 'subscriptions',
		id,
		notFound: NOT_FOUND,
		rule,
		activity: (before, next) => ({
			...describe(before, next),
			changes: diffFields(before, next, [...fields, ...TERM_FIELDS, 'scheduledChanges'])
		})
	});
	return after;
}

/** Adds licences, or removes some within the cancellation window. */
export async function changeSubscriptionLicences(
	ctx: ServiceContext,
	id: string,
	quantity: number | string
): Promise<Subscription> {
	const offers = await catalog(ctx);
	const rule: Change = (version, now) =>
		changeLicences(version, { quantity, now, by: ctx.actor.userId, catalog: offers }).subscription;
	const sub = await subscriptionOf(ctx, id);
	const { offerName, company } = await names(ctx, sub);
	return change(
		ctx,
		id,
		rule,
		(before, after) => ({
			action: subscriptionLifecycleActions.licencesChanged,
			summary: `Changed the licences of ${offerName(before.offerId)} for ${company} from ${before.quantity} to ${after.quantity}`
		}),
		['quantity']
	);
}

export async function cancelSubscriptionNow(
	ctx: ServiceContext,
	id: string
): Promise<Subscription> {
	const sub = await subscriptionOf(ctx, id);
	const { offerName, company } = await names(ctx, sub);
	return change(
		ctx,
		id,
		(version, now) => cancelSubscription(version, { now, by: ctx.actor.userId }).subscription,
		(before) => ({
			action: subscriptionLifecycleActions.cancelled,
			summary: `Cancelled ${offerName(before.offerId)} of ${company}`
		}),
		['status', 'autoRenew', 'cancelledAt']
	);
}

export async function suspendSubscriptionNow(
	ctx: ServiceContext,
	id: string,
	input: { reason: SuspensionReason | ''; note: string }
): Promise<Subscription> {
	const sub = await subscriptionOf(ctx, id);
	const { offerName, company } = await names(ctx, sub);
	return change(
		ctx,
		id,
		(version, now) => suspendSubscription(version, { now, by: ctx.actor.userId, ...input }),
		(before) => ({
			action: subscriptionLifecycleActions.suspended,
			summary: `Suspended ${offerName(before.offerId)} of ${company}`
		}),
		['status', 'suspensionReason', 'suspensionNote']
	);
}

export async function reactivateSubscriptionNow(
	ctx: ServiceContext,
	id: string
): Promise<Subscription> {
	const sub = await subscriptionOf(ctx, id);
	const { offerName, company } = await names(ctx, sub);
	return change(
		ctx,
		id,
		(version, now) => reactivateSubscription(version, { now, by: ctx.actor.userId }),
		(before) => ({
			action: subscriptionLifecycleActions.reactivated,
			summary: `Reactivated ${offerName(before.offerId)} of ${company}`
		}),
		['status']
	);
}

export async function changeSubscriptionAutoRenew(
	ctx: ServiceContext,
	id: string,
	autoRenew: boolean
): Promise<Subscription> {
	const sub = await subscriptionOf(ctx, id);
	const { offerName, company } = await names(ctx, sub);
	return change(
		ctx,
		id,
		(version, now) => setAutoRenew(version, { now, by: ctx.actor.userId, autoRenew }).subscription,
		(before) => ({
			action: subscriptionLifecycleActions.autoRenewChanged,
			summary: autoRenew
				? `Turned auto-renew on for ${offerName(before.offerId)} of ${company}`
				: `Turned auto-renew off for ${offerName(before.offerId)} of ${company}`
		}),
		['autoRenew']
	);
}

export async function scheduleSubscriptionChanges(
	ctx: ServiceContext,
	id: string,
	changes: ScheduledChangeInput
): Promise<Subscription> {
	const offers = await catalog(ctx);
	const sub = await subscriptionOf(ctx, id);
	const { offerName, company } = await names(ctx, sub);
	return change(
		ctx,
		id,
		(version, now) =>
			scheduleChanges(version, { now, by: ctx.actor.userId, changes, catalog: offers }),
		(before) => ({
			action: subscriptionLifecycleActions.changesScheduled,
			summary: `Scheduled changes at the renewal of ${offerName(before.offerId)} of ${company}`
		}),
		[]
	);
}

export async function cancelSubscriptionScheduledChanges(
	ctx: ServiceContext,
	id: string
): Promise<Subscription> {
	const sub = await subscriptionOf(ctx, id);
	const { offerName, company } = await names(ctx, sub);
	return change(
		ctx,
		id,
		(version, now) => cancelScheduledChanges(version, { now, by: ctx.actor.userId }),
		(before) => ({
			action: subscriptionLifecycleActions.scheduledChangesCancelled,
			summary: `Cancelled the changes scheduled for the renewal of ${offerName(before.offerId)} of ${company}`
		}),
		[]
	);
}

export async function upgradeSubscriptionNow(
	ctx: ServiceContext,
	id: string,
	offerId: string
): Promise<Subscription> {
	const offers = await catalog(ctx);
	const sub = await subscriptionOf(ctx, id);
	const { offerName, company } = await names(ctx, sub);
	return change(
		ctx,
		id,
		(version, now) =>
			upgradeSubscription(version, { now, by: ctx.actor.userId, offerId, catalog: offers })
				.subscription,
		(before, after) => ({
			action: subscriptionLifecycleActions.upgraded,
			summary: `Upgraded ${offerName(before.offerId)} of ${company} to ${offerName(after.offerId)}`
		}),
		['offerId', 'upgradedFromOfferId']
	);
}

async function subscriptionOf(ctx: ServiceContext, id: string): Promise<Subscription> {
	const doc = await ctx.db.subscriptions.findOne(id).exec();
	if (!doc) throw new Error(NOT_FOUND);
	return doc.toMutableJSON();
}
