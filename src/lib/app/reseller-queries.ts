import { getDatabase } from '$lib/db/database';
import { createResellerQueries } from '$lib/services/reseller-queries';

/** Live queries of the indirect reseller's screens, against this browser's database. */
export const resellerQueries = createResellerQueries(getDatabase);
