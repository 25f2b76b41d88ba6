/**
 * Which endpoint revision a pulled version is, and which revisions this device's pushes had
 * acknowledged: so that replication never applies a pulled version older than one the endpoint
 * already acknowledged from this device.
 *
 * Why: RxDB holds the changes a pull brings while a push runs and applies them once it ends,
 * without comparing revisions (its pulled documents carry none). A `_changes` answer written
 * before the push stored revision 3 still carries revision 2; applied after the push's answer, it
 * puts the record back to revision 2 on the device, and the device's next change is made on that
 * old state: a lost write (issue 9, gdap-endpoint's flaky auto-extend). The check belongs at the
 * moment RxDB applies a pulled version, when the push's answer is known: see `isStalePull`, asked
 * by the collections' conflict handlers (collections.ts). A stale version is skipped; the record's
 * newer revision comes with a later pull anyway.
 *
 * In memory: a stale answer is one that was in flight while a push was, within one replication.
 */
import { deepEqual } from 'rxdb/plugins/utils';

type Doc = Record<string, unknown>;

/** Pulled versions remembered per collection: enough for the answers waiting to be applied. */
const PULLED_KEPT = 2_000;

const pulled = new Map<string, Map<string, { generation: number; doc: Doc }>>();
const acknowledged = new Map<string, Map<string, number>>();

/** The generation of a CouchDB revision ("3-abc…" is 3), or 0 for none. */
export function revisionGeneration(rev: unknown): number {
	const generation = Number.parseInt(String(rev ?? ''), 10);
	return Number.isFinite(generation) && generation > 0 ? generation : 0;
}

const perCollection = <T>(maps: Map<string, Map<string, T>>, collection: string) => {
	let map = maps.get(collection);
	if (!map) maps.set(collection, (map = new Map()));
	return map;
};

/** The content that identifies a version: without the id and the `_` fields. */
function content(doc: Doc): Doc {
	const out: Doc = {};
	for (const [key, value] of Object.entries(doc)) {
		if (key !== 'id' && key !== '_id' && !key.startsWith('_')) out[key] = value;
	}
	return out;
}

/** A `_changes` answer brought this version (endpoint form: `_id`, `_rev`). */
export function notePulled(collection: string, doc: Doc): void {
	const id = String(doc._id ?? doc.id);
	const map = perCollection(pulled, collection);
	map.delete(id);
	map.set(id, { generation: revisionGeneration(doc._rev), doc: content(doc) });
	if (map.size > PULLED_KEPT) map.delete(map.keys().next().value as string);
}

/** The endpoint stored this device's version of `id` as `rev` (a push's answer). */
export function noteAcknowledged(collection: string, id: string, rev: string): void {
	const map = perCollection(acknowledged, collection);
	const generation = revisionGeneration(rev);
	if (generation > (map.get(id) ?? 0)) map.set(id, generation);
}

/**
 * Whether `doc` (RxDB's form of a pulled version) is one a pull brought with a revision older
 * than one the endpoint acknowledged from this device.
 */
export function isStalePull(collection: string, doc: Doc): boolean {
	const id = String(doc.id ?? doc._id);
	const ack = acknowledged.get(collection)?.get(id);
	if (ack === undefined) return false;
	const seen = pulled.get(collection)?.get(id);
	if (!seen || seen.generation === 0 || seen.generation >= ack) return false;
	return deepEqual(seen.doc, content(doc));
}

/** Forgets everything (tests). */
export function forgetRevisions(): void {
	pulled.clear();
	acknowledged.clear();
}

/** What the replication's fetch (sync/couch-fetch.ts) tells about one collection. */
export interface PullGuard {
	/** The versions a `_changes` answer carries (endpoint form: `_id`, `_rev`). */
	pulled(docs: Doc[]): Promise<void>;
	/** The rows of a `_bulk_docs` answer: the revisions the endpoint stored. */
	acknowledged(rows: { id?: unknown; rev?: unknown; ok?: unknown }[]): void;
}

export function pullGuard(collection: string): PullGuard {
	return {
		async pulled(docs) {
			for (const doc of docs) notePulled(collection, doc);
		},
		acknowledged(rows) {
			for (const row of rows) {
				if (row.ok === true && row.id != null && typeof row.rev === 'string') {
					noteAcknowledged(collection, String(row.id), row.rev);
				}
			}
		}
	};
}
