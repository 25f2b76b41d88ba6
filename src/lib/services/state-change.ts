import type { RxCollection } from 'rxdb';
import type { ActivityCollection } from '$lib/domain/activity/schema';
import { recordActivity, saveChanges, updatedMeta, type ActivityInput } from './changes';
import type { ServiceContext } from './context';

export interface StateChange<T> {
	collection: ActivityCollection;
	id: string;
	/** Shown when the record is not on this device. */
	notFound: string;
	/**
	 * The domain rule: the record after the change, from a version of it, at `at` (throws a
	 * DomainError when the change is not allowed). It runs on the version read first and again
	 * on the latest one when saving, so a change that arrived meanwhile is checked too.
	 */
	rule: (version: T, at: string) => T;
	/** The activity entry of the change. */
	activity: (before: T, after: T) => Omit<ActivityInput, 'collection' | 'documentId'>;
}

/**
 * One state change of a record, the way every action does it: read → domain rule → save only
 * what changed (on the latest version) → activity entry. Returns the record before and after.
 */
export async function changeState<T extends object>(
	ctx: ServiceContext,
	change: StateChange<T>
): Promise<{ before: T; after: T }> {
	const collection = ctx.db[change.collection] as unknown as RxCollection<T>;
	const doc = await collection.findOne(change.id).exec();
	if (!doc) throw new Error(change.notFound);
	const before = doc.toMutableJSON() as T;
	const at = ctx.now();
	const after = { ...change.rule(before, at), ...updatedMeta(ctx.actor, at) };
	await saveChanges(doc, before, after, (latest) => change.rule(latest, at));
	await recordActivity(
		ctx.db,
		ctx.actor,
		{ collection: change.collection, documentId: change.id, ...change.activity(before, after) },
		at
	);
	return { before, after };
}
