import { findOffer } from '../offer/catalog';
import type { BillingCycle, Offer, TermDuration } from '../offer/schema';
import { isUpgradePath } from '../offer/upgrade-paths';
import { parseIsoTimestamp, requireTimestamp } from '../shared/dates';
import { DomainError, invalid, valid, type FieldErrors, type Validation } from '../shared/result';
import { termEndDate, validateQuantity } from './rules';
import type { ScheduledChanges, Subscription, SuspensionReason } from './schema';

/*
 * A subscription through its life, by the rules of Microsoft's new commerce experience:
 * - the cancellation window is the first 7 days (168 hours) of a term, after the purchase and
 *   after each renewal; within it a subscription can be cancelled and licences removed;
 * - licences can be added any time (they end with the term); after the window, a decrease can
 *   only be scheduled for the renewal;
 * - changes scheduled for the renewal (quantity, term, billing frequency, offer) take effect
 *   when the term renews; any change made mid-term deletes them;
 * - an upgrade to a higher offer along the catalog's upgrade paths is possible mid-term;
 * - a suspended subscription cannot be changed otherwise, and does not renew.
 * Decided where Microsoft leaves a choice (README, "Subscriptions"): a term renews when its end
 * has passed on the clock the rule is given (the device's offline, the server's on arrival),
 * so renewals need no server job; a cancellation ends the subscription at once; usage-based
 * offers (no term) have no window, no licences and no renewal, and can be cancelled any time.
 */

/** The cancellation window of a term: 7 days (168 hours) from its start. */
export const CANCELLATION_WINDOW_HOURS = 168;
const WINDOW_MS = CANCELLATION_WINDOW_HOURS * 3_600_000;

/** What the subscription is at a moment: the stored status, or expired after its last term. */
export type EffectiveStatus = 'active' | 'suspended' | 'cancelled' | 'expired';

export interface Term {
	/** The start of the current term (purchase or last renewal). */
	start: string;
	/** Its end; undefined for usage-based offers. */
	end?: string;
	/** How many renewals happened since the stored term (0: the stored one is current). */
	renewals: number;
}

const ms = (value: string, code: string, what: string) => requireTimestamp(value, code, what);

function storedTermStart(sub: Subscription): string {
	return sub.termStartDate ?? sub.startDate;
}

/** Whether the subscription renews at the end of its term (absent on older records: yes). */
export function renewsAutomatically(sub: Subscription): boolean {
	return sub.termDuration !== 'none' && sub.autoRenew !== false;
}

/**
 * The subscription as it is at `now`: each term whose end has passed is renewed when auto-renew
 * is on and the subscription is active (the first renewal applies the scheduled changes);
 * otherwise its status is `expired` after the end. The record is not changed.
 */
export function subscriptionAt(
	sub: Subscription,
	now: string
): { subscription: Subscription; status: EffectiveStatus; term: Term } {
	const at = ms(now, 'subscription/invalid-now', 'now');
	let current = sub;
	let renewals = 0;
	const term = (): Term => ({
		start: storedTermStart(current),
		end: current.endDate,
		renewals
	});
	if (sub.status === 'cancelled') return { subscription: sub, status: 'cancelled', term: term() };
	while (current.endDate !== undefined && parseIsoTimestamp(current.endDate) <= at) {
		if (current.status !== 'active' || !renewsAutomatically(current)) {
			return { subscription: current, status: 'expired', term: term() };
		}
		current = renewed(current);
		renewals++;
		// A term cannot be shorter than a month: a thousand renewals is a broken record.
		if (renewals > 1_000) throw new RangeError('subscription renews without end');
	}
	return { subscription: current, status: current.status, term: term() };
}

