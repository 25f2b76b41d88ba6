import { z } from 'zod';
import { activityCollections } from '../activity/schema';
import { documentId, timestamp } from '../shared/schema';

export const conflictStatuses = ['open', 'restored', 'dismissed'] as const;
export type ConflictStatus = (typeof conflictStatuses)[number];

/**
 * One value that lost when replication settled a field edited on two devices (local to this
 * device, never replicated). Values are JSON strings: a field can be text, a flag or an object.
 */
export const conflictSchema = z.object({
	/** Deterministic: the same loss settled twice is recorded once. */
	id: documentId,
	recordType: z.enum(activityCollections),
	documentId,
	/** The record's name when the conflict was settled, for the list. */
	recordLabel: z.string().max(255),
	/** Dotted path of the field, e.g. `contact.phone`. */
	field: z.string().max(100),
	lostValue: z.string().max(5000),
	keptValue: z.string().max(5000),
	lostAt: z.string().max(30),
	lostBy: z.string().max(64),
	lostDevice: z.string().max(64),
	keptAt: z.string().max(30),
	keptBy: z.string().max(64),
	keptDevice: z.string().max(64),
	detectedAt: timestamp,
	status: z.enum(conflictStatuses),
	/** When it was restored or dismissed; '' while open. */
	settledAt: z.string().max(30)
});

export type Conflict = z.infer<typeof conflictSchema>;
