import { combineLatest, from, map, shareReplay, switchMap, timer, type Observable } from 'rxjs';
import type { FieldDatabase } from '$lib/db/collections';
import type { Customer } from '$lib/domain/customer/schema';
import { isOnResellerCustomersList } from '$lib/domain/reseller-relationship/removal';
import { parseIsoTimestamp } from '$lib/domain/shared/dates';
import {
	CANCELLATION_WINDOW_HOURS,
	cancellationWindow,
	renewalsWithin,
	renewsAutomatically,
	subscriptionAt,
	type CancellationWindow,
	type RenewalKind
} from '$lib/domain/subscription/lifecycle';
import type { ScheduledChanges, Subscription } from '$lib/domain/subscription/schema';

/*
 * The read model of the Renewals page and the Overview's renewals card: the subscriptions whose
 * term renews or ends within 90 days, joined with their customers, kept in memory; the page's
 * filters (30 / 60 / 90 days, reseller, customer) then run on that list, which takes about a
 * millisecond at 30,000 subscriptions (`npm run bench`).
 * It is incremental (`createRenewalRows`): the terms of a subscription are rolled again only
 * when its record changes or the clock passes its term's end; a data change or a clock tick
 * otherwise only recomputes the days and hours left.
 */

/** The choices of the Renewals page, in days; the first is the default. */
export const RENEWAL_PERIODS = [30, 60, 90] as const;
export type RenewalPeriod = (typeof RENEWAL_PERIODS)[number];
export const DEFAULT_RENEWAL_PERIOD: RenewalPeriod = 30;
const LONGEST_PERIOD = RENEWAL_PERIODS[RENEWAL_PERIODS.length - 1];

/**
 * How often the renewals look at the clock besides data changes (days left and the windows' time
 * left move on, shown in days or hours). Every minute: with the terms kept between changes a
 * tick only recomputes the time left (`npm run bench`, section 6).
 */
export const RENEWALS_CLOCK_MS = 60_000;

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
	return renewalsWithin(subscriptions, now, days).map((row) =>
		toListRow(
			{ ...row, cancellationWindow: cancellationWindow(row.subscription, now) },
			customers.get(row.subscription.customerId)
		)
	);
}

/** The renewal of one subscription as the list shows it, with its customer's name and reseller. */
function toListRow(
	renewal: Pick<
		RenewalListRow,
		'subscription' | 'endDate' | 'daysLeft' | 'kind' | 'cancellationWindow'
	>,
	customer: CustomerFields | undefined
): RenewalListRow {
	const { subscription } = renewal;
	const resellerId = customer?.resellerId ?? '';
	return {
		subscription,
		customerId: subscription.customerId,
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
		endDate: renewal.endDate,
		daysLeft: renewal.daysLeft,
		kind: renewal.kind,
		scheduledChanges: subscription.scheduledChanges,
		cancellationWindow: renewal.cancellationWindow
	};
}

const DAY_MS = 86_400_000;
const WINDOW_MS = CANCELLATION_WINDOW_HOURS * 3_600_000;

/** A subscription's current term, valid while the clock is within [from, until). */
interface KeptTerm {
	from: number;
	until: number;
	/** Undefined: not a renewal at any moment of [from, until) (cancelled, expired, suspended, no term). */
	row?: {
		subscription: Subscription;
		endDate: string;
		endMs: number;
		kind: RenewalKind;
		windowClosesMs: number;
		windowClosesAt: string;
	};
}

function keptTerm(stored: Subscription, now: string, at: number): KeptTerm {
	const { subscription, status, term } = subscriptionAt(stored, now);
	const start = parseIsoTimestamp(term.start);
	if (status === 'cancelled') return { from: -Infinity, until: Infinity };
	if (status === 'expired') {
		// Ended at its last term's end, for ever after.
		return { from: term.end === undefined ? at : parseIsoTimestamp(term.end), until: Infinity };
	}
	const until = term.end === undefined ? Infinity : parseIsoTimestamp(term.end);
	if (status !== 'active' || term.end === undefined) return { from: start, until };
	const windowClosesMs = start + WINDOW_MS;
	return {
		from: start,
		until,
		row: {
			subscription,
			endDate: term.end,
			endMs: until,
			kind: renewsAutomatically(subscription) ? 'renews' : 'ends',
			windowClosesMs,
			windowClosesAt: new Date(windowClosesMs).toISOString()
		}
	};
}

