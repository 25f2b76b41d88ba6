import { describe, expect, it } from 'vitest';
import { findOffer, offerCatalog } from './catalog';
import { offerSchema } from './schema';

describe('offerCatalog', () => {
	it('has at least 14 offers', () => {
		expect(offerCatalog.length).toBeGreaterThanOrEqual(14);
	});

	it.each(offerCatalog.map((offer) => [offer.id, offer] as const))(
		'%s matches the offer schema',
		(_id, offer) => {
			expect(offerSchema.parse(offer)).toEqual(offer);
		}
	);

	it('has unique ids and unique names', () => {
		const ids = offerCatalog.map((o) => o.id);
		const names = offerCatalog.map((o) => o.name);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(names).size).toBe(names.length);
	});

	it('uses readable slugs as ids', () => {
		for (const { id, name } of offerCatalog) {
			expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
			expect(name.toLowerCase().replace(/[()]/g, '').replace(/\s+/g, '-')).toBe(id);
		}
	});

	it('has sensible quantity bounds', () => {
		for (const offer of offerCatalog) {
			expect(offer.minQuantity).toBeGreaterThanOrEqual(1);
			expect(offer.maxQuantity).toBeGreaterThanOrEqual(offer.minQuantity);
			expect(offer.maxQuantity).toBeLessThanOrEqual(1_000_000);
		}
	});

	it('has no duplicate billing cycles or terms', () => {
		for (const offer of offerCatalog) {
			expect(new Set(offer.billingCycles).size).toBe(offer.billingCycles.length);
			expect(new Set(offer.termDurations).size).toBe(offer.termDurations.length);
		}
	});

	it('contains the offers field staff sell', () => {
		for (const id of [
			'microsoft-365-business-basic',
			'microsoft-365-business-standard',
			'microsoft-365-business-premium',
			'microsoft-365-e3',
			'microsoft-365-e5',
			'microsoft-365-f3',
			'office-365-e1',
			'office-365-e3',
			'exchange-online-plan-1',
			'microsoft-teams-essentials',
			'dynamics-365-sales-professional',
			'dynamics-365-sales-enterprise',
			'power-bi-pro',
			'azure-plan',
			'microsoft-defender-for-business',
			'visio-plan-2',
			'project-plan-3'
		]) {
			expect(findOffer(offerCatalog, id)?.id).toBe(id);
		}
	});

	it('sells the Azure plan as one usage-based subscription without a term', () => {
		expect(findOffer(offerCatalog, 'azure-plan')).toMatchObject({
			name: 'Azure plan',
			unitType: 'usage-based',
			termDurations: ['none'],
			minQuantity: 1,
			maxQuantity: 1
		});
	});

	it('caps the business plans at 300 licences', () => {
		for (const id of [
			'microsoft-365-business-basic',
			'microsoft-365-business-standard',
			'microsoft-365-business-premium'
		]) {
			expect(findOffer(offerCatalog, id)).toMatchObject({ minQuantity: 1, maxQuantity: 300 });
		}
	});

	it('gives every licence-based offer a term, and a matching billing cycle', () => {
		for (const offer of offerCatalog.filter((o) => o.unitType === 'licences')) {
			expect(offer.termDurations).not.toContain('none');
			expect(offer.billingCycles).toContain('monthly');
			if (offer.termDurations.includes('P3Y')) expect(offer.billingCycles).toContain('triennial');
		}
	});
});

describe('findOffer', () => {
	it('finds an offer by id', () => {
		expect(findOffer(offerCatalog, 'power-bi-pro')?.name).toBe('Power BI Pro');
	});

	it('returns undefined for an unknown id', () => {
		expect(findOffer(offerCatalog, 'windows-95')).toBeUndefined();
		expect(findOffer(offerCatalog, '')).toBeUndefined();
		expect(findOffer([], 'power-bi-pro')).toBeUndefined();
	});

	it('is exact (case-sensitive, no trimming)', () => {
		expect(findOffer(offerCatalog, 'Power-BI-Pro')).toBeUndefined();
		expect(findOffer(offerCatalog, ' power-bi-pro')).toBeUndefined();
	});
});
