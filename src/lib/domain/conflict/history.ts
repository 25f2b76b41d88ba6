/**
 * What the other side of a conflict changed since the common version, read from the endpoint's
 * history of the record rather than from its latest version alone. Pure.
 *
 * A three-way merge that compares only the latest version with the common one misses a field
 * the other device changed and then put back: it holds the common version's value again, so it
 * looks unchanged there, and this device's value of it would win without a conflict although
 * the other device's put-back may be the later edit (random sync seed 975374935: device A changed
 * a first name and took the change back after device B, offline, had changed it; B's value won
 * silently). A field that some version after the common one holds with another value was
 * changed on that side, whatever its latest value.
 */
type Doc = Record<string, unknown>;

/** Fields of a record that are not its content: who and when, and the stores' own fields. */
const notContent = new Set(['id', 'updatedAt', 'updatedBy', 'deviceId']);

const isPlainObject = (value: unknown): value is Doc =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function collect(base: unknown, version: unknown, path: string, into: Set<string>): void {
	if (isPlainObject(base) && isPlainObject(version)) {
		for (const key of new Set([...Object.keys(base), ...Object.keys(version)])) {
			if (!path && (notContent.has(key) || key.startsWith('_'))) continue;
			collect(base[key], version[key], path ? `${path}.${key}` : key, into);
		}
		return;
	}
	if (path && !same(base, version)) into.add(path);
}

/**
 * The fields (paths into nested objects joined by "."; an array is one field) that any of
 * `versions` holds with another value than `base` (a field missing on one side counts as
 * changed). The fields of who and when (`updatedAt`, `updatedBy`, `deviceId`), the id and the
 * `_` fields of the stores are not content and never count.
 */
export function changedPaths(base: Doc, versions: readonly Doc[]): Set<string> {
	const paths = new Set<string>();
	for (const version of versions) collect(base, version, '', paths);
	return paths;
}

/**
 * Whether `path` was changed according to `paths` (see changedPaths): it is one of them, a field
 * inside it is, or it is inside one (a nested object replaced by another value).
 */
export function touches(paths: ReadonlySet<string>, path: string): boolean {
	if (paths.has(path)) return true;
	const inside = `${path}.`;
	for (const changed of paths) {
		if (changed.startsWith(inside) || path.startsWith(`${changed}.`)) return true;
	}
	return false;
}
