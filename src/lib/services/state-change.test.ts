import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '$lib/domain/customer/schema';
import { DomainError } from '$lib/domain/shared/result';
import type { ServiceContext } from './context';
import { recordInsert, recordUpdate, saveRecordWrites } from './state-change';
import { buildCustomer, createContextWith } from './test-factories';

let ctx: ServiceContext | undefined;
afterEach(async () => {
	await ctx?.db.close();
	ctx = undefined;
});

async function activityOf(c: ServiceContext) {
	const entries = await c.db.activity.find().exec();
	return entries.map((e) => [e.recordType, e.documentId, e.action]);
}

describe('saveRecordWrites', () => {
	it('saves each record, then its activity entry, in the order given', async () => {
		const kovacs = buildCustomer({ companyName: 'Kovács és Társa Kft.' });
		ctx = await createContextWith({ customers: [kovacs] });
		const doc = await ctx.db.customers.findOne(kovacs.id).exec();
		if (!doc) throw new Error('seeded customer missing');
		const before = doc.toMutableJSON();
		const added = buildCustomer({ companyName: 'Wiener Kaffeehaus GmbH' });
		await saveRecordWrites(
			ctx,
			[
				recordUpdate(
					'customers',
					doc,
					before,
					{ ...before, organisationRegistrationNumber: '01-09-222222' },
					{
						activity: { action: 'customer.updated', summary: 'Registration number changed' }
					}
				),
				recordInsert(ctx, 'customers', added, {
					action: 'customer.created',
					summary: 'Added Wiener Kaffeehaus GmbH'
				})
			],
			'2026-11-21T10:00:00.000Z'
		);
		const stored = await ctx.db.customers.findByIds([kovacs.id, added.id]).exec();
		expect(stored.get(kovacs.id)?.organisationRegistrationNumber).toBe('01-09-222222');
		expect(stored.get(added.id)?.companyName).toBe('Wiener Kaffeehaus GmbH');
		expect((await activityOf(ctx)).sort()).toEqual(
			[
				['customers', kovacs.id, 'customer.updated'],
				['customers', added.id, 'customer.created']
			].sort()
		);
	});

	it('stops at a record whose rule refuses its latest version: it and what follows are not written', async () => {
		const kovacs = buildCustomer({ companyName: 'Kovács és Társa Kft.' });
		ctx = await createContextWith({ customers: [kovacs] });
		const doc = await ctx.db.customers.findOne(kovacs.id).exec();
		if (!doc) throw new Error('seeded customer missing');
		const before = doc.toMutableJSON();
		const added = buildCustomer({ companyName: 'Wiener Kaffeehaus GmbH' });
		const refuse = (_latest: Customer) => {
			throw new DomainError('Changed on another device meanwhile.', 'test/refused');
		};
		await expect(
			saveRecordWrites(ctx, [
				recordUpdate(
					'customers',
					doc,
					before,
					{ ...before, organisationRegistrationNumber: '01-09-222222' },
					{
						recheck: refuse,
						activity: { action: 'customer.updated', summary: 'Registration number changed' }
					}
				),
				recordInsert(ctx, 'customers', added, { action: 'customer.created', summary: 'Added' })
			])
		).rejects.toThrow('Changed on another device meanwhile.');
		expect((await ctx.db.customers.findOne(kovacs.id).exec())?.organisationRegistrationNumber).toBe(
			'01-09-111111'
		);
		expect(await ctx.db.customers.findOne(added.id).exec()).toBeNull();
		expect(await activityOf(ctx)).toEqual([]);
	});
});
