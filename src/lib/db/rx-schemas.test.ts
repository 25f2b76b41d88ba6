import { describe, expect, it } from 'vitest';
import { createRxSchema, type RxJsonSchema } from 'rxdb';
import { defaultHashSha256 } from 'rxdb/plugins/utils';
import { collectionSchemas } from './collections';
import { derivedCollectionSchemas } from './derived-schemas';

/** The file's text: the derivation as JSON, one tab an indent level. */
const asFile = (schemas: unknown) => `${JSON.stringify(schemas, null, '\t')}\n`;

describe('rx-schemas.json (the RxDB schemas the app opens its database with)', () => {
	it('is what the zod schemas of the domain derive (update it with -u)', async () => {
		await expect(asFile(derivedCollectionSchemas)).toMatchFileSnapshot('./rx-schemas.json');
	});

	it('is what the collections use', () => {
		expect(collectionSchemas).toEqual(JSON.parse(asFile(derivedCollectionSchemas)));
		expect(Object.keys(collectionSchemas)).toEqual(Object.keys(derivedCollectionSchemas));
	});

	it('has the schema hashes of the derivation, so a device that has the data opens it as it is', async () => {
		for (const [name, derived] of Object.entries(derivedCollectionSchemas)) {
			const stored = collectionSchemas[name as keyof typeof collectionSchemas];
			const hash = (schema: unknown) =>
				createRxSchema(schema as RxJsonSchema<unknown>, defaultHashSha256, false).hash;
			expect(await hash(stored), name).toBe(await hash(derived));
		}
	});
});
