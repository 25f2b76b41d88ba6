import type { Conflict } from '$lib/domain/conflict/schema';
import type { Customer } from '$lib/domain/customer/schema';
import { customerSchema } from '$lib/domain/customer/schema';
import { partnerSchema } from '$lib/domain/partner/schema';
import { partnershipSchema } from '$lib/domain/partnership/schema';
import { subscriptionSchema } from '$lib/domain/subscription/schema';
import { invitationSchema } from '$lib/domain/invitation/schema';
import { gdapRelationshipSchema } from '$lib/domain/gdap/schema';
import { organisationSettingsSchema } from '$lib/domain/organisation-settings/schema';
import { invalid, valid, type Validation } from '$lib/domain/shared/result';
import { recordActivity, saveChanges, updatedMeta } from './changes';
import type { ServiceContext } from './context';
import { updateCustomerDetails } from './customers';

type Doc = Record<string, unknown>;

function getPath(doc: Doc, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as Doc | undefined)?.[key], doc);
}

function setPath(doc: Doc, path: string, value: unknown): Doc {
	const [key, ...rest] = path.split('.');
	if (rest.length === 0) return { ...doc, [key]: value };
	return { ...doc, [key]: setPath((doc[key] ?? {}) as Doc, rest.join('.'), value) };
}

const zodSchemas = {
	partners: partnerSchema,
	partnerships: partnershipSchema,
	customers: customerSchema,
	subscriptions: subscriptionSchema,
	invitations: invitationSchema,
	gdap: gdapRelationshipSchema,
	settings: organisationSettingsSchema
};

async function markSettled(ctx: ServiceContext, id: string, status: Conflict['status']) {
	const doc = await ctx.db.conflicts.findOne(id).exec();
	await doc?.incrementalPatch({ status, settledAt: ctx.now() });
}

/**
 * Writes a lost value back as a normal edit of this device: checked by the same rules as an edit
 * (customers: the details rules), with an activity entry, and replicated like any change.
 */
export async function restoreConflict(ctx: ServiceContext, id: string): Promise<Validation<Doc>> {
	const conflict = (await ctx.db.conflicts.findOne(id).exec())?.toMutableJSON();
	if (!conflict || conflict.status !== 'open') {
		return invalid({ conflict: 'This conflict is no longer open.' });
	}
	const collection = ctx.db[conflict.recordType];
	const doc = await collection.findOne(conflict.documentId).exec();
	if (!doc) return invalid({ conflict: 'This record no longer exists on this device.' });
	const before = doc.toMutableJSON() as unknown as Doc;
	const value = JSON.parse(conflict.lostValue) as unknown;
	if (conflict.recordType === 'partnerships' && before.status === 'removed') {
		return invalid({ conflict: 'A removed partnership stays removed.' });
	}

	if (conflict.recordType === 'customers') {
		const customer = setPath(before, conflict.field, value) as unknown as Customer;
		const result = await updateCustomerDetails(ctx, customer.id, {
			companyName: customer.companyName,
			domainPrefix: customer.domainPrefix,
			address: customer.address,
			contact: customer.contact,
			organisationRegistrationNumber: customer.organisationRegistrationNumber,
			cloud: customer.cloud
		});
		if (!result.ok) return result;
		await markSettled(ctx, id, 'restored');
		return valid(result.value as unknown as Doc);
	}

	const after: Doc = {
		...setPath(before, conflict.field, value),
		...updatedMeta(ctx.actor, ctx.now())
	};
	if (typeof after.name === 'string' && 'nameLower' in after) {
		after.nameLower = after.name.toLowerCase();
	}
	const checked = zodSchemas[conflict.recordType].safeParse(after);
	if (!checked.success) {
		return invalid({ conflict: `The lost value is not valid for ${conflict.field}.` });
	}
	await saveChanges(doc as never, before, after);
	await recordActivity(ctx.db, ctx.actor, {
		collection: conflict.recordType,
		documentId: conflict.documentId,
		action: 'conflict.restored',
		summary: `Restored the value of ${conflict.field} that lost a conflict`,
		changes: [
			{
				field: conflict.field,
				from: JSON.stringify(getPath(before, conflict.field) ?? null).slice(0, 1000),
				to: conflict.lostValue.slice(0, 1000)
			}
		]
	});
	await markSettled(ctx, id, 'restored');
	return valid(after);
}

/** Keeps the current value: the conflict leaves the open list. */
export async function dismissConflict(ctx: ServiceContext, id: string): Promise<void> {
	await markSettled(ctx, id, 'dismissed');
}
