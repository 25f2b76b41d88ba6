import { describe, expect, it } from 'vitest';
import { customerSchema } from '$lib/domain/customer/schema';
import { offerCatalog } from '$lib/domain/offer/catalog';
import { partnerSchema } from '$lib/domain/partner/schema';
import { partnershipSchema } from '$lib/domain/partnership/schema';
import { subscriptionSchema } from '$lib/domain/subscription/schema';
import { benchQueries, generateBenchData } from './generate';

describe('generateBenchData', () => {
	const data = generateBenchData({ customers: 2_000 });

	it('makes the requested number of customers and three subscriptions each', () => {
		expect(data.customers).toHaveLength(2_000);
		expect(data.subscriptions).toHaveLength(6_000);
		expect(new Set(data.customers.map((c) => c.id)).size).toBe(2_000);
		expect(new Set(data.subscriptions.map((s) => s.id)).size).toBe(6_000);
		expect(new Set(data.customers.map((c) => c.domainPrefix)).size).toBe(2_000);
	});

	it('writes documents valid against the zod schemas', () => {
		for (const partner of data.partners) partnerSchema.parse(partner);
		for (const partnership of data.partnerships) partnershipSchema.parse(partnership);
		for (const customer of data.customers) customerSchema.parse(customer);
		for (const subscription of data.subscriptions) subscriptionSchema.parse(subscription);
		expect(data.partners.filter((p) => p.kind === 'indirect-reseller')).toHaveLength(8);
	});

	it('spreads customers over the resellers and keeps some direct customers', () => {
		const perReseller = new Map<string, number>();
		for (const customer of data.customers) {
			perReseller.set(customer.resellerId, (perReseller.get(customer.resellerId) ?? 0) + 1);
		}
		expect(perReseller.size).toBeGreaterThanOrEqual(8);
		expect(perReseller.get('')).toBeGreaterThan(100);
		expect(perReseller.get('demo-reseller-1')).toBeGreaterThan(perReseller.get('demo-reseller-5')!);
	});

	it('credits only resellers with an active partnership, within the offer limits', () => {
		const active = new Set(
			data.partnerships.filter((p) => p.status === 'active').map((p) => p.resellerId)
		);
		active.delete('demo-reseller-6'); // removed, then requested again: not active now
		const customers = new Map(data.customers.map((c) => [c.id, c]));
		for (const subscription of data.subscriptions) {
			const offer = offerCatalog.find((o) => o.id === subscription.offerId)!;
			expect(subscription.quantity).toBeGreaterThanOrEqual(offer.minQuantity);
			expect(subscription.quantity).toBeLessThanOrEqual(offer.maxQuantity);
			expect(offer.billingCycles).toContain(subscription.billingCycle);
			if (subscription.resellerId) expect(active).toContain(subscription.resellerId);
			expect(customers.get(subscription.customerId)).toBeDefined();
		}
	});

	it('gives the same data for the same seed and other data for another', () => {
		const again = generateBenchData({ customers: 50 });
		expect(again.customers).toEqual(generateBenchData({ customers: 50 }).customers);
		const other = generateBenchData({ customers: 50, seed: 1 });
		expect(other.customers.map((c) => c.companyName)).not.toEqual(
			again.customers.map((c) => c.companyName)
		);
	});
});

describe('benchQueries', () => {
	it('gives distinct reseller + search pairs over every reseller', () => {
		const ids = ['r1', 'r2', 'r3'];
		const queries = benchQueries(ids, 50);
		expect(queries).toHaveLength(50);
		expect(new Set(queries.map((q) => `${q.resellerId}|${q.search}`)).size).toBe(50);
		expect(new Set(queries.map((q) => q.resellerId))).toEqual(new Set([...ids, '']));
	});
});
