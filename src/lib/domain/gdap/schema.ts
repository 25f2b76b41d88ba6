import { z } from 'zod';
import { changeMeta, documentId, timestamp } from '../shared/schema';

export const GDAP_DISPLAY_NAME_MAX_LENGTH = 50;
export const GDAP_MIN_DURATION_DAYS = 1;
/** Two years: the longest a GDAP relationship can last before it is extended. */
export const GDAP_MAX_DURATION_DAYS = 730;

/** Stored states; `expiring` and `expired` are derived from the end date (see rules). */
export const gdapStoredStatuses = ['approval-pending', 'active', 'terminated'] as const;
export type GdapStoredStatus = (typeof gdapStoredStatuses)[number];

/** Every state a relationship is shown in. */
export const gdapStatuses = [
	'approval-pending',
	'active',
	'expiring',
	'expired',
	'terminated'
] as const;
export type GdapStatus = (typeof gdapStatuses)[number];

/** A granular delegated admin privileges (GDAP) relationship with a customer. */
export const gdapRelationshipSchema = z.object({
	id: documentId,
	customerId: documentId,
	displayName: z.string().min(1).max(GDAP_DISPLAY_NAME_MAX_LENGTH),
	/** Lower-cased display name: unique among the organisation's relationships. */
	displayNameLower: z.string().max(GDAP_DISPLAY_NAME_MAX_LENGTH),
	durationDays: z.number().int().min(GDAP_MIN_DURATION_DAYS).max(GDAP_MAX_DURATION_DAYS),
	/** Microsoft Entra role template IDs (GUIDs, lower case). */
	roleIds: z.array(z.string().length(36)).min(1).max(100),
	/** Extend by 180 days at the end, until terminated (never with Global Administrator). */
	autoExtend: z.boolean(),
	status: z.enum(gdapStoredStatuses),
	requestedAt: timestamp,
	requestedBy: documentId,
	/** When the customer approved: the start of the relationship. */
	approvedAt: timestamp.optional(),
	/**
	 * End of the relationship: approval + duration, moved on when auto-extend is switched (the
	 * extensions that already happened are kept). Later extensions are derived.
	 */
	endAt: timestamp.optional(),
	terminatedAt: timestamp.optional(),
	terminatedBy: documentId.optional(),
	...changeMeta
});

export type GdapRelationship = z.infer<typeof gdapRelationshipSchema>;
