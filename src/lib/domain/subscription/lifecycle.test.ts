import { describe, expect, it } from 'vitest';
import { offerCatalog } from '../offer/catalog';
import { isUpgradePath, upgradePaths, upgradeTargets } from '../offer/upgrade-paths';
import { DomainError } from '../shared/result';
import {
	billingFitsTerm,
	cancellationWindow,
	cancelScheduledChanges,
	cancelSubscription,
	changeLicences,
	coTermEndDates,
	midTermChangeDeletesScheduled,
	newSubscriptionTerm,
	reactivateSubscription,
	renewalsWithin,
	scheduleChanges,
	setAutoRenew,
	subscriptionAt,
	subscriptionActionRoles,
	suspendSubscription,
	upgradeSubscription
} from './lifecycle';
import type { BillingCycle, TermDuration } from '../offer/schema';
import { subscriptionSchema, type Subscription } from './schema';

const START = '2026-03-01T09:00:00.000Z';
const HOUR = 3_600_000;
const MINUTE = 60_000;
const after = (msFromStart: number, from = START) =>
	new Date(Date.parse(from) + msFromStart).toISOString();
/** 167 h 59 min and 168 h 1 min after the start: just inside and just outside the window. */
const INSIDE = after(167 * HOUR + 59 * MINUTE);
const OUTSIDE = after(168 * HOUR + MINUTE);
const by = 'anna';

function subscription(overrides: Partial<Subscription> = {}): Subscription {
	return subscriptionSchema.parse({
		id: 'sub-1',
		customerId: 'customer-1',
		offerId: 'microsoft-365-business-basic',
		quantity: 10,
		status: 'active',
		billingCycle: 'monthly',
		termDuration: 'P1Y',
		resellerId: '',
		supportContactId: 'provider',
		startDate: START,
		endDate: '2027-03-01T09:00:00.000Z',
		createdAt: START,
		createdBy: by,
		updatedAt: START,
		updatedBy: by,
		deviceId: 'device-1',
		...overrides
	});
}

const azure = () =>
	subscription({ offerId: 'azure-plan', quantity: 1, termDuration: 'none', endDate: undefined });

function refusal(action: () => unknown): string {
	try {
		action();
	} catch (error) {
		if (error instanceof DomainError) return error.code;
		throw error;
	}
	throw new Error('The rule did not refuse');
}

describe('the schema', () => {
	it('keeps older records valid: the lifecycle fields are optional', () => {
		const sub = subscription();
		expect(sub.autoRenew).toBeUndefined();
		expect(sub.termStartDate).toBeUndefined();
	});

	it('refuses an unknown suspension reason and too many scheduled licences', () => {
		expect(subscriptionSchema.safeParse({ ...subscription(), suspensionReason: 'x' }).success).toBe(
			false
		);
		expect(
			subscriptionSchema.safeParse({
				...subscription(),
				scheduledChanges: { quantity: 0, scheduledAt: START, scheduledBy: by }
			}).success
		).toBe(false);
	});
});

