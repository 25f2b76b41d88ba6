import type { Customer } from '../customer/schema';
import { effectiveEndAt, gdapDaysLeft, effectiveGdapStatus, gdapExpiringSoon } from '../gdap/rules';
import { gdapStatuses, type GdapRelationship, type GdapStatus } from '../gdap/schema';
import {
	effectiveInvitationStatus,
	invitationAgeGroup,
	invitationAgeGroups,
	type InvitationAgeGroup
} from '../invitation/rules';
import { invitationStatuses, type Invitation, type InvitationStatus } from '../invitation/schema';
import type { Offer } from '../offer/schema';
import type { Partner } from '../partner/schema';
import type { Partnership, PartnershipStatus } from '../partnership/schema';
import { parseIsoTimestamp } from '../shared/dates';
import type { Subscription } from '../subscription/schema';
import { isOnResellerCustomersList } from '../reseller-relationship/removal';

/*
 * The overview's figures: pure functions of the documents (and of `now` where an age or an end
 * date matters). They take the fields they read only, so the read model can hand them RxDB
 * documents as they are. Every result is sorted so that every device shows the same order.
 */

/** One bar of a chart: what it counts (`key`), its text (`label`) and the number. */
export interface CountRow {
	key: string;
	label: string;
	value: number;
}

/** Largest value first, then by label (case-insensitively) and key. Returns a new array. */
export function sortByValue<T extends CountRow>(rows: readonly T[]): T[] {
	return [...rows].sort(
		(a, b) =>
			b.value - a.value ||
			a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) ||
			(a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
	);
}

export interface TopRows {
	/** The first rows, as they are. */
	top: CountRow[];
	/** How many rows are left out, and their values added up. */
	rest: { count: number; value: number };
}

/**
 * The first `limit` rows for a chart that stays readable, and what the rest add up to (said in
 * words under the chart, not drawn as a bar that would dwarf the others); the table shows every
 * row.
 */
export function splitTop(rows: readonly CountRow[], limit: number): TopRows {
	if (limit < 1) throw new RangeError('limit must be at least 1');
	const rest = rows.slice(limit);
	return {
		top: rows.slice(0, limit),
		rest: { count: rest.length, value: rest.reduce((sum, row) => sum + row.value, 0) }
	};
}

/** Label of the customers that no indirect reseller manages (as on the Customers page). */
export const DIRECT_LABEL = 'Direct';
export const UNKNOWN_RESELLER_LABEL = 'Unknown reseller';

/** The partnership with each partner pair that was requested last (then the greatest id). */
export function latestPartnerships<
	T extends Pick<Partnership, 'id' | 'providerId' | 'resellerId' | 'requestedAt'>
>(partnerships: readonly T[]): T[] {
	const latest = new Map<string, T>();
	for (const p of partnerships) {
		const pair = `${p.providerId}\u0000${p.resellerId}`;
		const seen = latest.get(pair);
		if (
			!seen ||
			p.requestedAt > seen.requestedAt ||
			(p.requestedAt === seen.requestedAt && p.id > seen.id)
		) {
			latest.set(pair, p);
		}
	}
	return [...latest.values()];
}

/**
 * Customers per indirect reseller, as the Customers page filters them (`key` is the reseller id
 * for `/customers?reseller=<key>`, '' for direct customers). A reseller with an active
 * partnership is listed with 0 customers too; other resellers only when they have customers.
 */
export function customersPerReseller(input: {
	customers: readonly Pick<Customer, 'resellerId'>[];
	resellers: readonly Pick<Partner, 'id' | 'name'>[];
	partnerships: readonly Pick<
		Partnership,
		'id' | 'providerId' | 'resellerId' | 'requestedAt' | 'status'
	>[];
}): CountRow[] {
	const counts = new Map<string, number>();
	for (const customer of input.customers) {
		counts.set(customer.resellerId, (counts.get(customer.resellerId) ?? 0) + 1);
	}
	for (const p of latestPartnerships(input.partnerships)) {
		if (p.status === 'active' && !counts.has(p.resellerId)) counts.set(p.resellerId, 0);
	}
	const names = new Map(input.resellers.map((r) => [r.id, r.name]));
	const rows = [...counts].map(([key, value]) => ({
		key,
		label: key === '' ? DIRECT_LABEL : (names.get(key) ?? UNKNOWN_RESELLER_LABEL),
		value
	}));
	return sortByValue(rows);
}

export interface LicencesPerOffer {
	/** Licences (the sum of quantities) of active subscriptions, per licence-based offer. */
	licences: CountRow[];
	/** Active subscriptions per usage-based offer (Azure plan): they have no licences to count. */
	usageBased: CountRow[];
}

