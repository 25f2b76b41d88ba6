import { afterEach, describe, expect, it } from 'vitest';
import { translateMessage, useLanguage } from '$lib/i18n';
import type { ServiceContext } from './context';
import { changeResellerOfSubscriptions, previewResellerChange } from './bulk-reseller-change';
import {
	buildCustomer,
	buildPartnership,
	buildProvider,
	buildReseller,
	buildSubscription,
	createContextWith
} from './test-factories';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
	await useLanguage('en');
});

const resellers = {
	budapest: buildReseller({
		id: 'reseller-budapest',
		name: 'Budapest Cloud Partners Kft.',
		mpnId: '6123450'
	}),
	wisla: buildReseller({ id: 'reseller-wisla', name: 'Wisła IT Solutions', mpnId: '6234561' }),
	alpine: buildReseller({ id: 'reseller-alpine', name: 'Alpine Systemhaus', mpnId: '6456783' }),
	danube: buildReseller({
		id: 'reseller-danube',
		name: 'Danube Managed Services',
		mpnId: '6567894'
	}),
	tisza: buildReseller({ id: 'reseller-tisza', name: 'Tisza Informatika Bt.', mpnId: '6789016' })
};

/**
 * The own organisation; Budapest, Wisła and Tisza with active partnerships, Alpine requested,
 * Danube removed; three subscriptions credited to Budapest (two customers), one each to Wisła
 * and Tisza, each supported by the reseller credited.
 */
async function givenResellersWithSubscriptions() {
	const { budapest, wisla, alpine, danube, tisza } = resellers;
	const customers = [budapest, budapest, wisla, tisza].map((r) =>
		buildCustomer({ resellerId: r.id })
	);
	const credited = (customer: (typeof customers)[number], offerId = 'microsoft-365-e3') =>
		buildSubscription({ customerId: customer.id, offerId, resellerId: customer.resellerId });
	ctx = await createContextWith({
		partners: [buildProvider(), budapest, wisla, alpine, danube, tisza],
		partnerships: [
			...[budapest, wisla, tisza].map((r) =>
				buildPartnership({ resellerId: r.id, status: 'active' })
			),
			buildPartnership({ resellerId: alpine.id, status: 'requested' }),
			buildPartnership({ resellerId: danube.id, status: 'removed' })
		],
		customers,
		subscriptions: [
			credited(customers[0]),
			credited(customers[0], 'microsoft-365-business-basic'),
			credited(customers[1]),
			credited(customers[2]),
			credited(customers[3])
		]
	});
}

/** Subscription ids credited to a reseller. */
async function creditedTo(resellerId: string): Promise<string[]> {
	const docs = await ctx.db.subscriptions.find({ selector: { resellerId } }).exec();
	return docs.map((doc) => doc.id).sort();
}

describe('previewResellerChange', () => {
	it('lists each selected subscription as change, skip or refuse, and writes nothing', async () => {
		await givenResellersWithSubscriptions();
		const fromBudapest = await creditedTo(resellers.budapest.id);
		expect(fromBudapest.length).toBeGreaterThan(2);
		await ctx.db.subscriptions
			.findOne(fromBudapest[0])
			.exec(true)
			.then((doc) => doc.incrementalPatch({ status: 'cancelled' }));
		const alreadyWisla = (await creditedTo(resellers.wisla.id))[0];
		const result = await previewResellerChange(
			ctx,
			[...fromBudapest, alreadyWisla],
			resellers.wisla.id
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.counts).toEqual({
			change: fromBudapest.length - 1,
			skip: 1,
			refuse: 1
		});
		expect(result.value.items[0]).toMatchObject({
			subscriptionId: fromBudapest[0],
			outcome: 'refuse',
			reason: 'This subscription is cancelled: its reseller cannot be changed.'
		});
		expect(result.value.items[1]).toMatchObject({
			outcome: 'change',
			fromResellerId: resellers.budapest.id,
			toResellerId: resellers.wisla.id
		});
		expect(await creditedTo(resellers.budapest.id)).toEqual(fromBudapest);
		expect(
			await ctx.db.activity.count({ selector: { action: 'subscription.partners-changed' } }).exec()
		).toBe(0);
	});

	it('refuses a reseller without an active partnership and an empty selection', async () => {
		await givenResellersWithSubscriptions();
		const ids = await creditedTo(resellers.budapest.id);
		const inactive = await previewResellerChange(ctx, ids, resellers.alpine.id);
		expect(inactive.ok).toBe(false);
		if (!inactive.ok) expect(inactive.errors.resellerId).toMatch(/active partnership/);
		const none = await previewResellerChange(ctx, [], resellers.wisla.id);
		expect(none.ok).toBe(false);
		if (!none.ok) expect(none.errors.subscriptions).toBe('Select at least one subscription.');
		const unchosen = await previewResellerChange(ctx, ids, '');
		expect(unchosen.ok).toBe(false);
	});
});

