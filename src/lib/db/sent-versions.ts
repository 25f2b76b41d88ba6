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
 */
import type { RxCollection } from 'rxdb';
import {
	SENT_VERSIONS_KEPT,
	sentVersionId,
	type SentVersion
} from '$lib/domain/sent-version/schema';
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
		}
	};
}
