import type { FieldErrors } from '$lib/domain/shared/result';
import { ownOrganisation, type ServiceContext } from '$lib/services/context';
import { checkCustomerDetails, checkResellerForNewCustomer } from '$lib/services/customers';
import { validateSubscriptionLines } from '$lib/services/subscriptions';
import type { WizardDraft } from './wizard-draft';

/*
 * What Next checks on each step of the wizard. Nothing is written: the whole customer is
 * validated once more and stored by createCustomer on Submit.
 */

/** Next: Subscriptions — the customer details (the domain unique among known customers) and the reseller. */
export async function checkDetailsStep(
	ctx: ServiceContext,
	draft: WizardDraft
): Promise<FieldErrors> {
	const [checked, resellerProblem] = await Promise.all([
		checkCustomerDetails(ctx, draft.details),
		checkResellerForNewCustomer(ctx, draft.resellerId)
	]);
	const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
	if (resellerProblem) errors.resellerId = resellerProblem;
	return errors;
}

/**
 * Next: Review — at least one offer, each with a valid number of licences; the reseller (or the
 * provider itself for a direct customer) is credited and is the designated support contact.
 */
export async function checkSubscriptionsStep(
	ctx: ServiceContext,
	draft: WizardDraft
): Promise<FieldErrors> {
	if (draft.lines.length === 0) {
		return { subscriptions: 'Choose at least one offer for the new customer.' };
	}
	const provider = await ownOrganisation(ctx.db);
	const checked = await validateSubscriptionLines(ctx, draft.lines, {
		resellerId: draft.resellerId,
		supportContactId: draft.resellerId || provider.id
	});
	return checked.ok ? {} : checked.errors;
}