/** The next term of a subscription, with its scheduled changes applied. */
function renewed(sub: Subscription): Subscription {
	const start = sub.endDate as string;
	const changes = sub.scheduledChanges;
	const termDuration = changes?.termDuration ?? sub.termDuration;
	const next: Subscription = {
		...sub,
		offerId: changes?.offerId ?? sub.offerId,
		quantity: changes?.quantity ?? sub.quantity,
		termDuration,
		billingCycle: changes?.billingCycle ?? sub.billingCycle,
		termStartDate: start,
		endDate: termEndDate(start, termDuration)
	};
	if (changes?.offerId && changes.offerId !== sub.offerId) next.upgradedFromOfferId = sub.offerId;
	delete next.scheduledChanges;
	return next;
}

export interface CancellationWindow {
	/** Whether the window is open at `now`. */
	open: boolean;
	/** When it closes (or closed); undefined for usage-based offers, which have none. */
	closesAt?: string;
	/** Milliseconds left (0 once closed). */
	msLeft: number;
}

/** The cancellation window of the subscription's current term at `now`. */
export function cancellationWindow(sub: Subscription, now: string): CancellationWindow {
	const { status, term } = subscriptionAt(sub, now);
	if (sub.termDuration === 'none') return { open: false, msLeft: 0 };
	const closes = ms(term.start, 'subscription/invalid-start', 'the term start') + WINDOW_MS;
	const left = closes - ms(now, 'subscription/invalid-now', 'now');
	const open = left > 0 && (status === 'active' || status === 'suspended');
	return { open, closesAt: new Date(closes).toISOString(), msLeft: open ? left : 0 };
}

function requireActive(status: EffectiveStatus): void {
	if (status === 'active') return;
	const messages: Record<Exclude<EffectiveStatus, 'active'>, string> = {
		suspended: 'This subscription is suspended: reactivate it first.',
		cancelled: 'This subscription was cancelled, so it cannot change.',
		expired: 'This subscription has ended, so it cannot change.'
	};
	throw new DomainError(messages[status], `subscription/${status}`);
}

function requireOffer(catalog: readonly Offer[], id: string): Offer {
	const offer = findOffer(catalog, id);
	if (!offer) {
		throw new DomainError('This offer is not in the catalog.', 'subscription/unknown-offer');
	}
	return offer;
}

const formatDate = (iso: string) => iso.slice(0, 10);

export interface LifecycleInput {
	now: string;
	/** The user id of who acts. */
	by: string;
}

export interface LifecycleResult {
	subscription: Subscription;
	/** Set when the change deleted the changes scheduled for the renewal (tell the user first). */
	deletedScheduledChanges: boolean;
}

/** Whether a change made now would delete the changes scheduled for the renewal. */
export function midTermChangeDeletesScheduled(sub: Subscription, now: string): boolean {
	return subscriptionAt(sub, now).subscription.scheduledChanges !== undefined;
}

function midTerm(sub: Subscription, changed: Subscription): LifecycleResult {
	const deletedScheduledChanges = sub.scheduledChanges !== undefined;
	const next = { ...changed };
	delete next.scheduledChanges;
	return { subscription: next, deletedScheduledChanges };
}

/**
 * Changes the number of licences now: an increase any time, a decrease only within the
 * cancellation window (after it, schedule the decrease for the renewal). Within the offer's
 * minimum and maximum. Deletes the scheduled changes (a mid-term change).
 */
export function changeLicences(
	stored: Subscription,
	input: LifecycleInput & { quantity: number | string; catalog: readonly Offer[] }
): LifecycleResult {
	const { subscription: sub, status } = subscriptionAt(stored, input.now);
	requireActive(status);
	const offer = requireOffer(input.catalog, sub.offerId);
	if (offer.unitType === 'usage-based') {
		throw new DomainError(
			`${offer.name} is usage-based: it has no licences to change.`,
			'subscription/usage-based'
		);
	}
	const error = validateQuantity(offer, input.quantity);
	if (error) throw new DomainError(error, 'subscription/quantity');
	const quantity = Number(String(input.quantity).trim());
	if (quantity === sub.quantity) {
		throw new DomainError(
			`The subscription already has ${quantity} licences.`,
			'subscription/same-quantity'
		);
	}
	if (quantity < sub.quantity) {
		const window = cancellationWindow(sub, input.now);
		if (!window.open) {
			throw new DomainError(
				`Licences can be removed only in the first 7 days (168 hours) of a term; this term's window closed on ${formatDate(window.closesAt ?? '')}. Schedule the decrease for the renewal instead.`,
				'subscription/decrease-after-window'
			);
		}
	}
	return midTerm(sub, { ...sub, quantity });
}

