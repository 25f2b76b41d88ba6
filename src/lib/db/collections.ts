import type { MigrationStrategies, RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import type { Activity } from '$lib/domain/activity/schema';
import type { Customer } from '$lib/domain/customer/schema';
import type { Offer } from '$lib/domain/offer/schema';
import type { Partner } from '$lib/domain/partner/schema';
import type { Partnership } from '$lib/domain/partnership/schema';
import type { Subscription } from '$lib/domain/subscription/schema';
import type { Conflict } from '$lib/domain/conflict/schema';
import type { Refusal } from '$lib/domain/refusal/schema';
import type { Invitation } from '$lib/domain/invitation/schema';
import type { GdapRelationship } from '$lib/domain/gdap/schema';
import type { OrganisationSettings } from '$lib/domain/organisation-settings/schema';
import type { SentVersion } from '$lib/domain/sent-version/schema';
import rxSchemas from './rx-schemas.json';
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

/** The document type of each collection. */
export interface FieldDocuments {
	partners: Partner;
	partnerships: Partnership;
	customers: Customer;
	subscriptions: Subscription;
	offers: Offer;
	activity: Activity;
	conflicts: Conflict;
	refusals: Refusal;
	sentVersions: SentVersion;
	invitations: Invitation;
	gdap: GdapRelationship;
	settings: OrganisationSettings;
}

/**
 * The collections' RxDB JSON schemas, as derived from the domain's zod schemas with their
 * versions and indexes (derived-schemas.ts; the derivation is stored in rx-schemas.json and
 * checked by rx-schemas.test.ts, so that opening the database needs no zod).
 */
export const collectionSchemas = rxSchemas as unknown as {
	[K in keyof FieldDocuments]: RxJsonSchema<FieldDocuments[K]>;
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
