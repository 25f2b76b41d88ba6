import type { Cloud, Customer } from '$lib/domain/customer/schema';
import { defaultResellerRelationshipOptions } from '$lib/domain/reseller-relationship/rules';

/** Who an invitation goes to, as typed on the form (kept across reloads with the draft). */
export interface RecipientForm {
	companyName: string;
	contactName: string;
	email: string;
	country: string;
	cloud: Cloud;
	delegatedAdminPrivileges: boolean;
}

/** A new recipient in the reseller's country/region, delegated admin privileges asked for. */
export function emptyRecipient(country: string): RecipientForm {
	return {
		companyName: '',
		contactName: '',
		email: '',
		country,
		cloud: 'public',
		...defaultResellerRelationshipOptions
	};
}

/** The recipient a customer on this device gives: its name, primary contact, country and cloud. */
export function recipientOf(
	customer: Pick<Customer, 'companyName' | 'contact' | 'address' | 'cloud'>,
	delegatedAdminPrivileges = defaultResellerRelationshipOptions.delegatedAdminPrivileges
): RecipientForm {
	return {
		companyName: customer.companyName,
		contactName: `${customer.contact.firstName} ${customer.contact.lastName}`.trim(),
		email: customer.contact.email,
		country: customer.address.country,
		cloud: customer.cloud,
		delegatedAdminPrivileges
	};
}

/** The drafted email of an invitation, with the link it was written for. */
export interface InvitationDraft {
	link: string;
	subject: string;
	body: string;
}
