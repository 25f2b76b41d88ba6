/** Changes the server refused, kept on this device until the user dismisses them. */
import { map, type Observable } from 'rxjs';
import type { FieldDatabase } from '$lib/db/collections';
import { refusalId, type Refusal } from '$lib/domain/refusal/schema';
import type { Refusal as ReportedRefusal } from './couch-fetch';

export async function saveRefusal(db: FieldDatabase, reported: ReportedRefusal): Promise<void> {
	await db.refusals.upsert({
		id: refusalId(reported.collection, reported.id, reported.at),
		recordType: reported.collection,
		documentId: reported.id,
		label: reported.label.slice(0, 255),
		code: reported.code.slice(0, 64),
		reason: reported.reason.slice(0, 2000),
		at: reported.at
	});
}

/** The refusals not dismissed yet, oldest first. */
export function refusals$(db: FieldDatabase): Observable<Refusal[]> {
	return db.refusals
		.find({ sort: [{ at: 'asc' }] })
		.$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}

export async function dismissRefusals(db: FieldDatabase): Promise<void> {
	await db.refusals.find().remove();
}
