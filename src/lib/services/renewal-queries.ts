import { combineLatest, from, map, shareReplay, switchMap, timer, type Observable } from 'rxjs';
import type { FieldDatabase } from '$lib/db/collections';
import type { Customer } from '$lib/domain/customer/schema';
import { isOnResellerCustomersList } from '$lib/domain/reseller-relationship/removal';
import {
	cancellationWindow,
	renewalsWithin,
	type CancellationWindow,
	type RenewalKind
} from '$lib/domain/subscription/lifecycle';
import type { ScheduledChanges, Subscription } from '$lib/domain/subscription/schema';

/*
 * The read model of the Renewals page and the Overview's renewals card: the subscriptions whose
 * term renews or ends within 90 days, joined with their customers once per change of the data
 * (or of the clock), kept in memory; the page's filters (30 / 60 / 90 days, reseller, customer)
 * then run on that list, which takes about a millisecond at 30,000 subscriptions
 * (`npm run bench`).
 */

/** The choices of the Renewals page, in days; the first is the default. */
export const RENEWAL_PERIODS = [30, 60, 90] as const;
export type RenewalPeriod = (typeof RENEWAL_PERIODS)[number];
export const DEFAULT_RENEWAL_PERIOD: RenewalPeriod = 30;
const LONGEST_PERIOD = RENEWAL_PERIODS[RENEWAL_PERIODS.length - 1];

/**
 * How often the renewals look at the clock besides data changes (days left and the windows' time
 * left move on, shown in days or hours). Every 10 minutes: recomputing 30,000 subscriptions takes
 * about a second on a loaded 2-core machine (`npm run bench`, section 6).
 */
export const RENEWALS_CLOCK_MS = 10 * 60_000;

/** The period of a `days` URL parameter: one of the choices, else the default. */
export function renewalPeriod(value: string | null | undefined): RenewalPeriod {
	const days = Number(value);
	return (RENEWAL_PERIODS as readonly number[]).includes(days)
		? (days as RenewalPeriod)
		: DEFAULT_RENEWAL_PERIOD;
}

export interface RenewalListRow {
	/** The subscription as it is now (terms renewed on the clock). */
	subscription: Subscription;
	customerId: string;
	/** The customer's company name; '' when the customer is not on this device. */
	customerName: string;
	customerNameLower: string;
	/** The reseller that manages the customer ('' for a direct customer). */
	resellerId: string;
	/** Whether the customer is on its reseller's Customers list (an active reseller relationship). */
	onResellerList: boolean;
	/** The end of the current term. */
	endDate: string;
	daysLeft: number;
	kind: RenewalKind;
	scheduledChanges: ScheduledChanges | undefined;
	/** The current term's cancellation window (open, with the time left, or closed). */
	cancellationWindow: CancellationWindow;
}

type CustomerFields = Pick<Customer, 'id' | 'companyName' | 'nameLower' | 'resellerId'> &
	Partial<Pick<Customer, 'resellerRelationship'>>;

/**
 * The renewals within `days` of `now` (90 by default: the longest choice), soonest first, each
 * with its customer's name and reseller.
 */
export function renewalRows(
	subscriptions: readonly Subscription[],
	customers: ReadonlyMap<string, CustomerFields>,
	now: string,
	days: number = LONGEST_PERIOD
): RenewalListRow[] {
	return renewalsWithin(subscriptions, now, days).map((row) => {
		const customer = customers.get(row.subscription.customerId);
		const resellerId = customer?.resellerId ?? '';
		return {
			subscription: row.subscription,
			customerId: row.subscription.customerId,
			customerName: customer?.companyName ?? '',
			customerNameLower: customer?.nameLower ?? '',
			resellerId,
			onResellerList:
				customer !== undefined &&
				resellerId !== '' &&
				isOnResellerCustomersList(
					{ resellerId, resellerRelationship: customer.resellerRelationship ?? 'none' },
					resellerId
				),
			endDate: row.endDate,
			daysLeft: row.daysLeft,
			kind: row.kind,
			scheduledChanges: row.subscription.scheduledChanges,
			cancellationWindow: cancellationWindow(row.subscription, now)
		};
	});
}

