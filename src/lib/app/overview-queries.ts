import { getDatabase } from '$lib/db/database';
import { createOverviewQueries } from '$lib/services/overview-queries';

/** The Overview's live figures, from this browser's database. */
export const overviewQueries = createOverviewQueries(getDatabase);
