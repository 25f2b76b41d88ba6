import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { ServiceContext } from './context';
import { createReadModels } from './read-models';
import { createTestContext } from './test-support';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

describe('customers$', () => {
	it('filters by reseller and searches names case-insensitively, sorted by name', async () => {
		ctx = await createTestContext();
		const queries = createReadModels(async () => ctx.db);
		const all = await firstValueFrom(queries.customers$({}));
		expect(all.length).toBe(await ctx.db.customers.count().exec());
		const names = all.map((c) => c.nameLower);
		expect(names).toEqual([...names].sort());
		const ofReseller = await firstValueFrom(queries.customers$({ resellerId: 'demo-reseller-1' }));
		expect(ofReseller.length).toBeGreaterThan(0);
		expect(ofReseller.every((c) => c.resellerId === 'demo-reseller-1')).toBe(true);
		const direct = await firstValueFrom(queries.customers$({ resellerId: '' }));
		expect(direct.every((c) => c.resellerId === '')).toBe(true);
		const found = await firstValueFrom(queries.customers$({ search: '  KFT ' }));
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((c) => c.nameLower.includes('kft'))).toBe(true);
	});

	it('emits again when a customer changes', async () => {
		ctx = await createTestContext();
		const queries = createReadModels(async () => ctx.db);
		const seen: number[] = [];
		const subscription = queries
			.customers$({ search: 'renamed' })
			.subscribe((rows) => seen.push(rows.length));
		await new Promise((resolve) => setTimeout(resolve, 50));
		const doc = await ctx.db.customers.findOne('demo-customer-1').exec(true);
		await doc.incrementalPatch({ companyName: 'Renamed Kft.', nameLower: 'renamed kft.' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		subscription.unsubscribe();
		expect(seen[0]).toBe(0);
		expect(seen[seen.length - 1]).toBe(1);
	});
});

describe('resellerRows$', () => {
	it('shows each reseller with its latest partnership and customer count', async () => {
		ctx = await createTestContext();
		const queries = createReadModels(async () => ctx.db);
		const rows = await firstValueFrom(queries.resellerRows$());
		const baltic = rows.find((r) => r.reseller.id === 'demo-reseller-6');
		expect(baltic?.status).toBe('requested');
		const budapest = rows.find((r) => r.reseller.id === 'demo-reseller-1');
		expect(budapest?.status).toBe('active');
		expect(budapest?.customerCount).toBe(
			await ctx.db.customers.count({ selector: { resellerId: 'demo-reseller-1' } }).exec()
		);
	});
});