describe('changeResellerOfSubscriptions', () => {
	it('credits the new reseller with one activity entry per changed subscription', async () => {
		await givenResellersWithSubscriptions();
		const fromBudapest = await creditedTo(resellers.budapest.id);
		const alreadyTisza = (await creditedTo(resellers.tisza.id))[0];
		const result = await changeResellerOfSubscriptions(
			ctx,
			[...fromBudapest, alreadyTisza],
			resellers.tisza.id
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.changed.map((s) => s.id).sort()).toEqual(fromBudapest);
		expect(result.value.preview.counts.skip).toBe(1);
		expect(await creditedTo(resellers.budapest.id)).toEqual([]);
		const changed = await ctx.db.subscriptions.findOne(fromBudapest[0]).exec(true);
		expect(changed.resellerId).toBe(resellers.tisza.id);
		expect(changed.updatedBy).toBe('user-1');
		expect(changed.updatedAt).toBe('2026-11-21T10:00:00.000Z');
		// The Designated support contact stays as it was.
		expect(changed.supportContactId).toBe(resellers.budapest.id);

		const log = await ctx.db.activity
			.find({ selector: { action: 'subscription.partners-changed' } })
			.exec();
		expect(log.map((entry) => entry.documentId).sort()).toEqual(fromBudapest);
		expect(log.every((entry) => entry.recordType === 'subscriptions')).toBe(true);
		expect(log[0].changes).toEqual([
			{
				field: 'Reseller (MPN ID)',
				from: 'Budapest Cloud Partners Kft. (6123450)',
				to: 'Tisza Informatika Bt. (6789016)'
			}
		]);
		expect(log[0].summary).toBe(
			`Changed Reseller (MPN ID) of a subscription (bulk change of ${fromBudapest.length} subscriptions)`
		);
		// The skipped subscription has no entry.
		expect(log.some((entry) => entry.documentId === alreadyTisza)).toBe(false);
	});

	it('says a change of one subscription in the singular, and the summaries translate', async () => {
		await givenResellersWithSubscriptions();
		const [one] = await creditedTo(resellers.budapest.id);
		const result = await changeResellerOfSubscriptions(ctx, [one], resellers.tisza.id);
		expect(result.ok && result.value.changed).toHaveLength(1);
		const [entry] = await ctx.db.activity
			.find({ selector: { action: 'subscription.partners-changed' } })
			.exec();
		expect(entry.summary).toBe(
			'Changed Reseller (MPN ID) of a subscription (bulk change of 1 subscription)'
		);
		await useLanguage('hu');
		expect(translateMessage(entry.summary)).toBe(
			'Egy előfizetés viszonteladója (MPN ID) módosítva (tömeges módosítás: 1 előfizetés)'
		);
		expect(
			translateMessage(
				'Changed Reseller (MPN ID) of a subscription (bulk change of 12 subscriptions)'
			)
		).toBe('Egy előfizetés viszonteladója (MPN ID) módosítva (tömeges módosítás: 12 előfizetés)');
		await useLanguage('ru');
		expect(translateMessage('3 of 12 subscriptions could not be saved on the device')).toBe(
			'Не удалось сохранить подписки на устройстве: 3 из 12.'
		);
	});

	it('judges the subscriptions as they are now, not as they were in an older preview', async () => {
		await givenResellersWithSubscriptions();
		const ids = await creditedTo(resellers.budapest.id);
		const preview = await previewResellerChange(ctx, ids, resellers.wisla.id);
		expect(preview.ok && preview.value.counts.change).toBe(ids.length);
		const doc = await ctx.db.subscriptions.findOne(ids[0]).exec(true);
		await doc.incrementalPatch({ status: 'cancelled' });
		const result = await changeResellerOfSubscriptions(ctx, ids, resellers.wisla.id);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.changed).toHaveLength(ids.length - 1);
		expect((await ctx.db.subscriptions.findOne(ids[0]).exec(true)).resellerId).toBe(
			resellers.budapest.id
		);
	});

	it('writes nothing when nothing can change', async () => {
		await givenResellersWithSubscriptions();
		const ids = await creditedTo(resellers.wisla.id);
		const result = await changeResellerOfSubscriptions(ctx, ids, resellers.wisla.id);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.changed).toEqual([]);
		expect(
			await ctx.db.activity.count({ selector: { action: 'subscription.partners-changed' } }).exec()
		).toBe(0);
	});

	it('refuses a reseller without an active partnership and writes nothing', async () => {
		await givenResellersWithSubscriptions();
		const ids = await creditedTo(resellers.budapest.id);
		const result = await changeResellerOfSubscriptions(ctx, ids, resellers.danube.id);
		expect(result.ok).toBe(false);
		expect(await creditedTo(resellers.budapest.id)).toEqual(ids);
	});
});
