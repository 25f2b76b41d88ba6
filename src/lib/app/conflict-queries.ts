import { getDatabase } from '$lib/db/database';
import { createConflictQueries } from '$lib/services/conflict-queries';

/** Live queries of the Conflicts view against this browser's database. */
export const conflictQueries = createConflictQueries(getDatabase);
