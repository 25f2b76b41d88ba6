import { getDatabase } from '$lib/db/database';
import { createReadModels } from '$lib/services/read-models';

/** This browser's live queries: the read models of services/read-models.ts on its database. */
export const queries = createReadModels(getDatabase);