/**
 * `renewalRows`, incremental: each subscription's term is kept (by the record's identity) until
 * the clock leaves it, so a recomputation after one record changed, or a clock tick, costs the
 * days left of the rows, not the terms of every subscription. Give it the same objects for
 * unchanged records (`stableRecords`).
 */
export function createRenewalRows() {
	// Keyed by the record object: a changed record is a new object, the old one is collected.
	const terms = new WeakMap<Subscription, KeptTerm>();
	return function rows(
		subscriptions: readonly Subscription[],
		customers: ReadonlyMap<string, CustomerFields>,
		now: string,
		days: number = LONGEST_PERIOD
	): RenewalListRow[] {
		const at = parseIsoTimestamp(now);
		if (Number.isNaN(at)) return renewalRows(subscriptions, customers, now, days);
		const until = at + days * DAY_MS;
		const selected: { kept: NonNullable<KeptTerm['row']>; customer?: CustomerFields }[] = [];
		for (const stored of subscriptions) {
			let kept = terms.get(stored);
			if (kept === undefined || at < kept.from || at >= kept.until) {
				kept = keptTerm(stored, now, at);
				terms.set(stored, kept);
			}
			const row = kept.row;
			if (row === undefined || row.endMs > until) continue;
			selected.push({ kept: row, customer: customers.get(row.subscription.customerId) });
		}
		selected.sort((a, b) => a.kept.endMs - b.kept.endMs);
		return selected.map(({ kept, customer }) => {
			const left = kept.windowClosesMs - at;
			return toListRow(
				{
					subscription: kept.subscription,
					endDate: kept.endDate,
					daysLeft: Math.ceil((kept.endMs - at) / DAY_MS),
					kind: kept.kind,
					cancellationWindow: {
						open: left > 0,
						closesAt: kept.windowClosesAt,
						msLeft: left > 0 ? left : 0
					}
				},
				customer
			);
		});
	};
}

/**
 * The records of RxDB documents as plain objects, the same object for a document whose revision
 * did not change since the last call (so `createRenewalRows` keeps its term).
 */
export function stableRecords<T>() {
	// Records are never deleted (the server refuses it), so the map grows only with the documents.
	const kept = new Map<string, { revision: string; record: T }>();
	return function records(
		docs: readonly { primary: string; revision: string; toJSON(): unknown }[]
	): T[] {
		const result: T[] = new Array<T>(docs.length);
		for (let i = 0; i < docs.length; i++) {
			const doc = docs[i];
			let entry = kept.get(doc.primary);
			if (entry === undefined || entry.revision !== doc.revision) {
				entry = { revision: doc.revision, record: doc.toJSON() as T };
				kept.set(doc.primary, entry);
			}
			result[i] = entry.record;
		}
		return result;
	};
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

	const records = stableRecords<Subscription>();
	const subscriptions$ = db$.pipe(
		switchMap((db) => db.subscriptions.find().$),
		map((docs) => records(docs))
	);
	// The Customers page's query, so RxDB's query cache shares its result.
	const customers$ = db$.pipe(
		switchMap((db) => db.customers.find({ sort: [{ nameLower: 'asc' }] }).$),
		map((docs) => new Map<string, CustomerFields>(docs.map((doc) => [doc.id, doc])))
	);

	/** Every renewal within 90 days, kept while a screen uses it. */
	const rows = createRenewalRows();
	const rows$ = combineLatest([subscriptions$, customers$, tick$]).pipe(
		map(([subscriptions, customers]) => rows(subscriptions, customers, now())),
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
