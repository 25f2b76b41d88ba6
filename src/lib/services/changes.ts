import type { RxDocument } from 'rxdb';
import type { FieldDatabase } from '$lib/db/collections';
import type { Activity, ActivityCollection, FieldChange } from '$lib/domain/activity/schema';
import { nowIso } from '$lib/domain/shared/dates';
import { applyChanges } from '$lib/domain/shared/merge';
import { assertOwnRecord } from '$lib/domain/shared/ownership';
import type { Actor, ChangeMeta } from '$lib/domain/shared/schema';

/** Meta fields of a document created now by the actor. */
export function createdMeta(actor: Actor, at = nowIso()): ChangeMeta {
	return {
		createdAt: at,
		createdBy: actor.userId,
		updatedAt: at,
		updatedBy: actor.userId,
		deviceId: actor.deviceId
	};
}

/** Meta fields to merge into a document the actor changes now. */
export function updatedMeta(actor: Actor, at = nowIso()) {
	return { updatedAt: at, updatedBy: actor.userId, deviceId: actor.deviceId };
}

function display(value: unknown): string {
	if (value === undefined || value === null || value === '') return '—';
	if (typeof value === 'object') return JSON.stringify(value).slice(0, 1000);
	return String(value).slice(0, 1000);
}

/** The fields whose values differ between two versions of a document. */
export function diffFields<T extends object>(
	before: Partial<T>,
	after: Partial<T>,
	fields: (keyof T & string)[]
): FieldChange[] {
	return fields
		.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
		.map((field) => ({ field, from: display(before[field]), to: display(after[field]) }));
}

const changeMetaFields = ['updatedAt', 'updatedBy', 'deviceId'] as const;

/**
 * applyChanges (domain/shared/merge.ts), with who changed it and when always taken from `after`: the latest version may
 * name another user (a version pulled from the server while the action ran) even when `before`
 * and `after` name the same one, and the server refuses a change that does not name its user.
 */
export function withChangeMeta<T extends object>(latest: T, before: T, after: T): T {
	const result = applyChanges(latest, before, after) as Record<string, unknown>;
	const to = after as Record<string, unknown>;
	for (const field of changeMetaFields) if (field in to) result[field] = to[field];
	return result as T;
}

/**
 * Stores an action's change of a document (`before` as the action read it, `after` as it wants
 * it) onto the latest stored version (see applyChanges) and returns what was stored.
 *
 * `rule` is the action's domain rule (a state transition): it runs again on the latest version,
 * which replication may have changed since the action read the document, and its DomainError
 * stops the write. Without it, a partnership removed on another device meanwhile would be
 * accepted here on top of the removal, and the server would refuse the change.
 */
export async function saveChanges<T extends object>(
	doc: RxDocument<T>,
	before: T,
	after: T,
	rule?: (latest: T) => unknown
): Promise<T> {
	// A record another organisation shares (issue 12) is changed by its owner only.
	assertOwnRecord(doc.collection.name, doc.toJSON() as unknown as { id: string });
	const saved = await doc.incrementalModify((latest) => {
		rule?.(latest as T);
		return withChangeMeta(latest as T, before, after);
	});
	return saved.toMutableJSON() as T;
}

export interface ActivityInput {
	collection: ActivityCollection;
	documentId: string;
	action: string;
	summary: string;
	changes?: FieldChange[];
}

/** The activity entry of an action, not stored yet. */
export function activityEntry(actor: Actor, input: ActivityInput, at = nowIso()): Activity {
	return {
		id: crypto.randomUUID(),
		at,
		actorId: actor.userId,
		actorName: actor.name,
		deviceId: actor.deviceId,
		recordType: input.collection,
		documentId: input.documentId,
		action: input.action,
		summary: input.summary.slice(0, 500),
		changes: input.changes ?? []
	};
}

/** Appends one entry to the activity log; entries are never edited afterwards. */
export async function recordActivity(
	db: FieldDatabase,
	actor: Actor,
	input: ActivityInput,
	at = nowIso()
): Promise<void> {
	await db.activity.insert(activityEntry(actor, input, at));
}
