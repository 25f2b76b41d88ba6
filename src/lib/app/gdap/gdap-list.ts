import type { Customer } from '$lib/domain/customer/schema';
import {
	GDAP_EXPIRING_DAYS,
	effectiveGdapStatus,
	gdapDaysLeft,
	gdapEndDate,
	gdapExpiringSoon,
	sortGdapByEndDate
} from '$lib/domain/gdap/rules';
import type { GdapRelationship, GdapStatus } from '$lib/domain/gdap/schema';
import { msg, t } from '$lib/i18n';

/** How each state is named in the UI (English; shown with t()). */
export const gdapStatusLabels: Record<GdapStatus, string> = {
	'approval-pending': msg('Approval pending'),
	active: msg('Active'),
	expiring: msg('Expiring'),
	expired: msg('Expired'),
	terminated: msg('Terminated')
};

export type SortDirection = 'asc' | 'desc';

/** One row of the GDAP relationships list, as shown at `now`. */
export interface GdapRow {
	relationship: GdapRelationship;
	customerName: string;
	status: GdapStatus;
	/**
	 * The end at `now` (with auto-extend, the next end; for a terminated one, the termination);
	 * undefined while approval is pending.
	 */
	endAt: string | undefined;
	daysLeft: number | undefined;
}

export function gdapRow(
	relationship: GdapRelationship,
	customerName: string,
	now: string
): GdapRow {
	return {
		relationship,
		customerName,
		status: effectiveGdapStatus(relationship, now),
		endAt: gdapEndDate(relationship, now),
		daysLeft: gdapDaysLeft(relationship, now)
	};
}

/**
 * The list's rows at `now`: only `status` when given, sorted by end date (those waiting for
 * approval last in either direction).
 */
export function gdapRows(
	relationships: readonly GdapRelationship[],
	customers: ReadonlyMap<string, Pick<Customer, 'companyName'>>,
	now: string,
	options: { status?: GdapStatus; direction?: SortDirection } = {}
): GdapRow[] {
	const name = (rel: GdapRelationship) =>
		customers.get(rel.customerId)?.companyName ?? t('Customer not on this device');
	return sortGdapByEndDate(relationships, now, options.direction ?? 'asc')
		.map((rel) => gdapRow(rel, name(rel), now))
		.filter((row) => options.status === undefined || row.status === options.status);
}

/** The relationships that end within 30 days without auto-extending, soonest first. */
export function expiryWarnings(
	relationships: readonly GdapRelationship[],
	customers: ReadonlyMap<string, Pick<Customer, 'companyName'>>,
	now: string
): GdapRow[] {
	return gdapExpiringSoon(relationships, now, GDAP_EXPIRING_DAYS).map((rel) =>
		gdapRow(
			rel,
			customers.get(rel.customerId)?.companyName ?? t('Customer not on this device'),
			now
		)
	);
}

/**
 * The time a view shows its relationships at: the clock, or the latest change among them when
 * that is later (the page's clock ticks once a minute, so a relationship approved just now
 * counts its days from the approval, not from the last tick).
 */
export function viewTime(
	now: string,
	relationships: readonly Pick<GdapRelationship, 'updatedAt'>[]
): string {
	let latest = now;
	for (const rel of relationships) if (rel.updatedAt > latest) latest = rel.updatedAt;
	return latest;
}

/**
 * "20 days left", "1 day left", "Ended", or '—' when there is no end yet, in the active
 * language.
 */
export function daysLeftText(row: Pick<GdapRow, 'status' | 'daysLeft'>): string {
	if (row.status === 'expired') return t('Ended');
	if (row.daysLeft === undefined) return '—';
	return t('{{count}} days left', { count: row.daysLeft });
}

/** The value of `aria-sort` on the end date column. */
export function ariaSort(direction: SortDirection): 'ascending' | 'descending' {
	return direction === 'asc' ? 'ascending' : 'descending';
}
