/**
 * Wraps a collection's conflict handler so that the values it settles against are not lost
 * silently: after each resolve, the lost values (a pure derivation, see deriveLostValues) are
 * announced on `lostValues$`; the replication writes them to the local `conflicts` collection
 * under their deterministic ids, so a conflict RxDB settles twice is recorded once.
 */
import { Subject } from 'rxjs';
import type { RxConflictHandler } from 'rxdb';
import { deriveLostValues, type LostValue } from '$lib/domain/conflict/losers';
import { mergeBasisOf } from './conflict-handler';
import type { SentVersions } from './sent-versions';

export interface LostValues {
	collection: string;
	/** The settled record, for its name in the Conflicts view. */
	record: Record<string, unknown>;
	values: LostValue[];
}

export const lostValues$ = new Subject<LostValues>();

export function recordingConflictHandler<T>(
	collection: string,
	inner: RxConflictHandler<T>,
	sent?: SentVersions
): RxConflictHandler<T> {
	return {
		isEqual: inner.isEqual,
		async resolve(input, context) {
			const resolved = await inner.resolve(input, context);
			try {
				const { base, remoteChanged } = await mergeBasisOf(collection, input, sent);
				const values = deriveLostValues({
					collection,
					base,
					remoteChanged,
					remote: input.realMasterState as Record<string, unknown>,
					local: input.newDocumentState as Record<string, unknown>,
					resolved: resolved as Record<string, unknown>
				});
				if (values.length > 0) {
					lostValues$.next({ collection, record: resolved as Record<string, unknown>, values });
				}
			} catch (error) {
				console.warn('The values lost in a conflict could not be derived', error);
			}
			return resolved;
		}
	};
}
