import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstValueFrom, take, toArray } from 'rxjs';
import type { ServiceContext } from './context';
import {
	createReadModels,
	firstScreenQuery,
	literalPattern,
	partnershipsByMpnId,
	type ListSlice
} from './read-models';
import type { Activity } from '$lib/domain/activity/schema';
import type { Customer } from '$lib/domain/customer/schema';
import {
	buildCustomer,
	buildGdapRelationship,
	buildPartnership,
	buildProvider,
	buildReseller,
	buildSubscription,
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

describe('customerList$ (first screen from an index, then the whole list)', () => {
	/** 60 customers, a third with Budapest Cloud Partners, names "Customer 00 Kft." … "Customer 59 Kft.". */
	async function givenSixtyCustomers() {
		ctx = await createContextWith({
			partners: [buildProvider(), budapestReseller],
			partnerships: [buildPartnership({ resellerId: budapestReseller.id, status: 'active' })],
			customers: Array.from({ length: 60 }, (_, n) =>
				buildCustomer({
					companyName: `Customer ${String(59 - n).padStart(2, '0')} Kft.`,
					resellerId: n % 3 === 0 ? budapestReseller.id : ''
				})
			)
		});
	}

	const names = (slice: ListSlice<Customer>) => slice.items.map((c) => c.companyName);

	it('emits the first rows by name, marked incomplete, then every customer', async () => {
		await givenSixtyCustomers();
		const queries = createReadModels(async () => ctx.db);
		const [first, all] = await firstValueFrom(
			queries.customerList$({}, 10).pipe(take(2), toArray())
		);
		expect(first.complete).toBe(false);
		expect(names(first)).toEqual(
			Array.from({ length: 10 }, (_, n) => `Customer ${String(n).padStart(2, '0')} Kft.`)
		);
		expect(all.complete).toBe(true);
		expect(all.items).toHaveLength(60);
		expect(names(all).slice(0, 10)).toEqual(names(first));
	});

	it('filters the first rows by reseller and search as the whole list does', async () => {
		await givenSixtyCustomers();
		const queries = createReadModels(async () => ctx.db);
		const filter = { resellerId: budapestReseller.id, search: ' CUSTOMER 1' };
		const [first, all] = await firstValueFrom(
			queries.customerList$(filter, 5).pipe(take(2), toArray())
		);
		const expected = (await firstValueFrom(queries.customers$(filter))).map((c) => c.companyName);
		expect(expected.length).toBeGreaterThan(0);
		expect(names(first)).toEqual(expected.slice(0, 5));
		expect(names(all)).toEqual(expected);
		expect(all.complete).toBe(true);
	});

	it('says a first screen is complete when it found fewer rows than it asked for', async () => {
		await givenSixtyCustomers();
		const queries = createReadModels(async () => ctx.db);
		const first = await firstValueFrom(
			queries.customerList$({ resellerId: budapestReseller.id }, 40)
		);
		expect(first.complete).toBe(true);
		expect(first.items).toHaveLength(20);
	});

	it("shows a search's first screen from the names that begin with it, then every name containing it", async () => {
		await givenSixtyCustomers();
		await ctx.db.customers.insert(buildCustomer({ companyName: 'Kft. Customer 4 Holding' }));
		const queries = createReadModels(async () => ctx.db);
		const [first, all] = await firstValueFrom(
			queries.customerList$({ search: 'customer 4' }, 40).pipe(take(2), toArray())
		);
		// Fewer than asked for, yet not complete: a name may contain the search further in.
		expect(first.complete).toBe(false);
		expect(names(first)).toEqual(Array.from({ length: 10 }, (_, n) => `Customer 4${n} Kft.`));
		expect(all.complete).toBe(true);
		expect(names(all)).toEqual([...names(first), 'Kft. Customer 4 Holding']);
	});

	it('searches literally: regular expression characters in a name are only characters', async () => {
		await givenOrganisation();
		await ctx.db.customers.insert(buildCustomer({ companyName: 'A+B (Holding) Kft.' }));
		const queries = createReadModels(async () => ctx.db);
		const first = await firstValueFrom(queries.customerList$({ search: 'a+b (h' }));
		expect(names(first)).toEqual(['A+B (Holding) Kft.']);
		expect(literalPattern('a.b*')).toBe('a\\.b\\*');
	});

	it('emits the whole list at once when the directory is already in memory', async () => {
		await givenSixtyCustomers();
		const queries = createReadModels(async () => ctx.db);
		await firstValueFrom(queries.customers$({}));
		const first = await firstValueFrom(queries.customerList$({}, 10));
		expect(first.complete).toBe(true);
		expect(first.items).toHaveLength(60);
	});

	it('reads the first screen along a name index, so the storage stops after the first rows', async () => {
		await givenSixtyCustomers();
		for (const filter of [
			{},
			{ search: 'kft' },
			{ resellerId: 'r' },
			{ resellerId: '', search: 'x' }
		]) {
			const plan = ctx.db.customers.find(firstScreenQuery(filter)).getPreparedQuery().queryPlan;
			expect(plan.sortSatisfiedByIndex, JSON.stringify(filter)).toBe(true);
			expect(plan.index).toContain('nameLower');
		}
	});
});

describe('ownPartnershipsByMpnId$', () => {
	it("gives each reseller's MPN ID the own organisation's partnerships with it", async () => {
		await givenOrganisation();
		const queries = createReadModels(async () => ctx.db);
		const byMpnId = await firstValueFrom(queries.ownPartnershipsByMpnId$());
		expect(
			byMpnId
				.get(balticReseller.mpnId)
				?.map((p) => p.status)
				.sort()
		).toEqual(['removed', 'requested']);
		expect(byMpnId.get(budapestReseller.mpnId)?.map((p) => p.status)).toEqual(['active']);
	});

	it("leaves out another provider's partnerships, and all of them while the own one is unknown", () => {
		const own = buildPartnership({ resellerId: budapestReseller.id });
		const other = buildPartnership({ resellerId: budapestReseller.id, providerId: 'other' });
		const resellers = [budapestReseller, balticReseller];
		const mine = partnershipsByMpnId(resellers, [own, other], 'provider');
		expect(mine.get(budapestReseller.mpnId)).toEqual([own]);
		expect(mine.get(balticReseller.mpnId)).toEqual([]);
		const unknown = partnershipsByMpnId(resellers, [own, other], undefined);
		expect(unknown.get(budapestReseller.mpnId)).toEqual([]);
	});
});

describe('bulkResellerRows$', () => {
	const texts = { unknownCustomer: 'Unknown customer', locale: 'en' };

	it("joins each subscription with its customer's and offer's names, by customer, then offer", async () => {
		const wiener = buildCustomer({ companyName: 'Wiener Kaffeehaus GmbH' });
		const almaty = buildCustomer({ companyName: 'almaty Trade Group' });
		const subscriptions = [
			buildSubscription({ customerId: wiener.id, offerId: 'microsoft-365-e3' }),
			buildSubscription({ customerId: almaty.id, offerId: 'microsoft-365-e3' }),
			buildSubscription({ customerId: almaty.id, offerId: 'microsoft-365-business-basic' }),
			buildSubscription({ customerId: 'customer-gone', offerId: 'retired-offer' })
		];
		ctx = await createContextWith({ customers: [wiener, almaty], subscriptions });
		const queries = createReadModels(async () => ctx.db);
		const rows = await firstValueFrom(queries.bulkResellerRows$(texts));
		expect(rows.map((row) => [row.customerName, row.offerName, row.subscription.id])).toEqual([
			['almaty Trade Group', 'Microsoft 365 Business Basic', subscriptions[2].id],
			['almaty Trade Group', 'Microsoft 365 E3', subscriptions[1].id],
			['Unknown customer', 'retired-offer', subscriptions[3].id],
			['Wiener Kaffeehaus GmbH', 'Microsoft 365 E3', subscriptions[0].id]
		]);
	});

	it('emits again when a customer is renamed', async () => {
		const customer = buildCustomer({ companyName: 'Kovács és Társa Kft.' });
		const subscription = buildSubscription({ customerId: customer.id });
		ctx = await createContextWith({ customers: [customer], subscriptions: [subscription] });
		const queries = createReadModels(async () => ctx.db);
		const seen: string[][] = [];
		const watching = queries
			.bulkResellerRows$(texts)
			.subscribe((rows) => seen.push(rows.map((row) => row.customerName)));
		await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 10_000 });
		const doc = await ctx.db.customers.findOne(customer.id).exec();
		await doc?.incrementalPatch({ companyName: 'Kovács Kft.' });
		await vi.waitFor(() => expect(seen.at(-1)).toEqual(['Kovács Kft.']), { timeout: 10_000 });
		watching.unsubscribe();
		expect(seen[0]).toEqual(['Kovács és Társa Kft.']);
	});
});

