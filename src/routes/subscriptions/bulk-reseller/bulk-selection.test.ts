import { describe, expect, it } from 'vitest';
import { offerCatalog } from '$lib/domain/offer/catalog';
import { buildDemoData } from '$lib/services/demo-data';
import { bulkRows } from '$lib/services/read-models';
import { filterBulkRows, readBulkDraft, selectedInOrder, writeBulkDraft } from './bulk-selection';

const data = buildDemoData(
	{ userId: 'u', name: 'User', deviceId: 'd' },
	'2026-11-21T10:00:00.000Z'
);
const customers = new Map(data.customers.map((c) => [c.id, c]));
const offers = new Map(offerCatalog.map((o) => [o.id, o]));
const rows = bulkRows(data.subscriptions, customers, offers, {
	unknownCustomer: 'Unknown customer',
	locale: 'en'
});

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key),
		items
	};
}

describe('bulkRows', () => {
	it('names each subscription by customer and offer, sorted by customer then offer', () => {
		expect(rows).toHaveLength(data.subscriptions.length);
		const keys = rows.map((row) => row.customerName);
		expect(keys).toEqual([...keys].sort(new Intl.Collator('en', { sensitivity: 'base' }).compare));
		expect(rows.every((row) => offers.has(row.subscription.offerId))).toBe(true);
		expect(rows.every((row) => row.offerName === offers.get(row.subscription.offerId)?.name)).toBe(
			true
		);
	});
});

describe('filterBulkRows', () => {
	it('filters by the credited reseller, by direct subscriptions and by customer name', () => {
		const budapest = filterBulkRows(rows, { resellerId: 'demo-reseller-1' });
		expect(budapest.length).toBeGreaterThan(0);
		expect(budapest.every((row) => row.subscription.resellerId === 'demo-reseller-1')).toBe(true);
		const direct = filterBulkRows(rows, { resellerId: '' });
		expect(direct.length).toBeGreaterThan(0);
		expect(direct.every((row) => row.subscription.resellerId === '')).toBe(true);
		const found = filterBulkRows(rows, { search: '  KFT   kovács ' });
		expect(found.map((row) => row.customerName)).toEqual(found.map(() => 'Kovács és Társa Kft.'));
		expect(found.length).toBeGreaterThan(0);
		expect(filterBulkRows(rows, {})).toHaveLength(rows.length);
	});
});

describe('selectedInOrder', () => {
	it("gives the selected ids in the list's order, without unknown ids", () => {
		const ids = rows.map((row) => row.subscription.id);
		const selected = new Set([ids[5], 'gone', ids[1]]);
		expect(selectedInOrder(rows, selected)).toEqual([ids[1], ids[5]]);
	});
});

describe('bulk draft', () => {
	it('keeps the selection and the reseller, and forgets an empty draft', () => {
		const storage = memoryStorage();
		expect(readBulkDraft(storage)).toEqual({ selected: [], resellerId: '' });
		writeBulkDraft({ selected: ['a', 'b'], resellerId: 'demo-reseller-2' }, storage);
		expect(readBulkDraft(storage)).toEqual({ selected: ['a', 'b'], resellerId: 'demo-reseller-2' });
		writeBulkDraft({ selected: [], resellerId: '' }, storage);
		expect(storage.items.size).toBe(0);
	});

	it('reads a damaged draft as empty', () => {
		const storage = memoryStorage();
		storage.setItem('csp-field:draft:bulk-reseller-change', '{not json');
		expect(readBulkDraft(storage)).toEqual({ selected: [], resellerId: '' });
		storage.setItem(
			'csp-field:draft:bulk-reseller-change',
			JSON.stringify({ selected: ['a', 3], resellerId: 7 })
		);
		expect(readBulkDraft(storage)).toEqual({ selected: ['a'], resellerId: '' });
	});
});