describe('subscriptionAt: terms renew on the clock', () => {
	it('keeps the stored term before its end', () => {
		const at = subscriptionAt(subscription(), after(HOUR));
		expect(at.status).toBe('active');
		expect(at.term).toEqual({ start: START, end: '2027-03-01T09:00:00.000Z', renewals: 0 });
	});

	it('renews at the end, applying the scheduled changes once', () => {
		const sub = subscription({
			scheduledChanges: { quantity: 20, termDuration: 'P1M', scheduledAt: START, scheduledBy: by }
		});
		const at = subscriptionAt(sub, '2027-03-01T09:00:00.000Z');
		expect(at.term.renewals).toBe(1);
		expect(at.subscription.quantity).toBe(20);
		expect(at.subscription.termDuration).toBe('P1M');
		expect(at.subscription.termStartDate).toBe('2027-03-01T09:00:00.000Z');
		expect(at.subscription.endDate).toBe('2027-04-01T09:00:00.000Z');
		expect(at.subscription.scheduledChanges).toBeUndefined();
		const later = subscriptionAt(sub, '2027-05-15T00:00:00.000Z');
		expect(later.term.renewals).toBe(3);
		expect(later.subscription.quantity).toBe(20);
		expect(later.term.start).toBe('2027-05-01T09:00:00.000Z');
	});

	it('records an offer changed at the renewal as an upgrade from the old offer', () => {
		const sub = subscription({
			scheduledChanges: {
				offerId: 'microsoft-365-business-standard',
				scheduledAt: START,
				scheduledBy: by
			}
		});
		const renewed = subscriptionAt(sub, '2027-03-02T00:00:00.000Z').subscription;
		expect(renewed.offerId).toBe('microsoft-365-business-standard');
		expect(renewed.upgradedFromOfferId).toBe('microsoft-365-business-basic');
	});

	it('ends with auto-renew off, when suspended, and stays cancelled', () => {
		const end = '2027-03-01T09:00:00.000Z';
		expect(subscriptionAt(subscription({ autoRenew: false }), end).status).toBe('expired');
		expect(subscriptionAt(subscription({ autoRenew: false }), after(-1, end)).status).toBe(
			'active'
		);
		expect(subscriptionAt(subscription({ status: 'suspended' }), end).status).toBe('expired');
		expect(subscriptionAt(subscription({ status: 'cancelled' }), after(HOUR)).status).toBe(
			'cancelled'
		);
	});

	it('never renews a usage-based subscription, which has no end', () => {
		const at = subscriptionAt(azure(), '2030-01-01T00:00:00.000Z');
		expect(at.status).toBe('active');
		expect(at.term.end).toBeUndefined();
	});

	it('refuses a clock that is not an ISO timestamp', () => {
		expect(refusal(() => subscriptionAt(subscription(), 'yesterday'))).toBe(
			'subscription/invalid-now'
		);
	});
});

describe('the cancellation window: 168 hours from the purchase and from each renewal', () => {
	it('is open at 167 h 59 min and closed at 168 h 1 min', () => {
		const inside = cancellationWindow(subscription(), INSIDE);
		expect(inside.open).toBe(true);
		expect(inside.closesAt).toBe(after(168 * HOUR));
		expect(inside.msLeft).toBe(MINUTE);
		expect(cancellationWindow(subscription(), OUTSIDE)).toEqual({
			open: false,
			closesAt: after(168 * HOUR),
			msLeft: 0
		});
	});

	it('opens again after a renewal', () => {
		const sub = subscription({ termDuration: 'P1M', endDate: '2026-04-01T09:00:00.000Z' });
		const renewal = '2026-04-01T09:00:00.000Z';
		expect(cancellationWindow(sub, after(167 * HOUR + 59 * MINUTE, renewal)).open).toBe(true);
		expect(cancellationWindow(sub, after(168 * HOUR + MINUTE, renewal)).open).toBe(false);
	});

	it('counts from the stored term start of a renewed record', () => {
		const sub = subscription({
			termStartDate: '2027-03-01T09:00:00.000Z',
			endDate: '2028-03-01T09:00:00.000Z'
		});
		expect(cancellationWindow(sub, '2027-03-03T00:00:00.000Z').open).toBe(true);
	});

	it('is closed for cancelled and ended subscriptions; usage-based ones have none', () => {
		expect(cancellationWindow(subscription({ status: 'cancelled' }), after(HOUR)).open).toBe(false);
		expect(cancellationWindow(azure(), after(HOUR))).toEqual({ open: false, msLeft: 0 });
		expect(cancellationWindow(subscription({ status: 'suspended' }), after(HOUR)).open).toBe(true);
	});
});