const unknownOfferLabel = (id: string) => `Unknown offer (${id})`;

/**
 * Licences per offer: the quantities of the active subscriptions (not suspended, not
 * cancelled) added up per offer, largest first; offers without any are left out. Usage-based
 * offers are counted apart, in subscriptions. An offer missing from the catalog counts as
 * licence-based, labelled with its id.
 */
export function licencesPerOffer(
	subscriptions: readonly Pick<Subscription, 'offerId' | 'quantity' | 'status'>[],
	offers: readonly Pick<Offer, 'id' | 'name' | 'unitType'>[]
): LicencesPerOffer {
	const catalog = new Map(offers.map((o) => [o.id, o]));
	const licences = new Map<string, number>();
	const usage = new Map<string, number>();
	for (const s of subscriptions) {
		if (s.status !== 'active') continue;
		if (catalog.get(s.offerId)?.unitType === 'usage-based') {
			usage.set(s.offerId, (usage.get(s.offerId) ?? 0) + 1);
		} else {
			licences.set(s.offerId, (licences.get(s.offerId) ?? 0) + s.quantity);
		}
	}
	const rows = (counts: Map<string, number>) =>
		sortByValue(
			[...counts]
				.filter(([, value]) => value > 0)
				.map(([key, value]) => ({
					key,
					label: catalog.get(key)?.name ?? unknownOfferLabel(key),
					value
				}))
		);
	return { licences: rows(licences), usageBased: rows(usage) };
}

