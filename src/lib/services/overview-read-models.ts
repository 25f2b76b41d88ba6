import { combineLatest, from, map, of, switchMap, timer, type Observable } from 'rxjs';
import type { FieldDatabase } from '$lib/db/collections';
import {
	customersByAdminAccess,
	customersPerReseller,
	gdapOverview,
	invitationsByStateAndAge,
	licencesPerOffer,
	partnershipsByState,
	resellerLicencesPerOffer,
	type CountRow,
	type GdapOverview,
	type InvitationMatrix,
	type LicencesPerOffer
} from '$lib/domain/overview/aggregate';

/**
 * The live read model of the Overview: one observable per chart, each emitting again whenever
 * the documents it counts change (in this tab, another tab, or through replication). The
 * figures come from the pure functions in `$lib/domain/overview`, fed with RxDB documents as
 * they are (no copies of 10,000 customers per change).
 */
type DatabaseSource = () => Promise<FieldDatabase>;

/** How often the overview looks at the clock besides data changes: ages and days left move on. */
export const OVERVIEW_CLOCK_MS = 60_000;

export interface OverviewReadModelOptions {
	/** The current time (ISO); the system clock by default. */
	now?: () => string;
	/** When to look at the clock again although no data changed: every minute by default. */
	tick$?: Observable<unknown>;
}

export function createOverviewReadModels(
	database: DatabaseSource,
	options: OverviewReadModelOptions = {}
) {
	const db$ = from(database());
	const now = options.now ?? (() => new Date().toISOString());
	const tick$ = options.tick$ ?? timer(0, OVERVIEW_CLOCK_MS);

	// The same queries as the Customers page and the Indirect resellers list use, so RxDB's
	// query cache shares their results.
	const customers$ = db$.pipe(
		switchMap((db) => db.customers.find({ sort: [{ nameLower: 'asc' }] }).$)
	);
	const resellers$ = db$.pipe(
		switchMap(
			(db) =>
				db.partners.find({ selector: { kind: 'indirect-reseller' }, sort: [{ nameLower: 'asc' }] })
					.$
		)
	);
	const partnerships$ = db$.pipe(
		switchMap((db) => db.partnerships.find({ sort: [{ requestedAt: 'asc' }] }).$)
	);
	const activeSubscriptions$ = db$.pipe(
		switchMap((db) => db.subscriptions.find({ selector: { status: 'active' } }).$)
	);
	const offers$ = db$.pipe(switchMap((db) => db.offers.find().$));
	const relationships$ = db$.pipe(switchMap((db) => db.gdap.find().$));

	/** Customers per indirect reseller (and direct customers), largest first. */
	function customersPerReseller$(): Observable<CountRow[]> {
		return combineLatest([customers$, resellers$, partnerships$]).pipe(
			map(([customers, resellers, partnerships]) =>
				customersPerReseller({ customers, resellers, partnerships })
			)
		);
	}

	/** Licences of active subscriptions per offer; usage-based offers in subscriptions. */
	function licencesPerOffer$(): Observable<LicencesPerOffer> {
		return combineLatest([activeSubscriptions$, offers$]).pipe(
			map(([subscriptions, offers]) => licencesPerOffer(subscriptions, offers))
		);
	}

	/** Invitations by state and age at the current time. */
	function invitationsByStateAndAge$(): Observable<InvitationMatrix> {
		return combineLatest([db$.pipe(switchMap((db) => db.invitations.find().$)), tick$]).pipe(
			map(([invitations]) => invitationsByStateAndAge(invitations, now()))
		);
	}

	/** Partnerships by the state of the latest one with each partner. */
	function partnershipsByState$(): Observable<CountRow[]> {
		return partnerships$.pipe(map((partnerships) => partnershipsByState(partnerships)));
	}

	/** GDAP relationships by state, and the ones that end within 30 days. */
	function gdap$(): Observable<GdapOverview> {
		// The names of these relationships' customers only, not every customer; the clock ticks
		// after the lookup, so a tick does not query the customers again.
		const withCustomers$ = relationships$.pipe(
			switchMap((relationships) => {
				const ids = [...new Set(relationships.map((r) => r.customerId))];
				return db$.pipe(
					switchMap((db) => (ids.length === 0 ? of(new Map()) : db.customers.findByIds(ids).$)),
					map((found) => ({ relationships, customers: [...found.values()] }))
				);
			})
		);
		return combineLatest([withCustomers$, tick$]).pipe(
			map(([{ relationships, customers }]) => gdapOverview(relationships, customers, now()))
		);
	}

	/** An indirect reseller's customers by the admin access it has (DAP, else GDAP, else none). */
	function customersByAdminAccess$(resellerId: string): Observable<CountRow[]> {
		return combineLatest([customers$, relationships$, tick$]).pipe(
			map(([customers, relationships]) =>
				customersByAdminAccess(customers, relationships, resellerId, now())
			)
		);
	}

	/** Licences per offer of an indirect reseller's customers (active reseller relationship). */
	function resellerLicencesPerOffer$(resellerId: string): Observable<LicencesPerOffer> {
		return combineLatest([activeSubscriptions$, offers$, customers$]).pipe(
			map(([subscriptions, offers, customers]) =>
				resellerLicencesPerOffer(subscriptions, offers, customers, resellerId)
			)
		);
	}

	return {
		customersByAdminAccess$,
		resellerLicencesPerOffer$,
		customersPerReseller$,
		licencesPerOffer$,
		invitationsByStateAndAge$,
		partnershipsByState$,
		gdap$
	};
}
