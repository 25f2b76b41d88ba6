// The sync operations test page (/dev/sync-ops, src/lib/dev/sync-ops-api.ts) from a spec: open
// it, edit a customer through the app's services, read what the device holds.
import type { Page } from '@playwright/test';
import type { OperationOutcome } from '../src/lib/dev/sync-ops-api';
import { expect } from './fixtures';

export type SyncOpsCustomer = { address: { city: string }; contact: { firstName: string } };

export async function openSyncOps(page: Page): Promise<void> {
	await page.goto('/dev/sync-ops');
	await expect(page.locator('[data-sync-ops-ready]')).toBeVisible({ timeout: 30_000 });
	await page.waitForFunction(() => window.cspSyncOps !== undefined);
}

export function editCustomer(
	page: Page,
	id: string,
	changes: { city?: string; firstName?: string }
): Promise<OperationOutcome> {
	return page.evaluate(
		({ id, changes }) => window.cspSyncOps!.editCustomer({ pick: 0, id, ...changes }),
		{ id, changes }
	) as Promise<OperationOutcome>;
}

/** The customer as this device holds it, with the number of its recorded conflicts. */
export async function customerOnDevice(
	page: Page,
	id: string
): Promise<SyncOpsCustomer & { conflicts: number }> {
	return page.evaluate(async (id) => {
		const { collections, conflicts } = await window.cspSyncOps!.dump();
		const customer = collections.customers.find((c) => c.id === id) as unknown as {
			address: { city: string };
			contact: { firstName: string };
		};
		return { ...customer, conflicts: conflicts.filter((c) => c.documentId === id).length };
	}, id);
}
