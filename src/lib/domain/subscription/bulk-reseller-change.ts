import type { Partner } from '../partner/schema';
import { invalid, valid, type FieldErrors, type Validation } from '../shared/result';
import { validateSubscription, type SubscriptionRulesContext } from './rules';
import type { Subscription, SubscriptionStatus } from './schema';

/*
 * Bulk reseller change (beyond the seeds): set a new **Reseller (MPN ID)** on many subscriptions
 * at once. A preview says, per subscription, whether it changes (from → to), is skipped (it is
 * already credited to that reseller), or cannot be changed (its status or the single-subscription
 * rule refuses it, with the reason). Only the subscriptions that change are written, each with
 * its own activity entry (`subscription.partners-changed`, as a single change).
 */

/** The activity action of each subscription changed (the same as a single change). */
export const BULK_RESELLER_CHANGE_ACTION = 'subscription.partners-changed';

/** Statuses whose reseller cannot be changed. */
export const statusesWithoutResellerChange: readonly SubscriptionStatus[] = ['cancelled'];

export type BulkResellerChangeItem =
	| { subscriptionId: string; outcome: 'change'; fromResellerId: string; toResellerId: string }
	| {
			subscriptionId: string;
			outcome: 'skip' | 'refuse';
			fromResellerId: string;
			toResellerId: string;
			reason: string;
	  };

export interface BulkResellerChangePreview {
	/** The reseller every changed subscription is credited to. */
	resellerId: string;
	/** One item per selected subscription, in the order selected (each subscription once). */
	items: BulkResellerChangeItem[];
	counts: { change: number; skip: number; refuse: number };
}

/** The order in which a refused subscription's first problem is told. */
const FIELD_ORDER = ['offerId', 'quantity', 'resellerId', 'supportContactId'];

function firstError(errors: FieldErrors): string {
	const key = FIELD_ORDER.find((field) => errors[field]) ?? Object.keys(errors)[0];
	return errors[key];
}

/**
 * The preview of crediting `resellerId` on the selected subscriptions. Invalid (nothing to show)
 * when no subscription is selected (key `subscriptions`) or the reseller has no active partnership
 * (key `resellerId`). Each subscription is then checked with the single-subscription rule
 * (`validateSubscription`), keeping its offer, quantity and Designated support contact.
 */
export function previewBulkResellerChange(
	subscriptions: readonly Subscription[],
	resellerId: string,
	ctx: SubscriptionRulesContext
): Validation<BulkResellerChangePreview> {
	const errors: FieldErrors = {};
	const to = resellerId.trim();
	if (subscriptions.length === 0) {
		errors.subscriptions = 'Select at least one subscription.';
	}
	if (to === '') {
		errors.resellerId = 'Choose the reseller to credit: a reseller with an active partnership.';
	} else if (!ctx.activeResellerIds.includes(to)) {
		errors.resellerId =
			'Choose a reseller with an active partnership. A reseller without an active partnership cannot be credited.';
	}
	if (Object.keys(errors).length > 0) return invalid(errors);

	const seen = new Set<string>();
	const items: BulkResellerChangeItem[] = [];
	for (const sub of subscriptions) {
		if (seen.has(sub.id)) continue;
		seen.add(sub.id);
		const base = { subscriptionId: sub.id, fromResellerId: sub.resellerId, toResellerId: to };
		if (sub.resellerId === to) {
			items.push({
				...base,
				outcome: 'skip',
				reason: 'Already credited to this reseller: nothing to change.'
			});
			continue;
		}
		if (statusesWithoutResellerChange.includes(sub.status)) {
			items.push({
				...base,
				outcome: 'refuse',
				reason: 'This subscription is cancelled: its reseller cannot be changed.'
			});
			continue;
		}
		const check = validateSubscription(
			{
				offerId: sub.offerId,
				quantity: sub.quantity,
				resellerId: to,
				supportContactId: sub.supportContactId
			},
			ctx
		);
		items.push(
			check.ok
				? { ...base, outcome: 'change' }
				: { ...base, outcome: 'refuse', reason: firstError(check.errors) }
		);
	}
	const count = (outcome: BulkResellerChangeItem['outcome']) =>
		items.filter((item) => item.outcome === outcome).length;
	return valid({
		resellerId: to,
		items,
		counts: { change: count('change'), skip: count('skip'), refuse: count('refuse') }
	});
}

/**
 * The subscriptions that change, with the new reseller (new objects; the change metadata is left
 * to the caller). Subscriptions not in the preview, or not marked `change`, are left out.
 */
export function applyBulkResellerChange(
	subscriptions: readonly Subscription[],
	preview: BulkResellerChangePreview
): Subscription[] {
	const changing = new Set(
		preview.items.filter((item) => item.outcome === 'change').map((item) => item.subscriptionId)
	);
	const done = new Set<string>();
	const changed: Subscription[] = [];
	for (const sub of subscriptions) {
		if (!changing.has(sub.id) || done.has(sub.id)) continue;
		done.add(sub.id);
		changed.push({ ...sub, resellerId: preview.resellerId });
	}
	return changed;
}

/** How a reseller reads in the preview: "Name (MPN ID)", or "None" for no reseller. */
export function resellerLabel(
	partners: readonly Pick<Partner, 'id' | 'name' | 'mpnId'>[],
	resellerId: string
): string {
	if (resellerId === '') return 'None';
	const partner = partners.find((p) => p.id === resellerId);
	if (!partner) return 'Unknown reseller';
	return partner.mpnId ? `${partner.name} (${partner.mpnId})` : partner.name;
}
