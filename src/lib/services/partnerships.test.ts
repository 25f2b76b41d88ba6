import { afterEach, describe, expect, it } from 'vitest';
import { acceptPartnership } from '$lib/domain/partnership/rules';
import type { Partnership } from '$lib/domain/partnership/schema';
import { DomainError } from '$lib/domain/shared/result';
import { saveChanges } from './changes';
import type { ServiceContext } from './context';
import {
	buildCustomer,
	buildPartnership,
	buildProvider,
	buildReseller,
	createContextWith
} from './test-factories';
import {
	answerProviderPartnershipRequest,
	recordPartnershipAcceptance,
	removePartnershipById,
	removeProviderPartnership,
	requestPartnership,
	type PartnershipRequestInput
} from './partnerships';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

/** The own organisation and a reseller with one partnership in the given state. */
async function withPartnership(status: Partnership['status']) {
	const reseller = buildReseller();
	const partnership = buildPartnership({ resellerId: reseller.id, status });
	const customers = [1, 2].map(() =>
		buildCustomer({ resellerId: reseller.id, delegatedAdminPrivileges: true })
	);
	ctx = await createContextWith({
		partners: [buildProvider(), reseller],
		partnerships: [partnership],
		customers
	});
	return { reseller, partnership };
}

const link = 'https://field.example/invitations/partnership/abcdefghijklmnopqrstuvwxyz012345';
const request = (overrides: Partial<PartnershipRequestInput> = {}): PartnershipRequestInput => ({
	name: 'Northwind Reseller',
	email: 'partners@northwind.example',
	mpnId: '7000001',
	token: 'abcdefghijklmnopqrstuvwxyz012345',
	link,
	emailDraft: `Hello,\nplease accept:\n${link}\n`,
	...overrides
});

describe('requestPartnership', () => {
	it('stores the reseller, the request and an activity entry', async () => {
		ctx = await createContextWith({ partners: [buildProvider()] });
		const result = await requestPartnership(ctx, request());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.status).toBe('requested');
		expect(result.value.createdBy).toBe('user-1');
		expect(result.value.deviceId).toBe('device-1');
		const reseller = await ctx.db.partners.findOne(result.value.resellerId).exec(true);
		expect(reseller.mpnId).toBe('7000001');
		const log = await ctx.db.activity.find({ selector: { documentId: result.value.id } }).exec();
		expect(log.map((a) => a.action)).toEqual(['partnership.requested']);
	});

	it('refuses a draft without the link and stores nothing', async () => {
		ctx = await createContextWith({ partners: [buildProvider()] });
		const before = await ctx.db.partnerships.count().exec();
		const result = await requestPartnership(ctx, request({ emailDraft: 'Hello, please accept.' }));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.emailDraft).toMatch(/link/i);
		expect(await ctx.db.partnerships.count().exec()).toBe(before);
	});

	it('refuses a reseller without MPN ID or email', async () => {
		ctx = await createContextWith({ partners: [buildProvider()] });
		const result = await requestPartnership(ctx, request({ mpnId: '', email: '' }));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual(['email', 'mpnId']);
	});

	it('refuses a second request while one is pending, allows one after removal', async () => {
		ctx = await createContextWith({ partners: [buildProvider()] });
		const first = await requestPartnership(ctx, request());
		expect(first.ok).toBe(true);
		const second = await requestPartnership(ctx, request());
		expect(second.ok).toBe(false);
		if (!first.ok) return;
		await removePartnershipById(ctx, first.value.id, true);
		const third = await requestPartnership(ctx, request());
		expect(third.ok).toBe(true);
		if (!third.ok) return;
		expect(third.value.id).not.toBe(first.value.id);
		expect(third.value.resellerId).toBe(first.value.resellerId);
	});
});

describe('recordPartnershipAcceptance', () => {
	it('activates a requested partnership with the acceptance date', async () => {
		const { partnership } = await withPartnership('requested');
		const accepted = await recordPartnershipAcceptance(
			ctx,
			partnership.id,
			'2026-11-20T09:00:00.000Z'
		);
		expect(accepted.status).toBe('active');
		expect(accepted.acceptedAt).toBe('2026-11-20T09:00:00.000Z');
		const log = await ctx.db.activity.find({ selector: { documentId: partnership.id } }).exec();
		expect(log[0].action).toBe('partnership.accepted');
	});

	it('refuses to accept an active partnership', async () => {
		const { partnership } = await withPartnership('active');
		await expect(
			recordPartnershipAcceptance(ctx, partnership.id, '2026-11-20T09:00:00.000Z')
		).rejects.toThrow();
	});
});