/** Cancels the subscription at once: only within the cancellation window (usage-based: any time). */
export function cancelSubscription(stored: Subscription, input: LifecycleInput): LifecycleResult {
	const { subscription: sub, status } = subscriptionAt(stored, input.now);
	if (status === 'cancelled' || status === 'expired') requireActive(status);
	if (sub.termDuration !== 'none') {
		const window = cancellationWindow(sub, input.now);
		if (!window.open) {
			throw new DomainError(
				`A subscription can be cancelled only in the first 7 days (168 hours) of a term; this term's window closed on ${formatDate(window.closesAt ?? '')}. Turn auto-renew off so that it ends on ${formatDate(sub.endDate ?? '')}.`,
				'subscription/cancel-after-window'
			);
		}
	}
	const now = new Date(ms(input.now, 'subscription/invalid-now', 'now')).toISOString();
	return midTerm(sub, {
		...sub,
		status: 'cancelled',
		autoRenew: false,
		cancelledAt: now,
		cancelledBy: input.by
	});
}

export const SUSPENSION_NOTE_MAX = 500;

/** Suspends an active subscription, saying why (a note is required for "other"). */
export function suspendSubscription(
	stored: Subscription,
	input: LifecycleInput & { reason: SuspensionReason | ''; note: string }
): Subscription {
	const { subscription: sub, status } = subscriptionAt(stored, input.now);
	if (status === 'suspended') {
		throw new DomainError('This subscription is already suspended.', 'subscription/suspended');
	}
	requireActive(status);
	if (input.reason === '') {
		throw new DomainError('Choose why the subscription is suspended.', 'subscription/reason');
	}
	const note = input.note.trim();
	if (input.reason === 'other' && note === '') {
		throw new DomainError('Say why the subscription is suspended.', 'subscription/note');
	}
	if (note.length > SUSPENSION_NOTE_MAX) {
		throw new DomainError(
			`Keep the note to ${SUSPENSION_NOTE_MAX} characters.`,
			'subscription/note-too-long'
		);
	}
	const next: Subscription = {
		...sub,
		status: 'suspended',
		suspendedAt: new Date(ms(input.now, 'subscription/invalid-now', 'now')).toISOString(),
		suspendedBy: input.by,
		suspensionReason: input.reason
	};
	if (note) next.suspensionNote = note;
	else delete next.suspensionNote;
	return next;
}

/** Reactivates a suspended subscription whose term has not ended. */
export function reactivateSubscription(stored: Subscription, input: LifecycleInput): Subscription {
	const { subscription: sub, status } = subscriptionAt(stored, input.now);
	if (status === 'active') {
		throw new DomainError('This subscription is active already.', 'subscription/active');
	}
	if (status !== 'suspended') requireActive(status);
	const next: Subscription = { ...sub, status: 'active' };
	delete next.suspendedAt;
	delete next.suspendedBy;
	delete next.suspensionReason;
	delete next.suspensionNote;
	return next;
}

/**
 * Turns auto-renew on or off. Off deletes the scheduled changes (there will be no renewal to
 * apply them to).
 */
