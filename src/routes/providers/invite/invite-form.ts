import {
	emptyRecipient,
	type InvitationDraft,
	type RecipientForm
} from '$lib/app/invitations/recipient-form';
import type { FieldErrors } from '$lib/domain/shared/result';
import type { ProviderRow } from '$lib/services/reseller-read-models';

/** Everything typed on Invite new customers, kept across reloads until Done. */
export interface NewCustomerInviteForm extends RecipientForm {
	providerId: string;
	draft: InvitationDraft | null;
}

export function emptyInviteForm(country: string, providerId = ''): NewCustomerInviteForm {
	return { ...emptyRecipient(country), providerId, draft: null };
}

/** The providers new customers can be invited with: those with an active partnership. */
export function invitingProviders(rows: ProviderRow[]): ProviderRow[] {
	return rows.filter((row) => row.status === 'active');
}

/** The link errors that a setting causes (the rest concern the form's own fields). */
const SETTING_KEYS = [
	'newCustomerInvitationTemplate',
	'resellerTenantId',
	'providerTenantId',
	'resellerMpnId',
	'providerMpnId'
];

/** Splits errors into those a setting (or a partner's details) causes and the form's own. */
export function splitSettingErrors(errors: FieldErrors): {
	settings: string[];
	fields: FieldErrors;
} {
	const settings: string[] = [];
	const fields: FieldErrors = {};
	for (const [key, message] of Object.entries(errors)) {
		if (SETTING_KEYS.includes(key)) settings.push(message);
		else fields[key] = message;
	}
	return { settings, fields };
}