export interface RenewalFilter {
	/** Renews or ends within this many days. */
	days: RenewalPeriod;
	/** `undefined`: every customer; '': direct customers; otherwise the customer's reseller. */
	resellerId?: string;
	/** Part of the customer's company name (any case). */
	customer?: string;
	/**
	 * An indirect reseller's view: only the customers on its Customers list (an active reseller
	 * relationship with this reseller).
	 */
	ownResellerId?: string;
}

/** The rows the filter selects, in the order given (soonest first). */
export function filterRenewals(
	rows: readonly RenewalListRow[],
	filter: RenewalFilter
): RenewalListRow[] {
	const search = filter.customer?.trim().toLowerCase() ?? '';
	const { days, resellerId, ownResellerId } = filter;
	const result: RenewalListRow[] = [];
	for (const row of rows) {
		// Sorted soonest first: nothing after the first row beyond the period.
		if (row.daysLeft > days) break;
		if (ownResellerId !== undefined && !(row.onResellerList && row.resellerId === ownResellerId))
			continue;
		if (resellerId !== undefined && row.resellerId !== resellerId) continue;
		if (search && !row.customerNameLower.includes(search)) continue;
		result.push(row);
	}
	return result;
}

export interface RenewalCount {
	total: number;
	renews: number;
	ends: number;
}

export function countRenewals(rows: readonly RenewalListRow[]): RenewalCount {
	let renews = 0;
	for (const row of rows) if (row.kind === 'renews') renews++;
	return { total: rows.length, renews, ends: rows.length - renews };
}

type DatabaseSource = () => Promise<FieldDatabase>;

export interface RenewalQueryOptions {
	/** The current time (ISO); the system clock by default. */
	now?: () => string;
	/** When to look at the clock again although no data changed: every minute by default. */
	tick$?: Observable<unknown>;
}

export function createRenewalQueries(database: DatabaseSource, options: RenewalQueryOptions = {}) {
	const db$ = from(database());
	const now = options.now ?? (() => new Date().toISOString());
	const tick$ = options.tick$ ?? timer(0, RENEWALS_CLOCK_MS);

	const subscriptions$ = db$.pipe(
		switchMap((db) => db.subscriptions.find().$),
		map((docs) => docs.map((doc) => doc.toJSON() as Subscription))
	);
	// The Customers page's query, so RxDB's query cache shares its result.
	const customers$ = db$.pipe(
		switchMap((db) => db.customers.find({ sort: [{ nameLower: 'asc' }] }).$),
		map((docs) => new Map<string, CustomerFields>(docs.map((doc) => [doc.id, doc])))
	);

	/** Every renewal within 90 days, kept while a screen uses it. */
	const rows$ = combineLatest([subscriptions$, customers$, tick$]).pipe(
		map(([subscriptions, customers]) => renewalRows(subscriptions, customers, now())),
		shareReplay({ bufferSize: 1, refCount: true })
	);

	/** Every renewal within 90 days (the page filters them in memory). */
	function renewalRows$(): Observable<RenewalListRow[]> {
		return rows$;
	}

	/** The renewals the filter selects. */
	function renewals$(filter: RenewalFilter): Observable<RenewalListRow[]> {
		return rows$.pipe(map((rows) => filterRenewals(rows, filter)));
	}

	/** How many renew or end within `days` (of an indirect reseller's own customers when given). */
	function renewalCount$(days: RenewalPeriod, ownResellerId?: string): Observable<RenewalCount> {
		return renewals$({ days, ownResellerId }).pipe(map(countRenewals));
	}

	return { renewalRows$, renewals$, renewalCount$ };
}
