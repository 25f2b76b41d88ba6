import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';

type JsonObject = Record<string, unknown>;

export interface DerivedSchemaOptions<T> {
	version: number;
	primaryKey: keyof T & string;
	indexes?: (string | string[])[];
	/** Upper bound for indexed numbers (RxDB needs bounded numeric indexes). */
	numberMaximum?: number;
}

/**
 * Derives an RxDB JSON schema from a zod object schema, so that zod stays
 * the single source of every document shape. RxDB asks more of indexed
 * fields than JSON Schema does: strings need `maxLength`, numbers need
 * `multipleOf`, `minimum` and `maximum`.
 */
export function toRxJsonSchema<T>(
	schema: z.ZodObject,
	options: DerivedSchemaOptions<T>
): RxJsonSchema<T> {
	const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as JsonObject;
	delete json.$schema;
	const properties = json.properties as Record<string, JsonObject>;
	const indexedFields = new Set((options.indexes ?? []).flat());
	indexedFields.add(options.primaryKey);
	for (const field of indexedFields) {
		const property = properties[field];
		if (!property) throw new Error(`Indexed field "${field}" is not in the schema`);
		const required = (json.required as string[] | undefined) ?? [];
		if (!required.includes(field)) throw new Error(`Indexed field "${field}" must be required`);
		if (Array.isArray(property.enum) && typeof property.maxLength !== 'number') {
			property.maxLength = Math.max(...property.enum.map((value) => String(value).length));
		}
		if (property.type === 'string' && typeof property.maxLength !== 'number') {
			throw new Error(`Indexed string "${field}" needs a .max() in its zod schema`);
		}
		if (property.type === 'number' || property.type === 'integer') {
			property.type = 'number';
			property.multipleOf ??= 1;
			property.minimum ??= 0;
			property.maximum ??= options.numberMaximum ?? Number.MAX_SAFE_INTEGER;
		}
	}
	return {
		...json,
		version: options.version,
		primaryKey: options.primaryKey,
		type: 'object',
		properties,
		indexes: options.indexes
	} as unknown as RxJsonSchema<T>;
}