describe('changeLicences', () => {
	const input = (quantity: number | string, now: string) => ({
		quantity,
		now,
		by,
		catalog: offerCatalog
	});

	it('adds licences any time, also after the window', () => {
		expect(changeLicences(subscription(), input(15, OUTSIDE)).subscription.quantity).toBe(15);
		expect(changeLicences(subscription(), input(' 300 ', OUTSIDE)).subscription.quantity).toBe(300);
	});

	it('removes licences within the window only', () => {
		expect(changeLicences(subscription(), input(4, INSIDE)).subscription.quantity).toBe(4);
		expect(refusal(() => changeLicences(subscription(), input(4, OUTSIDE)))).toBe(
			'subscription/decrease-after-window'
		);
	});

	it('says when the window closed and what to do instead', () => {
		expect(() => changeLicences(subscription(), input(4, OUTSIDE))).toThrow(
			"Licences can be removed only in the first 7 days (168 hours) of a term; this term's window closed on 2026-03-08. Schedule the decrease for the renewal instead."
		);
	});

	it("keeps within the offer's minimum and maximum", () => {
		expect(refusal(() => changeLicences(subscription(), input(301, INSIDE)))).toBe(
			'subscription/quantity'
		);
		expect(refusal(() => changeLicences(subscription(), input(0, INSIDE)))).toBe(
			'subscription/quantity'
		);
		expect(refusal(() => changeLicences(subscription(), input('ten', INSIDE)))).toBe(
			'subscription/quantity'
		);
		expect(refusal(() => changeLicences(subscription(), input(10, INSIDE)))).toBe(
			'subscription/same-quantity'
		);
	});

	it('deletes the scheduled changes (a mid-term change) and says so', () => {
		const sub = subscription({
			scheduledChanges: { quantity: 5, scheduledAt: START, scheduledBy: by }
		});
		expect(midTermChangeDeletesScheduled(sub, OUTSIDE)).toBe(true);
		const result = changeLicences(sub, input(12, OUTSIDE));
		expect(result.deletedScheduledChanges).toBe(true);
		expect(result.subscription.scheduledChanges).toBeUndefined();
		expect(changeLicences(subscription(), input(12, OUTSIDE)).deletedScheduledChanges).toBe(false);
	});

	it('changes nothing of a suspended, cancelled, ended or usage-based subscription', () => {
		expect(
			refusal(() => changeLicences(subscription({ status: 'suspended' }), input(12, INSIDE)))
		).toBe('subscription/suspended');
		expect(
			refusal(() => changeLicences(subscription({ status: 'cancelled' }), input(12, INSIDE)))
		).toBe('subscription/cancelled');
		expect(
			refusal(() =>
				changeLicences(subscription({ autoRenew: false }), input(12, '2027-03-02T00:00:00.000Z'))
			)
		).toBe('subscription/expired');
		expect(refusal(() => changeLicences(azure(), input(2, INSIDE)))).toBe(
			'subscription/usage-based'
		);
	});

	it('works on the renewed term: the window of the renewal allows a decrease', () => {
		const sub = subscription({ termDuration: 'P1M', endDate: '2026-04-01T09:00:00.000Z' });
		const result = changeLicences(sub, input(3, '2026-04-02T09:00:00.000Z'));
		expect(result.subscription.quantity).toBe(3);
		expect(result.subscription.termStartDate).toBe('2026-04-01T09:00:00.000Z');
		expect(result.subscription.endDate).toBe('2026-05-01T09:00:00.000Z');
	});
});

