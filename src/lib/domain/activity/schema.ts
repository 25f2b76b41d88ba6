import { z } from 'zod';
import { documentId, timestamp } from '../shared/schema';

export const activityCollections = [
	'partners',
	'partnerships',
	'customers',
	'subscriptions',
	'invitations',
	'gdap',
	'settings'
] as const;
export type ActivityCollection = (typeof activityCollections)[number];

export const fieldChangeSchema = z.object({
	field: z.string().max(100),
	from: z.string().max(1000),
	to: z.string().max(1000)
});

/** Append-only record of one change: never edited after it is written. */
export const activitySchema = z.object({
	id: documentId,
	at: timestamp,
	actorId: documentId,
	actorName: z.string().max(100),
	deviceId: documentId,
	/** Which kind of record changed (named so as not to clash with RxDocument.collection). */
	recordType: z.enum(activityCollections),
	documentId,
	/** Machine name of the action, e.g. `partnership.requested`. */
	action: z.string().max(60),
	/** One line a person reads in the log. */
	summary: z.string().max(500),
	changes: z.array(fieldChangeSchema)
});

export type Activity = z.infer<typeof activitySchema>;
export type FieldChange = z.infer<typeof fieldChangeSchema>;
