import type { CustomerDetailsInput } from '$lib/domain/customer/rules';
import type { FieldErrors } from '$lib/domain/shared/result';
import type { SubscriptionLine } from '$lib/services/subscriptions';
import { msg } from '$lib/i18n';

/** The steps whose input is kept in the draft; the Confirmation is never stored. */
export type WizardStep = 'details' | 'subscriptions' | 'review';

/** Where Cancel leads back to. */
export type ReturnTo = '/customers' | '/resellers';

/**
 * Everything typed in the Add new customer wizard, kept on the device until Submit or Cancel.
 * The temporary password is NOT part of it: it lives only in the page's memory.
 */
export interface WizardDraft {
	step: WizardStep;
	/** The indirect reseller the customer is added for; '' for a direct customer. */
	resellerId: string;
	details: CustomerDetailsInput;
	customerAgreementAccepted: boolean;
	lines: SubscriptionLine[];
	returnTo: ReturnTo;
}

export function emptyDraft(resellerId = '', returnTo: ReturnTo = '/customers'): WizardDraft {
	return {
		step: 'details',
		resellerId,
		details: {
			companyName: '',
			domainPrefix: '',
			address: { line1: '', line2: '', city: '', state: '', postalCode: '', country: '' },
			contact: { firstName: '', lastName: '', email: '', phone: '' },
			organisationRegistrationNumber: '',
			cloud: 'public'
		},
		customerAgreementAccepted: false,
		lines: [],
		returnTo
	};
}

/** Whether a stored value still has the draft's shape (an older or damaged one is dropped). */
export function isWizardDraft(value: unknown): value is WizardDraft {
	const draft = value as Partial<WizardDraft> | null;
	return (
		!!draft &&
		typeof draft === 'object' &&
		['details', 'subscriptions', 'review'].includes(draft.step as string) &&
		typeof draft.resellerId === 'string' &&
		typeof draft.details?.address === 'object' &&
		typeof draft.details?.contact === 'object' &&
		Array.isArray(draft.lines)
	);
}

/** Whether the person typed or chose anything that would be lost by starting again. */
export function hasTypedContent(draft: WizardDraft): boolean {
	const { details } = draft;
	const { country: _country, ...address } = details.address;
	const texts = [
		details.companyName,
		details.domainPrefix,
		details.organisationRegistrationNumber,
		...Object.values(address),
		...Object.values(details.contact)
	];
	return (
		texts.some((text) => text.trim() !== '') ||
		draft.lines.length > 0 ||
		draft.customerAgreementAccepted
	);
}

/**
 * What opening the wizard does with the stored draft, given the `?reseller=` of the link
 * (`null` when there is none): a draft with typed content is kept, and the person decides whether
 * to start over (`otherReseller` says the link asked for another reseller); an untouched one
 * starts afresh for the reseller of the link.
 */
export function draftOnOpen(
	draft: WizardDraft,
	wantedReseller: string | null
): { draft: WizardDraft; kept: boolean; otherReseller: boolean } {
	if (!hasTypedContent(draft)) {
		const fresh = emptyDraft(wantedReseller ?? '', wantedReseller ? '/resellers' : '/customers');
		return { draft: fresh, kept: false, otherReseller: false };
	}
	const otherReseller = wantedReseller !== null && wantedReseller !== draft.resellerId;
	return { draft, kept: true, otherReseller };
}

/** What the wizard tells when it opens with a kept draft; '' when the draft started afresh. */
export function keptDraftMessage(opened: { kept: boolean; otherReseller: boolean }): string {
	if (!opened.kept) return '';
	return opened.otherReseller
		? msg(
				'You have an unfinished new customer for another reseller: it is shown here. Start over to add a customer for the reseller you chose.'
			)
		: msg('You are continuing the new customer you started earlier.');
}

/** Where Cancel goes back to, from the page the wizard was opened on. */
export function returnToFrom(pathname: string): ReturnTo {
	return pathname.startsWith('/resellers') ? '/resellers' : '/customers';
}

/** The step where a field error is shown: offers on Subscriptions, everything else on details. */
export function stepOfError(key: string): WizardStep {
	return key.startsWith('subscriptions') ? 'subscriptions' : 'details';
}

/** The first step that has an error, or `undefined` when there is none. */
export function firstStepWithErrors(errors: FieldErrors): WizardStep | undefined {
	const steps = Object.keys(errors).map(stepOfError);
	if (steps.includes('details')) return 'details';
	return steps[0];
}
