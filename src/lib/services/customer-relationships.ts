import type { Customer } from '$lib/domain/customer/schema';
import { removeCustomerRelationship } from '$lib/domain/reseller-relationship/removal';
import { diffFields } from './changes';
import type { ServiceContext } from './context';
import { changeState } from './state-change';

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
	const { after } = await changeState<Customer>(ctx, {
		collection: 'customers',
		id: customerId,
		notFound: 'This customer no longer exists on this device.',
		rule: (version, at) =>
			removeCustomerRelationship(version, {
				removedBy: ctx.actor.userId,
				removedAt: at,
				confirmed: input.confirmed,
				attested: input.attested
			}).customer,
		activity: (before, next) => ({
			action: 'customer.relationship-removed',
			summary: `Removed the customer relationship with ${before.companyName} (attested; no notice sent, delegated admin privileges unchanged)`,
			changes: diffFields(before, next, ['resellerRelationship'])
		})
	});
	return after;
}
