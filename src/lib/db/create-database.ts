import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { collectionCreators, type FieldCollections, type FieldDatabase } from './collections';
import { sentVersionsStore } from './sent-versions';
import { mark } from './marks';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLeaderElectionPlugin);

/**
 * Creates the database on any storage: Dexie in the browser, memory in tests.
 */
export async function createFieldDatabase(
	name: string,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	storage: RxStorage<any, any>,
	multiInstance = true
): Promise<FieldDatabase> {
	const database = await createRxDatabase<FieldCollections>({
		name,
		storage,
		multiInstance,
		eventReduce: true,
		closeDuplicates: true
	});
	mark('db-created');
	const sent = sentVersionsStore(() => database.collections.sentVersions);
	await database.addCollections(collectionCreators(sent));
	return database;
}
