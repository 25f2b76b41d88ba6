// An indirect reseller's activity entry about a partnership (synced from another device of the
// organisation) opens the provider's page, not the provider-only Indirect resellers page;
// signed in to the demo reseller organisation on a throwaway endpoint (./endpoint.ts).
import { readFile } from 'node:fs/promises';
import { createCouchClient, databaseName, ensureDocument } from '../server/setup.js';
import { openDevice, signIn, useThrowawayEndpoint } from './endpoint';
import { expect, test } from './fixtures';
import { openFromMainNavigation } from './helpers';

const endpoint = useThrowawayEndpoint('activity-links');

const CONTOSO = 'Contoso Distribution CEE';
const SUMMARY = 'Restored the value of status that lost a conflict';

test("a reseller's partnership entry opens the provider's page, offline too", async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await openDevice(browser, endpoint.origin);
	await signIn(page, 'reseller-global-admin', 'reseller-global-admin-demo', { synced: true });

	// Another device of the organisation restored a value of the partnership with Contoso.
	const admin = JSON.parse(await readFile(`${endpoint.dataDir}/admin.json`, 'utf8'));
	const client = createCouchClient({
		url: endpoint.app.couchUrl,
		adminName: admin.name,
		adminPassword: admin.password
	});
	await ensureDocument(client, databaseName('demo-reseller', 'activity'), {
		_id: 'activity-links-partnership-1',
		at: new Date().toISOString(),
		actorId: 'reseller-global-admin',
		actorName: 'Global admin on another tablet',
		deviceId: 'another-device',
		recordType: 'partnerships',
		documentId: 'demo-reseller-partnership-1',
		action: 'conflict.restored',
		summary: SUMMARY,
		changes: [{ field: 'status', from: '"requested"', to: '"active"' }]
	});

	await openFromMainNavigation(page, 'Activity');
	const entry = page
		.getByRole('list', { name: 'Activity log' })
		.getByRole('article')
		.filter({ hasText: SUMMARY });
	await expect(entry).toContainText('Partnership', { timeout: 30_000 });
	await context.setOffline(true);
	await entry.getByRole('link', { name: SUMMARY }).click();
	await expect(page).toHaveURL(/\/providers\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1, name: CONTOSO })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Partnership' })).toBeVisible();
	await context.close();
});