describe('cancelSubscription', () => {
	it('cancels within the window, and records who and when', () => {
		const result = cancelSubscription(subscription(), { now: INSIDE, by });
		expect(result.subscription).toMatchObject({
			status: 'cancelled',
			autoRenew: false,
			cancelledAt: INSIDE,
			cancelledBy: by
		});
	});

	it('refuses after the window, pointing to auto-renew', () => {
		expect(() => cancelSubscription(subscription(), { now: OUTSIDE, by })).toThrow(
			"A subscription can be cancelled only in the first 7 days (168 hours) of a term; this term's window closed on 2026-03-08. Turn auto-renew off so that it ends on 2027-03-01."
		);
	});

	it('cancels a suspended one within the window, a usage-based one any time, nothing twice', () => {
		expect(
			cancelSubscription(subscription({ status: 'suspended' }), { now: INSIDE, by }).subscription
				.status
		).toBe('cancelled');
		expect(
			cancelSubscription(azure(), { now: '2030-01-01T00:00:00.000Z', by }).subscription.status
		).toBe('cancelled');
		expect(
			refusal(() => cancelSubscription(subscription({ status: 'cancelled' }), { now: INSIDE, by }))
		).toBe('subscription/cancelled');
	});

	it('deletes the scheduled changes', () => {
		const sub = subscription({
			scheduledChanges: { quantity: 5, scheduledAt: START, scheduledBy: by }
		});
		const result = cancelSubscription(sub, { now: INSIDE, by });
		expect(result.deletedScheduledChanges).toBe(true);
		expect(result.subscription.scheduledChanges).toBeUndefined();
	});
});

describe('suspend and reactivate', () => {
	it('suspends an active subscription with a reason, and reactivates it', () => {
		const suspended = suspendSubscription(subscription(), {
			now: OUTSIDE,
			by,
			reason: 'non-payment',
			note: ' Invoice 42 unpaid '
		});
		expect(suspended).toMatchObject({
			status: 'suspended',
			suspendedAt: OUTSIDE,
			suspendedBy: by,
			suspensionReason: 'non-payment',
			suspensionNote: 'Invoice 42 unpaid'
		});
		const active = reactivateSubscription(suspended, { now: OUTSIDE, by });
		expect(active.status).toBe('active');
		expect(active.suspendedAt).toBeUndefined();
		expect(active.suspensionReason).toBeUndefined();
		expect(active.suspensionNote).toBeUndefined();
	});

	it('needs a reason, and a note for "other", within 500 characters', () => {
		const base = { now: OUTSIDE, by };
		expect(
			refusal(() => suspendSubscription(subscription(), { ...base, reason: '', note: '' }))
		).toBe('subscription/reason');
		expect(
			refusal(() => suspendSubscription(subscription(), { ...base, reason: 'other', note: ' ' }))
		).toBe('subscription/note');
		expect(
			refusal(() =>
				suspendSubscription(subscription(), { ...base, reason: 'fraud', note: 'x'.repeat(501) })
			)
		).toBe('subscription/note-too-long');
		expect(
			suspendSubscription(subscription(), { ...base, reason: 'fraud', note: '' }).suspensionNote
		).toBeUndefined();
	});

	it('refuses to suspend twice, a cancelled one, or to reactivate an active or ended one', () => {
		const base = { now: OUTSIDE, by, reason: 'fraud' as const, note: '' };
		expect(refusal(() => suspendSubscription(subscription({ status: 'suspended' }), base))).toBe(
			'subscription/suspended'
		);
		expect(refusal(() => suspendSubscription(subscription({ status: 'cancelled' }), base))).toBe(
			'subscription/cancelled'
		);
		expect(refusal(() => reactivateSubscription(subscription(), { now: OUTSIDE, by }))).toBe(
			'subscription/active'
		);
		expect(
			refusal(() =>
				reactivateSubscription(subscription({ status: 'suspended' }), {
					now: '2027-03-02T00:00:00.000Z',
					by
				})
			)
		).toBe('subscription/expired');
	});
});

describe('setAutoRenew', () => {
	it('turns auto-renew off (deleting the scheduled changes) and on again', () => {
		const sub = subscription({
			scheduledChanges: { quantity: 5, scheduledAt: START, scheduledBy: by }
		});
		const off = setAutoRenew(sub, { now: OUTSIDE, by, autoRenew: false });
		expect(off.subscription.autoRenew).toBe(false);
		expect(off.deletedScheduledChanges).toBe(true);
		const on = setAutoRenew(off.subscription, { now: OUTSIDE, by, autoRenew: true });
		expect(on.subscription.autoRenew).toBe(true);
		expect(on.deletedScheduledChanges).toBe(false);
	});

	it('refuses no change, usage-based and suspended subscriptions', () => {
		expect(refusal(() => setAutoRenew(subscription(), { now: OUTSIDE, by, autoRenew: true }))).toBe(
			'subscription/same-auto-renew'
		);
		expect(refusal(() => setAutoRenew(azure(), { now: OUTSIDE, by, autoRenew: false }))).toBe(
			'subscription/no-term'
		);
		expect(
			refusal(() =>
				setAutoRenew(subscription({ status: 'suspended' }), { now: OUTSIDE, by, autoRenew: false })
			)
		).toBe('subscription/suspended');
	});
});

