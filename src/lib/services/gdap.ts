import type { GdapRelationship } from '$lib/domain/gdap/schema';
import {
	approveGdap,
	gdapActions,
	newGdapRelationship,
	setGdapAutoExtend,
	terminateGdap,
	validateGdapRequest,
	type GdapRequestInput
} from '$lib/domain/gdap/rules';
import { roleNames } from '$lib/domain/gdap/roles';
import { DomainError, valid, type Validation } from '$lib/domain/shared/result';
import { createdMeta, diffFields, recordActivity, saveChanges, updatedMeta } from './changes';
import type { ServiceContext } from './context';

/*
 * Granular delegated admin privileges (GDAP) relationships with customers: request, record the
 * customer's approval, switch auto-extend, terminate. Each writes the relationship and one
 * activity entry (the server accepts these only from a Global admin or an Admin agent).
 */

/** The customer's company name, or `undefined` when the customer is not on this device. */
async function customerName(ctx: ServiceContext, customerId: string): Promise<string | undefined> {
	const customer = await ctx.db.customers.findOne(customerId).exec();
	return customer?.companyName;
}

async function relationshipDocument(ctx: ServiceContext, id: string) {
	const doc = await ctx.db.gdap.findOne(id).exec();
	if (!doc) {
		throw new DomainError(
			'This GDAP relationship is not on this device. It may not have synced yet.',
			'gdap/not-found'
		);
	}
	return doc;
}

/** Display names of every GDAP relationship on the device (names are unique in any state). */
async function existingDisplayNames(ctx: ServiceContext): Promise<string[]> {
	const all = await ctx.db.gdap.find().exec();
	return all.map((rel) => rel.displayName);
}

/**
 * Requests a GDAP relationship for a customer: checked by the domain rules (unique name of at
 * most 50 characters, 1–730 days, roles from the list, no auto-extend with Global Administrator),
 * stored as waiting for the customer's approval. Bad input comes back as field errors and
 * nothing is stored.
 */
export async function requestGdapRelationship(
	ctx: ServiceContext,
	input: GdapRequestInput
): Promise<Validation<GdapRelationship>> {
	const customer = await ctx.db.customers.findOne(input.customerId.trim()).exec();
	if (!customer) {
		return { ok: false, errors: { customerId: 'This customer is not on this device.' } };
	}
	const checked = validateGdapRequest(input, {
		existingDisplayNames: await existingDisplayNames(ctx)
	});
	if (!checked.ok) return checked;
	const at = ctx.now();
	const relationship = newGdapRelationship(checked.value, {
		id: crypto.randomUUID(),
		requestedBy: ctx.actor.userId,
		requestedAt: at,
		meta: createdMeta(ctx.actor, at)
	});
	await ctx.db.gdap.insert(relationship);
	const roles = roleNames(relationship.roleIds);
	const { displayName, durationDays } = relationship;
	const company = customer.companyName;
	// Whole sentences (not a word chosen inside one), so that each can be translated.
	const summary =
		roles.length === 1
			? `Requested the GDAP relationship ${displayName} with ${company} for ${durationDays} days (1 role)`
			: `Requested the GDAP relationship ${displayName} with ${company} for ${durationDays} days (${roles.length} roles)`;
	await recordActivity(
		ctx.db,
		ctx.actor,
		{
			collection: 'gdap',
			documentId: relationship.id,
			action: gdapActions.requested,
			summary,
			changes: [
				{ field: 'Roles', from: '—', to: roles.join(', ').slice(0, 1000) },
				{ field: 'Auto-extend', from: '—', to: relationship.autoExtend ? 'On' : 'Off' }
			]
		},
		at
	);
	return valid(relationship);
}

/**
 * Records the customer's approval (until it arrives from Partner Center): the relationship
 * becomes active at `approvedAt` and ends after its duration. A `DomainError` says why not.
 */
export async function recordGdapApproval(
	ctx: ServiceContext,
	id: string,
	approvedAt: string
): Promise<GdapRelationship> {
	const doc = await relationshipDocument(ctx, id);
	const before = doc.toMutableJSON();
	const at = ctx.now();
	const approve = (version: GdapRelationship) => approveGdap(version, { approvedAt, now: at });
	const after = { ...approve(before), ...updatedMeta(ctx.actor, at) };
	await saveChanges(doc, before, after, approve);
	const company = await customerName(ctx, before.customerId);
	await recordActivity(
		ctx.db,
		ctx.actor,
		{
			collection: 'gdap',
			documentId: id,
			action: gdapActions.approved,
			summary:
				company === undefined
					? `The customer approved the GDAP relationship ${before.displayName}`
					: `${company} approved the GDAP relationship ${before.displayName}`,
			changes: diffFields(before, after, ['status', 'approvedAt', 'endAt'])
		},
		at
	);
	return after;
}

/** Switches auto-extend on or off (never on with Global Administrator among the roles). */
export async function changeGdapAutoExtend(
	ctx: ServiceContext,
	id: string,
	autoExtend: boolean
): Promise<GdapRelationship> {
	const doc = await relationshipDocument(ctx, id);
	const before = doc.toMutableJSON();
	if (before.autoExtend === autoExtend) return before;
	const at = ctx.now();
	const change = (version: GdapRelationship) => setGdapAutoExtend(version, { autoExtend, now: at });
	const after = { ...change(before), ...updatedMeta(ctx.actor, at) };
	await saveChanges(doc, before, after, change);
	await recordActivity(
		ctx.db,
		ctx.actor,
		{
			collection: 'gdap',
			documentId: id,
			action: gdapActions.autoExtendChanged,
			summary: autoExtend
				? `Turned auto-extend on for the GDAP relationship ${before.displayName}`
				: `Turned auto-extend off for the GDAP relationship ${before.displayName}`,
			changes: [
				{
					field: 'Auto-extend',
					from: before.autoExtend ? 'On' : 'Off',
					to: autoExtend ? 'On' : 'Off'
				},
				...diffFields(before, after, ['endAt'])
			]
		},
		at
	);
	return after;
}

/** Terminates a relationship that is waiting for approval, active or expiring, now. */
export async function terminateGdapRelationship(
	ctx: ServiceContext,
	id: string
): Promise<GdapRelationship> {
	const doc = await relationshipDocument(ctx, id);
	const before = doc.toMutableJSON();
	const at = ctx.now();
	const terminate = (version: GdapRelationship) =>
		terminateGdap(version, { terminatedBy: ctx.actor.userId, terminatedAt: at, now: at });
	const after = { ...terminate(before), ...updatedMeta(ctx.actor, at) };
	await saveChanges(doc, before, after, terminate);
	const company = await customerName(ctx, before.customerId);
	await recordActivity(
		ctx.db,
		ctx.actor,
		{
			collection: 'gdap',
			documentId: id,
			action: gdapActions.terminated,
			summary:
				company === undefined
					? `Terminated the GDAP relationship ${before.displayName} with the customer`
					: `Terminated the GDAP relationship ${before.displayName} with ${company}`,
			changes: diffFields(before, after, ['status', 'terminatedAt'])
		},
		at
	);
	return after;
}
