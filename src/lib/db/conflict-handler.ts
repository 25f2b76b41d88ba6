/**
 * How replication settles a record edited on two devices (RxDB conflict handler, used when the
 * endpoint already has another version than the one this device last saw):
 *
 * - a three-way merge against the version both devices started from: every field (nested
 *   objects such as address and contact field by field) changed on one side only keeps that
 *   change, so edits to different fields both survive;
 * - a field changed on both sides to different values: the later edit (`updatedAt`) wins, the
 *   server's on a tie; a field the endpoint's history changed after the common version counts
 *   as changed there even if the endpoint's version put the value back (mergeBasisOf);
 * - a partnership the server has as removed stays removed (the server refuses anything else);
 * - a record the server refused (see markRefused) goes back to the server's version;
 * - a new record whose refusal a conflict of the same push may lift (see markKept) stays as it is;
 * - a pulled version older than one the endpoint acknowledged from this device is not applied
 *   (see pulled-revisions.ts);
 * - the endpoint has a version this device sent but never heard back about (the push's answer
 *   was lost): that version is the common one, see commonVersion and sent-versions.ts; the same
 *   when the endpoint's version is another device's written over such a version (the newest one
 *   this device sent in the endpoint's history of the record, see sentAncestorOf).
 * The merged record names this device's user as the last editor (the server requires it).
 */
import { deepEqual } from 'rxdb/plugins/utils';
import { defaultConflictHandler, type RxConflictHandler, type RxConflictHandlerInput } from 'rxdb';
import type { SentVersions } from './sent-versions';
import { isStalePull } from './pulled-revisions';
import { changedPaths, touches } from '$lib/domain/conflict/history';

/** RxDB's context of the comparison of a pulled version with the device's (downstream.js). */
export const PULL_APPLY_CONTEXT = 'downstream-check-if-equal-1';

type Doc = Record<string, unknown>;

const refused = new Set<string>();

/** The next conflict of this record resolves to the server's version (a refused write). */
export function markRefused(collection: string, id: string): void {
	refused.add(`${collection}\u0000${id}`);
}

const kept = new Set<string>();

/**
 * The next conflict of this new record resolves to the device's version: the server refused it
 * for a unique key that a conflict of the same push may release, and has no version of it (the
 * replication's fetch answers RxDB with a tombstone, see sync/couch-fetch.ts mayBeReleased), so
 * it is pushed again.
 */
export function markKept(collection: string, id: string): void {
	kept.add(`${collection}\u0000${id}`);
}

const isPlainObject = (value: unknown): value is Doc =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const metaFields = new Set(['updatedAt', 'updatedBy', 'deviceId', '_deleted', '_meta', '_rev']);

/**
 * Three-way merge of `local` and `remote`, both changed from `base`. `remoteChanged` holds the
 * fields the endpoint's history changed since `base` (changedPaths): such a field counts as
 * changed there even where the endpoint's version holds `base`'s value again (put back).
 */
export function mergeFields(
	base: Doc,
	remote: Doc,
	local: Doc,
	localWinsTies: boolean,
	remoteChanged: ReadonlySet<string> = new Set(),
	path = ''
): Doc {
	const merged: Doc = { ...remote };
	const keys = new Set([...Object.keys(remote), ...Object.keys(local)]);
	for (const key of keys) {
		if (metaFields.has(key)) continue;
		const at = path ? `${path}.${key}` : key;
		const localChanged = !deepEqual(local[key], base[key]);
		const changedThere = !deepEqual(remote[key], base[key]) || touches(remoteChanged, at);
		if (!localChanged) continue;
		if (!changedThere) {
			if (key in local) merged[key] = local[key];
			else delete merged[key];
			continue;
		}
		if (deepEqual(local[key], remote[key])) continue;
		if (isPlainObject(base[key]) && isPlainObject(local[key]) && isPlainObject(remote[key])) {
			merged[key] = mergeFields(
				base[key],
				remote[key],
				local[key],
				localWinsTies,
				remoteChanged,
				at
			);
		} else if (localWinsTies) {
			merged[key] = local[key];
		}
	}
	return merged;
}

