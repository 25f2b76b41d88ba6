import { afterEach, describe, expect, it } from 'vitest';
import { effectiveGdapStatus, type GdapRequestInput } from '$lib/domain/gdap/rules';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '$lib/domain/gdap/roles';
import { DomainError } from '$lib/domain/shared/result';
import type { ServiceContext } from './context';
import {
	changeGdapAutoExtend,
	recordGdapApproval,
	requestGdapRelationship,
	terminateGdapRelationship
} from './gdap';
import {
	buildCustomer,
	buildGdapRelationship,
	buildProvider,
	createContextWith,
	FACTORY_TIME,
	type SeedData
} from './test-factories';
import { createTestContext } from './test-support';

const NOW = '2026-11-21T10:00:00.000Z';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

const PECSI = 'customer-pecsi';
const ACTIVE_GDAP = 'gdap-active';

/**
 * The own organisation; Pécsi Kerámia Bt. with an active relationship; another customer's
 * terminated `Szegedi - migration project`.
 */
function customersData(): SeedData {
	const szegedi = buildCustomer({ companyName: 'Szegedi Szoftverház Kft.' });
	return {
		partners: [buildProvider()],
		customers: [buildCustomer({ id: PECSI, companyName: 'Pécsi Kerámia Bt.' }), szegedi],
		gdap: [
			buildGdapRelationship({
				customerId: szegedi.id,
				displayName: 'Szegedi - migration project',
				status: 'terminated',
				terminatedAt: FACTORY_TIME,
				terminatedBy: 'user-1'
			}),
			buildGdapRelationship({
				id: ACTIVE_GDAP,
				customerId: PECSI,
				displayName: 'Pecsi - licences',
				status: 'active',
				approvedAt: FACTORY_TIME,
				endAt: '2027-11-01T10:00:00.000Z'
			})
		]
	};
}

async function givenCustomers() {
	ctx = await createContextWith(customersData());
}

const request = (overrides: Partial<GdapRequestInput> = {}): GdapRequestInput => ({
	customerId: PECSI,
	displayName: 'Pecsi Keramia - helpdesk',
	durationDays: '365',
	roleIds: [HELPDESK, USER_ADMIN],
	autoExtend: true,
	...overrides
});

async function activityOf(id: string) {
	const log = await ctx.db.activity.find({ selector: { documentId: id } }).exec();
	return log.map((entry) => entry.toMutableJSON()).sort((a, b) => a.at.localeCompare(b.at));
}

/** A context whose clock can be moved on. */
async function movableContext(start = NOW, data?: SeedData) {
	let now = start;
	const base = data
		? await createContextWith(data, { now: start })
		: await createTestContext({ now: start });
	return {
		ctx: { ...base, now: () => now },
		setNow: (next: string) => (now = next)
	};
}

