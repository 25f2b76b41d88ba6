import { browser, dev } from '$app/environment';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { FieldDatabase } from './collections';
import { createFieldDatabase } from './create-database';
import { DATABASE_NAME } from './database-name';
import { mark } from './marks';

let databasePromise: Promise<FieldDatabase> | undefined;

/** The app's one database, created on first use, in the browser only. */
export function getDatabase(): Promise<FieldDatabase> {
	if (!browser) throw new Error('The database exists only in the browser');
	databasePromise ??= openDatabase();
	return databasePromise;
}

async function openDatabase(): Promise<FieldDatabase> {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let storage: RxStorage<any, any> = getRxStorageDexie();
	if (dev) {
		const [{ addRxPlugin }, { RxDBDevModePlugin }, { wrappedValidateAjvStorage }] =
			await Promise.all([
				import('rxdb'),
				import('rxdb/plugins/dev-mode'),
				import('rxdb/plugins/validate-ajv')
			]);
		addRxPlugin(RxDBDevModePlugin);
		storage = wrappedValidateAjvStorage({ storage });
	}
	mark('db-open-start');
	const database = await createFieldDatabase(DATABASE_NAME, storage);
	mark('db-open-end');
	return database;
}

/** Removes this browser's database (sign-out, or a new user signing in); reopened on next use. */
export async function removeDatabase(): Promise<void> {
	const db = await getDatabase();
	databasePromise = undefined;
	await db.remove();
}
