import { afterEach, describe, expect, it } from 'vitest';
import { conflictId } from '$lib/domain/conflict/losers';
import type { ServiceContext } from './context';
import { saveLostValues } from '$lib/db/lost-values';
import { dismissConflict, restoreConflict } from './conflicts';
import { buildCustomer, buildProvider, createContextWith } from './test-factories';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

const CUSTOMER = 'customer-kovacs';

/** The own organisation and one customer. */
const givenCustomer = (options: { now?: string } = {}) =>
	createContextWith(
		{ partners: [buildProvider()], customers: [buildCustomer({ id: CUSTOMER })] },
		options
	);

async function lostPhone(value: string, lostAt = '2026-11-21T09:00:00.000Z') {
	const customer = (await ctx.db.customers.findOne(CUSTOMER).exec())!.toMutableJSON();
	const id = conflictId('customers', CUSTOMER, 'contact.phone', lostAt);
	await saveLostValues(ctx.db, {
		collection: 'customers',
		record: customer,
		values: [
			{
				id,
				documentId: CUSTOMER,
				field: 'contact.phone',
				lostValue: JSON.stringify(value),
				keptValue: JSON.stringify(customer.contact.phone),
				lostAt,
				lostBy: 'user-2',
				lostDevice: 'device-2',
				keptAt: customer.updatedAt,
				keptBy: customer.updatedBy,
				keptDevice: customer.deviceId
			}
		]
	});
	return id;
}

describe('saveLostValues', () => {
	it('records a lost value once, however often it is announced', async () => {
		ctx = await givenCustomer();
		const id = await lostPhone('+36 1 555 0000');
		await lostPhone('+36 1 555 0000');
		const all = await ctx.db.conflicts.find().exec();
		expect(all.map((c) => c.id)).toEqual([id]);
		expect(all[0].toJSON()).toMatchObject({
			recordType: 'customers',
			status: 'open',
			field: 'contact.phone',
			settledAt: ''
		});
		expect(all[0].recordLabel).not.toBe('');
	});

	it('does not bring back a dismissed conflict', async () => {
		ctx = await givenCustomer();
		const id = await lostPhone('+36 1 555 0000');
		await dismissConflict(ctx, id);
		await lostPhone('+36 1 555 0000');
		expect((await ctx.db.conflicts.findOne(id).exec())?.status).toBe('dismissed');
	});
});

describe('restoreConflict', () => {
	it('writes the lost value back as a normal edit with an activity entry', async () => {
		ctx = await givenCustomer({ now: '2026-11-21T11:00:00.000Z' });
		const id = await lostPhone('+36 1 555 0000');
		const result = await restoreConflict(ctx, id);
		expect(result.ok).toBe(true);
		const customer = (await ctx.db.customers.findOne(CUSTOMER).exec())!;
		expect(customer.contact.phone).toBe('+36 1 555 0000');
		expect(customer.updatedAt).toBe('2026-11-21T11:00:00.000Z');
		expect(customer.deviceId).toBe('device-1');
		const conflict = (await ctx.db.conflicts.findOne(id).exec())!;
		expect(conflict.status).toBe('restored');
		const activity = await ctx.db.activity
			.find({ selector: { documentId: CUSTOMER, action: 'customer.updated' } })
			.exec();
		expect(activity.map((a) => a.changes.map((c) => c.field)).flat()).toContain('contact');
		expect((await restoreConflict(ctx, id)).ok).toBe(false);
	});

	it('checks the lost value with the rules of a normal edit', async () => {
		ctx = await givenCustomer();
		const id = await lostPhone('call me maybe');
		const before = (await ctx.db.customers.findOne(CUSTOMER).exec())!.contact.phone;
		const result = await restoreConflict(ctx, id);
		expect(result.ok).toBe(false);
		expect((await ctx.db.customers.findOne(CUSTOMER).exec())!.contact.phone).toBe(before);
		expect((await ctx.db.conflicts.findOne(id).exec())!.status).toBe('open');
	});
});
