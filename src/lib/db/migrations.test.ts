import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, addRxPlugin } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { collectionSchemas, migrationStrategies, type CollectionName } from './collections';
import { createFieldDatabase } from './create-database';

addRxPlugin(RxDBMigrationSchemaPlugin);

const databases: { close(): Promise<boolean> }[] = [];
afterEach(async () => {
	await Promise.all(databases.splice(0).map((db) => db.close()));
});

const customerV0 = {
	id: 'c1',
	companyName: 'Contoso Kft',
	nameLower: 'contoso kft',
	domainPrefix: 'contosohu',
	address: {
		line1: 'Váci út 1',
		line2: '',
		city: 'Budapest',
		state: '',
		postalCode: '1062',
		country: 'HU'
	},
	contact: {
		firstName: 'Anna',
		lastName: 'Kovács',
		email: 'anna@contoso.hu',
		phone: '+3611234567'
	},
	organisationRegistrationNumber: '01-09-123456',
	cloud: 'public',
	resellerId: '',
	providerRelationship: 'active',
	resellerRelationship: 'none',
	delegatedAdminPrivileges: true,
	customerAgreementAccepted: true,
	adminUserName: 'admin@contosohu.onmicrosoft.com',
	createdAt: '2026-01-01T00:00:00.000Z',
	createdBy: 'u1',
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: 'u1',
	deviceId: 'd1'
} as const;

describe('collection schemas', () => {
	it('derive every collection with id as primary key, one migration per version', () => {
		for (const [name, schema] of Object.entries(collectionSchemas)) {
			const versions = Object.keys(migrationStrategies[name as CollectionName]).map(Number);
			expect(schema.version).toBe(versions.length === 0 ? 0 : Math.max(...versions));
			expect(versions.sort()).toEqual(versions.map((_, index) => index + 1));
			expect(schema.primaryKey).toBe('id');
			expect(schema).not.toHaveProperty('$schema');
		}
	});
});

describe('migration of a v0 customer to a v1 shape', () => {
	it('runs the v1 strategy on documents stored at v0', async () => {
		const storage = getRxStorageMemory();
		const name = `migration-${Date.now()}`;
		const v0 = await createFieldDatabase(name, storage, false);
		databases.push(v0);
		await v0.customers.insert({ ...customerV0 });
		await v0.close();
		databases.pop();

		const v1Schema = {
			...collectionSchemas.customers,
			version: 1,
			properties: {
				...collectionSchemas.customers.properties,
				segment: { type: 'string', maxLength: 20 }
			}
		};
		const v1 = await createRxDatabase({ name, storage, multiInstance: false });
		databases.push(v1);
		await v1.addCollections({
			customers: {
				schema: v1Schema,
				migrationStrategies: {
					1: (doc: Record<string, unknown>) => ({ ...doc, segment: 'smb' })
				}
			}
		});
		const migrated = await v1.customers.findOne('c1').exec(true);
		expect(migrated.get('segment')).toBe('smb');
		expect(migrated.get('companyName')).toBe('Contoso Kft');
	});
});

describe('activity v0 to v1 (the record types of invitations, GDAP and settings)', () => {
	it('keeps every stored entry as it was', async () => {
		const storage = getRxStorageMemory();
		const name = `activity-migration-${Date.now()}`;
		const v0Schema = {
			...collectionSchemas.activity,
			version: 0,
			properties: {
				...collectionSchemas.activity.properties,
				recordType: {
					type: 'string',
					enum: ['partners', 'partnerships', 'customers', 'subscriptions'],
					maxLength: 13
				}
			}
		};
		const v0 = await createRxDatabase({ name, storage, multiInstance: false });
		databases.push(v0);
		await v0.addCollections({ activity: { schema: v0Schema } });
		const entry = {
			id: 'a1',
			at: '2026-01-01T00:00:00.000Z',
			actorId: 'u1',
			actorName: 'Anna',
			deviceId: 'd1',
			recordType: 'customers',
			documentId: 'c1',
			action: 'customer.updated',
			summary: 'Changed the phone of Contoso Kft',
			changes: [{ field: 'contact.phone', from: '1', to: '2' }]
		};
		await v0.activity.insert(entry);
		await v0.close();
		databases.pop();

		const v1 = await createFieldDatabase(name, storage, false);
		databases.push(v1);
		const migrated = await v1.activity.findOne('a1').exec(true);
		expect(migrated.toJSON()).toEqual(entry);
		await v1.activity.insert({ ...entry, id: 'a2', recordType: 'gdap' });
		expect(await v1.activity.count().exec()).toBe(2);
	});
});

describe('subscriptions v0 to v1 (the lifecycle fields)', () => {
	it('keeps every stored subscription as it was and takes the new fields', async () => {
		const storage = getRxStorageMemory();
		const name = `subscription-migration-${Date.now()}`;
		const lifecycleFields = [
			'termStartDate',
			'autoRenew',
			'scheduledChanges',
			'suspendedAt',
			'suspendedBy',
			'suspensionReason',
			'suspensionNote',
			'cancelledAt',
			'cancelledBy',
			'upgradedFromOfferId'
		];
		const v0Schema = {
			...collectionSchemas.subscriptions,
			version: 0,
			properties: Object.fromEntries(
				Object.entries(collectionSchemas.subscriptions.properties).filter(
					([key]) => !lifecycleFields.includes(key)
				)
			)
		};
		expect(Object.keys(v0Schema.properties).length).toBe(
			Object.keys(collectionSchemas.subscriptions.properties).length - lifecycleFields.length
		);
		const v0 = await createRxDatabase({ name, storage, multiInstance: false });
		databases.push(v0);
		await v0.addCollections({ subscriptions: { schema: v0Schema } });
		const stored = {
			id: 's1',
			customerId: 'c1',
			offerId: 'microsoft-365-business-basic',
			quantity: 10,
			status: 'active',
			billingCycle: 'monthly',
			termDuration: 'P1Y',
			resellerId: '',
			supportContactId: 'p1',
			startDate: '2026-01-01T00:00:00.000Z',
			endDate: '2027-01-01T00:00:00.000Z',
			createdAt: '2026-01-01T00:00:00.000Z',
			createdBy: 'u1',
			updatedAt: '2026-01-01T00:00:00.000Z',
			updatedBy: 'u1',
			deviceId: 'd1'
		};
		await v0.subscriptions.insert(stored);
		await v0.close();
		databases.pop();

		const v1 = await createFieldDatabase(name, storage, false);
		databases.push(v1);
		const migrated = await v1.subscriptions.findOne('s1').exec(true);
		expect(migrated.toJSON()).toEqual(stored);
		await migrated.incrementalPatch({
			autoRenew: false,
			scheduledChanges: { quantity: 5, scheduledAt: '2026-02-01T00:00:00.000Z', scheduledBy: 'u1' }
		});
		expect((await v1.subscriptions.findOne('s1').exec(true)).scheduledChanges?.quantity).toBe(5);
	});
});
