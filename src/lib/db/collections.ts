import type { MigrationStrategies, RxCollection, RxDatabase } from 'rxdb';
import { activitySchema, type Activity } from '$lib/domain/activity/schema';
import { customerSchema, type Customer } from '$lib/domain/customer/schema';
import { offerSchema, type Offer } from '$lib/domain/offer/schema';
import { partnerSchema, type Partner } from '$lib/domain/partner/schema';
import { partnershipSchema, type Partnership } from '$lib/domain/partnership/schema';
import { subscriptionSchema, type Subscription } from '$lib/domain/subscription/schema';
import { toRxJsonSchema } from './json-schema';
import { conflictSchema, type Conflict } from '$lib/domain/conflict/schema';
import { mergeConflictHandler } from './conflict-handler';
import { recordingConflictHandler } from './conflict-recording';

/**
 * Migration strategies per collection, keyed by the version they migrate to.
 * Every collection is at version 0; a v1 adds `1: (doc) => …` here and bumps
 * `version` below (see migrations.test.ts for the pattern).
 */
export const migrationStrategies: Record<CollectionName, MigrationStrategies> = {
	partners: {},
	partnerships: {},
	customers: {},
	subscriptions: {},
	offers: {},
	activity: {},
	conflicts: {}
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
		version: 0,
		primaryKey: 'id',
		indexes: ['customerId', 'resellerId', 'offerId', 'updatedAt']
	}),
	offers: toRxJsonSchema<Offer>(offerSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['name']
	}),
	activity: toRxJsonSchema<Activity>(activitySchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['at', ['recordType', 'at'], ['documentId', 'at']]
	}),
	/** Local to this device (never replicated): values that lost a conflict, see README. */
	conflicts: toRxJsonSchema<Conflict>(conflictSchema, {
		version: 0,
		primaryKey: 'id',
		indexes: ['detectedAt', ['status', 'detectedAt']]
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
}

export type FieldDatabase = RxDatabase<FieldCollections>;

export function collectionCreators() {
	return Object.fromEntries(
		(Object.keys(collectionSchemas) as CollectionName[]).map((name) => [
			name,
			{
				schema: collectionSchemas[name],
				migrationStrategies: migrationStrategies[name],
				conflictHandler: recordingConflictHandler(name, mergeConflictHandler(name))
			}
		])
	);
}
