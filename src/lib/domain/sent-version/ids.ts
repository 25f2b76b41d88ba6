/**
 * The ids and bound of the sent-version records, apart from their zod schema (schema.ts): the
 * database layer uses them on every page, the schema only in tests and in derived-schemas.ts, so
 * the first visit loads no zod.
 */

/** How many versions of one record are kept (see db/sent-versions.ts for why a few suffice). */
export const SENT_VERSIONS_KEPT = 8;

export function sentVersionId(recordType: string, documentId: string): string {
	return `${recordType}|${documentId}`;
}
