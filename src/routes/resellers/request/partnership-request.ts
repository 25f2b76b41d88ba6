/** The email drafted for one partnership request, with the token of its personalised link. */
export interface DraftEmail {
	token: string;
	link: string;
	subject: string;
	body: string;
	/** The reseller name the greeting was written for. */
	resellerName: string;
}

/** Everything typed on the Request a partnership page, kept across reloads until Done. */
export interface PartnershipRequestForm {
	name: string;
	email: string;
	mpnId: string;
	draft: DraftEmail | null;
}

export const emptyRequestForm: PartnershipRequestForm = {
	name: '',
	email: '',
	mpnId: '',
	draft: null
};

/**
 * Applies the reseller given in the page address (from "Request again") to the kept form. A form
 * kept for the same MPN ID stays as it is, so a reload never throws away edits; a form for another
 * reseller is replaced, draft and token included.
 */
export function prefillRequestForm(
	form: PartnershipRequestForm,
	params: URLSearchParams
): PartnershipRequestForm {
	const mpnId = params.get('mpnId')?.trim() ?? '';
	if (mpnId === '' || mpnId === form.mpnId.trim()) return form;
	return {
		name: params.get('name') ?? '',
		email: params.get('email') ?? '',
		mpnId,
		draft: null
	};
}
