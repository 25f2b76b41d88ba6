import type { Customer } from '$lib/domain/customer/schema';
import { removeCustomerRelationship } from '$lib/domain/reseller-relationship/removal';
import { diffFields, recordActivity, saveChanges, updatedMeta } from './changes';
import type { ServiceContext } from './context';

/**
 * **Remove customer relationship** (Customers → the customer → Account): after Yes and the
 * attestation, the reseller relationship becomes `removed`. Nothing is sent to the customer,
 * delegated admin privileges stay unchanged, and the customer stays on the device (in the
 * history) though it leaves the Customers list. The removal (who, when, attested) is in the
 * activity entry `customer.relationship-removed`.
 */
export async function removeCustomerRelationshipById(
	ctx: ServiceContext,
	customerId: string,
	input: { confirmed: boolean; attested: boolean }
): Promise<Customer> {
	const doc = await ctx.db.customers.findOne(customerId).exec();
	if (!doc) throw new Error('This customer no longer exists on this device.');
	const before = doc.toMutableJSON();
	const at = ctx.now();
	const remove = (version: Customer) =>
		removeCustomerRelationship(version, {
			removedBy: ctx.actor.userId,
			removedAt: at,
			confirmed: input.confirmed,
			attested: input.attested
		});
	const { customer, removal } = remove(before);
	const after: Customer = { ...customer, ...updatedMeta(ctx.actor, at) };
	await saveChanges(doc, before, after, remove);
	await recordActivity(
		ctx.db,
		ctx.actor,
		{
			collection: 'customers',
			documentId: customerId,
			action: 'customer.relationship-removed',
			summary: `Removed the customer relationship with ${before.companyName} (attested; no notice sent, delegated admin privileges unchanged)`,
			changes: diffFields(before, after, ['resellerRelationship'])
		},
		removal.removedAt
	);
	return after;
}