export function setAutoRenew(
	stored: Subscription,
	input: LifecycleInput & { autoRenew: boolean }
): LifecycleResult {
	const { subscription: sub, status } = subscriptionAt(stored, input.now);
	requireActive(status);
	if (sub.termDuration === 'none') {
		throw new DomainError(
			'A usage-based subscription has no term, so it does not renew.',
			'subscription/no-term'
		);
	}
	if (renewsAutomatically(sub) === input.autoRenew) {
		throw new DomainError(
			input.autoRenew ? 'Auto-renew is on already.' : 'Auto-renew is off already.',
			'subscription/same-auto-renew'
		);
	}
	if (input.autoRenew)
		return { subscription: { ...sub, autoRenew: true }, deletedScheduledChanges: false };
	return midTerm(sub, { ...sub, autoRenew: false });
}

/** Which billing frequencies go with a term: triennial billing only with a 3-year term. */
export function billingFitsTerm(billing: BillingCycle, term: TermDuration): boolean {
	if (term === 'none' || billing === 'none') return term === 'none' && billing === 'none';
	if (billing === 'monthly') return true;
	if (billing === 'annual') return term === 'P1Y' || term === 'P3Y';
	return term === 'P3Y';
}

export type ScheduledChangeInput = Partial<
	Pick<ScheduledChanges, 'offerId' | 'quantity' | 'termDuration' | 'billingCycle'>
>;

/**
 * Schedules changes for the renewal (replacing earlier ones): the quantity, the term, the billing
 * frequency and the offer (an upgrade along the catalog's paths, or another offer of the same
 * product family). Needs auto-renew on. Field errors are keyed by the field.
 */
export function scheduleChanges(
	stored: Subscription,
	input: LifecycleInput & { changes: ScheduledChangeInput; catalog: readonly Offer[] }
): Subscription {
	const { subscription: sub, status } = subscriptionAt(stored, input.now);
	requireActive(status);
	if (sub.termDuration === 'none') {
		throw new DomainError(
			'A usage-based subscription has no renewal to schedule changes for.',
			'subscription/no-term'
		);
	}
	if (!renewsAutomatically(sub)) {
		throw new DomainError(
			'Changes take effect at the renewal: turn auto-renew on first.',
			'subscription/auto-renew-off'
		);
	}
	const current = requireOffer(input.catalog, sub.offerId);
	const offerId = input.changes.offerId ?? sub.offerId;
	const offer = requireOffer(input.catalog, offerId);
	if (
		offerId !== sub.offerId &&
		offer.productFamily !== current.productFamily &&
		!isUpgradePath(input.catalog, sub.offerId, offerId)
	) {
		throw new DomainError(
			`${current.name} cannot change to ${offer.name} at the renewal: choose an offer of the same product family or an upgrade.`,
			'subscription/offer-change'
		);
	}
	const quantity = input.changes.quantity ?? sub.quantity;
	const quantityError = validateQuantity(offer, quantity);
	if (quantityError) throw new DomainError(quantityError, 'subscription/quantity');
	const termDuration = input.changes.termDuration ?? sub.termDuration;
	if (!offer.termDurations.includes(termDuration)) {
		throw new DomainError(`${offer.name} is not offered with this term.`, 'subscription/term');
	}
	const billingCycle = input.changes.billingCycle ?? sub.billingCycle;
	if (!offer.billingCycles.includes(billingCycle) || !billingFitsTerm(billingCycle, termDuration)) {
		throw new DomainError(
			'This billing frequency does not go with the term: triennial billing needs a 3-year term, annual billing a 1- or 3-year term.',
			'subscription/billing'
		);
	}
	const changes: ScheduledChanges = {
		scheduledAt: new Date(ms(input.now, 'subscription/invalid-now', 'now')).toISOString(),
		scheduledBy: input.by
	};
	if (offerId !== sub.offerId) changes.offerId = offerId;
	if (quantity !== sub.quantity) changes.quantity = quantity;
	if (termDuration !== sub.termDuration) changes.termDuration = termDuration;
	if (billingCycle !== sub.billingCycle) changes.billingCycle = billingCycle;
	if (Object.keys(changes).length === 2) {
		throw new DomainError(
			'Nothing would change at the renewal: change the quantity, term, billing frequency or offer.',
			'subscription/nothing-scheduled'
		);
	}
	return { ...sub, scheduledChanges: changes };
}

