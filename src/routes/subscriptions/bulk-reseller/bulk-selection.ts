import type { BulkRow } from '$lib/services/read-models';

export type { BulkRow };

export interface BulkFilter {
	/** `undefined`: every subscription; '': those credited to no reseller; else a reseller id. */
	resellerId?: string;
	/** Words of the customer's name. */
	search?: string;
}

/** The rows a filter shows (the credited Reseller (MPN ID) and a customer name search). */
export function filterBulkRows(rows: readonly BulkRow[], filter: BulkFilter): BulkRow[] {
	const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	return rows.filter(
		(row) =>
			(filter.resellerId === undefined || row.subscription.resellerId === filter.resellerId) &&
			words.every((word) => row.customerName.toLowerCase().includes(word))
	);
}

/** The selected ids in the list's order (ids no longer on the device are left out). */
export function selectedInOrder(rows: readonly BulkRow[], selected: ReadonlySet<string>): string[] {
	return rows.filter((row) => selected.has(row.subscription.id)).map((row) => row.subscription.id);
}

const DRAFT_KEY = 'csp-field:draft:bulk-reseller-change';

export interface BulkDraft {
	selected: string[];
	resellerId: string;
}

/** The selection and the chosen reseller, kept across a reload (as form drafts are). */
export function readBulkDraft(storage: Pick<Storage, 'getItem'> = localStorage): BulkDraft {
	try {
		const raw = JSON.parse(storage.getItem(DRAFT_KEY) ?? 'null') as Partial<BulkDraft> | null;
		return {
			selected: Array.isArray(raw?.selected)
				? raw.selected.filter((id): id is string => typeof id === 'string')
				: [],
			resellerId: typeof raw?.resellerId === 'string' ? raw.resellerId : ''
		};
	} catch {
		return { selected: [], resellerId: '' };
	}
}

export function writeBulkDraft(
	draft: BulkDraft,
	storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage
): void {
	try {
		if (draft.selected.length === 0 && draft.resellerId === '') storage.removeItem(DRAFT_KEY);
		else storage.setItem(DRAFT_KEY, JSON.stringify(draft));
	} catch {
		// Storage full: the page still holds the selection.
	}
}
