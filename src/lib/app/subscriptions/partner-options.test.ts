import { describe, expect, it } from 'vitest';
import type { Partner } from '$lib/domain/partner/schema';
import type { ResellerRow } from '$lib/services/read-models';
import { resellerOptions, supportContactOptions } from './partner-options';

const partner = (id: string, name: string, mpnId = '') => ({ id, name, mpnId }) as Partner;
const row = (reseller: Partner, status: ResellerRow['status']) =>
	({ reseller, status, partnership: undefined, customerCount: 0 }) as ResellerRow;

describe('supportContactOptions', () => {
	it('offers the provider itself and the active resellers', () => {
		const provider = partner('p', 'Contoso');
		const rows = [
			row(partner('a', 'Active', '1'), 'active'),
			row(partner('b', 'Removed', '2'), 'removed')
		];
		expect(supportContactOptions(provider, rows)).toEqual([
			{ value: 'p', label: 'Contoso (you)' },
			{ value: 'a', label: 'Active (1)' }
		]);
	});

	it('lists an indirect reseller once, as you', () => {
		const own = partner('own', 'Budapest Cloud Partners Kft.', '6123450');
		expect(supportContactOptions(own, [row(own, 'active')])).toEqual([
			{ value: 'own', label: 'Budapest Cloud Partners Kft. (you)' }
		]);
		expect(resellerOptions([row(own, 'active')])).toEqual([
			{ value: '', label: 'None' },
			{ value: 'own', label: 'Budapest Cloud Partners Kft. (6123450)' }
		]);
	});
});