describe('removePartnershipById', () => {
	it('keeps the reseller customers and their delegated admin privileges', async () => {
		const { reseller, partnership } = await withPartnership('active');
		const customersBefore = (
			await ctx.db.customers.find({ selector: { resellerId: reseller.id } }).exec()
		).map((c) => c.toJSON());
		expect(customersBefore.length).toBeGreaterThan(0);
		const removed = await removePartnershipById(ctx, partnership.id, true);
		expect(removed.status).toBe('removed');
		expect(removed.removalAttested).toBe(true);
		const customersAfter = (
			await ctx.db.customers.find({ selector: { resellerId: reseller.id } }).exec()
		).map((c) => c.toJSON());
		expect(customersAfter).toEqual(customersBefore);
	});

	it('refuses without attestation and refuses removing twice', async () => {
		const { partnership } = await withPartnership('active');
		await expect(removePartnershipById(ctx, partnership.id, false)).rejects.toThrow();
		await removePartnershipById(ctx, partnership.id, true);
		await expect(removePartnershipById(ctx, partnership.id, true)).rejects.toThrow(
			/already removed/i
		);
	});
});

describe('a version that arrives while an action saves', () => {
	it('is judged by the action rule again: no acceptance on top of a removal', async () => {
		ctx = await createContextWith({ partners: [buildProvider()] });
		const requested = await requestPartnership(ctx, request());
		if (!requested.ok) throw new Error('request failed');
		const id = requested.value.id;
		const doc = await ctx.db.partnerships.findOne(id).exec(true);
		const before = doc.toMutableJSON();
		const accept = (version: Partnership) =>
			acceptPartnership(version, {
				acceptedAt: ctx.now(),
				recordedBy: 'user-1',
				now: ctx.now()
			});
		const after = accept(before);
		// Replication brings another device's removal between reading and writing.
		await doc.incrementalPatch({
			status: 'removed',
			removedBy: 'user-2',
			removedAt: ctx.now(),
			removalAttested: true
		});
		await expect(saveChanges(doc, before, after, accept)).rejects.toBeInstanceOf(DomainError);
		const stored = await ctx.db.partnerships.findOne(id).exec(true);
		expect(stored.status).toBe('removed');
	});
});

describe('answerProviderPartnershipRequest (a reseller answers a shared request)', () => {
	async function withSharedRequest() {
		const provider = buildProvider({ id: 'rel-provider', isOwnOrganisation: false });
		const partnership = buildPartnership({
			id: 'rel-0123456789abcdef0123456789abcdef',
			providerId: provider.id,
			resellerId: 'own-reseller',
			status: 'requested'
		});
		ctx = await createContextWith({ partners: [provider], partnerships: [partnership] });
		return partnership;
	}

	it('accepts on this device, with an activity entry naming the provider', async () => {
		const partnership = await withSharedRequest();
		const after = await answerProviderPartnershipRequest(ctx, partnership.id, 'accept');
		expect(after).toMatchObject({ status: 'active', acceptedRecordedBy: 'user-1' });
		const stored = await ctx.db.partnerships.findOne(partnership.id).exec();
		expect(stored?.status).toBe('active');
		const activity = await ctx.db.activity.find().exec();
		expect(activity.map((a) => [a.action, a.documentId])).toEqual([
			['partnership.accepted', partnership.id]
		]);
		expect(activity[0].summary).toContain('Accepted the partnership request of');
	});

	it('declines without an attestation; a second answer is refused', async () => {
		const partnership = await withSharedRequest();
		const after = await answerProviderPartnershipRequest(ctx, partnership.id, 'decline');
		expect(after).toMatchObject({ status: 'removed', removedBy: 'user-1', removalAttested: false });
		await expect(
			answerProviderPartnershipRequest(ctx, partnership.id, 'accept')
		).rejects.toBeInstanceOf(DomainError);
	});
});

describe('removeProviderPartnership (the reseller removes an active shared partnership)', () => {
	it('removes the copy on this device, attested, with an activity entry naming the provider; the shared customer stays read-only', async () => {
		const provider = buildProvider({
			id: 'rel-0123456789abcdef0123456789abcdef',
			name: 'Contoso Distribution CEE',
			isOwnOrganisation: false
		});
		const partnership = buildPartnership({
			id: 'rel-fedcba9876543210fedcba9876543210',
			providerId: provider.id,
			resellerId: 'own-reseller',
			status: 'active',
			acceptedAt: '2020-01-02T00:00:00.000Z',
			acceptedRecordedBy: 'user-1'
		});
		const shared = buildCustomer({ id: `${provider.id}-0123456789abcdef0123456789a` });
		ctx = await createContextWith({
			partners: [provider],
			partnerships: [partnership],
			customers: [shared]
		});
		await expect(removeProviderPartnership(ctx, partnership.id, false)).rejects.toBeInstanceOf(
			DomainError
		);
		const after = await removeProviderPartnership(ctx, partnership.id, true);
		expect(after).toMatchObject({ status: 'removed', removedBy: 'user-1', removalAttested: true });
		const activity = await ctx.db.activity.find().exec();
		expect(activity.map((a) => [a.action, a.summary])).toEqual([
			['partnership.removed', 'Removed the partnership with Contoso Distribution CEE (attested)']
		]);
		// The shared customer is the provider's: nothing on this device changes it.
		const doc = await ctx.db.customers.findOne(shared.id).exec(true);
		const before = doc.toMutableJSON();
		await expect(
			saveChanges(doc, before, { ...before, companyName: 'Taken over Kft.' })
		).rejects.toThrow('This record is owned by another organisation');
		expect((await ctx.db.customers.findOne(shared.id).exec(true)).companyName).toBe(
			before.companyName
		);
	});
});
