import { getDatabase } from '$lib/db/database';
import { createQueries } from '$lib/services/queries';

/** Live queries against this browser's database. */
export const queries = createQueries(getDatabase);
