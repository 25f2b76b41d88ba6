/**
 * The RxDB JSON schemas of the collections, derived from the zod schemas of the domain (the single
 * source of every document shape). The app does not run this: it opens the database with the
 * derivation's result, `rx-schemas.json`, so that zod is not part of the first visit's JavaScript.
 * `rx-schemas.test.ts` fails when the two differ; `npx vitest run src/lib/db/rx-schemas.test.ts -u`
 * writes the file again.
 */
import { activitySchema, type Activity } from '$lib/domain/activity/schema';
import { customerSchema, type Customer } from '$lib/domain/customer/schema';
import { offerSchema, type Offer } from '$lib/domain/offer/schema';
import { partnerSchema, type Partner } from '$lib/domain/partner/schema';
import { partnershipSchema, type Partnership } from '$lib/domain/partnership/schema';
import { subscriptionSchema, type Subscription } from '$lib/domain/subscription/schema';
import type { z } from 'zod';
import { toRxJsonSchema, type DerivedSchemaOptions } from './json-schema';
import { conflictSchema, type Conflict } from '$lib/domain/conflict/schema';
import { refusalSchema, type Refusal } from '$lib/domain/refusal/document';
import { invitationSchema, type Invitation } from '$lib/domain/invitation/schema';
import { gdapRelationshipSchema, type GdapRelationship } from '$lib/domain/gdap/schema';
import {
	organisationSettingsSchema,
	type OrganisationSettings
} from '$lib/domain/organisation-settings/schema';
import { sentVersionSchema, type SentVersion } from '$lib/domain/sent-version/schema';

/** The RxDB schema of a collection keyed by `id` (every collection is), at a schema version. */
function keyedById<T extends { id: string }>(
	schema: z.ZodObject,
	version: number,
	indexes?: DerivedSchemaOptions<T>['indexes']
) {
	return toRxJsonSchema<T>(schema, { version, primaryKey: 'id', indexes });
}

export const derivedCollectionSchemas = {
	partners: keyedById<Partner>(partnerSchema, 0, ['kind', ['kind', 'nameLower'], 'updatedAt']),
	partnerships: keyedById<Partnership>(partnershipSchema, 0, [
		'resellerId',
		'status',
		'requestedAt'
	]),
	customers: keyedById<Customer>(customerSchema, 0, [
		'nameLower',
		['resellerId', 'nameLower'],
		'domainPrefix',
		'updatedAt'
	]),
	subscriptions: keyedById<Subscription>(subscriptionSchema, 1, [
		'customerId',
		'resellerId',
		'offerId',
		'updatedAt'
	]),
	offers: keyedById<Offer>(offerSchema, 0, ['name']),
	activity: keyedById<Activity>(activitySchema, 1, [
		'at',
		['recordType', 'at'],
		['documentId', 'at']
	]),
	/** Local to this device (never replicated): values that lost a conflict, see README. */
	conflicts: keyedById<Conflict>(conflictSchema, 1, ['detectedAt', ['status', 'detectedAt']]),
	/** Local to this device (never replicated): changes the server refused, until dismissed. */
	refusals: keyedById<Refusal>(refusalSchema, 0, ['at']),
	/** Local to this device (never replicated): what its pushes sent, see sent-versions.ts. */
	sentVersions: keyedById<SentVersion>(sentVersionSchema, 0),
	invitations: keyedById<Invitation>(invitationSchema, 0, [
		'status',
		'sentAt',
		'customerId',
		['kind', 'sentAt']
	]),
	gdap: keyedById<GdapRelationship>(gdapRelationshipSchema, 0, [
		'customerId',
		'displayNameLower',
		'status'
	]),
	/** One document: the own organisation's settings (tenant ID, invitation link template). */
	settings: keyedById<OrganisationSettings>(organisationSettingsSchema, 0, ['partnerId'])
};
