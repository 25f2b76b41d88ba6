/**
 * Three-way merges of a document's JSON: what an action or a form changed, applied onto the
 * latest version. Pure: the services store the result, the forms show it.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether two JSON values are equal: same primitives, same arrays in order, same object fields. */
export function jsonEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((value, index) => jsonEqual(value, b[index]));
	}
	if (!isPlainObject(a) || !isPlainObject(b)) return Number.isNaN(a) && Number.isNaN(b);
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}

/**
 * `latest` with only what changed from `before` to `after` applied to it, nested objects (address,
 * contact) field by field. An action reads a document, then writes it: a change that arrived in
 * between (replication, another tab) to a field the action did not change stays.
 */
export function applyChanges<T extends object>(latest: T, before: T, after: T): T {
	const result: Record<string, unknown> = { ...(latest as Record<string, unknown>) };
	const from = before as Record<string, unknown>;
	const to = after as Record<string, unknown>;
	for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
		if (jsonEqual(from[key], to[key])) continue;
		if (isPlainObject(from[key]) && isPlainObject(to[key]) && isPlainObject(result[key])) {
			result[key] = applyChanges(result[key], from[key], to[key]);
		} else if (key in to) {
			result[key] = to[key];
		} else {
			delete result[key];
		}
	}
	return result as T;
}
