import { adminUserName, domainPrefixError, PERSON_NAME_MAX_LENGTH } from '../customer/rules';
import type { Customer } from '../customer/schema';
import { DomainError, invalid, valid, type Validation } from '../shared/result';
import type { ChangeMeta } from '../shared/schema';
import type { Invitation } from './schema';

/** A customer without its change metadata (the service that stores it adds it). */
export type CustomerFields = Omit<Customer, keyof ChangeMeta>;

/** Splits "Anna Kovács" into a first and a last name (the last name may stay empty). */
export function splitContactName(name: string): { firstName: string; lastName: string } {
	const words = name.trim().split(/\s+/u).filter(Boolean);
	return {
		firstName: (words[0] ?? '').slice(0, PERSON_NAME_MAX_LENGTH),
		lastName: words.slice(1).join(' ').slice(0, PERSON_NAME_MAX_LENGTH)
	};
}

/**
 * The customer an accepted invitation to a customer not yet on this device brings: its tenant's
 * domain prefix (entered when the acceptance is recorded, since the tenant existed or was created
 * then), the invited company, contact and cloud, the country/region of the invitation. The
 * reseller's relationship is active; with Invite new customers the provider's one too. The
 * address beyond the country/region is left for the staff to complete on the customer's page.
 */
export function customerFromInvitation(
	inv: Invitation,
	input: { id: string; domainPrefix: string; knownDomainPrefixes: readonly string[] }
): Validation<CustomerFields> {
	if (inv.status !== 'accepted') {
		throw new DomainError(
			'Only an accepted invitation brings a new customer.',
			'invitation/not-accepted'
		);
	}
	if (inv.customerId !== '') {
		throw new DomainError(
			'This invitation was sent to a customer already on this device.',
			'invitation/existing-customer'
		);
	}
	const prefixError = domainPrefixError(input.domainPrefix, input.knownDomainPrefixes);
	if (prefixError) return invalid({ domainPrefix: prefixError });
	const domainPrefix = input.domainPrefix.trim().toLowerCase();
	return valid({
		id: input.id,
		companyName: inv.companyName,
		nameLower: inv.companyName.toLowerCase(),
		domainPrefix,
		address: { line1: '', line2: '', city: '', state: '', postalCode: '', country: inv.country },
		contact: { ...splitContactName(inv.contactName), email: inv.email, phone: '' },
		organisationRegistrationNumber: '',
		cloud: inv.cloud,
		resellerId: inv.resellerId,
		providerRelationship: inv.kind === 'reseller-and-provider' ? 'active' : 'none',
		resellerRelationship: 'active',
		delegatedAdminPrivileges: inv.delegatedAdminPrivileges,
		customerAgreementAccepted: inv.mcaAccepted === true,
		adminUserName: adminUserName(domainPrefix)
	});
}
