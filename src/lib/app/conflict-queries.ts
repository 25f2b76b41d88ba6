import { getDatabase } from '$lib/db/database';
import { createConflictReadModels } from '$lib/services/conflict-read-models';

/** Live queries of the Conflicts view against this browser's database. */
export const conflictQueries = createConflictReadModels(getDatabase);
