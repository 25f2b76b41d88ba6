import { getDatabase } from '$lib/db/database';
import { createResellerReadModels } from '$lib/services/reseller-read-models';

/** Live queries of the indirect reseller's screens, against this browser's database. */
export const resellerQueries = createResellerReadModels(getDatabase);
