import { getDatabase } from '$lib/db/database';
import type { ServiceContext } from '$lib/services/context';
import { nowIso } from '$lib/domain/shared/dates';
import { currentActor } from './device';

/** The service context of this browser: its database and the person using it. */
export async function appContext(): Promise<ServiceContext> {
	return { db: await getDatabase(), actor: currentActor(), now: nowIso };
}
