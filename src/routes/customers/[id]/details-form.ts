import type { CustomerDetailsInput } from '$lib/domain/customer/rules';

/** Whether two versions of the details are the same, field by field. */
export function sameDetails(a: CustomerDetailsInput, b: CustomerDetailsInput): boolean {
	return JSON.stringify(detailsInOrder(a)) === JSON.stringify(detailsInOrder(b));
}

function detailsInOrder(d: CustomerDetailsInput): unknown[] {
	const { address: a, contact: c } = d;
	return [
		d.companyName,
		d.domainPrefix,
		[a.line1, a.line2, a.city, a.state, a.postalCode, a.country],
		[c.firstName, c.lastName, c.email, c.phone],
		d.organisationRegistrationNumber,
		d.cloud
	];
}

/**
 * A stored draft laid over the saved details, field by field, so that a draft written by an older
 * version of the form (a field missing) still opens.
 */
export function withDraft(
	saved: CustomerDetailsInput,
	draft: Partial<CustomerDetailsInput> | null | undefined
): CustomerDetailsInput {
	if (!draft || typeof draft !== 'object') return saved;
	const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
	return {
		companyName: text(draft.companyName, saved.companyName),
		domainPrefix: saved.domainPrefix,
		address: {
			line1: text(draft.address?.line1, saved.address.line1),
			line2: text(draft.address?.line2, saved.address.line2),
			city: text(draft.address?.city, saved.address.city),
			state: text(draft.address?.state, saved.address.state),
			postalCode: text(draft.address?.postalCode, saved.address.postalCode),
			country: text(draft.address?.country, saved.address.country)
		},
		contact: {
			firstName: text(draft.contact?.firstName, saved.contact.firstName),
			lastName: text(draft.contact?.lastName, saved.contact.lastName),
			email: text(draft.contact?.email, saved.contact.email),
			phone: text(draft.contact?.phone, saved.contact.phone)
		},
		organisationRegistrationNumber: text(
			draft.organisationRegistrationNumber,
			saved.organisationRegistrationNumber
		),
		cloud: saved.cloud
	};
}
