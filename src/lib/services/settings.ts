import type { FieldDatabase } from '$lib/db/collections';
import {
	validateOrganisationSettings,
	type OrganisationSettingsInput
} from '$lib/domain/organisation-settings/rules';
import type { OrganisationSettings } from '$lib/domain/organisation-settings/schema';
import type { Validation } from '$lib/domain/shared/result';
import { valid } from '$lib/domain/shared/result';
import { createdMeta, diffFields, recordActivity, saveChanges, updatedMeta } from './changes';
import { ownOrganisation, type ServiceContext } from './context';

/** The id of the one settings document of the organisation. */
export const SETTINGS_ID = 'organisation-settings';

/** The organisation's settings, or `undefined` while none are stored. */
export async function organisationSettings(
	db: FieldDatabase
): Promise<OrganisationSettings | undefined> {
	const doc = await db.settings.findOne(SETTINGS_ID).exec();
	return doc ? doc.toMutableJSON() : undefined;
}

/**
 * Saves the organisation settings (the tenant ID, the link template of Invite new customers and
 * the providers' tenant IDs) after the rules checked them, with an activity entry
 * `settings.changed` naming the fields that changed. Nothing is written when nothing changed.
 */
export async function saveOrganisationSettings(
	ctx: ServiceContext,
	input: OrganisationSettingsInput
): Promise<Validation<OrganisationSettings>> {
	const checked = validateOrganisationSettings(input);
	if (!checked.ok) return checked;
	const at = ctx.now();
	const own = await ownOrganisation(ctx.db);
	const doc = await ctx.db.settings.findOne(SETTINGS_ID).exec();
	const before = doc?.toMutableJSON();
	const fields = ['tenantId', 'newCustomerInvitationTemplate', 'providerTenants'] as const;
	const after: OrganisationSettings = before
		? { ...before, ...checked.value, ...updatedMeta(ctx.actor, at) }
		: { id: SETTINGS_ID, partnerId: own.id, ...checked.value, ...createdMeta(ctx.actor, at) };
	const changes = diffFields<OrganisationSettings>(before ?? {}, after, [...fields]);
	if (before && changes.length === 0) return valid(before);
	if (doc && before) await saveChanges(doc, before, after);
	else await ctx.db.settings.insert(after);
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'settings',
		documentId: SETTINGS_ID,
		action: 'settings.changed',
		summary: `Changed the organisation settings of ${own.name}`,
		changes
	});
	return valid(after);
}
