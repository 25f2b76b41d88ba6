import { describe, expect, it } from 'vitest';
import type { Offer } from '../offer/schema';
import { licencesPerOffer } from './licences';

const offers = new Map<string, Pick<Offer, 'id' | 'name' | 'unitType'>>([
	['e3', { id: 'e3', name: 'Microsoft 365 E3', unitType: 'licences' }],
	['basic', { id: 'basic', name: 'Microsoft 365 Business Basic', unitType: 'licences' }],
	['azure', { id: 'azure', name: 'Azure plan', unitType: 'usage-based' }]
]);

describe('licencesPerOffer', () => {
	it('adds up the quantities per offer, sorted by offer name', () => {
		expect(
			licencesPerOffer(
				[
					{ offerId: 'e3', quantity: 10, status: 'active' },
					{ offerId: 'basic', quantity: 5, status: 'active' },
					{ offerId: 'e3', quantity: 3, status: 'suspended' }
				],
				offers
			)
		).toEqual([
			{
				offerId: 'basic',
				offerName: 'Microsoft 365 Business Basic',
				licences: 5,
				suspended: 0,
				subscriptions: 1
			},
			{ offerId: 'e3', offerName: 'Microsoft 365 E3', licences: 13, suspended: 3, subscriptions: 2 }
		]);
	});

	it('leaves out cancelled subscriptions and usage-based offers', () => {
		expect(
			licencesPerOffer(
				[
					{ offerId: 'e3', quantity: 10, status: 'cancelled' },
					{ offerId: 'azure', quantity: 1, status: 'active' }
				],
				offers
			)
		).toEqual([]);
	});

	it('names an offer missing from the catalog', () => {
		expect(licencesPerOffer([{ offerId: 'gone', quantity: 2, status: 'active' }], offers)).toEqual([
			{ offerId: 'gone', offerName: 'Unknown offer', licences: 2, suspended: 0, subscriptions: 1 }
		]);
	});
});