describe('activityList$ (the newest entries from the index, then the latest limit)', () => {
	const entry = (n: number, recordType: Activity['recordType']): Activity => ({
		id: `activity-${String(n).padStart(3, '0')}`,
		at: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
		actorId: 'user-1',
		actorName: 'Anna',
		deviceId: 'device-1',
		recordType,
		documentId: `record-${n % 7}`,
		action: 'customer.updated',
		summary: `Change ${n}`,
		changes: []
	});

	async function givenFiftyEntries() {
		ctx = await createContextWith({});
		await ctx.db.activity.bulkInsert(
			Array.from({ length: 50 }, (_, n) => entry(n, n % 2 ? 'customers' : 'gdap'))
		);
	}

	it('emits the newest entries of the filter first, then up to the limit, newest first', async () => {
		await givenFiftyEntries();
		const queries = createReadModels(async () => ctx.db);
		const [first, all] = await firstValueFrom(
			queries.activityList$({ collection: 'customers', limit: 20 }, 5).pipe(take(2), toArray())
		);
		const expected = Array.from({ length: 25 }, (_, n) => `Change ${49 - 2 * n}`);
		expect(first.complete).toBe(false);
		expect(first.items.map((a) => a.summary)).toEqual(expected.slice(0, 5));
		expect(all.complete).toBe(true);
		expect(all.items.map((a) => a.summary)).toEqual(expected.slice(0, 20));
	});

	it('shows a new entry once the whole list is there', async () => {
		await givenFiftyEntries();
		const queries = createReadModels(async () => ctx.db);
		const seen: ListSlice<Activity>[] = [];
		const watching = queries.activityList$({ limit: 100 }, 5).subscribe((s) => seen.push(s));
		await vi.waitFor(() => expect(seen.at(-1)?.complete).toBe(true), { timeout: 10_000 });
		await ctx.db.activity.insert(entry(99, 'customers'));
		await vi.waitFor(() => expect(seen.at(-1)?.items[0].summary).toBe('Change 99'), {
			timeout: 10_000
		});
		watching.unsubscribe();
		expect(seen.at(-1)?.items).toHaveLength(51);
	});
});

