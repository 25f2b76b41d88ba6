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

/** What an action's rule and its activity summary may use. */
interface Lookup {
	offers: Offer[];
	offerName: (id: string) => string;
	company: string;
	by: string;
}

interface LifecycleChange {
	rule: (version: Subscription, at: string, lookup: Lookup) => Subscription;
	action: string;
	summary: (before: Subscription, after: Subscription, lookup: Lookup) => string;
	/** The fields the activity entry lists (besides the term and the scheduled changes). */
	fields: (keyof Subscription & string)[];
}

/** Reads the catalog and the customer's name once, then runs one state change. */
async function change(
	ctx: ServiceContext,
	id: string,
	spec: LifecycleChange
): Promise<Subscription> {
	const doc = await ctx.db.subscriptions.findOne(id).exec();
	if (!doc) throw new Error(NOT_FOUND);
	const [offerDocs, customer] = await Promise.all([
		ctx.db.offers.find().exec(),
		ctx.db.customers.findOne(doc.customerId).exec()
	]);
	const offers = offerDocs.map((offer) => offer.toMutableJSON());
	const lookup: Lookup = {
		offers,
		offerName: (offerId) => findOffer(offers, offerId)?.name ?? offerId,
		company: customer?.companyName ?? 'the customer',
		by: ctx.actor.userId
	};
	const { after } = await changeState<Subscription>(ctx, {
		collection: 'subscriptions',
		id,
		notFound: NOT_FOUND,
		rule: (version, at) => spec.rule(version, at, lookup),
		activity: (before, next) => ({
			action: spec.action,
			summary: spec.summary(before, next, lookup),
			changes: diffFields(before, next, [...spec.fields, ...TERM_FIELDS, 'scheduledChanges'])
		})
	});
	return after;
}

/** Adds licences, or removes some within the cancellation window. */
export function changeSubscriptionLicences(
	ctx: ServiceContext,
	id: string,
	quantity: number | string
): Promise<Subscription> {
	return change(ctx, id, {
		rule: (version, now, { by, offers }) =>
			changeLicences(version, { quantity, now, by, catalog: offers }).subscription,
		action: subscriptionLifecycleActions.licencesChanged,
		summary: (before, after, { offerName, company }) =>
			`Changed the licences of ${offerName(before.offerId)} for ${company} from ${before.quantity} to ${after.quantity}`,
		fields: ['quantity']
	});
}

export function cancelSubscriptionNow(ctx: ServiceContext, id: string): Promise<Subscription> {
	return change(ctx, id, {
		rule: (version, now, { by }) => cancelSubscription(version, { now, by }).subscription,
		action: subscriptionLifecycleActions.cancelled,
		summary: (before, _after, { offerName, company }) =>
			`Cancelled ${offerName(before.offerId)} of ${company}`,
		fields: ['status', 'autoRenew', 'cancelledAt']
	});
}

export function suspendSubscriptionNow(
	ctx: ServiceContext,
	id: string,
	input: { reason: SuspensionReason | ''; note: string }
): Promise<Subscription> {
	return change(ctx, id, {
		rule: (version, now, { by }) => suspendSubscription(version, { now, by, ...input }),
		action: subscriptionLifecycleActions.suspended,
		summary: (before, _after, { offerName, company }) =>
			`Suspended ${offerName(before.offerId)} of ${company}`,
		fields: ['status', 'suspensionReason', 'suspensionNote']
	});
}

export function reactivateSubscriptionNow(ctx: ServiceContext, id: string): Promise<Subscription> {
	return change(ctx, id, {
		rule: (version, now, { by }) => reactivateSubscription(version, { now, by }),
		action: subscriptionLifecycleActions.reactivated,
		summary: (before, _after, { offerName, company }) =>
			`Reactivated ${offerName(before.offerId)} of ${company}`,
		fields: ['status']
	});
}

export function changeSubscriptionAutoRenew(
	ctx: ServiceContext,
	id: string,
	autoRenew: boolean
): Promise<Subscription> {
	return change(ctx, id, {
		rule: (version, now, { by }) => setAutoRenew(version, { now, by, autoRenew }).subscription,
		action: subscriptionLifecycleActions.autoRenewChanged,
		summary: (before, _after, { offerName, company }) =>
			autoRenew
				? `Turned auto-renew on for ${offerName(before.offerId)} of ${company}`
				: `Turned auto-renew off for ${offerName(before.offerId)} of ${company}`,
		fields: ['autoRenew']
	});
}

export function scheduleSubscriptionChanges(
	ctx: ServiceContext,
	id: string,
	changes: ScheduledChangeInput
): Promise<Subscription> {
	return change(ctx, id, {
		rule: (version, now, { by, offers }) =>
			scheduleChanges(version, { now, by, changes, catalog: offers }),
		action: subscriptionLifecycleActions.changesScheduled,
		summary: (before, _after, { offerName, company }) =>
			`Scheduled changes at the renewal of ${offerName(before.offerId)} of ${company}`,
		fields: []
	});
}

export function cancelSubscriptionScheduledChanges(
	ctx: ServiceContext,
	id: string
): Promise<Subscription> {
	return change(ctx, id, {
		rule: (version, now, { by }) => cancelScheduledChanges(version, { now, by }),
		action: subscriptionLifecycleActions.scheduledChangesCancelled,
		summary: (before, _after, { offerName, company }) =>
			`Cancelled the changes scheduled for the renewal of ${offerName(before.offerId)} of ${company}`,
		fields: []
	});
}

export function upgradeSubscriptionNow(
	ctx: ServiceContext,
	id: string,
	offerId: string
): Promise<Subscription> {
	return change(ctx, id, {
		rule: (version, now, { by, offers }) =>
			upgradeSubscription(version, { now, by, offerId, catalog: offers }).subscription,
		action: subscriptionLifecycleActions.upgraded,
		summary: (before, after, { offerName, company }) =>
			`Upgraded ${offerName(before.offerId)} of ${company} to ${offerName(after.offerId)}`,
		fields: ['offerId', 'upgradedFromOfferId']
	});
}