/** Deletes the changes scheduled for the renewal. */
export function cancelScheduledChanges(stored: Subscription, input: LifecycleInput): Subscription {
	const { subscription: sub, status } = subscriptionAt(stored, input.now);
	requireActive(status);
	if (!sub.scheduledChanges) {
		throw new DomainError('No changes are scheduled.', 'subscription/nothing-scheduled');
	}
	const next = { ...sub };
	delete next.scheduledChanges;
	return next;
}

/**
 * Upgrades the subscription now to a higher offer along the catalog's upgrade paths, keeping its
 * licences, term and billing (which the target must offer). Deletes the scheduled changes.
 */
export function upgradeSubscription(
	stored: Subscription,
	input: LifecycleInput & { offerId: string; catalog: readonly Offer[] }
): LifecycleResult {
	const { subscription: sub, status } = subscriptionAt(stored, input.now);
	requireActive(status);
	const current = requireOffer(input.catalog, sub.offerId);
	const target = requireOffer(input.catalog, input.offerId);
	if (!isUpgradePath(input.catalog, sub.offerId, target.id)) {
		throw new DomainError(
			`${current.name} cannot be upgraded to ${target.name}.`,
			'subscription/no-upgrade-path'
		);
	}
	const quantityError = validateQuantity(target, sub.quantity);
	if (quantityError) throw new DomainError(quantityError, 'subscription/quantity');
	if (
		!target.termDurations.includes(sub.termDuration) ||
		!target.billingCycles.includes(sub.billingCycle)
	) {
		throw new DomainError(
			`${target.name} is not offered with this subscription's term and billing frequency.`,
			'subscription/term'
		);
	}
	return midTerm(sub, { ...sub, offerId: target.id, upgradedFromOfferId: sub.offerId });
}

/**
 * Whether a new subscription of `termDuration` may end with `other` (Microsoft: an annual or
 * triennial term cannot co-term with a monthly subscription; a monthly one with any).
 */
function coTermsWith(termDuration: TermDuration, other: Subscription): boolean {
	return termDuration === 'P1M' || other.termDuration !== 'P1M';
}

/**
 * The end dates a new subscription may have (Partner Center's custom term end date, to co-term
 * with the customer's other subscriptions): the standard end of the term, and the current term
 * end of each other active subscription of the customer with a term that ends within the new
 * term (after its cancellation window); an annual or triennial term does not co-term with a
 * monthly subscription. Sorted, without duplicates.
 */
export function coTermEndDates(input: {
	start: string;
	termDuration: TermDuration;
	others: readonly Subscription[];
}): string[] {
	const standard = termEndDate(input.start, input.termDuration);
	if (standard === undefined) return [];
	const from = ms(input.start, 'subscription/invalid-start', 'the start') + WINDOW_MS;
	const until = parseIsoTimestamp(standard);
	const ends = new Set([standard]);
	for (const other of input.others) {
		const { subscription, status, term } = subscriptionAt(other, input.start);
		if (status !== 'active' || term.end === undefined) continue;
		if (!coTermsWith(input.termDuration, subscription)) continue;
		const end = parseIsoTimestamp(term.end);
		if (end > from && end < until) ends.add(new Date(end).toISOString());
	}
	return [...ends].sort();
}

/** What the user chose for a new subscription's term ('' or absent: not chosen). */
export interface NewTermChoice {
	termDuration: TermDuration | '';
	billingCycle: BillingCycle | '';
	/** A custom term end date (co-term); absent or '': the standard end of the term. */
	endDate?: string;
}

export interface NewTerm {
	termDuration: TermDuration;
	billingCycle: BillingCycle;
	/** The first term's end; absent for usage-based offers. */
	endDate?: string;
}

