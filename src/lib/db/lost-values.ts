/**
 * Keeps the values that lost a conflict (announced on `lostValues$`, see conflict-recording.ts)
 * in the local `conflicts` collection, for the Conflicts view. The replication calls it, in a
 * page and in the service worker.
 */
import { activityCollections, type ActivityCollection } from '$lib/domain/activity/schema';
import type { Conflict } from '$lib/domain/conflict/schema';
import { nowIso } from '$lib/domain/shared/dates';
import type { FieldDatabase } from './collections';
import type { LostValues } from './conflict-recording';

type Doc = Record<string, unknown>;

function recordLabel(record: Doc): string {
	const name = record.companyName ?? record.name ?? record.id;
	return String(name ?? '').slice(0, 255);
}

/**
 * Keeps the values that lost a conflict on this device (ids are deterministic: a conflict
 * settled again is not recorded twice, and a dismissed one does not come back).
 */
export async function saveLostValues(
	db: FieldDatabase,
	lost: LostValues,
	now = nowIso()
): Promise<number> {
	if (!(activityCollections as readonly string[]).includes(lost.collection)) return 0;
	const recordType = lost.collection as ActivityCollection;
	const ids = lost.values.map((value) => value.id);
	const existing = await db.conflicts.findByIds(ids).exec();
	const fresh: Conflict[] = lost.values
		.filter((value) => !existing.has(value.id))
		.map((value) => ({
			...value,
			recordType,
			recordLabel: recordLabel(lost.record),
			detectedAt: now,
			status: 'open',
			settledAt: ''
		}));
	if (fresh.length === 0) return 0;
	const result = await db.conflicts.bulkInsert(fresh);
	return result.success.length;
}
