import { describe, expect, it } from 'vitest';
import { createTestContext } from './test-support';
import { customerSchema } from '$lib/domain/customer/schema';
import { effectiveGdapStatus, gdapDaysLeft, validateGdapRequest } from '$lib/domain/gdap/rules';
import { gdapRelationshipSchema } from '$lib/domain/gdap/schema';
import { validateCustomerDetails } from '$lib/domain/customer/rules';
import { partnerSchema } from '$lib/domain/partner/schema';
import { partnershipSchema } from '$lib/domain/partnership/schema';
import { subscriptionSchema } from '$lib/domain/subscription/schema';
import { buildDemoData, loadDemoData } from './demo-data';
import { buildDemoGdap } from './demo-gdap';

const NOW = '2026-11-21T10:00:00.000Z';
const data = buildDemoData({ userId: 'u', name: 'User', deviceId: 'd' }, NOW);
const gdap = buildDemoGdap({ userId: 'u', name: 'User', deviceId: 'd' }, NOW);

describe('demo data', () => {
	it('matches every document schema', () => {
		for (const p of data.partners) expect(partnerSchema.safeParse(p).success).toBe(true);
		for (const p of data.partnerships) expect(partnershipSchema.safeParse(p).success).toBe(true);
		for (const c of data.customers) expect(customerSchema.safeParse(c).success).toBe(true);
		for (const s of data.subscriptions) expect(subscriptionSchema.safeParse(s).success).toBe(true);
	});

	it('has at least 6 resellers in every partnership state and 25 customers in HU, PL and RU', () => {
		const resellers = data.partners.filter((p) => p.kind === 'indirect-reseller');
		expect(resellers.length).toBeGreaterThanOrEqual(6);
		expect(new Set(data.partnerships.map((p) => p.status))).toEqual(
			new Set(['requested', 'active', 'removed'])
		);
		expect(data.customers.length).toBeGreaterThanOrEqual(25);
		const countries = new Set(data.customers.map((c) => c.address.country));
		for (const country of ['HU', 'PL', 'RU']) expect(countries.has(country)).toBe(true);
		expect(countries.size).toBeGreaterThan(3);
	});

	it('dates a repeated request after the removal it follows', () => {
		const baltic = data.partnerships
			.filter((p) => p.resellerId === 'demo-reseller-6')
			.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
		expect(baltic.map((p) => p.status)).toEqual(['removed', 'requested']);
		expect(baltic[1].requestedAt > (baltic[0].removedAt ?? '')).toBe(true);
	});

	it('holds customers that pass the customer rules', () => {
		const prefixes = data.customers.map((c) => c.domainPrefix);
		expect(new Set(prefixes).size).toBe(prefixes.length);
		for (const customer of data.customers) {
			const result = validateCustomerDetails(
				{
					companyName: customer.companyName,
					domainPrefix: customer.domainPrefix,
					address: customer.address,
					contact: customer.contact,
					organisationRegistrationNumber: customer.organisationRegistrationNumber,
					cloud: customer.cloud
				},
				{ knownDomainPrefixes: [], partnerEmailDomains: ['contoso-distribution.example'] }
			);
			expect(
				result.ok ? 'valid' : `${customer.companyName}: ${JSON.stringify(result.errors)}`
			).toBe('valid');
		}
	});

	it('has GDAP relationships of demo customers in every state, relative to now', () => {
		for (const rel of gdap) expect(gdapRelationshipSchema.safeParse(rel).success).toBe(true);
		const customerIds = new Set(data.customers.map((c) => c.id));
		expect(gdap.every((rel) => customerIds.has(rel.customerId))).toBe(true);
		const statuses = gdap.map((rel) => effectiveGdapStatus(rel, NOW));
		expect(new Set(statuses)).toEqual(
			new Set(['approval-pending', 'active', 'expiring', 'expired', 'terminated'])
		);
		const expiring = gdap.filter((rel) => effectiveGdapStatus(rel, NOW) === 'expiring');
		expect(expiring.map((rel) => gdapDaysLeft(rel, NOW))).toEqual([20]);
		// Built a year later, the states are the same: the dates follow `now`.
		const later = '2027-11-21T10:00:00.000Z';
		const again = buildDemoGdap({ userId: 'u', name: 'User', deviceId: 'd' }, later);
		expect(again.map((rel) => effectiveGdapStatus(rel, later))).toEqual(statuses);
	});

	it('has GDAP relationships that pass the request rules, with unique names', () => {
		const names = gdap.map((rel) => rel.displayNameLower);
		expect(new Set(names).size).toBe(names.length);
		for (const rel of gdap) {
			const result = validateGdapRequest(rel, { existingDisplayNames: [] });
			expect(result.ok ? 'valid' : `${rel.displayName}: ${JSON.stringify(result.errors)}`).toBe(
				'valid'
			);
		}
	});
});

describe('loadDemoData', () => {
	it('keeps the partners and partnerships the server has under the demo’s ids', async () => {
		const ctx = await createTestContext({ demo: false, now: NOW });
		try {
			const [partnership] = data.partnerships;
			const fromServer = { ...partnership, status: 'removed' as const, removedBy: 'someone' };
			await ctx.db.partnerships.insert(fromServer);
			await loadDemoData(ctx);
			const stored = await ctx.db.partnerships.findOne(partnership.id).exec();
			expect(stored?.toJSON()).toMatchObject({ status: 'removed', removedBy: 'someone' });
			expect(await ctx.db.partnerships.count().exec()).toBe(data.partnerships.length);
		} finally {
			await ctx.db.close();
		}
	});
});