describe('scheduleChanges', () => {
	const schedule = (sub: Subscription, changes: Parameters<typeof scheduleChanges>[1]['changes']) =>
		scheduleChanges(sub, { now: OUTSIDE, by, changes, catalog: offerCatalog });

	it('schedules a decrease after the window, to take effect at the renewal', () => {
		const sub = schedule(subscription(), { quantity: 4 });
		expect(sub.scheduledChanges).toEqual({ quantity: 4, scheduledAt: OUTSIDE, scheduledBy: by });
		expect(sub.quantity).toBe(10);
		expect(subscriptionAt(sub, '2027-03-01T09:00:00.000Z').subscription.quantity).toBe(4);
	});

	it('schedules a term, a billing frequency and an offer, keeping only what differs', () => {
		const sub = schedule(subscription(), {
			quantity: 10,
			termDuration: 'P1M',
			billingCycle: 'monthly',
			offerId: 'microsoft-365-business-premium'
		});
		expect(sub.scheduledChanges).toEqual({
			termDuration: 'P1M',
			offerId: 'microsoft-365-business-premium',
			scheduledAt: OUTSIDE,
			scheduledBy: by
		});
	});

	it('replaces earlier scheduled changes', () => {
		const first = schedule(subscription(), { quantity: 4 });
		expect(schedule(first, { quantity: 6 }).scheduledChanges?.quantity).toBe(6);
	});

	it('allows another offer of the same family or an upgrade, nothing else', () => {
		expect(
			schedule(subscription({ offerId: 'microsoft-365-business-premium' }), {
				offerId: 'microsoft-365-business-basic'
			}).scheduledChanges?.offerId
		).toBe('microsoft-365-business-basic');
		expect(refusal(() => schedule(subscription(), { offerId: 'power-bi-pro' }))).toBe(
			'subscription/offer-change'
		);
		expect(refusal(() => schedule(subscription(), { offerId: 'no-such-offer' }))).toBe(
			'subscription/unknown-offer'
		);
	});

	it('checks the quantity, term and billing against the target offer', () => {
		expect(refusal(() => schedule(subscription(), { quantity: 301 }))).toBe(
			'subscription/quantity'
		);
		expect(refusal(() => schedule(subscription(), { termDuration: 'P3Y' }))).toBe(
			'subscription/term'
		);
		expect(refusal(() => schedule(subscription(), { billingCycle: 'triennial' }))).toBe(
			'subscription/billing'
		);
		expect(
			refusal(() => schedule(subscription(), { termDuration: 'P1M', billingCycle: 'annual' }))
		).toBe('subscription/billing');
	});

	it('refuses nothing to change, auto-renew off, usage-based and suspended subscriptions', () => {
		expect(refusal(() => schedule(subscription(), { quantity: 10 }))).toBe(
			'subscription/nothing-scheduled'
		);
		expect(refusal(() => schedule(subscription({ autoRenew: false }), { quantity: 4 }))).toBe(
			'subscription/auto-renew-off'
		);
		expect(refusal(() => schedule(azure(), { quantity: 1 }))).toBe('subscription/no-term');
		expect(refusal(() => schedule(subscription({ status: 'suspended' }), { quantity: 4 }))).toBe(
			'subscription/suspended'
		);
	});

	it('cancels scheduled changes, and says when there are none', () => {
		const sub = schedule(subscription(), { quantity: 4 });
		expect(cancelScheduledChanges(sub, { now: OUTSIDE, by }).scheduledChanges).toBeUndefined();
		expect(refusal(() => cancelScheduledChanges(subscription(), { now: OUTSIDE, by }))).toBe(
			'subscription/nothing-scheduled'
		);
	});
});

