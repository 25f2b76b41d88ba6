import type { Partner } from '$lib/domain/partner/schema';
import { validateResellerInvite, type ResellerInviteInput } from '$lib/domain/partner/rules';
import {
	acceptPartnership,
	answerPartnershipRequest,
	canRequestPartnership,
	type PartnershipAnswer,
	removePartnership,
	removeSharedPartnership,
	validatePartnershipDraft
} from '$lib/domain/partnership/rules';
import type { Partnership } from '$lib/domain/partnership/schema';
import { invalid, valid, type Validation } from '$lib/domain/shared/result';
import { createdMeta, diffFields, recordActivity, saveChanges, updatedMeta } from './changes';
import { ownOrganisation, type ServiceContext } from './context';
import { changeState } from './state-change';

export interface PartnershipRequestInput extends ResellerInviteInput {
	token: string;
	link: string;
	emailDraft: string;
}

/**
 * Stores a partnership request (offline too): the reseller, found by MPN ID or
 * created, and the request with its personalised link and the email text.
 */
export async function requestPartnership(
	ctx: ServiceContext,
	input: PartnershipRequestInput
): Promise<Validation<Partnership>> {
	const reseller = validateResellerInvite(input);
	const draft = validatePartnershipDraft(input.emailDraft, input.link);
	if (!reseller.ok || !draft.ok) {
		return invalid({ ...(reseller.ok ? {} : reseller.errors), ...(draft.ok ? {} : draft.errors) });
	}
	const { db, actor } = ctx;
	const at = ctx.now();
	const provider = await ownOrganisation(db);
	const existing = await db.partners
		.findOne({ selector: { kind: 'indirect-reseller', mpnId: reseller.value.mpnId } })
		.exec();
	let resellerDoc: Partner;
	if (existing) {
		resellerDoc = existing.toMutableJSON();
		const previous = await db.partnerships
			.find({ selector: { resellerId: resellerDoc.id, providerId: provider.id } })
			.exec();
		const allowed = canRequestPartnership(previous.map((p) => p.toMutableJSON()));
		if (!allowed.ok) return invalid({ mpnId: allowed.reason });
		if (resellerDoc.email !== reseller.value.email || resellerDoc.name !== reseller.value.name) {
			const updated = {
				...resellerDoc,
				name: reseller.value.name,
				nameLower: reseller.value.name.toLowerCase(),
				email: reseller.value.email,
				...updatedMeta(actor, at)
			};
			await saveChanges(existing, resellerDoc, updated);
			await recordActivity(db, actor, {
				collection: 'partners',
				documentId: resellerDoc.id,
				action: 'partner.updated',
				summary: `Updated reseller ${updated.name}`,
				changes: diffFields(resellerDoc, updated, ['name', 'email'])
			});
			resellerDoc = updated;
		}
	} else {
		resellerDoc = {
			id: crypto.randomUUID(),
			name: reseller.value.name,
			nameLower: reseller.value.name.toLowerCase(),
			mpnId: reseller.value.mpnId,
			kind: 'indirect-reseller',
			isOwnOrganisation: false,
			country: provider.country,
			email: reseller.value.email,
			mpaSigned: false,
			...createdMeta(actor, at)
		};
		await db.partners.insert(resellerDoc);
		await recordActivity(db, actor, {
			collection: 'partners',
			documentId: resellerDoc.id,
			action: 'partner.created',
			summary: `Added reseller ${resellerDoc.name} (MPN ID ${resellerDoc.mpnId})`
		});
	}
	const partnership: Partnership = {
		id: crypto.randomUUID(),
		providerId: provider.id,
		resellerId: resellerDoc.id,
		status: 'requested',
		requestedBy: actor.userId,
		requestedAt: at,
		invitationToken: input.token,
		invitationLink: input.link,
		emailDraft: draft.value,
		...createdMeta(actor, at)
	};
	await db.partnerships.insert(partnership);
	await recordActivity(db, actor, {
		collection: 'partnerships',
		documentId: partnership.id,
		action: 'partnership.requested',
		summary: `Requested a partnership with ${resellerDoc.name}`
	});
	return valid(partnership);
}

