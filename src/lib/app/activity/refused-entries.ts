import type { Activity } from '$lib/domain/activity/schema';
import { REFUSED_CHANGE_ACTION } from '$lib/services/refused-changes';

/**
 * The entries of a record's history whose change the server refused, so the record went back
 * (marked "Refused by the server"). The refusal's own entry (services/refused-changes.ts) is
 * written by the device that was refused, after the attempt: each refusal marks the newest
 * earlier entry of the same record from the same device that is not a refusal and not marked
 * yet (decided: the entries do not name the revision they changed). `entries` are newest first.
 */
export function refusedEntryIds(entries: readonly Activity[]): Set<string> {
	const refused = new Set<string>();
	entries.forEach((refusal, index) => {
		if (refusal.action !== REFUSED_CHANGE_ACTION) return;
		const attempt = entries
			.slice(index + 1)
			.find(
				(entry) =>
					entry.action !== REFUSED_CHANGE_ACTION &&
					entry.documentId === refusal.documentId &&
					entry.deviceId === refusal.deviceId &&
					!refused.has(entry.id)
			);
		if (attempt) refused.add(attempt.id);
	});
	return refused;
}