/**
 * The term of a new subscription (Partner Center's term duration and billing frequency per
 * offer, and the custom term end date): a term and a billing frequency the offer has and that go
 * together (billingFitsTerm; a usage-based offer has no term and bills as the catalog says), ending at the standard end of the term from `start` or on one of
 * coTermEndDates. Field errors are keyed termDuration, billingCycle and endDate.
 */
export function newSubscriptionTerm(input: {
	offer: Offer;
	choice: NewTermChoice;
	start: string;
	others: readonly Subscription[];
}): Validation<NewTerm> {
	const { offer, choice } = input;
	const errors: FieldErrors = {};
	const termDuration = choice.termDuration;
	const billingCycle = choice.billingCycle;
	if (termDuration === '' || !offer.termDurations.includes(termDuration)) {
		errors.termDuration = `${offer.name} is not offered with this term.`;
	}
	if (
		billingCycle === '' ||
		!offer.billingCycles.includes(billingCycle) ||
		(termDuration !== '' && termDuration !== 'none' && !billingFitsTerm(billingCycle, termDuration))
	) {
		errors.billingCycle =
			'This billing frequency does not go with the term: triennial billing needs a 3-year term, annual billing a 1- or 3-year term.';
	}
	if (termDuration === '' || billingCycle === '' || Object.keys(errors).length > 0) {
		return invalid(errors);
	}
	const standard = termEndDate(input.start, termDuration);
	const wanted = choice.endDate ?? '';
	if (wanted === '' || standard === undefined) {
		return valid({ termDuration, billingCycle, ...(standard ? { endDate: standard } : {}) });
	}
	const possible = coTermEndDates({ start: input.start, termDuration, others: input.others });
	if (!possible.includes(wanted)) {
		return invalid({ endDate: 'This term end date is no longer possible: choose another.' });
	}
	return valid({ termDuration, billingCycle, endDate: wanted });
}

export type RenewalKind = 'renews' | 'ends';

export interface RenewalRow {
	subscription: Subscription;
	/** The current term's end. */
	endDate: string;
	kind: RenewalKind;
	daysLeft: number;
}

/**
 * The subscriptions whose current term ends within `days` of `now` (renewing, or ending when
 * auto-renew is off), soonest first. Cancelled, expired, suspended and usage-based ones are not
 * renewals.
 */
export function renewalsWithin(
	subscriptions: readonly Subscription[],
	now: string,
	days: number
): RenewalRow[] {
	const at = ms(now, 'subscription/invalid-now', 'now');
	const until = at + days * 86_400_000;
	const rows: RenewalRow[] = [];
	for (const stored of subscriptions) {
		const { subscription, status, term } = subscriptionAt(stored, now);
		if (status !== 'active' || term.end === undefined) continue;
		const end = parseIsoTimestamp(term.end);
		if (end > until) continue;
		rows.push({
			subscription,
			endDate: term.end,
			kind: renewsAutomatically(subscription) ? 'renews' : 'ends',
			daysLeft: Math.ceil((end - at) / 86_400_000)
		});
	}
	return rows.sort((a, b) => a.endDate.localeCompare(b.endDate));
}

/**
 * Who may do what to a subscription (PRODUCT.md lets Global admins, Admin agents and Sales
 * agents add subscriptions; cancelling and suspending are heavier: Global admins and Admin
 * agents only, as removing a partnership).
 */
export const subscriptionActionRoles = {
	changeLicences: ['global-admin', 'admin-agent', 'sales-agent'],
	setAutoRenew: ['global-admin', 'admin-agent', 'sales-agent'],
	scheduleChanges: ['global-admin', 'admin-agent', 'sales-agent'],
	upgrade: ['global-admin', 'admin-agent', 'sales-agent'],
	cancel: ['global-admin', 'admin-agent'],
	suspend: ['global-admin', 'admin-agent'],
	reactivate: ['global-admin', 'admin-agent']
} as const;
