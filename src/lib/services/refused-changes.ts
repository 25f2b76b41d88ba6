import { activityCollections, type ActivityCollection } from '$lib/domain/activity/schema';
import type { Refusal } from '$lib/domain/refusal/schema';
import { activityEntry } from './changes';
import type { ServiceContext } from './context';

/*
 * A change the server refused stays in this device's Activity as it was written (the log shows
 * what was tried, and the server may have stored its entry already: entries are append-only),
 * so a refused change is followed by an entry of its own that says the server refused it and
 * the record went back to the server's version (decided in README, "Subscriptions through their
 * life"). It replicates like every entry, so the other devices see both. The server cannot
 * refuse the first entry instead: it judges one document at a time, and the record and its
 * entry reach it in different replications, at different moments of its clock.
 */

/** The activity action of the entry that records a refused change. */
export const REFUSED_CHANGE_ACTION = 'change.refused-by-server';

/** Most characters of the server's reason kept in the entry's summary (at most 500 in all). */
const REASON_MAX = 400;

/**
 * The id of the entry of a refusal: the same on every tab and on every run (the page's and the
 * service worker's refusals are recorded once), at most 64 characters.
 */
export function refusedChangeEntryId(refusalId: string): string {
	// Two 32-bit FNV-1a hashes (different offsets) of the refusal's id: 16 hex digits.
	const hash = (seed: number) => {
		let h = seed;
		for (let i = 0; i < refusalId.length; i++) {
			h ^= refusalId.charCodeAt(i);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		return h.toString(16).padStart(8, '0');
	};
	return `refused-${hash(0x811c9dc5)}${hash(0x2f6b1c3d)}`;
}

const isActivityCollection = (name: string): name is ActivityCollection =>
	(activityCollections as readonly string[]).includes(name);

/**
 * Writes the Activity entry of a change the server refused, once per refusal (true when it was
 * written now). Refusals of records that have no Activity (the log itself) are left out.
 */
export async function recordRefusedChange(ctx: ServiceContext, refusal: Refusal): Promise<boolean> {
	if (!isActivityCollection(refusal.recordType)) return false;
	const id = refusedChangeEntryId(refusal.id);
	if (await ctx.db.activity.findOne(id).exec()) return false;
	const reason =
		refusal.reason.length > REASON_MAX
			? `${refusal.reason.slice(0, REASON_MAX - 1)}…`
			: refusal.reason;
	const entry = activityEntry(
		ctx.actor,
		{
			collection: refusal.recordType,
			documentId: refusal.documentId,
			action: REFUSED_CHANGE_ACTION,
			summary: `The server refused a change; the record is back to the server's version: ${reason}`
		},
		refusal.at
	);
	try {
		await ctx.db.activity.insert({ ...entry, id });
		return true;
	} catch (error) {
		// Another tab recorded it first.
		if (await ctx.db.activity.findOne(id).exec()) return false;
		throw error;
	}
}