describe('requestGdapRelationship', () => {
	it('stores the request as approval pending with an activity entry', async () => {
		await givenCustomers();
		const result = await requestGdapRelationship(ctx, request());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const stored = await ctx.db.gdap.findOne(result.value.id).exec(true);
		expect(stored.status).toBe('approval-pending');
		expect(stored.durationDays).toBe(365);
		expect(stored.displayNameLower).toBe('pecsi keramia - helpdesk');
		expect(stored.requestedBy).toBe('user-1');
		expect(stored.createdBy).toBe('user-1');
		expect(stored.deviceId).toBe('device-1');
		expect(stored.approvedAt).toBeUndefined();
		const log = await activityOf(result.value.id);
		expect(log.map((entry) => entry.action)).toEqual(['gdap.requested']);
		expect(log[0].recordType).toBe('gdap');
		expect(log[0].summary).toBe(
			'Requested the GDAP relationship Pecsi Keramia - helpdesk with Pécsi Kerámia Bt. for 365 days (2 roles)'
		);
		expect(log[0].changes[0]).toEqual({
			field: 'Roles',
			from: '—',
			to: 'Helpdesk Administrator, User Administrator'
		});
	});

	it('says "1 role" in the activity summary of a request with one role', async () => {
		await givenCustomers();
		const result = await requestGdapRelationship(
			ctx,
			request({ displayName: 'Pecsi Keramia - users', durationDays: 90, roleIds: [USER_ADMIN] })
		);
		if (!result.ok) throw new Error('request refused');
		const log = await activityOf(result.value.id);
		expect(log[0].summary).toBe(
			'Requested the GDAP relationship Pecsi Keramia - users with Pécsi Kerámia Bt. for 90 days (1 role)'
		);
	});

	it('refuses auto-extend with Global Administrator and stores nothing', async () => {
		await givenCustomers();
		const before = await ctx.db.gdap.count().exec();
		const result = await requestGdapRelationship(
			ctx,
			request({ roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID], autoExtend: true })
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.autoExtend).toMatch(/Global Administrator/);
		expect(await ctx.db.gdap.count().exec()).toBe(before);
		expect(await ctx.db.activity.count({ selector: { recordType: 'gdap' } }).exec()).toBe(0);
	});

	it('refuses a name already used (any case, any state), too long, a bad duration, no roles', async () => {
		await givenCustomers();
		const taken = await requestGdapRelationship(
			ctx,
			request({ displayName: 'SZEGEDI - MIGRATION PROJECT' })
		);
		expect(taken.ok).toBe(false);
		if (!taken.ok) expect(taken.errors.displayName).toMatch(/already have/);

		const result = await requestGdapRelationship(
			ctx,
			request({ displayName: 'x'.repeat(51), durationDays: '731', roleIds: [] })
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual(['displayName', 'durationDays', 'roleIds']);
		expect(result.errors.durationDays).toBe('The duration must be from 1 to 730 (2 years) days.');

		const zero = await requestGdapRelationship(ctx, request({ durationDays: '0' }));
		expect(zero.ok).toBe(false);
		const unknownRole = await requestGdapRelationship(
			ctx,
			request({ roleIds: ['00000000-0000-0000-0000-000000000000'] })
		);
		expect(unknownRole.ok).toBe(false);
	});

	it('accepts the limits: a 50-character name, 1 and 730 days', async () => {
		await givenCustomers();
		const long = await requestGdapRelationship(
			ctx,
			request({ displayName: 'n'.repeat(50), durationDays: 1 })
		);
		expect(long.ok).toBe(true);
		const longest = await requestGdapRelationship(
			ctx,
			request({ displayName: 'Two years', durationDays: '730' })
		);
		expect(longest.ok).toBe(true);
	});

	it('refuses a customer that is not on the device', async () => {
		await givenCustomers();
		const result = await requestGdapRelationship(ctx, request({ customerId: 'nobody' }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.customerId).toBeTruthy();
	});
});

describe('recordGdapApproval', () => {
	it('makes the relationship active from the approval, ending after its duration', async () => {
		const movable = await movableContext(NOW, customersData());
		ctx = movable.ctx;
		const requested = await requestGdapRelationship(
			ctx,
			request({ durationDays: 30, autoExtend: false })
		);
		if (!requested.ok) throw new Error('request refused');
		movable.setNow('2026-11-23T09:00:00.000Z');
		const approved = await recordGdapApproval(ctx, requested.value.id, '2026-11-22T12:00:00.000Z');
		expect(approved.status).toBe('active');
		expect(approved.approvedAt).toBe('2026-11-22T12:00:00.000Z');
		expect(approved.endAt).toBe('2026-12-22T12:00:00.000Z');
		expect(approved.updatedAt).toBe('2026-11-23T09:00:00.000Z');
		const stored = await ctx.db.gdap.findOne(requested.value.id).exec(true);
		expect(stored.endAt).toBe('2026-12-22T12:00:00.000Z');
		// 29 days left of 30: already expiring.
		expect(effectiveGdapStatus(stored, ctx.now())).toBe('expiring');
		const log = await activityOf(requested.value.id);
		expect(log.map((entry) => entry.action)).toEqual(['gdap.requested', 'gdap.approved']);
		expect(log[1].summary).toBe(
			'Pécsi Kerámia Bt. approved the GDAP relationship Pecsi Keramia - helpdesk'
		);
		expect(log[1].changes.map((c) => c.field)).toEqual(['status', 'approvedAt', 'endAt']);
	});

	it('says "The customer" when the customer is no longer on this device', async () => {
		ctx = await createTestContext();
		await (await ctx.db.customers.findOne('demo-customer-1').exec(true)).remove();
		const gdap = await ctx.db.gdap.findOne('demo-gdap-1').exec(true);
		expect(gdap.customerId).toBe('demo-customer-1');
		await recordGdapApproval(ctx, 'demo-gdap-1', NOW);
		await terminateGdapRelationship(ctx, 'demo-gdap-1');
		const log = await activityOf('demo-gdap-1');
		// Both at the same time: in any order.
		expect(log.map((entry) => entry.summary).sort()).toEqual([
			`Terminated the GDAP relationship ${gdap.displayName} with the customer`,
			`The customer approved the GDAP relationship ${gdap.displayName}`
		]);
	});

	it('refuses an approval in the future or of a relationship already active', async () => {
		await givenCustomers();
		const requested = await requestGdapRelationship(ctx, request());
		if (!requested.ok) throw new Error('request refused');
		await expect(
			recordGdapApproval(ctx, requested.value.id, '2026-11-22T10:00:00.000Z')
		).rejects.toThrow('The approval cannot be in the future.');
		await expect(recordGdapApproval(ctx, ACTIVE_GDAP, NOW)).rejects.toBeInstanceOf(DomainError);
		expect(await activityOf(ACTIVE_GDAP)).toEqual([]);
	});
});

describe('changeGdapAutoExtend', () => {
	it('switches auto-extend off and on with an activity entry each time', async () => {
		const movable = await movableContext();
		ctx = movable.ctx;
		const off = await changeGdapAutoExtend(ctx, 'demo-gdap-3', false);
		expect(off.autoExtend).toBe(false);
		// The extension that already happened is kept: the end is 145 days from now.
		expect(off.endAt).toBe('2027-04-15T10:00:00.000Z');
		movable.setNow('2026-11-21T11:00:00.000Z');
		const on = await changeGdapAutoExtend(ctx, 'demo-gdap-3', true);
		expect(on.autoExtend).toBe(true);
		const log = await activityOf('demo-gdap-3');
		expect(log.map((entry) => entry.action)).toEqual([
			'gdap.auto-extend-changed',
			'gdap.auto-extend-changed'
		]);
		expect(log[0].changes[0]).toEqual({ field: 'Auto-extend', from: 'On', to: 'Off' });
		expect(log.map((entry) => entry.summary)).toEqual([
			`Turned auto-extend off for the GDAP relationship ${off.displayName}`,
			`Turned auto-extend on for the GDAP relationship ${off.displayName}`
		]);
	});

	it('writes nothing when auto-extend is already as asked', async () => {
		ctx = await createTestContext();
		const same = await changeGdapAutoExtend(ctx, 'demo-gdap-2', false);
		expect(same.autoExtend).toBe(false);
		expect(await activityOf('demo-gdap-2')).toEqual([]);
	});

	it('refuses auto-extend with Global Administrator, and on an expired relationship', async () => {
		ctx = await createTestContext();
		await expect(changeGdapAutoExtend(ctx, 'demo-gdap-4', true)).rejects.toThrow(
			/Global Administrator/
		);
		await expect(changeGdapAutoExtend(ctx, 'demo-gdap-5', true)).rejects.toThrow(/expired/);
		expect((await ctx.db.gdap.findOne('demo-gdap-4').exec(true)).autoExtend).toBe(false);
		expect(await activityOf('demo-gdap-4')).toEqual([]);
	});
});

describe('terminateGdapRelationship', () => {
	it('terminates an active relationship now, by the actor', async () => {
		ctx = await createTestContext();
		const terminated = await terminateGdapRelationship(ctx, 'demo-gdap-2');
		expect(terminated.status).toBe('terminated');
		expect(terminated.terminatedAt).toBe(NOW);
		expect(terminated.terminatedBy).toBe('user-1');
		const log = await activityOf('demo-gdap-2');
		expect(log.map((entry) => entry.action)).toEqual(['gdap.terminated']);
		expect(log[0].summary).toBe(
			'Terminated the GDAP relationship Kovacs - security monitoring with Kovács és Társa Kft.'
		);
	});

	it('terminates a request waiting for approval', async () => {
		ctx = await createTestContext();
		const terminated = await terminateGdapRelationship(ctx, 'demo-gdap-1');
		expect(terminated.status).toBe('terminated');
	});

	it('refuses to terminate an expired or terminated relationship', async () => {
		ctx = await createTestContext();
		await expect(terminateGdapRelationship(ctx, 'demo-gdap-5')).rejects.toThrow(/expired/);
		await expect(terminateGdapRelationship(ctx, 'demo-gdap-6')).rejects.toThrow(
			/already terminated/
		);
		await expect(terminateGdapRelationship(ctx, 'missing')).rejects.toThrow(/not on this device/);
	});
});