/**
 * The version both sides started from. RxDB's (`base`) is the version this device last heard the
 * endpoint has. When the endpoint's version is one this device sent (`masterWasSent`) but whose
 * answer was lost, `base` is out of date: this device's local version descends from the
 * endpoint's, so the endpoint's is the common version and nothing on its side counts as changed.
 * With neither (a record new to this device's knowledge), every field that differs counts as
 * changed on both sides: the later edit wins, the loser is recorded.
 */
export function commonVersion(master: Doc, base: Doc | undefined, masterWasSent: boolean): Doc {
	if (masterWasSent) return master;
	return base ?? {};
}

/** commonVersion of a conflict, asking `sent` whether the endpoint's version is this device's. */
export async function commonVersionOf<T>(
	collection: string,
	input: RxConflictHandlerInput<T>,
	sent: SentVersions | undefined
): Promise<Doc> {
	const master = input.realMasterState as unknown as Doc;
	const assumed = input.assumedMasterState as unknown as Doc | undefined;
	const masterWasSent = (await sent?.wasSent(collection, master)) ?? false;
	if (!masterWasSent && sent) {
		// Another device wrote over a version this device sent and never heard back about.
		const sentEarlier = await sent.sentAncestorOf(collection, master, assumed);
		if (sentEarlier) return sentEarlier;
	}
	return commonVersion(master, assumed, masterWasSent);
}

/** What a merge runs against: the common version, and what the endpoint changed since it. */
export interface MergeBasis {
	base: Doc;
	/** The fields the endpoint's versions after `base` changed (changedPaths), put back or not. */
	remoteChanged: Set<string>;
}

/**
 * commonVersionOf, with the fields that the endpoint's history of the record (as the push before
 * the conflict learned it, see SentVersions.versionsSince) changed after that version. Without
 * that history (it does not reach back to the common version: compacted, or more than
 * HISTORY_DEPTH versions ago), only the endpoint's version tells what changed there.
 */
export async function mergeBasisOf<T>(
	collection: string,
	input: RxConflictHandlerInput<T>,
	sent: SentVersions | undefined
): Promise<MergeBasis> {
	const master = input.realMasterState as unknown as Doc;
	const base = await commonVersionOf(collection, input, sent);
	if (!sent || base === master || Object.keys(base).length === 0) {
		return { base, remoteChanged: new Set() };
	}
	const since = await sent.versionsSince(collection, master, base);
	return { base, remoteChanged: since ? changedPaths(base, since) : new Set() };
}

/** The conflict handler of one replicated collection. */
export function mergeConflictHandler<T>(
	collection: string,
	sent?: SentVersions
): RxConflictHandler<T> {
	const isEqual = defaultConflictHandler.isEqual as RxConflictHandler<T>['isEqual'];
	return {
		// RxDB asks this, as it applies a pulled version, whether it equals the device's: a pulled
		// version older than one the endpoint acknowledged from this device counts as equal, so it
		// is not applied (pulled-revisions.ts).
		isEqual(a, b, context) {
			if (context === PULL_APPLY_CONTEXT && isStalePull(collection, a as Doc)) return true;
			return isEqual(a, b, context);
		},
		async resolve(input) {
			const master = input.realMasterState as unknown as Doc;
			const local = input.newDocumentState as unknown as Doc;
			const key = `${collection}\u0000${String(master.id ?? local.id)}`;
			if (refused.delete(key)) return input.realMasterState;
			if (kept.delete(key)) return input.newDocumentState;
			if (master._deleted || local._deleted) return input.realMasterState;
			const { base, remoteChanged } = await mergeBasisOf(collection, input, sent);
			if (collection === 'partnerships' && master.status === 'removed') {
				return input.realMasterState;
			}
			const localTime = String(local.updatedAt ?? '');
			const remoteTime = String(master.updatedAt ?? '');
			const merged = mergeFields(base, master, local, localTime > remoteTime, remoteChanged);
			if ('updatedAt' in local) {
				merged.updatedAt = localTime > remoteTime ? localTime : remoteTime;
				merged.updatedBy = local.updatedBy;
				merged.deviceId = local.deviceId;
			}
			return merged as unknown as typeof input.realMasterState;
		}
	};
}
