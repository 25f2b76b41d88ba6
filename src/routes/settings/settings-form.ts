import type { OrganisationSettings } from '$lib/domain/organisation-settings/schema';
import type { Partner } from '$lib/domain/partner/schema';

/** The Organisation settings form, kept across reloads while it has unsaved edits. */
export interface SettingsForm {
	/** Whether the user changed anything since the form was filled from the stored settings. */
	edited: boolean;
	tenantId: string;
	newCustomerInvitationTemplate: string;
	/** One tenant ID per indirect provider ('' when not known). */
	providerTenants: { providerId: string; tenantId: string }[];
}

export const emptySettingsForm: SettingsForm = {
	edited: false,
	tenantId: '',
	newCustomerInvitationTemplate: '',
	providerTenants: []
};

/**
 * The form for the stored settings and the organisation's indirect providers: one row per
 * provider (its kept tenant ID, or ''). Unsaved edits are kept as they are, with rows added for
 * providers that arrived since.
 */
export function settingsFormFor(
	form: SettingsForm,
	settings: OrganisationSettings | undefined,
	providers: Pick<Partner, 'id'>[]
): SettingsForm {
	const base: SettingsForm = form.edited
		? form
		: {
				edited: false,
				tenantId: settings?.tenantId ?? '',
				newCustomerInvitationTemplate: settings?.newCustomerInvitationTemplate ?? '',
				providerTenants: []
			};
	const kept = form.edited ? form.providerTenants : (settings?.providerTenants ?? []);
	return {
		...base,
		providerTenants: providers.map((provider) => ({
			providerId: provider.id,
			tenantId: kept.find((row) => row.providerId === provider.id)?.tenantId ?? ''
		}))
	};
}
