import { addDays } from '$lib/domain/shared/dates';
import type { Actor } from '$lib/domain/shared/schema';
import type { TermDuration } from '$lib/domain/offer/schema';
import type { ScheduledChanges, Subscription } from '$lib/domain/subscription/schema';
import { termEndDate } from '$lib/domain/subscription/rules';
import { createdMeta } from './changes';

/*
 * Demo subscriptions in every state of their life (issue 15), relative to `now`, so that the
 * states hold whenever the demo is loaded: inside the cancellation window and just past it,
 * renewing in 10, 40 and 80 days, auto-renew off, with changes scheduled for the renewal,
 * suspended, cancelled and expired. They are added to existing demo customers; the cancelled,
 * suspended and expired ones to customers without a reseller, so that the resellers' bulk change
 * sees only subscriptions it can change.
 */

/** The ids of the demo's lifecycle subscriptions, by the state each is in. */
export const DEMO_LIFECYCLE_SUBSCRIPTIONS = {
	/** Monthly, bought 2 days ago: the cancellation window is open (5 days left). */
	inCancellationWindow: 'demo-lifecycle-in-window',
	/** Monthly, bought 8 days ago: the window closed a day ago. */
	pastCancellationWindow: 'demo-lifecycle-past-window',
	/** Yearly, renews in 10 days. */
	renewsIn10Days: 'demo-lifecycle-renews-10',
	/** Yearly, renews in 40 days. */
	renewsIn40Days: 'demo-lifecycle-renews-40',
	/** Three years, renews in 80 days. */
	renewsIn80Days: 'demo-lifecycle-renews-80',
	/** Yearly, auto-renew off: ends in 20 days. */
	autoRenewOff: 'demo-lifecycle-auto-renew-off',
	/** Yearly, renews in 25 days with more licences and annual billing scheduled. */
	scheduledChanges: 'demo-lifecycle-scheduled',
	/** Suspended 5 days ago for non-payment. */
	suspended: 'demo-lifecycle-suspended',
	/** Cancelled 3 days ago, within its window. */
	cancelled: 'demo-lifecycle-cancelled',
	/** Auto-renew was off; its term ended 15 days ago. */
	expired: 'demo-lifecycle-expired'
} as const;

/** The same states in the indirect reseller's demo (only states that leave its licence totals as they were). */
export const DEMO_RESELLER_LIFECYCLE_SUBSCRIPTIONS = {
	suspended: 'demo-reseller-lifecycle-suspended',
	cancelled: 'demo-reseller-lifecycle-cancelled'
} as const;

interface Seed {
	id: string;
	/** The demo customer's number (`<prefix><n>`). */
	customer: number;
	offerId: string;
	quantity: number;
	termDuration: Exclude<TermDuration, 'none'>;
	/** The current term started this many days ago (purchase or last renewal)… */
	termStartedDaysAgo?: number;
	/** …or it ends in this many days (negative: ended). */
	endsInDays?: number;
	state?: 'suspended' | 'cancelled';
	autoRenew?: boolean;
	scheduled?: Omit<ScheduledChanges, 'scheduledAt' | 'scheduledBy'>;
}

const providerSeeds: Seed[] = [
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.inCancellationWindow,
		customer: 2,
		offerId: 'microsoft-365-business-standard',
		quantity: 12,
		termDuration: 'P1M',
		termStartedDaysAgo: 2
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.pastCancellationWindow,
		customer: 4,
		offerId: 'microsoft-teams-essentials',
		quantity: 8,
		termDuration: 'P1M',
		termStartedDaysAgo: 8
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.renewsIn10Days,
		customer: 6,
		offerId: 'microsoft-365-e3',
		quantity: 25,
		termDuration: 'P1Y',
		endsInDays: 10
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.renewsIn40Days,
		customer: 7,
		offerId: 'exchange-online-plan-1',
		quantity: 15,
		termDuration: 'P1Y',
		endsInDays: 40
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.renewsIn80Days,
		customer: 8,
		offerId: 'microsoft-365-e5',
		quantity: 10,
		termDuration: 'P3Y',
		endsInDays: 80
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.autoRenewOff,
		customer: 9,
		offerId: 'power-bi-pro',
		quantity: 6,
		termDuration: 'P1Y',
		endsInDays: 20,
		autoRenew: false
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.scheduledChanges,
		customer: 2,
		offerId: 'office-365-e3',
		quantity: 20,
		termDuration: 'P1Y',
		endsInDays: 25,
		scheduled: { quantity: 30, billingCycle: 'annual' }
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.suspended,
		customer: 10,
		offerId: 'dynamics-365-sales-professional',
		quantity: 5,
		termDuration: 'P1Y',
		endsInDays: 50,
		state: 'suspended'
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.cancelled,
		customer: 5,
		offerId: 'visio-plan-2',
		quantity: 4,
		termDuration: 'P1M',
		termStartedDaysAgo: 5,
		state: 'cancelled'
	},
	{
		id: DEMO_LIFECYCLE_SUBSCRIPTIONS.expired,
		customer: 15,
		offerId: 'project-plan-3',
		quantity: 3,
		termDuration: 'P1Y',
		endsInDays: -15,
		autoRenew: false
	}
];

