import { combineLatest, from, map, Observable, of, shareReplay, switchMap, tap } from 'rxjs';
import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import type { FieldDatabase } from '$lib/db/collections';
import { mark } from '$lib/db/marks';
import { firstScreenThenAll, FIRST_SCREEN_ROWS, keptList, type ListSlice } from './list-slice';
import type { Activity, ActivityCollection } from '$lib/domain/activity/schema';
import type { Customer } from '$lib/domain/customer/schema';
import type { GdapRelationship } from '$lib/domain/gdap/schema';
import type { Offer } from '$lib/domain/offer/schema';
import type { Partner } from '$lib/domain/partner/schema';
import type { Partnership, PartnershipStatus } from '$lib/domain/partnership/schema';
import { activePartnershipOf, latestPartnershipOf } from '$lib/domain/partnership/latest';
import type { Subscription } from '$lib/domain/subscription/schema';

/**
 * Live read models for the screens. Each returns an observable that emits
 * again whenever the underlying documents change (also from another tab).
 */
type DatabaseSource = () => Promise<FieldDatabase>;

export interface ResellerRow {
	reseller: Partner;
	/** The latest partnership with this reseller. */
	partnership: Partnership | undefined;
	status: PartnershipStatus | 'none';
	customerCount: number;
}

export { FIRST_SCREEN_ROWS, type ListSlice } from './list-slice';

/** `text` as a regular expression matching it literally (a name search). */
export const literalPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first screen of the Customers list for a filter: the first `rows` customers by name, read
 * along the `nameLower` index (or `[resellerId+nameLower]`), so the storage stops reading once it
 * has them. A search reads the names that begin with it: a range of the same index, where a
 * substring search would read every name (the whole list, which follows, finds the rest).
 */
export function firstScreenQuery(
	filter: { resellerId?: string; search?: string },
	rows = FIRST_SCREEN_ROWS
): MangoQuery<Customer> {
	const search = filter.search?.trim().toLowerCase() ?? '';
	const selector: MangoQuerySelector<Customer> = {};
	if (filter.resellerId !== undefined) selector.resellerId = filter.resellerId;
	if (search) selector.nameLower = { $gte: search, $lt: `${search}\uffff` };
	return { selector, sort: [{ nameLower: 'asc' }], limit: rows };
}

/** The partnerships of `providerId` per reseller MPN ID (none for a provider not known yet). */
export function partnershipsByMpnId(
	resellers: Partner[],
	partnerships: Partnership[],
	providerId: string | undefined
): Map<string, Partnership[]> {
	return new Map(
		resellers.map((reseller) => [
			reseller.mpnId,
			partnerships.filter((p) => p.resellerId === reseller.id && p.providerId === providerId)
		])
	);
}

/** One subscription of the bulk reseller change list, with its customer's and offer's names. */
export interface BulkRow {
	subscription: Subscription;
	customerName: string;
	offerName: string;
}

/** What the bulk reseller change list needs from the screen's language. */
export interface BulkRowTexts {
	/** The name shown for a customer not on this device (translated). */
	unknownCustomer: string;
	/** The language the names are sorted in. */
	locale: string;
}

/** Every subscription with its customer's and offer's names, by customer, then offer. */
export function bulkRows(
	subscriptions: readonly Subscription[],
	customers: ReadonlyMap<string, Pick<Customer, 'companyName'>>,
	offers: ReadonlyMap<string, Pick<Offer, 'name'>>,
	texts: BulkRowTexts
): BulkRow[] {
	const rows = subscriptions.map((subscription) => ({
		subscription,
		customerName: customers.get(subscription.customerId)?.companyName ?? texts.unknownCustomer,
		offerName: offers.get(subscription.offerId)?.name ?? subscription.offerId
	}));
	const collator = new Intl.Collator(texts.locale, { sensitivity: 'base' });
	return rows.sort(
		(a, b) =>
			collator.compare(a.customerName, b.customerName) ||
			collator.compare(a.offerName, b.offerName) ||
			(a.subscription.id < b.subscription.id ? -1 : 1)
	);
}

