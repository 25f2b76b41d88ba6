import { z } from 'zod';
import { changeMeta, documentId } from '../shared/schema';

/** Length of a tenant ID written as a GUID: 32 hexadecimal digits and 4 hyphens. */
export const TENANT_ID_LENGTH = 36;
/** Longest invitation link template stored. */
export const INVITATION_TEMPLATE_MAX_LENGTH = 1000;

/** A Microsoft Entra tenant ID (a GUID in lower case), or '' while it is not known yet. */
export const tenantIdField = z.string().max(TENANT_ID_LENGTH);

/** The tenant ID of one of the organisation's indirect providers, for the invitation link. */
export const providerTenantSchema = z.object({
	providerId: documentId,
	tenantId: tenantIdField
});

/**
 * Settings of the own partner organisation, one document per organisation (kept apart from the
 * partner document so that partner documents keep their shape). Whether the organisation is an
 * indirect provider or an indirect reseller is `Partner.kind` of its partner document.
 */
export const organisationSettingsSchema = z.object({
	id: documentId,
	/** The own organisation's partner document. */
	partnerId: documentId,
	/** The Microsoft tenant ID of the own organisation; '' until entered. */
	tenantId: tenantIdField,
	/**
	 * The link of **Invite new customers** (a relationship with the reseller and one of its
	 * indirect providers at once), with placeholders; see `INVITATION_PLACEHOLDERS`.
	 */
	newCustomerInvitationTemplate: z.string().max(INVITATION_TEMPLATE_MAX_LENGTH),
	/** Tenant IDs of the organisation's indirect providers (used by `{providerTenantId}`). */
	providerTenants: z.array(providerTenantSchema).max(200),
	...changeMeta
});

export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;
export type ProviderTenant = z.infer<typeof providerTenantSchema>;
