import { describe, expect, it } from 'vitest';
import type { Offer } from '../offer/schema';
import { offerCatalog } from '../offer/catalog';
import { subscriptionSchema } from './schema';
import {
	termEndDate,
	validateQuantity,
	validateSubscription,
	type SubscriptionInput,
	type SubscriptionRulesContext
} from './rules';

const seats: Offer = {
	id: 'seats',
	name: 'Microsoft 365 Business Basic',
	productFamily: 'Microsoft 365',
	unitType: 'licences',
	billingCycles: ['monthly', 'annual'],
	termDurations: ['P1M', 'P1Y'],
	minQuantity: 5,
	maxQuantity: 300
};

const azure: Offer = {
	id: 'azure',
	name: 'Azure plan',
	productFamily: 'Azure',
	unitType: 'usage-based',
	billingCycles: ['monthly'],
	termDurations: ['none'],
	minQuantity: 1,
	maxQuantity: 1
};

const big: Offer = {
	...seats,
	id: 'big',
	name: 'Microsoft 365 E3',
	minQuantity: 1,
	maxQuantity: 1_000_000
};

const ctx: SubscriptionRulesContext = {
	offers: [seats, azure, big],
	activeResellerIds: ['reseller-a', 'reseller-b'],
	providerId: 'provider'
};

const line = (overrides: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
	offerId: 'seats',
	quantity: 10,
	resellerId: '',
	supportContactId: 'provider',
	...overrides
});

describe('validateQuantity', () => {
	it.each([5, 6, 299, 300, '5', '300', ' 42 ', '0010'])('accepts %j', (quantity) => {
		expect(validateQuantity(seats, quantity)).toBeUndefined();
	});

	it.each([4, 301, 0, -1, '4', '301', '0', '-5'])('refuses %j and names the bounds', (quantity) => {
		expect(validateQuantity(seats, quantity)).toBe(
			'Microsoft 365 Business Basic can have from 5 to 300 licences.'
		);
	});

	it.each(['5.5', '5,5', 'abc', '1e3', '+5', '5 licences', '0x10', '5-', '--5', '١٢'])(
		'refuses text that is not a whole number: %j',
		(quantity) => {
			expect(validateQuantity(seats, quantity)).toBe(
				'Enter the number of licences as a whole number, like 5.'
			);
		}
	);

	it.each([5.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
		'refuses the number %s',
		(quantity) => {
			expect(validateQuantity(seats, quantity)).toBe(
				'Enter the number of licences as a whole number, like 5.'
			);
		}
	);

	it.each(['', '   '])('asks for a quantity when empty: %j', (quantity) => {
		expect(validateQuantity(seats, quantity)).toBe('Enter the number of licences.');
	});

	it('says a usage-based offer always has a quantity of 1', () => {
		expect(validateQuantity(azure, 1)).toBeUndefined();
		expect(validateQuantity(azure, 2)).toBe('Azure plan always has a quantity of 1.');
		expect(validateQuantity(azure, 0)).toBe('Azure plan always has a quantity of 1.');
	});

	it('writes large bounds with thousands separators', () => {
		expect(validateQuantity(big, 1_000_000)).toBeUndefined();
		expect(validateQuantity(big, 1_000_001)).toBe(
			'Microsoft 365 E3 can have from 1 to 1,000,000 licences.'
		);
		expect(validateQuantity(big, '99999999999999999999')).toMatch(/from 1 to 1,000,000/);
	});

	it('checks min − 1, min, max and max + 1 of every catalog offer', () => {
		for (const offer of offerCatalog) {
			expect(validateQuantity(offer, offer.minQuantity - 1)).toBeDefined();
			expect(validateQuantity(offer, offer.minQuantity)).toBeUndefined();
			expect(validateQuantity(offer, offer.maxQuantity)).toBeUndefined();
			expect(validateQuantity(offer, offer.maxQuantity + 1)).toBeDefined();
		}
	});
});

describe('validateSubscription', () => {
	it('accepts a line and parses the quantity', () => {
		expect(validateSubscription(line({ quantity: ' 25 ' }), ctx)).toEqual({
			ok: true,
			value: { offerId: 'seats', quantity: 25, resellerId: '', supportContactId: 'provider' }
		});
	});

	it('trims the ids', () => {
		const result = validateSubscription(
			line({ offerId: ' seats ', resellerId: ' reseller-a ', supportContactId: ' reseller-b ' }),
			ctx
		);
		expect(result).toEqual({
			ok: true,
			value: {
				offerId: 'seats',
				quantity: 10,
				resellerId: 'reseller-a',
				supportContactId: 'reseller-b'
			}
		});
	});

	it('asks for an offer', () => {
		const result = validateSubscription(line({ offerId: '' }), ctx);
		expect(result.ok === false && result.errors.offerId).toBe('Choose an offer.');
	});

	it('refuses an offer that is not in the catalog', () => {
		const result = validateSubscription(line({ offerId: 'windows-95' }), ctx);
		expect(result.ok === false && result.errors.offerId).toBe(
			'This offer is not in the catalog. Choose another offer.'
		);
	});

	it('still checks the quantity without an offer, against the general limit', () => {
		const noOffer = validateSubscription(line({ offerId: '', quantity: 'abc' }), ctx);
		expect(noOffer.ok === false && noOffer.errors.quantity).toMatch(/whole number/);
		const zero = validateSubscription(line({ offerId: '', quantity: 0 }), ctx);
		expect(zero.ok === false && zero.errors.quantity).toBe(
			'Enter a number of licences from 1 to 1,000,000.'
		);
		const fine = validateSubscription(line({ offerId: '', quantity: 7 }), ctx);
		expect(fine.ok === false && Object.keys(fine.errors)).toEqual(['offerId']);
	});

	it('checks the quantity against the chosen offer', () => {
		const result = validateSubscription(line({ quantity: 4 }), ctx);
		expect(result.ok === false && result.errors.quantity).toBe(
			'Microsoft 365 Business Basic can have from 5 to 300 licences.'
		);
		expect(validateSubscription(line({ offerId: 'azure', quantity: '1' }), ctx).ok).toBe(true);
	});

	it.each(['', 'reseller-a', 'reseller-b'])('accepts the reseller %j', (resellerId) => {
		expect(validateSubscription(line({ resellerId }), ctx).ok).toBe(true);
	});

	it.each(['reseller-removed', 'provider', 'Reseller-A'])(
		'refuses a reseller without an active partnership: %j',
		(resellerId) => {
			const result = validateSubscription(line({ resellerId }), ctx);
			expect(result.ok === false && result.errors.resellerId).toMatch(
				/reseller without an active partnership/
			);
		}
	);

	it.each(['provider', 'reseller-a', 'reseller-b'])(
		'accepts the support contact %j',
		(supportContactId) => {
			expect(validateSubscription(line({ supportContactId }), ctx).ok).toBe(true);
		}
	);

	it('asks for a support contact', () => {
		const result = validateSubscription(line({ supportContactId: ' ' }), ctx);
		expect(result.ok === false && result.errors.supportContactId).toBe(
			'Choose the designated support contact.'
		);
	});

	it.each(['reseller-removed', 'someone-else'])(
		'refuses a support contact that is neither the provider nor an active reseller: %j',
		(supportContactId) => {
			const result = validateSubscription(line({ supportContactId }), ctx);
			expect(result.ok === false && result.errors.supportContactId).toBe(
				'The designated support contact must be your organisation or a reseller with an active partnership.'
			);
		}
	);

	it('reports every wrong field at once', () => {
		const result = validateSubscription(
			{ offerId: 'nope', quantity: 'x', resellerId: 'gone', supportContactId: 'gone' },
			ctx
		);
		expect(result.ok === false && Object.keys(result.errors).sort()).toEqual([
			'offerId',
			'quantity',
			'resellerId',
			'supportContactId'
		]);
	});

	it('gives a quantity the stored subscription accepts', () => {
		const result = validateSubscription(line({ offerId: 'big', quantity: '1000000' }), ctx);
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(subscriptionSchema.shape.quantity.safeParse(result.value.quantity).success).toBe(true);
		}
	});
});

