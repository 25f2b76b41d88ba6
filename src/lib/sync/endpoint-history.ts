/**
 * The endpoint's history of records: each record's current version and the earlier versions of
 * its revision history whose bodies the endpoint still keeps (CouchDB and PouchDB keep them until
 * the database is compacted), newest first. Two `_bulk_get` requests for any number of records:
 * the current versions with their revision ids (`revs=true`), then the earlier ones.
 * Used by sent-versions.ts to find a version this device sent under another device's write.
 */
type Doc = Record<string, unknown>;

interface BulkGetResult {
	results?: { id: string; docs: ({ ok: Doc } | { error: unknown })[] }[];
}

/** How far back a record's history is read. */
export const HISTORY_DEPTH = 12;

async function bulkGet(
	fetcher: typeof fetch,
	databaseUrl: string,
	docs: { id: string; rev?: string }[],
	revs: boolean
): Promise<Doc[]> {
	const response = await fetcher(`${databaseUrl}_bulk_get${revs ? '?revs=true' : ''}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ docs }),
		credentials: 'same-origin'
	});
	if (!response.ok) throw new Error(`The endpoint answered ${response.status} to _bulk_get`);
	const body = (await response.json()) as BulkGetResult;
	return (body.results ?? []).flatMap((result) =>
		result.docs.flatMap((entry) => ('ok' in entry ? [entry.ok] : []))
	);
}

export async function endpointHistories(
	fetcher: typeof fetch,
	databaseUrl: string,
	ids: string[],
	depth = HISTORY_DEPTH
): Promise<Map<string, Doc[]>> {
	const histories = new Map<string, Doc[]>();
	if (ids.length === 0) return histories;
	const current = await bulkGet(
		fetcher,
		databaseUrl,
		ids.map((id) => ({ id })),
		true
	);
	const earlier: { id: string; rev: string }[] = [];
	for (const doc of current) {
		const id = String(doc._id);
		histories.set(id, [doc]);
		const revisions = doc._revisions as { start: number; ids: string[] } | undefined;
		if (!revisions) continue;
		revisions.ids.slice(1, depth).forEach((hash, i) => {
			earlier.push({ id, rev: `${revisions.start - 1 - i}-${hash}` });
		});
	}
	if (earlier.length === 0) return histories;
	const bodies = await bulkGet(fetcher, databaseUrl, earlier, false);
	const byRev = new Map(bodies.map((doc) => [`${String(doc._id)}\u0000${String(doc._rev)}`, doc]));
	// A compacted revision has no body: the record's history ends there (a version after the gap
	// could be older than the one this device last heard of).
	const ended = new Set<string>();
	for (const { id, rev } of earlier) {
		const doc = byRev.get(`${id}\u0000${rev}`);
		if (!doc || doc._deleted) ended.add(id);
		if (!ended.has(id)) histories.get(id)?.push(doc!);
	}
	return histories;
}
