import type { ServiceContext } from './context';
import { loadResellerDemoData } from './demo-data-reseller';
import { createTestContext } from './test-support';

/** A fresh in-memory database holding the reseller demo (Budapest Cloud Partners Kft.). */
export async function createResellerTestContext(
	options: { now?: string; withSettings?: boolean } = {}
): Promise<ServiceContext> {
	const ctx = await createTestContext({ demo: false, now: options.now });
	await loadResellerDemoData(ctx, { withSettings: options.withSettings ?? true });
	return ctx;
}
