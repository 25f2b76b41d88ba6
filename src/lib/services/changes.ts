import type { FieldDatabase } from '$lib/db/collections';
import type { ActivityCollection, FieldChange } from '$lib/domain/activity/schema';
import type { Actor, ChangeMeta } from '$lib/domain/shared/schema';

export function nowIso(): string {
	return new Date().toISOString();
}

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

export interface ActivityInput {
	collection: ActivityCollection;
	documentId: string;
	action: string;
	summary: string;
	changes?: FieldChange[];
}

/** Appends one entry to the activity log; entries are never edited afterwards. */
export async function recordActivity(
	db: FieldDatabase,
	actor: Actor,
	input: ActivityInput,
	at = nowIso()
): Promise<void> {
	await db.activity.insert({
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
	});
}