export interface InvitationMatrix {
	/** The age groups, youngest first (every group, also when empty). */
	groups: readonly InvitationAgeGroup[];
	/** The states, in their order (every state, also when empty). */
	states: readonly InvitationStatus[];
	/** How many invitations of each age group are in each state. */
	counts: Record<InvitationAgeGroup, Record<InvitationStatus, number>>;
	byGroup: Record<InvitationAgeGroup, number>;
	byState: Record<InvitationStatus, number>;
	total: number;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
	return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * Invitations by state (at `now`: a sent invitation is expired 90 days after sending) and by age
 * (days since sending). An invitation whose sending time cannot be read counts as expired and in
 * the oldest group; one sent "in the future" (another device's clock) as sent today.
 */
export function invitationsByStateAndAge(
	invitations: readonly Pick<Invitation, 'status' | 'sentAt'>[],
	now: string
): InvitationMatrix {
	const counts = Object.fromEntries(
		invitationAgeGroups.map((group) => [group, zeros(invitationStatuses)])
	) as Record<InvitationAgeGroup, Record<InvitationStatus, number>>;
	const byGroup = zeros(invitationAgeGroups);
	const byState = zeros(invitationStatuses);
	const oldest = invitationAgeGroups[invitationAgeGroups.length - 1];
	for (const inv of invitations) {
		const state = effectiveInvitationStatus(inv, now);
		const group = Number.isNaN(parseIsoTimestamp(inv.sentAt))
			? oldest
			: invitationAgeGroup(inv, now);
		counts[group][state] += 1;
		byGroup[group] += 1;
		byState[state] += 1;
	}
	return {
		groups: invitationAgeGroups,
		states: invitationStatuses,
		counts,
		byGroup,
		byState,
		total: invitations.length
	};
}

/** Names of the partnership states (as the Indirect resellers list shows them). */
export const partnershipStatusLabels: Record<PartnershipStatus, string> = {
	active: 'Active',
	requested: 'Requested',
	removed: 'Removed'
};

const partnershipOrder: readonly PartnershipStatus[] = ['active', 'requested', 'removed'];

/**
 * Partnerships by state: for each pair of partners, the state of the partnership requested last
 * (a reseller asked again after a removal counts once, as requested). Every state is listed, in
 * the order active, requested, removed.
 */
export function partnershipsByState(
	partnerships: readonly Pick<
		Partnership,
		'id' | 'providerId' | 'resellerId' | 'requestedAt' | 'status'
	>[]
): CountRow[] {
	const counts = zeros(partnershipOrder);
	for (const p of latestPartnerships(partnerships)) counts[p.status] += 1;
	return partnershipOrder.map((status) => ({
		key: status,
		label: partnershipStatusLabels[status],
		value: counts[status]
	}));
}

export interface GdapExpiringRow {
	id: string;
	displayName: string;
	customerId: string;
	customerName: string;
	/** The end at `now` (with the extensions that already happened). */
	endAt: string;
	/** Days left, a started day counting as a whole one. */
	daysLeft: number;
}

export interface GdapOverview {
	total: number;
	/** How many relationships are in each state at `now` (every state, also when 0). */
	byStatus: Record<GdapStatus, number>;
	/** The relationships that end within the next `withinDays` days, soonest first. */
	expiringSoon: GdapExpiringRow[];
}

type GdapFields = Pick<
	GdapRelationship,
	'id' | 'customerId' | 'displayName' | 'displayNameLower' | 'status' | 'endAt' | 'autoExtend'
>;

/**
 * GDAP relationships at `now`: how many in each state, and the ones that end within `withinDays`
 * days (30 by default: the expiring ones) without auto-extending, soonest first, with the
 * customer's name (or its id when the customer is not on this device).
 */
export function gdapOverview(
	relationships: readonly GdapFields[],
	customers: readonly Pick<Customer, 'id' | 'companyName'>[],
	now: string,
	withinDays?: number
): GdapOverview {
	const byStatus = zeros(gdapStatuses);
	for (const rel of relationships) byStatus[effectiveGdapStatus(rel, now)] += 1;
	const names = new Map(customers.map((c) => [c.id, c.companyName]));
	const expiringSoon = gdapExpiringSoon(relationships, now, withinDays).map((rel) => ({
		id: rel.id,
		displayName: rel.displayName,
		customerId: rel.customerId,
		customerName: names.get(rel.customerId) ?? rel.customerId,
		endAt: effectiveEndAt(rel, now) as string,
		daysLeft: gdapDaysLeft(rel, now) as number
	}));
	return { total: relationships.length, byStatus, expiringSoon };
}

/*
 * The indirect reseller's overview. A reseller's customers are the ones with an active reseller
 * relationship with it (as its Customers page lists them); its licences are those of these
 * customers' subscriptions.
 */

/** The reseller's customers: managed by it, with an active reseller relationship. */
export function resellerCustomers<T extends Pick<Customer, 'resellerId' | 'resellerRelationship'>>(
	customers: readonly T[],
	resellerId: string
): T[] {
	return customers.filter((c) => isOnResellerCustomersList(c, resellerId));
}

/**
 * Licences per offer of the reseller's customers: `licencesPerOffer` of the subscriptions whose
 * customer is one of them (a customer whose relationship was removed no longer counts).
 */
export function resellerLicencesPerOffer(
	subscriptions: readonly Pick<Subscription, 'customerId' | 'offerId' | 'quantity' | 'status'>[],
	offers: readonly Pick<Offer, 'id' | 'name' | 'unitType'>[],
	customers: readonly Pick<Customer, 'id' | 'resellerId' | 'resellerRelationship'>[],
	resellerId: string
): LicencesPerOffer {
	const own = new Set(resellerCustomers(customers, resellerId).map((c) => c.id));
	return licencesPerOffer(
		subscriptions.filter((s) => own.has(s.customerId)),
		offers
	);
}

/** How a reseller can administer a customer, best first. */
export const adminAccessKinds = ['delegated-admin', 'gdap-only', 'none'] as const;
export type AdminAccess = (typeof adminAccessKinds)[number];

/** Names of the kinds of admin access, as the overview shows them. */
export const adminAccessLabels: Record<AdminAccess, string> = {
	'delegated-admin': 'Delegated admin privileges',
	'gdap-only': 'GDAP relationship only',
	none: 'No admin privileges'
};

/**
 * The reseller's customers by the admin access it has at `now`: delegated admin privileges;
 * else an active (or expiring) GDAP relationship; else none — customers it must support
 * without being able to sign in to their tenant. Every kind is listed, in that order.
 */
export function customersByAdminAccess(
	customers: readonly Pick<
		Customer,
		'id' | 'resellerId' | 'resellerRelationship' | 'delegatedAdminPrivileges'
	>[],
	relationships: readonly Pick<
		GdapRelationship,
		'customerId' | 'status' | 'endAt' | 'autoExtend'
	>[],
	resellerId: string,
	now: string
): CountRow[] {
	const withGdap = new Set(
		relationships
			.filter((rel) => ['active', 'expiring'].includes(effectiveGdapStatus(rel, now)))
			.map((rel) => rel.customerId)
	);
	const counts = zeros(adminAccessKinds);
	for (const c of resellerCustomers(customers, resellerId)) {
		counts[
			c.delegatedAdminPrivileges ? 'delegated-admin' : withGdap.has(c.id) ? 'gdap-only' : 'none'
		] += 1;
	}
	return adminAccessKinds.map((kind) => ({
		key: kind,
		label: adminAccessLabels[kind],
		value: counts[kind]
	}));
}
