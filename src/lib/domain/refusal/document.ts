import { z } from 'zod';
import { documentId, timestamp } from '../shared/schema';

/**
 * A change the server refused (local to this device, never replicated): the record went back to
 * the server's version; the list tells the user which change and why until they dismiss it.
 * Written by the page's replication and by the service worker's Background Sync alike.
 */
export const refusalSchema = z.object({
	/** Deterministic (collection, record, time), so a refusal reported twice is kept once. */
	id: z.string().min(1).max(160),
	/** The collection of the refused record (`collection` is taken by RxDB documents). */
	recordType: z.string().max(40),
	documentId,
	/** The record's name, for the list. */
	label: z.string().max(255),
	code: z.string().max(64),
	reason: z.string().max(2000),
	at: timestamp
});

export type Refusal = z.infer<typeof refusalSchema>;
