import { getDatabase } from '$lib/db/database';
import { createOverviewReadModels } from '$lib/services/overview-read-models';

/** The Overview's live figures, from this browser's database. */
export const overviewQueries = createOverviewReadModels(getDatabase);
