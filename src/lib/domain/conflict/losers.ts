/**
 * Which values lost when the conflict handler settled a record edited on two devices: pure, so
 * that it gives the same answer however often RxDB calls the handler.
 */
import { touches } from './history';

type Doc = Record<string, unknown>;

export interface LostValue {
	/** Deterministic id: record, field and the revision (updatedAt) of the losing version. */
	id: string;
	documentId: string;
	field: string;
	lostValue: string;
	keptValue: string;
	lostAt: string;
	lostBy: string;
	lostDevice: string;
	keptAt: string;
	keptBy: string;
	keptDevice: string;
}

export interface SettledConflict {
	collection: string;
	/** The version both devices started from. */
	base: Doc | undefined;
	/** The endpoint's version. */
	remote: Doc;
	/** This device's version. */
	local: Doc;
	/** What the handler settled on. */
	resolved: Doc;
	/**
	 * The fields the endpoint's history changed after `base` (changedPaths, history.ts): changed
	 * there even where `remote` holds `base`'s value again.
	 */
	remoteChanged?: ReadonlySet<string>;
}

const metaFields = new Set([
	'updatedAt',
	'updatedBy',
	'deviceId',
	'nameLower',
	'_deleted',
	'_meta',
	'_rev',
	'_attachments'
]);

const isPlainObject = (value: unknown): value is Doc =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** FNV-1a, twice with different seeds: a short stable id for a string. */
function hash(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ 0x5bd1e995;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
	}
	return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The loss of `field`'s value from the version `side` (see LostValue.id). */
export function conflictId(collection: string, documentId: string, field: string, lostAt: string) {
	return `conflict-${hash(`${collection}\u0000${documentId}\u0000${field}\u0000${lostAt}`)}`;
}

function leafPaths(
	base: unknown,
	remote: unknown,
	local: unknown,
	resolved: unknown,
	path: string
) {
	if (
		isPlainObject(remote) &&
		isPlainObject(local) &&
		isPlainObject(resolved) &&
		(base === undefined || isPlainObject(base))
	) {
		const baseDoc = (base ?? {}) as Doc;
		const keys = new Set([...Object.keys(remote), ...Object.keys(local)]);
		const paths: { path: string; base: unknown; remote: unknown; local: unknown; kept: unknown }[] =
			[];
		for (const key of keys) {
			if (!path && metaFields.has(key)) continue;
			paths.push(
				...leafPaths(
					baseDoc[key],
					remote[key],
					local[key],
					resolved[key],
					path ? `${path}.${key}` : key
				)
			);
		}
		return paths;
	}
	return [{ path, base, remote, local, kept: resolved }];
}

/**
 * Every field both devices changed (from the common version; on the endpoint's side also a
 * field its history changed and put back, `remoteChanged`) to different values, with the value
 * that was not kept. Deletions and a missing common version record nothing.
 */
export function deriveLostValues(input: SettledConflict): LostValue[] {
	const { base, remote, local, resolved, collection } = input;
	if (!base || remote._deleted || local._deleted) return [];
	const documentId = String(remote.id ?? local.id);
	const lost: LostValue[] = [];
	for (const leaf of leafPaths(base, remote, local, resolved, '')) {
		const localChanged = !same(leaf.local, leaf.base);
		const remoteChanged =
			!same(leaf.remote, leaf.base) || touches(input.remoteChanged ?? new Set(), leaf.path);
		if (!localChanged || !remoteChanged || same(leaf.local, leaf.remote)) continue;
		const localKept = same(leaf.kept, leaf.local);
		const loser = localKept ? remote : local;
		const winner = localKept ? local : remote;
		const lostValue = localKept ? leaf.remote : leaf.local;
		const lostAt = String(loser.updatedAt ?? '');
		lost.push({
			id: conflictId(collection, documentId, leaf.path, lostAt),
			documentId,
			field: leaf.path,
			lostValue: JSON.stringify(lostValue ?? null),
			keptValue: JSON.stringify(leaf.kept ?? null),
			lostAt,
			lostBy: String(loser.updatedBy ?? ''),
			lostDevice: String(loser.deviceId ?? ''),
			keptAt: String(winner.updatedAt ?? ''),
			keptBy: String(winner.updatedBy ?? ''),
			keptDevice: String(winner.deviceId ?? '')
		});
	}
	return lost;
}
