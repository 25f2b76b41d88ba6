import type { RxCollection, RxDocument } from 'rxdb';
import type { ActivityCollection } from '$lib/domain/activity/schema';
import { recordActivity, saveChanges, updatedMeta, type ActivityInput } from './changes';
import type { ServiceContext } from './context';

type ActivityEntry = Omit<ActivityInput, 'collection' | 'documentId'>;

export interface StateChange<T> {
	collection: ActivityCollection;
	id: string;
	/** Shown when the record is not on this device (a message, or the error to throw). */
	notFound: string | (() => Error);
	/**
	 * The domain rule: the record after the change, from a version of it, at `at` (throws a
	 * DomainError when the change is not allowed). It runs on the version read first and again
	 * on the latest one when saving, so a change that arrived meanwhile is checked too.
	 */
	rule: (version: T, at: string) => T;
	/**
	 * True when the record already is as the change would leave it: nothing is saved and no
	 * activity entry is written (e.g. auto-extend switched to the value it has).
	 */
	unchanged?: (version: T) => boolean;
	/** The activity entry of the change (it may read other records, e.g. the customer's name). */
	activity: (before: T, after: T) => ActivityEntry | Promise<ActivityEntry>;
}

/**
 * One state change of a record, the way every action does it: read → domain rule → save only
 * what changed (on the latest version) → activity entry. Returns the record before and after.
 */
export async function changeState<T extends { id: string }>(
	ctx: ServiceContext,
	change: StateChange<T>
): Promise<{ before: T; after: T }> {
	const collection = ctx.db[change.collection] as unknown as RxCollection<T>;
	const doc = await collection.findOne(change.id).exec();
	if (!doc) {
		throw typeof change.notFound === 'string' ? new Error(change.notFound) : change.notFound();
	}
	const before = doc.toMutableJSON() as T;
	if (change.unchanged?.(before)) return { before, after: before };
	const at = ctx.now();
	const after = { ...change.rule(before, at), ...updatedMeta(ctx.actor, at) };
	const write = recordUpdate(change.collection, doc, before, after, {
		activity: () => change.activity(before, after),
		recheck: (latest) => change.rule(latest, at)
	});
	await saveRecordWrites(ctx, [write], at);
	return { before, after };
}

/**
 * One record's part of a state change that the action decided already (from records it read
 * itself): how it is saved, and its activity entry.
 */
export interface RecordWrite {
	collection: ActivityCollection;
	documentId: string;
	save: () => Promise<unknown>;
	activity: ActivityEntry | (() => ActivityEntry | Promise<ActivityEntry>);
}

/**
 * An update of a stored record: only what changed from `before` to `after` is saved, on the
 * latest version, with `recheck` (the domain rule) run on that version first.
 */
export function recordUpdate<T extends { id: string }>(
	collection: ActivityCollection,
	doc: RxDocument<T>,
	before: T,
	after: T,
	options: { activity: RecordWrite['activity']; recheck?: (latest: T) => unknown }
): RecordWrite {
	return {
		collection,
		documentId: after.id,
		save: () => saveChanges(doc, before, after, options.recheck),
		activity: options.activity
	};
}

/** A record the change adds (e.g. the customer who accepted an invitation). */
export function recordInsert<T extends { id: string }>(
	ctx: ServiceContext,
	collection: ActivityCollection,
	record: T,
	activity: RecordWrite['activity']
): RecordWrite {
	return {
		collection,
		documentId: record.id,
		save: () => (ctx.db[collection] as unknown as RxCollection<T>).insert(record),
		activity
	};
}

/**
 * A state change of several records (e.g. an invitation accepted and its customer joining the
 * reseller's list), the way changeState writes one: each record saved, then its activity entry,
 * in the order given. `at` is the time of the entries (now by default).
 */
export async function saveRecordWrites(
	ctx: ServiceContext,
	writes: readonly RecordWrite[],
	at?: string
): Promise<void> {
	for (const write of writes) {
		await write.save();
		const entry = typeof write.activity === 'function' ? await write.activity() : write.activity;
		await recordActivity(
			ctx.db,
			ctx.actor,
			{ collection: write.collection, documentId: write.documentId, ...entry },
			at
		);
	}
}
