import type { Customer } from '../customer/schema';
import { requireTimestamp } from '../shared/dates';
import { DomainError } from '../shared/result';

/*
 * **Remove customer relationship** (Customers → the customer → Account), on the reseller's side.
 * The user answers **Yes** to the confirmation and confirms the attestation; nothing is sent to
 * the customer; delegated admin privileges stay unchanged. The customer leaves the Customers list
 * and stays in the history: the document is kept, with the reseller relationship `removed`.
 */

/** What the confirmation says, one point a line (as the Remove partnership dialog does). */
export const removeCustomerRelationshipConsequences: readonly string[] = [
	'Delegated admin privileges granted by the customer stay unchanged.',
	'No notice is sent to the customer. If your agreement with the customer requires a notice of termination, you must send it yourself.',
	'The customer leaves your Customers list; it stays in the history.'
];

/** The attestation the user must confirm before answering Yes. */
export const removeCustomerRelationshipAttestation =
	'I confirm that this decision was made in good faith, for a legitimate business purpose and in line with my agreement with the customer.';

/** The question of the confirmation, e.g. "Do you want to remove the customer relationship with Contoso?" */
export function removeCustomerRelationshipQuestion(companyName: string): string {
	return `Do you want to remove the customer relationship with ${companyName.trim()}?`;
}

/**
 * The reminder on the customer page: the partner stays responsible for support until a new
 * agreement, even if the customer removes the admin privileges.
 */
export const supportResponsibilityReminder =
	"The customer can reassign or remove your admin privileges in its admin portal at any time. Until you have a new agreement with the customer, you remain responsible for supporting the customer and for following the Microsoft Partner Agreement, even if the customer removes your admin privileges. If the customer then needs help, you can open a service request with Microsoft Support on the customer's behalf.";

/** Whether a customer is on the reseller's Customers list (an active reseller relationship). */
export function isOnResellerCustomersList(
	customer: Pick<Customer, 'resellerId' | 'resellerRelationship'>,
	resellerId: string
): boolean {
	return customer.resellerId === resellerId && customer.resellerRelationship === 'active';
}

export interface CustomerRelationshipRemoval {
	removedBy: string;
	removedAt: string;
	attested: true;
}

/**
 * Removes the reseller's relationship with a customer. Refused unless it is active, the user
 * answered Yes (`confirmed`) and confirmed the attestation. Returns the customer with the
 * relationship `removed` (the reseller stays recorded, delegated admin privileges and the
 * provider's relationship unchanged) and the removal, for the activity entry
 * (`customer.relationship-removed`).
 */
export function removeCustomerRelationship(
	customer: Customer,
	input: { removedBy: string; removedAt: string; confirmed: boolean; attested: boolean }
): { customer: Customer; removal: CustomerRelationshipRemoval } {
	if (customer.resellerRelationship === 'removed') {
		throw new DomainError(
			'The relationship with this customer was already removed.',
			'customer-relationship/already-removed'
		);
	}
	if (customer.resellerRelationship !== 'active') {
		throw new DomainError(
			'You have no active relationship with this customer to remove. Withdraw an open invitation instead.',
			'customer-relationship/not-active'
		);
	}
	if (input.confirmed !== true) {
		throw new DomainError(
			'Answer Yes to remove the customer relationship.',
			'customer-relationship/confirmation-required'
		);
	}
	if (input.attested !== true) {
		throw new DomainError(
			'Confirm that you remove this customer relationship in good faith, for a legitimate business purpose and in line with your agreement with the customer.',
			'customer-relationship/attestation-required'
		);
	}
	const removedMs = requireTimestamp(
		input.removedAt,
		'customer-relationship/invalid-removed-at',
		'the removal'
	);
	return {
		customer: { ...customer, resellerRelationship: 'removed' },
		removal: {
			removedBy: input.removedBy,
			removedAt: new Date(removedMs).toISOString(),
			attested: true
		}
	};
}