/** Which entries the Activity list shows: of one record type or record, at most `limit`. */
export interface ActivityFilter {
	collection?: ActivityCollection;
	documentId?: string;
	limit?: number;
}

export function createReadModels(database: DatabaseSource) {
	const db$ = from(database());
	const json = <T>(docs: { toJSON(): unknown }[]) => docs.map((d) => d.toJSON() as T);

	/**
	 * One query shared by every screen that asks (the layout, then the page it renders): the page
	 * gets the record the layout already has at once, not after a query of its own.
	 */
	const ownOrganisationShared$ = db$.pipe(
		switchMap((db) => db.partners.findOne({ selector: { isOwnOrganisation: true } }).$),
		tap(() => mark('own-organisation')),
		map((doc) => (doc ? (doc.toJSON() as Partner) : undefined)),
		shareReplay({ bufferSize: 1, refCount: true })
	);

	function ownOrganisation$(): Observable<Partner | undefined> {
		return ownOrganisationShared$;
	}

	function resellers$(): Observable<Partner[]> {
		return db$.pipe(
			switchMap(
				(db) =>
					db.partners.find({
						selector: { kind: 'indirect-reseller' },
						sort: [{ nameLower: 'asc' }]
					}).$
			),
			map((docs) => json<Partner>(docs))
		);
	}

	function partnerships$(): Observable<Partnership[]> {
		return db$.pipe(
			switchMap((db) => db.partnerships.find({ sort: [{ requestedAt: 'asc' }] }).$),
			map((docs) => json<Partnership>(docs))
		);
	}

	/** Customer counts per reseller, counted on the index. */
	function customerCounts$(resellers: Partner[]): Observable<Map<string, number>> {
		if (resellers.length === 0) return of(new Map());
		return db$.pipe(
			switchMap((db) =>
				combineLatest(
					resellers.map((r) => db.customers.count({ selector: { resellerId: r.id } }).$)
				)
			),
			map((counts) => new Map(resellers.map((r, index) => [r.id, counts[index]])))
		);
	}

	/** Each reseller with its latest (or active) partnership and its customer count. */
	function rowsOf(
		resellers$: Observable<Partner[]>,
		partnerships: (resellers: Partner[]) => Observable<Partnership[]>
	): Observable<ResellerRow[]> {
		return resellers$.pipe(
			switchMap((resellers) =>
				combineLatest([customerCounts$(resellers), partnerships(resellers)]).pipe(
					map(([counts, partnerships]) =>
						resellers.map((reseller): ResellerRow => {
							// The active partnership, else the latest (an indirect reseller's own row has one
							// partnership per provider; a provider's reseller has at most one active one).
							const partnership =
								activePartnershipOf(partnerships, reseller.id) ??
								latestPartnershipOf(partnerships, reseller.id);
							return {
								reseller,
								partnership,
								status: partnership?.status ?? 'none',
								customerCount: counts.get(reseller.id) ?? 0
							};
						})
					)
				)
			)
		);
	}

	function resellerRows$(): Observable<ResellerRow[]> {
		const partnerships = partnerships$();
		return rowsOf(resellers$(), () => partnerships);
	}

	/**
	 * The Indirect resellers list: the first `firstRows` resellers by name (along the
	 * `[kind+nameLower]` index) with their partnerships and customer counts, then, once painted,
	 * every reseller (live).
	 */
	function resellerList$(firstRows = FIRST_SCREEN_ROWS): Observable<ListSlice<ResellerRow>> {
		const first$ = db$.pipe(
			switchMap((db) =>
				db.partners
					.find({
						selector: { kind: 'indirect-reseller' },
						sort: [{ nameLower: 'asc' }],
						limit: firstRows
					})
					.exec()
			),
			map((docs) => json<Partner>(docs))
		);
		const partnershipsOf = (resellers: Partner[]) =>
			db$.pipe(
				switchMap((db) =>
					db.partnerships
						.find({
							selector: { resellerId: { $in: resellers.map((r) => r.id) } },
							sort: [{ requestedAt: 'asc' }]
						})
						.exec()
				),
				map((docs) => json<Partnership>(docs))
			);
		return firstScreenThenAll(rowsOf(first$, partnershipsOf), resellerRows$(), {
			rows: firstRows,
			exact: true
		});
	}

	/**
	 * The own organisation's partnerships with each reseller on the device, by the reseller's
	 * MPN ID: what a new partnership request to that MPN ID is checked against.
	 */
	function ownPartnershipsByMpnId$(): Observable<Map<string, Partnership[]>> {
		return combineLatest([ownOrganisation$(), resellers$(), partnerships$()]).pipe(
			map(([own, resellers, partnerships]) => partnershipsByMpnId(resellers, partnerships, own?.id))
		);
	}

	/**
	 * Every customer, sorted by name, kept in memory while the app runs and
	 * updated from the database's change stream. Filtering and searching this
	 * list takes about a millisecond at 10,000 customers, where an IndexedDB
	 * query with a name search takes 30–80 ms (see `npm run bench`).
	 */
	const customerDirectory = keptList(
		db$.pipe(
			switchMap((db) => db.customers.find({ sort: [{ nameLower: 'asc' }] }).$),
			map((docs) => json<Customer>(docs))
		)
	);
	const customerDirectory$ = customerDirectory.all$;

	function customers$(filter: { resellerId?: string; search?: string }): Observable<Customer[]> {
		const search = filter.search?.trim().toLowerCase() ?? '';
		const { resellerId } = filter;
		if (resellerId === undefined && !search) return customerDirectory$;
		return customerDirectory$.pipe(
			map((customers) =>
				customers.filter(
					(customer) =>
						(resellerId === undefined || customer.resellerId === resellerId) &&
						(!search || customer.nameLower.includes(search))
				)
			)
		);
	}

	/**
	 * The Customers list: while the directory above is not in memory yet, first the first screen
	 * of the filter (at most `firstRows` by name, from the `nameLower` or `[resellerId+nameLower]`
	 * index; for a search, the names that begin with it), then, once that is painted, the whole
	 * filtered directory. `complete` says the rows are all that match: always for the directory,
	 * and for a first screen without a search that found fewer than it asked for.
	 */
	function customerList$(
		filter: { resellerId?: string; search?: string },
		firstRows = FIRST_SCREEN_ROWS
	): Observable<ListSlice<Customer>> {
		const first$ = db$.pipe(
			tap(() => mark('first-screen-query-start')),
			switchMap((db) => db.customers.find(firstScreenQuery(filter, firstRows)).exec()),
			tap(() => mark('first-screen-query-end')),
			map((docs) => json<Customer>(docs))
		);
		return firstScreenThenAll(first$, customers$(filter), {
			rows: firstRows,
			exact: !filter.search?.trim(),
			allLoaded: customerDirectory.loaded
		});
	}

	function customer$(id: string): Observable<Customer | undefined> {
		return db$.pipe(
			switchMap((db) => db.customers.findOne(id).$),
			map((doc) => (doc ? (doc.toJSON() as Customer) : undefined))
		);
	}

	function subscriptionsOf$(customerId: string): Observable<Subscription[]> {
		return db$.pipe(
			switchMap((db) => db.subscriptions.find({ selector: { customerId } }).$),
			map((docs) => json<Subscription>(docs))
		);
	}

	function subscription$(id: string): Observable<Subscription | undefined> {
		return db$.pipe(
			switchMap((db) => db.subscriptions.findOne(id).$),
			map((doc) => (doc ? (doc.toJSON() as Subscription) : undefined))
		);
	}

	/** Every subscription on the device (the bulk reseller change list joins them, below). */
	function subscriptions$(): Observable<Subscription[]> {
		return db$.pipe(
			switchMap((db) => db.subscriptions.find().$),
			map((docs) => json<Subscription>(docs))
		);
	}

	/**
	 * The bulk reseller change list: every subscription joined with its customer (from the
	 * customer directory) and its offer, sorted by customer, then offer.
	 */
	function bulkResellerRows$(texts: BulkRowTexts): Observable<BulkRow[]> {
		return combineLatest([subscriptions$(), customerDirectory$, offers$()]).pipe(
			map(([subscriptions, customers, offers]) =>
				bulkRows(
					subscriptions,
					new Map(customers.map((c) => [c.id, c])),
					new Map(offers.map((o) => [o.id, o])),
					texts
				)
			)
		);
	}

	/** Every GDAP relationship, by name (the list sorts and filters them by the time of day). */
	function gdapRelationships$(): Observable<GdapRelationship[]> {
		return db$.pipe(
			switchMap((db) => db.gdap.find({ sort: [{ displayNameLower: 'asc' }] }).$),
			map((docs) => json<GdapRelationship>(docs))
		);
	}

	/**
	 * The customers of these ids (a GDAP list names them), read by primary key and live: not the
	 * whole customer directory. Ids of customers not on the device are left out.
	 */
	function customersByIds$(ids: readonly string[]): Observable<Map<string, Customer>> {
		const unique = [...new Set(ids)].sort();
		if (unique.length === 0) return of(new Map());
		return db$.pipe(
			switchMap((db) => db.customers.findByIds(unique).$),
			map((docs) => new Map([...docs].map(([id, doc]) => [id, doc.toJSON() as Customer])))
		);
	}

	/** Every GDAP relationship with the customers it names (for their names). */
	function gdapWithCustomers$(): Observable<{
		relationships: GdapRelationship[];
		customers: Map<string, Customer>;
	}> {
		return gdapRelationships$().pipe(
			switchMap((relationships) =>
				customersByIds$(relationships.map((r) => r.customerId)).pipe(
					map((customers) => ({ relationships, customers }))
				)
			)
		);
	}

	function gdapOf$(customerId: string): Observable<GdapRelationship[]> {
		return db$.pipe(
			switchMap(
				(db) => db.gdap.find({ selector: { customerId }, sort: [{ displayNameLower: 'asc' }] }).$
			),
			map((docs) => json<GdapRelationship>(docs))
		);
	}

	function gdapRelationship$(id: string): Observable<GdapRelationship | undefined> {
		return db$.pipe(
			switchMap((db) => db.gdap.findOne(id).$),
			map((doc) => (doc ? (doc.toJSON() as GdapRelationship) : undefined))
		);
	}

	function offers$(): Observable<Offer[]> {
		return db$.pipe(
			switchMap((db) => db.offers.find({ sort: [{ name: 'asc' }] }).$),
			map((docs) => json<Offer>(docs))
		);
	}

	function activityQuery(filter: ActivityFilter, limit: number): MangoQuery<Activity> {
		const selector: MangoQuerySelector<Activity> = {};
		if (filter.collection) selector.recordType = filter.collection;
		if (filter.documentId) selector.documentId = filter.documentId;
		return { selector, sort: [{ at: 'desc' }], limit };
	}

	function activity$(filter: ActivityFilter): Observable<Activity[]> {
		return db$.pipe(
			switchMap((db) => db.activity.find(activityQuery(filter, filter.limit ?? 500)).$),
			map((docs) => json<Activity>(docs))
		);
	}

	/**
	 * The Activity list: the newest `firstRows` entries of the filter (along the `at` or
	 * `[recordType+at]` index), then, once painted, the newest `limit` (live).
	 */
	function activityList$(
		filter: ActivityFilter,
		firstRows = FIRST_SCREEN_ROWS
	): Observable<ListSlice<Activity>> {
		const first$ = db$.pipe(
			switchMap((db) => db.activity.find(activityQuery(filter, firstRows)).exec()),
			map((docs) => json<Activity>(docs))
		);
		return firstScreenThenAll(first$, activity$(filter), { rows: firstRows, exact: true });
	}

	return {
		ownOrganisation$,
		resellers$,
		partnerships$,
		resellerRows$,
		resellerList$,
		ownPartnershipsByMpnId$,
		customers$,
		customerList$,
		customer$,
		subscriptionsOf$,
		subscription$,
		subscriptions$,
		bulkResellerRows$,
		gdapRelationships$,
		gdapWithCustomers$,
		customersByIds$,
		gdapOf$,
		gdapRelationship$,
		offers$,
		activity$,
		activityList$
	};
}
