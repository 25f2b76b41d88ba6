/**
 * What this device has sent to the endpoint: per record, the fingerprints of the last versions
 * its pushes carried, written before each push leaves (see sync/couch-fetch.ts).
 *
 * Why: RxDB learns that the endpoint has a version (its "assumed master state") only from the
 * push's answer. When the answer is lost (an offline switch, a reload or a closed tab while the
 * push is in flight, the service worker taking over), the endpoint holds this device's version
 * while the device still believes it holds an older one. The next push of the record meets it as
 * a conflict, and a merge against the older version counts a field this device changed and then
 * put back as "unchanged here, changed there": the device's own later edit loses to its own
 * earlier one. A version this device sent is one its local version descends from (a device's
 * versions follow each other), so the conflict handler takes it as the common version.
 *
 * A few versions per record suffice: while the device's knowledge is out of date, each push of
 * the record is answered with a conflict before anything is written, so no newer version is sent
 * until the conflict is settled.
 *
 * The endpoint's version may also be one that another device wrote over this device's sent one
 * (it pulled it and changed it before this device heard back). Then the endpoint's history of the
 * record holds the sent version: before the push that meets such a version goes, the push asks
 * the endpoint for that history (learnHistories, see sync/endpoint-history.ts), and the conflict
 * handler takes the newest version in it that this device sent, unless the version this device
 * last heard of comes first (sentAncestorOf).
 *
 * The same history tells the merge what the other side changed after the common version
 * (versionsSince): a field changed and put back there is still a change (domain/conflict/
 * history.ts). So the push asks for the history of every endpoint version it meets that this
 * device did not send, whether or not it sent versions of the record.
 */
import type { RxCollection } from 'rxdb';
import type { SentVersion } from '$lib/domain/sent-version/schema';
import { SENT_VERSIONS_KEPT, sentVersionId } from '$lib/domain/sent-version/ids';
import { canonicalJson } from '$lib/domain/shared/canonical';

type Doc = Record<string, unknown>;

/**
 * The fingerprint of a record's content: its fields without the id and without the `_` fields
 * that the endpoint and RxDB keep apart from the content (`_id`, `_rev`, `_deleted`, `_meta`), so
 * a version as sent and the same version as the endpoint returns it have the same fingerprint.
 */
export async function versionFingerprint(doc: Doc): Promise<string> {
	const content: Doc = {};
	for (const [key, value] of Object.entries(doc)) {
		if (key !== 'id' && !key.startsWith('_')) content[key] = value;
	}
	const bytes = new TextEncoder().encode(canonicalJson(content));
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
	return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface SentVersions {
	/** Keeps the versions of `docs` (in the endpoint's form, `_id` for the id) as sent. */
	recordSent(recordType: string, docs: Doc[], at?: string): Promise<void>;
	/** Whether this device sent this version of the record (`id` for the id). */
	wasSent(recordType: string, doc: Doc): Promise<boolean>;
	/**
	 * Before a push whose records will come back as conflicts: for the endpoint's versions
	 * (`masters`, endpoint form) that this device did not send, asks `history` for the record's
	 * earlier versions on the endpoint and keeps them for sentAncestorOf and versionsSince. A
	 * failing `history` fails the push (RxDB sends it again).
	 */
	learnHistories(
		recordType: string,
		masters: Doc[],
		history: (ids: string[]) => Promise<Map<string, Doc[]>>
	): Promise<void>;
	/**
	 * The newest earlier version of `master` (`id` for the id) on the endpoint that this device
	 * sent, if it comes before `assumed` (the version this device last heard of) in the history
	 * learnHistories kept; undefined otherwise.
	 */
	sentAncestorOf(
		recordType: string,
		master: Doc,
		assumed: Doc | undefined
	): Promise<Doc | undefined>;
	/**
	 * The endpoint's versions of the record after `base` (the merge's common version, `id` for
	 * the id) and before `master`, newest first, from the history learnHistories kept; undefined
	 * when that history does not reach back to `base` (or was not learned).
	 */
	versionsSince(recordType: string, master: Doc, base: Doc): Promise<Doc[] | undefined>;
}

/**
 * The endpoint's earlier versions of records, newest first, by record and the fingerprint of the
 * version they lead to. Shared by every store of this JavaScript realm: the replication learns
 * them, the conflict handler that runs right after in the same realm reads them.
 */
const histories = new Map<string, Doc[]>();
const HISTORIES_KEPT = 200;
const historyKey = (recordType: string, id: string, fingerprint: string) =>
	`${recordType}\u0000${id}\u0000${fingerprint}`;

/** A version as the endpoint returns it, in the local form: `id`, no `_` fields. */
function localForm(doc: Doc): Doc {
	const local: Doc = {};
	for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) local[key] = value;
	local.id = doc.id ?? doc._id;
	return local;
}