/** The partnership a state change is about. */
const partnershipRecord = (id: string) => ({
	collection: 'partnerships' as const,
	id,
	notFound: 'This partnership no longer exists on this device.'
});

async function resellerName(ctx: ServiceContext, resellerId: string) {
	const reseller = await ctx.db.partners.findOne(resellerId).exec();
	return reseller?.name ?? 'the reseller';
}

/** Staff record the reseller's acceptance until it arrives through sync. */
export async function recordPartnershipAcceptance(
	ctx: ServiceContext,
	partnershipId: string,
	acceptedAt: string
): Promise<Partnership> {
	const { after } = await changeState<Partnership>(ctx, {
		...partnershipRecord(partnershipId),
		rule: (version, at) =>
			acceptPartnership(version, { acceptedAt, recordedBy: ctx.actor.userId, now: at }),
		activity: async (before, next) => ({
			action: 'partnership.accepted',
			summary: `${await resellerName(ctx, before.resellerId)} accepted the partnership`,
			changes: diffFields(before, next, ['status', 'acceptedAt'])
		})
	});
	return after;
}

/**
 * Removes a partnership. The reseller's customers and their delegated admin
 * privileges are deliberately left untouched, and no notice is sent.
 */
export async function removePartnershipById(
	ctx: ServiceContext,
	partnershipId: string,
	attested: boolean
): Promise<Partnership> {
	const { after } = await changeState<Partnership>(ctx, {
		...partnershipRecord(partnershipId),
		rule: (version, at) =>
			removePartnership(version, { removedBy: ctx.actor.userId, removedAt: at, attested }),
		activity: async (before, next) => ({
			action: 'partnership.removed',
			summary: `Removed the partnership with ${await resellerName(ctx, before.resellerId)} (attested)`,
			changes: diffFields(before, next, ['status', 'removedAt'])
		})
	});
	return after;
}

/**
 * An indirect reseller accepts or declines a provider's partnership request shared with it by
 * the relationship service (issue 12), from its Indirect providers page: written on this device
 * (offline too) and applied to the provider's partnership by the service when the device syncs
 * (server/relationships/service.js answerFromCopy; the server checks the role and the MPN ID).
 */
export async function answerProviderPartnershipRequest(
	ctx: ServiceContext,
	partnershipId: string,
	answer: PartnershipAnswer
): Promise<Partnership> {
	const { after } = await changeState<Partnership>(ctx, {
		...partnershipRecord(partnershipId),
		rule: (version, at) => answerPartnershipRequest(version, { answer, at, by: ctx.actor.userId }),
		activity: async (before, next) => {
			const record = await ctx.db.partners.findOne(before.providerId).exec();
			const provider = record?.name ?? 'the indirect provider';
			return answer === 'accept'
				? {
						action: 'partnership.accepted',
						summary: `Accepted the partnership request of ${provider}`,
						changes: diffFields(before, next, ['status', 'acceptedAt'])
					}
				: {
						action: 'partnership.declined',
						summary: `Declined the partnership request of ${provider}`,
						changes: diffFields(before, next, ['status', 'removedAt'])
					};
		}
	});
	return after;
}

/**
 * An indirect reseller removes its active partnership with a provider (issue 12), from its
 * Indirect providers page: written on the service's copy on this device (offline too) and
 * applied to the provider's partnership by the relationship service when the device syncs
 * (server/relationships/service.js removalFromCopy). Customers are not touched.
 */
export async function removeProviderPartnership(
	ctx: ServiceContext,
	partnershipId: string,
	attested: boolean
): Promise<Partnership> {
	const { after } = await changeState<Partnership>(ctx, {
		...partnershipRecord(partnershipId),
		rule: (version, at) =>
			removeSharedPartnership(version, { removedBy: ctx.actor.userId, removedAt: at, attested }),
		activity: async (before, next) => {
			const record = await ctx.db.partners.findOne(before.providerId).exec();
			return {
				action: 'partnership.removed',
				summary: `Removed the partnership with ${record?.name ?? 'the indirect provider'} (attested)`,
				changes: diffFields(before, next, ['status', 'removedAt'])
			};
		}
	});
	return after;
}
