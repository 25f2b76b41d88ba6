import {
	BULK_RESELLER_CHANGE_ACTION,
	applyBulkResellerChange,
	previewBulkResellerChange,
	resellerLabel,
	type BulkResellerChangePreview
} from '$lib/domain/subscription/bulk-reseller-change';
import type { Subscription } from '$lib/domain/subscription/schema';
import { valid, type Validation } from '$lib/domain/shared/result';
import { activityEntry, updatedMeta } from './changes';
import { ownOrganisation, type ServiceContext } from './context';
import { activeResellerIds } from './subscriptions';

/*
 * Bulk reseller change: set a new Reseller (MPN ID) on many subscriptions at once. The preview
 * and the change read the subscriptions as they are on the device at that moment; only the
 * subscriptions the preview marks `change` are written, each with its own activity entry
 * (`subscription.partners-changed`, as the single change on a subscription's page).
 */

async function rulesContext(ctx: ServiceContext) {
	const [offers, resellerIds, provider] = await Promise.all([
		ctx.db.offers.find().exec(),
		activeResellerIds(ctx),
		ownOrganisation(ctx.db)
	]);
	return {
		offers: offers.map((o) => o.toMutableJSON()),
		activeResellerIds: resellerIds,
		providerId: provider.id
	};
}

/** The selected subscriptions on the device, in the order selected (missing ones left out). */
async function selectedSubscriptions(ctx: ServiceContext, ids: readonly string[]) {
	const found = await ctx.db.subscriptions.findByIds([...new Set(ids)]).exec();
	return ids.flatMap((id) => {
		const doc = found.get(id);
		return doc ? [doc] : [];
	});
}

/**
 * What crediting `resellerId` on the selected subscriptions would do, per subscription: change
 * (from → to), skip (already credited) or refuse (with the reason). Nothing is written.
 */
export async function previewResellerChange(
	ctx: ServiceContext,
	subscriptionIds: readonly string[],
	resellerId: string
): Promise<Validation<BulkResellerChangePreview>> {
	const docs = await selectedSubscriptions(ctx, subscriptionIds);
	return previewBulkResellerChange(
		docs.map((doc) => doc.toMutableJSON()),
		resellerId,
		await rulesContext(ctx)
	);
}

export interface BulkResellerChangeResult {
	/** The preview as it was when the change was made (the device's data may have moved on). */
	preview: BulkResellerChangePreview;
	changed: Subscription[];
}

/**
 * Credits `resellerId` on the selected subscriptions that can change, with one activity entry
 * per changed subscription. The preview is made again from the device's data first, so a
 * subscription changed elsewhere since the user's preview is judged as it is now.
 */
export async function changeResellerOfSubscriptions(
	ctx: ServiceContext,
	subscriptionIds: readonly string[],
	resellerId: string
): Promise<Validation<BulkResellerChangeResult>> {
	const docs = await selectedSubscriptions(ctx, subscriptionIds);
	const before = docs.map((doc) => doc.toMutableJSON());
	const checked = previewBulkResellerChange(before, resellerId, await rulesContext(ctx));
	if (!checked.ok) return checked;
	const preview = checked.value;
	const at = ctx.now();
	const changed = applyBulkResellerChange(before, preview).map((sub) => ({
		...sub,
		...updatedMeta(ctx.actor, at)
	}));
	if (changed.length === 0) return valid({ preview, changed });

	const partners = (await ctx.db.partners.find().exec()).map((p) => p.toMutableJSON());
	const previous = new Map(before.map((sub) => [sub.id, sub.resellerId]));
	const to = resellerLabel(partners, preview.resellerId);
	const written = await ctx.db.subscriptions.bulkUpsert(changed);
	if (written.error.length > 0) {
		throw new Error(
			`${written.error.length} of ${changed.length} subscriptions could not be saved on the device`
		);
	}
	const summary =
		changed.length === 1
			? 'Changed Reseller (MPN ID) of a subscription (bulk change of 1 subscription)'
			: `Changed Reseller (MPN ID) of a subscription (bulk change of ${changed.length} subscriptions)`;
	const entries = changed.map((sub) =>
		activityEntry(
			ctx.actor,
			{
				collection: 'subscriptions',
				documentId: sub.id,
				action: BULK_RESELLER_CHANGE_ACTION,
				summary,
				changes: [
					{
						field: 'Reseller (MPN ID)',
						from: resellerLabel(partners, previous.get(sub.id) ?? ''),
						to
					}
				]
			},
			at
		)
	);
	const logged = await ctx.db.activity.bulkInsert(entries);
	if (logged.error.length > 0) {
		throw new Error(
			logged.error.length === 1
				? 'An activity entry could not be saved on the device'
				: `${logged.error.length} activity entries could not be saved on the device`
		);
	}
	return valid({ preview, changed });
}
