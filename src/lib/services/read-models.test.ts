import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { ServiceContext } from './context';
import { createReadModels } from './read-models';
import {
	buildCustomer,
	buildPartnership,
	buildProvider,
	buildReseller,
	createContextWith
} from './test-factories';

const budapestReseller = buildReseller({ name: 'Budapest Cloud Partners Kft.' });
const balticReseller = buildReseller({ name: 'Baltic Office Experts' });

/**
 * The own organisation; Budapest Cloud Partners (active) with two customers; Baltic Office
 * Experts, asked again after a removed partnership; two direct customers.
 */
async function givenOrganisation() {
	ctx = await createContextWith({
		partners: [buildProvider(), budapestReseller, balticReseller],
		partnerships: [
			buildPartnership({ resellerId: budapestReseller.id, status: 'active' }),
			buildPartnership({
				resellerId: balticReseller.id,
				status: 'removed',
				requestedAt: '2026-07-01T10:00:00.000Z'
			}),
			buildPartnership({
				resellerId: balticReseller.id,
				status: 'requested',
				requestedAt: '2026-11-01T10:00:00.000Z'
			})
		],
		customers: [
			buildCustomer({
				id: 'customer-kovacs',
				companyName: 'Kovács és Társa Kft.',
				resellerId: budapestReseller.id
			}),
			buildCustomer({ companyName: 'Debreceni Pékség Zrt.', resellerId: budapestReseller.id }),
			buildCustomer({ companyName: 'Wiener Kaffeehaus GmbH' }),
			buildCustomer({ companyName: 'Almaty Trade Group' })
		]
	});
}

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

describe('customers$', () => {
	it('filters by reseller and searches names case-insensitively, sorted by name', async () => {
		await givenOrganisation();
		const queries = createReadModels(async () => ctx.db);
		const all = await firstValueFrom(queries.customers$({}));
		expect(all.length).toBe(await ctx.db.customers.count().exec());
		const names = all.map((c) => c.nameLower);
		expect(names).toEqual([...names].sort());
		const ofReseller = await firstValueFrom(
			queries.customers$({ resellerId: budapestReseller.id })
		);
		expect(ofReseller.length).toBeGreaterThan(0);
		expect(ofReseller.every((c) => c.resellerId === budapestReseller.id)).toBe(true);
		const direct = await firstValueFrom(queries.customers$({ resellerId: '' }));
		expect(direct.every((c) => c.resellerId === '')).toBe(true);
		const found = await firstValueFrom(queries.customers$({ search: '  KFT ' }));
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((c) => c.nameLower.includes('kft'))).toBe(true);
	});

	it('emits again when a customer changes', async () => {
		await givenOrganisation();
		const queries = createReadModels(async () => ctx.db);
		const seen: number[] = [];
		const subscription = queries
			.customers$({ search: 'renamed' })
			.subscribe((rows) => seen.push(rows.length));
		await new Promise((resolve) => setTimeout(resolve, 50));
		const doc = await ctx.db.customers.findOne('customer-kovacs').exec(true);
		await doc.incrementalPatch({ companyName: 'Renamed Kft.', nameLower: 'renamed kft.' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		subscription.unsubscribe();
		expect(seen[0]).toBe(0);
		expect(seen[seen.length - 1]).toBe(1);
	});
});

describe('resellerRows$', () => {
	it('shows each reseller with its latest partnership and customer count', async () => {
		await givenOrganisation();
		const queries = createReadModels(async () => ctx.db);
		const rows = await firstValueFrom(queries.resellerRows$());
		const baltic = rows.find((r) => r.reseller.id === balticReseller.id);
		expect(baltic?.status).toBe('requested');
		const budapest = rows.find((r) => r.reseller.id === budapestReseller.id);
		expect(budapest?.status).toBe('active');
		expect(budapest?.customerCount).toBe(
			await ctx.db.customers.count({ selector: { resellerId: budapestReseller.id } }).exec()
		);
	});
});
