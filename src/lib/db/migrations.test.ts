import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, addRxPlugin } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { collectionSchemas } from './collections';
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
	it('derive every collection at version 0 with id as primary key', () => {
		for (const schema of Object.values(collectionSchemas)) {
			expect(schema.version).toBe(0);
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
