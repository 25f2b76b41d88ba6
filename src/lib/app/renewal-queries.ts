import { getDatabase } from '$lib/db/database';
import { createRenewalQueries } from '$lib/services/renewal-queries';

/** The renewals of this browser's database (the Renewals page, the Overview's card). */
export const renewalQueries = createRenewalQueries(getDatabase);
