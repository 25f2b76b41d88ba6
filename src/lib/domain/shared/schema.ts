import { config, z } from 'zod';

// No `new Function` probe or compiled parsers: the app's Content-Security-Policy has no
// 'unsafe-eval'. Here, because every module that makes a zod schema imports this one, so it runs
// before the first schema is made (the first visit of the app loads no zod at all).
config({ jitless: true });

/** Identifier of any document: a UUID or a short slug. */
export const documentId = z.string().min(1).max(64);

/** An ISO 8601 timestamp (UTC), as written by `new Date().toISOString()`. */
export const timestamp = z.string().min(20).max(30);

/** ISO 3166-1 alpha-2 country/region code, upper case. */
export const countryCode = z
	.string()
	.length(2)
	.regex(/^[A-Z]{2}$/);

/**
 * Who changed a document, when and on which device. Every stored document
 * carries it so that sync and the activity log can tell changes apart.
 */
export const changeMeta = {
	createdAt: timestamp,
	createdBy: documentId,
	updatedAt: timestamp,
	updatedBy: documentId,
	deviceId: documentId
};

export type ChangeMeta = {
	createdAt: string;
	createdBy: string;
	updatedAt: string;
	updatedBy: string;
	deviceId: string;
};

/** The person acting, as recorded in documents and the activity log. */
export interface Actor {
	userId: string;
	name: string;
	deviceId: string;
}
