import type { MigrationStrategies, RxCollection, RxDatabase } from 'rxdb';
import { activitySchema, type Activity } from '$lib/domain/activity/schema';
import { customerSchema, type Customer } from '$lib/domain/customer/schema';
import { offerSchema, type Offer } from '$lib/domain/offer/schema';
import { partnerSchema, type Partner } from '$lib/domain/partner/schema';
import { partnershipSchema, type Partnership } from '$lib/domain/partnership/schema';
import { subscriptionSchema, type Subscription } from '$lib/domain/subscription/schema';
import { toRxJsonSchema } from './json-schema';
import { conflictSchema, type Conflict } from '$lib/domain/conflict/schema';
import { refusalSchema, type Refusal } from '$lib/domain/refusal/schema';
import { invitationSchema, type Invitation } from '$lib/domain/invitation/schema';
import { gdapRelationshipSchema, type GdapRelationship } from '$lib/domain/gdap/schema';
import {
	organisationSettingsSchema,
	type OrganisationSettings
} from '$lib/domain/organisation-settings/schema';
import { sentVersionSchema, type SentVersion } from '$lib/domain/sent-version/schema';
import { mergeConflictHandler } from './conflict-handler';
import { recordingConflictHandler } from './conflict-recording';
import type { SentVersions } from './sent-versions';

/** A migration that keeps the document as it is (the schema only allows more). */
const unchanged = (doc: unknown) => doc;

/**
 * Migration strategies per collection, keyed by the version they migrate to; a new version
 * adds `n: (doc) => …` here and bumps `version` below (see migrations.test.ts for the pattern).
 * v1 of activity and conflicts: the record types of invitations, GDAP and settings.
 * v1 of subscriptions: the lifecycle fields (term start, auto-renew, scheduled changes,
 * suspension, cancellation, upgrade), all optional.
 */
export const migrationStrategies: Record<CollectionName, MigrationStrategies> = {
	partners: {},
	partnerships: {},
	customers: {},
	subscriptions: { 1: unchanged },
	offers: {},
	activity: { 1: unchanged },
	conflicts: { 1: unchanged },
	refusals: {},
	sentVersions: {},
	invitations: {},
	gdap: {},
	settings: {}
};

export const collectionSchemas = {
	partners: toRxJsonSchema<Partner>(partnerSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['kind', ['kind', 'nameLower'], 'updatedAt']
	}),
	partnerships: toRxJsonSchema<Partnership>(partnershipSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['resellerId', 'status', 'requestedAt']
	}),
	customers: toRxJsonSchema<Customer>(customerSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['nameLower', ['resellerId', 'nameLower'], 'domainPrefix', 'updatedAt']
	}),
	subscriptions: toRxJsonSchema<Subscription>(subscriptionSchema, {
		version: 1,
		primaryKey: 'id',
		indexes: ['customerId', 'resellerId', 'offerId', 'updatedAt']
	}),
	offers: toRxJsonSchema<Offer>(offerSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['name']
	}),
	activity: toRxJsonSchema<Activity>(activitySchema, {
		version: 1,
		primaryKey: 'id',
		indexes: ['at', ['recordType', 'at'], ['documentId', 'at']]
	}),
	/** Local to this device (never replicated): values that lost a conflict, see README. */
	conflicts: toRxJsonSchema<Conflict>(conflictSchema, {
		version: 1,
		primaryKey: 'id',
		indexes: ['detectedAt', ['status', 'detectedAt']]
	}),
	/** Local to this device (never replicated): changes the server refused, until dismissed. */
	refusals: toRxJsonSchema<Refusal>(refusalSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['at']
	}),
	/** Local to this device (never replicated): what its pushes sent, see sent-versions.ts. */
	sentVersions: toRxJsonSchema<SentVersion>(sentVersionSchema, {
		version: 0,
		primaryKey: 'id'
	}),
	invitations: toRxJsonSchema<Invitation>(invitationSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['status', 'sentAt', 'customerId', ['kind', 'sentAt']]
	}),
	gdap: toRxJsonSchema<GdapRelationship>(gdapRelationshipSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['customerId', 'displayNameLower', 'status']
	}),
	/** One document: the own organisation's settings (tenant ID, invitation link template). */
	settings: toRxJsonSchema<OrganisationSettings>(organisationSettingsSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['partnerId']
	})
};

export type CollectionName = keyof typeof collectionSchemas;

export interface FieldCollections {
	partners: RxCollection<Partner>;
	partnerships: RxCollection<Partnership>;
	customers: RxCollection<Customer>;
	subscriptions: RxCollection<Subscription>;
	offers: RxCollection<Offer>;
	activity: RxCollection<Activity>;
	conflicts: RxCollection<Conflict>;
	refusals: RxCollection<Refusal>;
	sentVersions: RxCollection<SentVersion>;
	invitations: RxCollection<Invitation>;
	gdap: RxCollection<GdapRelationship>;
	settings: RxCollection<OrganisationSettings>;
}

export type FieldDatabase = RxDatabase<FieldCollections>;

/** The collections; their conflict handlers ask `sent` what this device sent (sent-versions.ts). */
export function collectionCreators(sent?: SentVersions) {
	return Object.fromEntries(
		(Object.keys(collectionSchemas) as CollectionName[]).map((name) => [
			name,
			{
				schema: collectionSchemas[name],
				migrationStrategies: migrationStrategies[name],
				conflictHandler: recordingConflictHandler(name, mergeConflictHandler(name, sent), sent)
			}
		])
	);
}