describe('resellerList$ (the first resellers by name, then every one)', () => {
	it('emits the first resellers by name with their partnerships and counts, then all of them', async () => {
		await givenOrganisation();
		const queries = createReadModels(async () => ctx.db);
		const [first, all] = await firstValueFrom(queries.resellerList$(1).pipe(take(2), toArray()));
		const everyRow = await firstValueFrom(queries.resellerRows$());
		expect(first.complete).toBe(false);
		expect(first.items).toEqual(everyRow.slice(0, 1));
		expect(first.items[0].reseller.id).toBe(balticReseller.id);
		expect(first.items[0].status).toBe('requested');
		expect(all.complete).toBe(true);
		expect(all.items).toEqual(everyRow);
		expect(all.items.find((r) => r.reseller.id === budapestReseller.id)?.customerCount).toBe(2);
	});

	it('says a first screen with fewer resellers than asked for is all of them', async () => {
		await givenOrganisation();
		const queries = createReadModels(async () => ctx.db);
		const first = await firstValueFrom(queries.resellerList$(40));
		expect(first.complete).toBe(true);
		expect(first.items.map((r) => r.reseller.name)).toEqual([
			'Baltic Office Experts',
			'Budapest Cloud Partners Kft.'
		]);
	});
});

describe('gdapWithCustomers$', () => {
	it('names the customers of the relationships, read by id, and follows a rename', async () => {
		await givenOrganisation();
		await ctx.db.gdap.bulkInsert([
			buildGdapRelationship({ customerId: 'customer-kovacs', displayName: 'Kovács admin' }),
			buildGdapRelationship({ customerId: 'customer-gone', displayName: 'Gone admin' })
		]);
		const queries = createReadModels(async () => ctx.db);
		const seen: string[][] = [];
		const watching = queries
			.gdapWithCustomers$()
			.subscribe(({ relationships, customers }) =>
				seen.push(relationships.map((r) => customers.get(r.customerId)?.companyName ?? '?'))
			);
		await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 10_000 });
		const doc = await ctx.db.customers.findOne('customer-kovacs').exec(true);
		await doc.incrementalPatch({ companyName: 'Kovács Kft.', nameLower: 'kovács kft.' });
		await vi.waitFor(() => expect(seen.at(-1)).toEqual(['?', 'Kovács Kft.']), {
			timeout: 10_000
		});
		watching.unsubscribe();
		expect(seen[0]).toEqual(['?', 'Kovács és Társa Kft.']);
	});
});
