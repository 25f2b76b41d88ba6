import {
	emptyRecipient,
	recipientOf,
	type InvitationDraft,
	type RecipientForm
} from '$lib/app/invitations/recipient-form';
import type { Customer } from '$lib/domain/customer/schema';
import { isOnResellerCustomersList } from '$lib/domain/reseller-relationship/removal';

/** Everything typed on Request a reseller relationship, kept across reloads until Done. */
export interface RelationshipRequestForm extends RecipientForm {
	/** The customer on this device the request is for; '' for a customer not on this device. */
	customerId: string;
	draft: InvitationDraft | null;
}

export function emptyRelationshipRequest(country: string): RelationshipRequestForm {
	return { ...emptyRecipient(country), customerId: '', draft: null };
}

/**
 * The form once a customer is chosen: a customer on this device fills in its name, contact,
 * country/region and cloud; "not on this device" ('' or an unknown id) starts an empty recipient.
 * The draft is dropped (it was written for someone else); the privileges choice stays.
 */
export function chooseCustomer(
	form: RelationshipRequestForm,
	customer: Customer | undefined,
	ownCountry: string
): RelationshipRequestForm {
	const dap = form.delegatedAdminPrivileges;
	if (!customer)
		return {
			...emptyRecipient(ownCountry),
			delegatedAdminPrivileges: dap,
			customerId: '',
			draft: null
		};
	return { ...recipientOf(customer, dap), customerId: customer.id, draft: null };
}

/** Customers a reseller relationship can be requested with: those not on the Customers list. */
export function requestableCustomers(customers: Customer[], resellerId: string): Customer[] {
	return customers.filter((customer) => !isOnResellerCustomersList(customer, resellerId));
}
