import { describe, expect, it } from 'vitest';
import type { Partner } from '$lib/domain/partner/schema';
import type { PartnershipStatus } from '$lib/domain/partnership/schema';
import type { ResellerRow } from '$lib/services/read-models';
import { filterResellerRows, isStatusFilter } from './reseller-filter';

function row(name: string, mpnId: string, status: PartnershipStatus): ResellerRow {
	return {
		reseller: { id: `id-${mpnId}`, name, mpnId } as Partner,
		partnership: undefined,
		status,
		customerCount: 0
	};
}

const rows = [
	row('Budapest Cloud Partners Kft.', '6123450', 'active'),
	row('Alpine Systemhaus', '6456783', 'requested'),
	row('Danube Managed Services', '6567894', 'removed')
];
const names = (result: ResellerRow[]) => result.map((r) => r.reseller.name);

describe('filterResellerRows', () => {
	it('shows requested and active partners by default, not removed ones', () => {
		expect(names(filterResellerRows(rows, { search: '', status: 'current' }))).toEqual([
			'Budapest Cloud Partners Kft.',
			'Alpine Systemhaus'
		]);
	});

	it('shows removed partners only when asked for, and everything with All', () => {
		expect(names(filterResellerRows(rows, { search: '', status: 'removed' }))).toEqual([
			'Danube Managed Services'
		]);
		expect(filterResellerRows(rows, { search: '', status: 'all' })).toHaveLength(3);
		expect(names(filterResellerRows(rows, { search: '', status: 'requested' }))).toEqual([
			'Alpine Systemhaus'
		]);
	});

	it('searches by any part of the name, whatever the case', () => {
		expect(names(filterResellerRows(rows, { search: '  cloud ', status: 'all' }))).toEqual([
			'Budapest Cloud Partners Kft.'
		]);
	});

	it('searches by MPN ID digits', () => {
		expect(names(filterResellerRows(rows, { search: '6456', status: 'all' }))).toEqual([
			'Alpine Systemhaus'
		]);
		expect(filterResellerRows(rows, { search: '999', status: 'all' })).toEqual([]);
	});

	it('recognises the filter values of the status select', () => {
		expect(isStatusFilter('removed')).toBe(true);
		expect(isStatusFilter('deleted')).toBe(false);
		expect(isStatusFilter(null)).toBe(false);
	});
});