describe('billingFitsTerm', () => {
	it.each([
		['monthly', 'P1M', true],
		['monthly', 'P1Y', true],
		['monthly', 'P3Y', true],
		['annual', 'P1M', false],
		['annual', 'P1Y', true],
		['annual', 'P3Y', true],
		['triennial', 'P1M', false],
		['triennial', 'P1Y', false],
		['triennial', 'P3Y', true],
		['none', 'none', true],
		['monthly', 'none', false],
		['none', 'P1Y', false]
	] as const)('%s billing with a %s term: %s', (billing, term, fits) => {
		expect(billingFitsTerm(billing, term)).toBe(fits);
	});
});

describe('upgradeSubscription', () => {
	const upgrade = (sub: Subscription, offerId: string) =>
		upgradeSubscription(sub, { now: OUTSIDE, by, offerId, catalog: offerCatalog });

	it('follows the documented paths: Business Basic → Standard → Premium, E1 → E3 → E5', () => {
		const standard = upgrade(subscription(), 'microsoft-365-business-standard').subscription;
		expect(standard.offerId).toBe('microsoft-365-business-standard');
		expect(standard.upgradedFromOfferId).toBe('microsoft-365-business-basic');
		expect(upgrade(standard, 'microsoft-365-business-premium').subscription.offerId).toBe(
			'microsoft-365-business-premium'
		);
		const e1 = subscription({ offerId: 'office-365-e1' });
		expect(upgrade(e1, 'office-365-e3').subscription.offerId).toBe('office-365-e3');
		expect(
			upgrade(subscription({ offerId: 'office-365-e3' }), 'microsoft-365-e5').subscription.offerId
		).toBe('microsoft-365-e5');
	});

	it('refuses a path that does not exist: downward, sideways, or to itself', () => {
		expect(
			refusal(() =>
				upgrade(
					subscription({ offerId: 'microsoft-365-business-premium' }),
					'microsoft-365-business-basic'
				)
			)
		).toBe('subscription/no-upgrade-path');
		expect(refusal(() => upgrade(subscription(), 'power-bi-pro'))).toBe(
			'subscription/no-upgrade-path'
		);
		expect(refusal(() => upgrade(subscription(), 'microsoft-365-business-basic'))).toBe(
			'subscription/no-upgrade-path'
		);
	});

	it("needs the target to take the subscription's licences, term and billing", () => {
		const many = subscription({ offerId: 'exchange-online-plan-1', quantity: 500 });
		expect(refusal(() => upgrade(many, 'microsoft-365-business-basic'))).toBe(
			'subscription/quantity'
		);
		const triennial = subscription({
			offerId: 'office-365-e3',
			termDuration: 'P3Y',
			billingCycle: 'triennial',
			endDate: '2029-03-01T09:00:00.000Z'
		});
		expect(upgrade(triennial, 'microsoft-365-e5').subscription.termDuration).toBe('P3Y');
		const office = subscription({
			offerId: 'office-365-e1',
			termDuration: 'P1Y',
			billingCycle: 'annual'
		});
		expect(upgrade(office, 'microsoft-365-e3').subscription.offerId).toBe('microsoft-365-e3');
	});

	it('deletes the scheduled changes and refuses a suspended subscription', () => {
		const sub = subscription({
			scheduledChanges: { quantity: 5, scheduledAt: START, scheduledBy: by }
		});
		expect(upgrade(sub, 'microsoft-365-business-standard').deletedScheduledChanges).toBe(true);
		expect(
			refusal(() =>
				upgrade(subscription({ status: 'suspended' }), 'microsoft-365-business-standard')
			)
		).toBe('subscription/suspended');
	});
});

