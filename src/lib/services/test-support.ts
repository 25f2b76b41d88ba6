import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createFieldDatabase } from '$lib/db/create-database';
import type { ServiceContext } from './context';
import { ensureOfferCatalog } from './setup';
import { loadDemoData } from './demo-data';

let counter = 0;

/** A fresh in-memory database with the offer catalog, and a fixed clock. */
export async function createTestContext(
	options: { demo?: boolean; now?: string } = {}
): Promise<ServiceContext> {
	const db = await createFieldDatabase(
		`test-${Date.now()}-${counter++}`,
		getRxStorageMemory(),
		false
	);
	await ensureOfferCatalog(db);
	const now = options.now ?? '2026-11-21T10:00:00.000Z';
	const ctx: ServiceContext = {
		db,
		actor: { userId: 'user-1', name: 'Test User', deviceId: 'device-1' },
		now: () => now
	};
	if (options.demo ?? true) await loadDemoData(ctx);
	return ctx;
}
