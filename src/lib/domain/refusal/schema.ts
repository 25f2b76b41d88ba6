/**
 * A change the server refused: its id and type here, its zod schema in document.ts. This module
 * loads no zod, so the pages that report refusals (sync/refusals.ts, on every page) do not bring
 * zod into the first visit; the schema is used by tests and by db/derived-schemas.ts.
 */
export type { Refusal } from './document';

export function refusalId(recordType: string, documentId: string, at: string): string {
	return `${recordType}:${documentId}:${at}`;
}