describe('upgrade paths of the catalog', () => {
	it('name only offers of the catalog, each higher than where it starts', () => {
		const ids = new Set(offerCatalog.map((offer) => offer.id));
		for (const [from, targets] of Object.entries(upgradePaths)) {
			expect(ids.has(from), from).toBe(true);
			for (const to of targets) {
				expect(ids.has(to), to).toBe(true);
				expect(to).not.toBe(from);
				expect(isUpgradePath(offerCatalog, to, from), `${to} → ${from} would be a loop`).toBe(
					false
				);
			}
		}
		expect(upgradeTargets(offerCatalog, 'azure-plan')).toEqual([]);
	});
});

describe('coTermEndDates', () => {
	it('offers the standard end and the ends of the customer’s other terms within the new term', () => {
		const others = [
			subscription({ id: 'a', endDate: '2026-09-30T00:00:00.000Z' }),
			subscription({ id: 'b', endDate: '2026-03-05T00:00:00.000Z' }),
			subscription({ id: 'c', endDate: '2028-01-01T00:00:00.000Z' }),
			subscription({ id: 'd', status: 'cancelled', endDate: '2026-10-31T00:00:00.000Z' }),
			azure()
		];
		expect(coTermEndDates({ start: START, termDuration: 'P1Y', others })).toEqual([
			'2026-09-30T00:00:00.000Z',
			'2027-03-01T09:00:00.000Z'
		]);
	});

	it('has nothing to offer for a usage-based offer', () => {
		expect(coTermEndDates({ start: START, termDuration: 'none', others: [] })).toEqual([]);
	});

	it('co-terms an annual or triennial term only with subscriptions that are not monthly', () => {
		const monthly = subscription({
			id: 'monthly',
			termDuration: 'P1M',
			endDate: '2026-03-20T00:00:00.000Z'
		});
		const annual = subscription({ id: 'annual', endDate: '2026-12-31T00:00:00.000Z' });
		const others = [monthly, annual];
		expect(coTermEndDates({ start: START, termDuration: 'P1Y', others })).toEqual([
			'2026-12-31T00:00:00.000Z',
			'2027-03-01T09:00:00.000Z'
		]);
		expect(coTermEndDates({ start: START, termDuration: 'P3Y', others })).toEqual([
			'2026-12-31T00:00:00.000Z',
			'2029-03-01T09:00:00.000Z'
		]);
		expect(coTermEndDates({ start: START, termDuration: 'P1M', others })).toEqual([
			'2026-03-20T00:00:00.000Z',
			'2026-04-01T09:00:00.000Z'
		]);
	});

	it('offers an end just after the window but not one just inside it', () => {
		const at = (id: string, end: string) => subscription({ id, endDate: end });
		const others = [at('inside', INSIDE), at('outside', OUTSIDE)];
		expect(coTermEndDates({ start: START, termDuration: 'P1M', others })).toEqual([
			OUTSIDE,
			'2026-04-01T09:00:00.000Z'
		]);
	});
});

