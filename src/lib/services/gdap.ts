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
import { createdMeta, diffFields, recordActivity } from './changes';
import type { ServiceContext } from './context';
import { changeState } from './state-change';

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

/** The relationship a state change is about (a `DomainError` when it is not on this device). */
const gdapRecord = (id: string) => ({
	collection: 'gdap' as const,
	id,
	notFound: () =>
		new DomainError(
			'This GDAP relationship is not on this device. It may not have synced yet.',
			'gdap/not-found'
		)
});

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
	const { after } = await changeState<GdapRelationship>(ctx, {
		...gdapRecord(id),
		rule: (version, at) => approveGdap(version, { approvedAt, now: at }),
		activity: async (before, next) => {
			const company = await customerName(ctx, before.customerId);
			return {
				action: gdapActions.approved,
				summary:
					company === undefined
						? `The customer approved the GDAP relationship ${before.displayName}`
						: `${company} approved the GDAP relationship ${before.displayName}`,
				changes: diffFields(before, next, ['status', 'approvedAt', 'endAt'])
			};
		}
	});
	return after;
}

/** Switches auto-extend on or off (never on with Global Administrator among the roles). */
export async function changeGdapAutoExtend(
	ctx: ServiceContext,
	id: string,
	autoExtend: boolean
): Promise<GdapRelationship> {
	const { after } = await changeState<GdapRelationship>(ctx, {
		...gdapRecord(id),
		unchanged: (version) => version.autoExtend === autoExtend,
		rule: (version, at) => setGdapAutoExtend(version, { autoExtend, now: at }),
		activity: (before, next) => ({
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
				...diffFields(before, next, ['endAt'])
			]
		})
	});
	return after;
}

/** Terminates a relationship that is waiting for approval, active or expiring, now. */
export async function terminateGdapRelationship(
	ctx: ServiceContext,
	id: string
): Promise<GdapRelationship> {
	const { after } = await changeState<GdapRelationship>(ctx, {
		...gdapRecord(id),
		rule: (version, at) =>
			terminateGdap(version, { terminatedBy: ctx.actor.userId, terminatedAt: at, now: at }),
		activity: async (before, next) => {
			const company = await customerName(ctx, before.customerId);
			return {
				action: gdapActions.terminated,
				summary:
					company === undefined
						? `Terminated the GDAP relationship ${before.displayName} with the customer`
						: `Terminated the GDAP relationship ${before.displayName} with ${company}`,
				changes: diffFields(before, next, ['status', 'terminatedAt'])
			};
		}
	});
	return after;
}