const resellerSeeds: Seed[] = [
	{
		id: DEMO_RESELLER_LIFECYCLE_SUBSCRIPTIONS.suspended,
		customer: 5,
		offerId: 'dynamics-365-sales-professional',
		quantity: 5,
		termDuration: 'P1Y',
		endsInDays: 50,
		state: 'suspended'
	},
	{
		id: DEMO_RESELLER_LIFECYCLE_SUBSCRIPTIONS.cancelled,
		customer: 5,
		offerId: 'visio-plan-2',
		quantity: 4,
		termDuration: 'P1M',
		termStartedDaysAgo: 5,
		state: 'cancelled'
	}
];

/** The start of a term that ends at `endIso` (the term end is counted back by months). */
function termStartEndingAt(endIso: string, term: Exclude<TermDuration, 'none'>): string {
	const months = { P1M: 1, P1Y: 12, P3Y: 36 }[term];
	const end = new Date(endIso);
	const start = new Date(end);
	start.setUTCDate(1);
	start.setUTCMonth(start.getUTCMonth() - months);
	const lastDay = new Date(
		Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)
	).getUTCDate();
	start.setUTCDate(Math.min(end.getUTCDate(), lastDay));
	// An end no term reaches from a shorter month (31 May for a month from 30 April, 29 February
	// for a year): the term starts a day later and ends a little after, and the first term is
	// co-termed to `endIso` (the server takes a first term that ends before a full one).
	if ((termEndDate(start.toISOString(), term) as string) < endIso) {
		start.setUTCDate(start.getUTCDate() + 1);
	}
	return start.toISOString();
}

function build(
	seeds: readonly Seed[],
	actor: Actor,
	now: string,
	customer: (n: number) => { id: string; resellerId: string },
	ownId: string
): Subscription[] {
	const at = Date.parse(now);
	const meta = createdMeta(actor, now);
	return seeds.map((seed) => {
		const owner = customer(seed.customer);
		const termStart =
			seed.termStartedDaysAgo !== undefined
				? addDays(at, -seed.termStartedDaysAgo)
				: termStartEndingAt(addDays(at, seed.endsInDays ?? 0), seed.termDuration);
		const endDate =
			seed.endsInDays !== undefined
				? addDays(at, seed.endsInDays)
				: (termEndDate(termStart, seed.termDuration) as string);
		const subscription: Subscription = {
			id: seed.id,
			customerId: owner.id,
			offerId: seed.offerId,
			quantity: seed.quantity,
			status: seed.state ?? 'active',
			billingCycle: 'monthly',
			termDuration: seed.termDuration,
			resellerId: owner.resellerId,
			supportContactId: owner.resellerId || ownId,
			startDate: termStart,
			termStartDate: termStart,
			endDate,
			autoRenew: seed.autoRenew ?? seed.state !== 'cancelled',
			...meta
		};
		if (seed.scheduled) {
			subscription.scheduledChanges = {
				...seed.scheduled,
				scheduledAt: addDays(at, -10),
				scheduledBy: actor.userId
			};
		}
		if (seed.state === 'suspended') {
			subscription.suspendedAt = addDays(at, -5);
			subscription.suspendedBy = actor.userId;
			subscription.suspensionReason = 'non-payment';
		}
		if (seed.state === 'cancelled') {
			subscription.cancelledAt = addDays(at, -3);
			subscription.cancelledBy = actor.userId;
		}
		return subscription;
	});
}

/** The provider demo's lifecycle subscriptions, for its customers `demo-customer-<n>`. */
export function buildDemoLifecycleSubscriptions(
	actor: Actor,
	now: string,
	customers: readonly { id: string; resellerId: string }[],
	providerId: string
): Subscription[] {
	const byId = new Map(customers.map((c) => [c.id, c]));
	return build(providerSeeds, actor, now, (n) => required(byId, `demo-customer-${n}`), providerId);
}

/** The reseller demo's lifecycle subscriptions, for its customers `demo-reseller-customer-<n>`. */
export function buildResellerDemoLifecycleSubscriptions(
	actor: Actor,
	now: string,
	customers: readonly { id: string; resellerId: string }[],
	resellerId: string
): Subscription[] {
	const byId = new Map(customers.map((c) => [c.id, c]));
	return build(
		resellerSeeds,
		actor,
		now,
		(n) => required(byId, `demo-reseller-customer-${n}`),
		resellerId
	);
}

function required<T>(map: Map<string, T>, id: string): T {
	const found = map.get(id);
	if (!found) throw new RangeError(`demo customer missing: ${id}`);
	return found;
}