/**
 * The store on the local `sentVersions` collection; `collection` is read when used, because the
 * conflict handlers that ask it are made before the collections exist.
 */
export function sentVersionsStore(
	collection: () => RxCollection<SentVersion> | undefined
): SentVersions {
	return {
		async recordSent(recordType, docs, at = new Date().toISOString()) {
			const store = collection();
			if (!store || docs.length === 0) return;
			const fingerprints = new Map<string, string>();
			for (const doc of docs) {
				fingerprints.set(String(doc._id ?? doc.id), await versionFingerprint(doc));
			}
			const ids = [...fingerprints.keys()].map((id) => sentVersionId(recordType, id));
			const known = await store.findByIds(ids).exec();
			const entries: SentVersion[] = [...fingerprints].map(([documentId, fingerprint]) => {
				const id = sentVersionId(recordType, documentId);
				const earlier = (known.get(id)?.versions ?? []).filter((v) => v !== fingerprint);
				return {
					id,
					recordType,
					documentId,
					versions: [...earlier, fingerprint].slice(-SENT_VERSIONS_KEPT),
					sentAt: at
				};
			});
			await store.bulkUpsert(entries);
		},

		async wasSent(recordType, doc) {
			const store = collection();
			if (!store) return false;
			const entry = await store.findOne(sentVersionId(recordType, String(doc.id))).exec();
			if (!entry) return false;
			return entry.versions.includes(await versionFingerprint(doc));
		},

		async learnHistories(recordType, masters, history) {
			const store = collection();
			if (!store || masters.length === 0) return;
			const ids = masters.map((doc) => sentVersionId(recordType, String(doc._id ?? doc.id)));
			const known = await store.findByIds(ids).exec();
			const wanted = new Map<string, string>();
			for (const doc of masters) {
				const id = String(doc._id ?? doc.id);
				const entry = known.get(sentVersionId(recordType, id));
				const fingerprint = await versionFingerprint(doc);
				// This device's own version is the common one (commonVersion): nothing to learn.
				if (!entry?.versions.includes(fingerprint)) wanted.set(id, fingerprint);
			}
			if (wanted.size === 0) return;
			const found = await history([...wanted.keys()]);
			for (const [id, fingerprint] of wanted) {
				// The versions before the one the push met (the endpoint may have moved on since).
				const versions = found.get(id) ?? [];
				const fingerprints = await Promise.all(versions.map((v) => versionFingerprint(v)));
				const at = fingerprints.indexOf(fingerprint);
				if (at < 0) continue;
				const earlier = versions.slice(at + 1).map(localForm);
				histories.set(historyKey(recordType, id, fingerprint), earlier);
				if (histories.size > HISTORIES_KEPT) histories.delete(histories.keys().next().value!);
			}
		},

		async sentAncestorOf(recordType, master, assumed) {
			const id = String(master.id);
			const key = historyKey(recordType, id, await versionFingerprint(master));
			const versions = histories.get(key);
			if (!versions) return undefined;
			const store = collection();
			const entry = await store?.findOne(sentVersionId(recordType, id)).exec();
			if (!entry) return undefined;
			const assumedFingerprint = assumed ? await versionFingerprint(assumed) : undefined;
			for (const version of versions) {
				const fingerprint = await versionFingerprint(version);
				if (fingerprint === assumedFingerprint) return undefined;
				if (entry.versions.includes(fingerprint)) return version;
			}
			return undefined;
		},

		async versionsSince(recordType, master, base) {
			const key = historyKey(recordType, String(master.id), await versionFingerprint(master));
			const versions = histories.get(key);
			if (!versions) return undefined;
			const baseFingerprint = await versionFingerprint(base);
			for (let at = 0; at < versions.length; at++) {
				if ((await versionFingerprint(versions[at])) === baseFingerprint) {
					return versions.slice(0, at);
				}
			}
			return undefined;
		}
	};
}
