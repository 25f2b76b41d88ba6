import type { ResellerRow } from '$lib/services/read-models';
import { msg } from '$lib/i18n';

/** What the status filter of the Indirect resellers page can show (labels in English: t()). */
export type StatusFilter = 'current' | 'requested' | 'active' | 'removed' | 'all';

export const statusFilterOptions: { value: StatusFilter; label: string }[] = [
	{ value: 'current', label: msg('Current partners (requested and active)') },
	{ value: 'requested', label: msg('Requested') },
	{ value: 'active', label: msg('Active') },
	{ value: 'removed', label: msg('Removed') },
	{ value: 'all', label: msg('All') }
];

export function isStatusFilter(value: string | null): value is StatusFilter {
	return statusFilterOptions.some((option) => option.value === value);
}

function matchesStatus(row: ResellerRow, status: StatusFilter): boolean {
	switch (status) {
		case 'current':
			return row.status === 'requested' || row.status === 'active';
		case 'all':
			return true;
		default:
			return row.status === status;
	}
}

function matchesSearch(row: ResellerRow, search: string): boolean {
	if (search === '') return true;
	const digits = search.replace(/\s+/g, '');
	return (
		row.reseller.name.toLocaleLowerCase().includes(search) ||
		(/^[0-9]+$/.test(digits) && row.reseller.mpnId.includes(digits))
	);
}

/**
 * The rows the page shows: a removed partnership leaves the default "current partners" view, so
 * a removed reseller disappears from the list unless Removed or All is chosen. The search matches
 * the reseller's name (any part, any case) or its MPN ID.
 */
export function filterResellerRows(
	rows: ResellerRow[],
	filter: { search: string; status: StatusFilter }
): ResellerRow[] {
	const search = filter.search.trim().toLocaleLowerCase();
	return rows.filter((row) => matchesStatus(row, filter.status) && matchesSearch(row, search));
}
