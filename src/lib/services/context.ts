import type { FieldDatabase } from '$lib/db/collections';
import type { Actor } from '$lib/domain/shared/schema';

/** What every service needs: the database and who is acting. */
export interface ServiceContext {
	db: FieldDatabase;
	actor: Actor;
	/** Clock, replaceable in tests. */
	now: () => string;
}

export async function ownOrganisation(db: FieldDatabase) {
	const own = await db.partners.findOne({ selector: { isOwnOrganisation: true } }).exec();
	if (!own) throw new Error('The own organisation is not set up yet');
	return own.toMutableJSON();
}
