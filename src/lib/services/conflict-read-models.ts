import { from, map, switchMap, type Observable } from 'rxjs';
import type { FieldDatabase } from '$lib/db/collections';
import type { Conflict } from '$lib/domain/conflict/schema';

/** Live read models of the Conflicts view (see read-models.ts for the others). */
export function createConflictReadModels(database: () => Promise<FieldDatabase>) {
	const db$ = from(database());

	/** Open conflicts, newest first. */
	function openConflicts$(): Observable<Conflict[]> {
		return db$.pipe(
			switchMap(
				(db) =>
					db.conflicts.find({
						selector: { status: 'open' },
						sort: [{ status: 'desc' }, { detectedAt: 'desc' }]
					}).$
			),
			map((docs) => docs.map((doc) => doc.toJSON() as Conflict))
		);
	}

	function openConflictCount$(): Observable<number> {
		return db$.pipe(switchMap((db) => db.conflicts.count({ selector: { status: 'open' } }).$));
	}

	return { openConflicts$, openConflictCount$ };
}