describe('termEndDate', () => {
	it.each([
		['2025-03-10T09:00:00.000Z', 'P1M', '2025-04-10T09:00:00.000Z'],
		['2025-03-10T09:00:00.000Z', 'P1Y', '2026-03-10T09:00:00.000Z'],
		['2025-03-10T09:00:00.000Z', 'P3Y', '2028-03-10T09:00:00.000Z'],
		['2025-12-15T00:00:00.000Z', 'P1M', '2026-01-15T00:00:00.000Z'],
		['2025-01-31T12:00:00.000Z', 'P1M', '2025-02-28T12:00:00.000Z'],
		['2024-01-31T12:00:00.000Z', 'P1M', '2024-02-29T12:00:00.000Z'],
		['2025-03-31T00:00:00.000Z', 'P1M', '2025-04-30T00:00:00.000Z'],
		['2024-02-29T08:00:00.000Z', 'P1Y', '2025-02-28T08:00:00.000Z'],
		['2024-02-29T08:00:00.000Z', 'P3Y', '2027-02-28T08:00:00.000Z'],
		['2023-02-28T08:00:00.000Z', 'P1Y', '2024-02-28T08:00:00.000Z'],
		['2025-03-10T11:00:00+02:00', 'P1M', '2025-04-10T09:00:00.000Z'],
		['2025-03-10T09:00:00.123Z', 'P1Y', '2026-03-10T09:00:00.123Z']
	] as const)('%s + %s = %s', (start, term, end) => {
		expect(termEndDate(start, term)).toBe(end);
	});

	it('has no end for usage-based offers', () => {
		expect(termEndDate('2025-03-10T09:00:00.000Z', 'none')).toBeUndefined();
	});

	it.each(['', 'today', '2025-03-10', '2025-02-30T00:00:00Z'])(
		'throws for a start that is not an ISO timestamp: %j',
		(start) => {
			expect(() => termEndDate(start, 'P1M')).toThrow(RangeError);
		}
	);

	it('does not throw for an invalid start when there is no term', () => {
		expect(termEndDate('whenever', 'none')).toBeUndefined();
	});

	it('gives an end date the stored subscription accepts', () => {
		const end = termEndDate(new Date().toISOString(), 'P3Y') ?? '';
		expect(subscriptionSchema.shape.startDate.safeParse(end).success).toBe(true);
	});
});