describe('newSubscriptionTerm', () => {
	const offer = (id: string) => offerCatalog.find((o) => o.id === id)!;
	const annualOther = subscription({ id: 'other', endDate: '2026-12-31T00:00:00.000Z' });
	const term = (
		id: string,
		termDuration: TermDuration | '',
		billingCycle: BillingCycle | '',
		endDate?: string
	) =>
		newSubscriptionTerm({
			offer: offer(id),
			choice: { termDuration, billingCycle, endDate },
			start: START,
			others: [annualOther]
		});

	it('gives the standard end of each term the offer has', () => {
		expect(term('microsoft-365-e3', 'P1M', 'monthly')).toEqual({
			ok: true,
			value: { termDuration: 'P1M', billingCycle: 'monthly', endDate: '2026-04-01T09:00:00.000Z' }
		});
		expect(term('microsoft-365-e3', 'P1Y', 'annual')).toEqual({
			ok: true,
			value: { termDuration: 'P1Y', billingCycle: 'annual', endDate: '2027-03-01T09:00:00.000Z' }
		});
		expect(term('microsoft-365-e3', 'P3Y', 'triennial')).toEqual({
			ok: true,
			value: {
				termDuration: 'P3Y',
				billingCycle: 'triennial',
				endDate: '2029-03-01T09:00:00.000Z'
			}
		});
		expect(term('azure-plan', 'none', 'monthly')).toEqual({
			ok: true,
			value: { termDuration: 'none', billingCycle: 'monthly' }
		});
	});

	it('refuses a term or billing frequency the offer does not have, or that do not go together', () => {
		expect(term('microsoft-365-business-basic', 'P3Y', 'monthly')).toEqual({
			ok: false,
			errors: { termDuration: 'Microsoft 365 Business Basic is not offered with this term.' }
		});
		expect(term('microsoft-365-business-basic', 'P1Y', 'triennial').ok).toBe(false);
		expect(term('microsoft-365-e3', 'P1M', 'annual')).toMatchObject({
			ok: false,
			errors: { billingCycle: expect.stringContaining('annual billing a 1- or 3-year term') }
		});
		expect(term('microsoft-365-e3', '', '')).toMatchObject({
			ok: false,
			errors: { termDuration: expect.any(String), billingCycle: expect.any(String) }
		});
	});

	it('takes a co-term end date only when it falls within the chosen term', () => {
		const coTerm = '2026-12-31T00:00:00.000Z';
		expect(term('microsoft-365-e3', 'P1Y', 'monthly', coTerm)).toEqual({
			ok: true,
			value: { termDuration: 'P1Y', billingCycle: 'monthly', endDate: coTerm }
		});
		// Beyond a monthly term: not offered there.
		expect(term('microsoft-365-e3', 'P1M', 'monthly', coTerm)).toEqual({
			ok: false,
			errors: { endDate: 'This term end date is no longer possible: choose another.' }
		});
		// A date no other subscription ends on.
		expect(term('microsoft-365-e3', 'P1Y', 'monthly', '2026-11-30T00:00:00.000Z').ok).toBe(false);
		// '' is the standard end.
		expect(term('microsoft-365-e3', 'P1Y', 'monthly', '')).toMatchObject({
			ok: true,
			value: { endDate: '2027-03-01T09:00:00.000Z' }
		});
	});
});

describe('renewalsWithin', () => {
	it('lists terms ending within the days, soonest first, renewing or ending', () => {
		const now = '2027-02-01T00:00:00.000Z';
		const subs = [
			subscription({ id: 'in-28', endDate: '2027-03-01T00:00:00.000Z' }),
			subscription({ id: 'in-10', endDate: '2027-02-11T00:00:00.000Z', autoRenew: false }),
			subscription({ id: 'in-80', endDate: '2027-04-22T00:00:00.000Z' }),
			subscription({ id: 'suspended', status: 'suspended', endDate: '2027-02-10T00:00:00.000Z' }),
			subscription({ id: 'cancelled', status: 'cancelled' }),
			azure()
		];
		const rows = renewalsWithin(subs, now, 30);
		expect(rows.map((row) => [row.subscription.id, row.kind, row.daysLeft])).toEqual([
			['in-10', 'ends', 10],
			['in-28', 'renews', 28]
		]);
		expect(renewalsWithin(subs, now, 90).map((row) => row.subscription.id)).toEqual([
			'in-10',
			'in-28',
			'in-80'
		]);
	});
});

describe('who may do what', () => {
	it('lets Sales agents change licences and renewals, not cancel or suspend', () => {
		expect(subscriptionActionRoles.changeLicences).toContain('sales-agent');
		expect(subscriptionActionRoles.cancel).not.toContain('sales-agent');
		expect(subscriptionActionRoles.suspend).toEqual(['global-admin', 'admin-agent']);
		for (const roles of Object.values(subscriptionActionRoles)) {
			expect(roles).not.toContain('user-management-admin');
		}
	});
});
