import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeConflictHandler, PULL_APPLY_CONTEXT } from './conflict-handler';
import {
	forgetRevisions,
	isStalePull,
	noteAcknowledged,
	notePulled,
	revisionGeneration
} from './pulled-revisions';

const v2 = { _id: 'g1', _rev: '2-b', id: 'g1', autoExtend: true, updatedAt: '2026-01-02' };
const v3 = { _id: 'g1', _rev: '3-c', id: 'g1', autoExtend: false, updatedAt: '2026-01-03' };
/** RxDB's form of a pulled version: no `_rev`, `_deleted` set (couchDBDocToRxDocData). */
const asRx = ({ _id, _rev, ...doc }: Record<string, unknown>) => ({ ...doc, _deleted: false });

afterEach(forgetRevisions);

describe('revisionGeneration', () => {
	it('reads the generation of a CouchDB revision', () => {
		expect(revisionGeneration('3-abc')).toBe(3);
		expect(revisionGeneration('12-f')).toBe(12);
		expect(revisionGeneration(undefined)).toBe(0);
		expect(revisionGeneration('x')).toBe(0);
		expect(revisionGeneration('0-refused')).toBe(0);
	});
});

describe('isStalePull', () => {
	it('is stale: pulled as revision 2 after the endpoint acknowledged revision 3', () => {
		notePulled('gdap', v2);
		noteAcknowledged('gdap', 'g1', '3-c');
		expect(isStalePull('gdap', asRx(v2))).toBe(true);
	});

	it('is stale also when the acknowledgement came before the pull was answered', () => {
		noteAcknowledged('gdap', 'g1', '3-c');
		notePulled('gdap', v2);
		expect(isStalePull('gdap', asRx(v2))).toBe(true);
	});

	it('is not stale: the acknowledged revision itself, or a newer one', () => {
		noteAcknowledged('gdap', 'g1', '3-c');
		notePulled('gdap', v3);
		expect(isStalePull('gdap', asRx(v3))).toBe(false);
		const v4 = { ...v3, _rev: '4-d', autoExtend: true, updatedAt: '2026-01-04' };
		notePulled('gdap', v4);
		expect(isStalePull('gdap', asRx(v4))).toBe(false);
	});

	it('is not stale without an acknowledged push of the record', () => {
		notePulled('gdap', v2);
		expect(isStalePull('gdap', asRx(v2))).toBe(false);
	});

	it('is not stale for a version that is not the one pulled (content differs)', () => {
		notePulled('gdap', v2);
		noteAcknowledged('gdap', 'g1', '3-c');
		expect(isStalePull('gdap', { ...asRx(v2), autoExtend: false })).toBe(false);
	});

	it('keeps collections apart, and the highest acknowledged revision', () => {
		notePulled('gdap', v2);
		noteAcknowledged('customers', 'g1', '3-c');
		expect(isStalePull('gdap', asRx(v2))).toBe(false);
		noteAcknowledged('gdap', 'g1', '3-c');
		noteAcknowledged('gdap', 'g1', '1-a');
		expect(isStalePull('gdap', asRx(v2))).toBe(true);
	});
});

describe('the conflict handler as RxDB applies a pulled version', () => {
	const handler = mergeConflictHandler<Record<string, unknown>>('gdap');
	const local = asRx(v3);

	it('takes a stale pulled version as equal to the device state, so it is not applied', () => {
		notePulled('gdap', v2);
		noteAcknowledged('gdap', 'g1', '3-c');
		expect(handler.isEqual(asRx(v2), local, PULL_APPLY_CONTEXT)).toBe(true);
		// Everywhere else, the comparison is RxDB's own.
		expect(handler.isEqual(asRx(v2), local, 'upstream-check-if-equal')).toBe(false);
	});

	it('compares a version that is not stale as RxDB does', () => {
		notePulled('gdap', v2);
		expect(handler.isEqual(asRx(v2), local, PULL_APPLY_CONTEXT)).toBe(false);
		expect(handler.isEqual(local, { ...local }, PULL_APPLY_CONTEXT)).toBe(true);
	});

	it('uses the context RxDB passes when it applies pulled versions', () => {
		// If RxDB renames it, the stale-pull check silently stops working: this test says so.
		const require = createRequire(import.meta.url);
		const rxdbRoot = dirname(require.resolve('rxdb/package.json'));
		const downstream = readFileSync(
			join(rxdbRoot, 'dist/esm/replication-protocol/downstream.js'),
			'utf8'
		);
		expect(downstream).toContain(`isEqual(masterState, forkStateDocData, '${PULL_APPLY_CONTEXT}')`);
	});
});
