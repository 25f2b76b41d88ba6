import { describe, expect, it } from 'vitest';
import { mergeConflictHandler } from './conflict-handler';
import { lostValues$, recordingConflictHandler, type LostValues } from './conflict-recording';
import type { SentVersions } from './sent-versions';

describe('recordingConflictHandler', () => {
	it('returns the inner handler’s result and announces the same lost values on every call', async () => {
		const base = {
			id: 'c1',
			name: 'A',
			updatedAt: '2026-01-01T00:00:00.000Z',
			updatedBy: 'u',
			deviceId: 'd0',
			_deleted: false
		};
		const remote = {
			...base,
			name: 'Remote',
			updatedAt: '2026-01-02T00:00:00.000Z',
			deviceId: 'd2'
		};
		const local = { ...base, name: 'Local', updatedAt: '2026-01-03T00:00:00.000Z', deviceId: 'd1' };
		const handler = recordingConflictHandler(
			'customers',
			mergeConflictHandler<typeof base>('customers')
		);
		const seen: LostValues[] = [];
		const subscription = lostValues$.subscribe((lost) => seen.push(lost));
		const input = { assumedMasterState: base, realMasterState: remote, newDocumentState: local };
		const first = await handler.resolve(input, 'test');
		const second = await handler.resolve(input, 'test');
		subscription.unsubscribe();
		expect(first).toEqual(second);
		expect(first.name).toBe('Local');
		expect(seen).toHaveLength(2);
		expect(seen[0].values).toEqual(seen[1].values);
		expect(seen[0].values[0]).toMatchObject({ field: 'name', lostValue: '"Remote"' });
	});

	it('records nothing when the endpoint has a version this device sent', async () => {
		const earlier = {
			id: 'c1',
			name: 'Created',
			updatedAt: '2026-01-01T00:00:00.000Z',
			updatedBy: 'u',
			deviceId: 'd1',
			_deleted: false
		};
		const local = { ...earlier, name: 'Edited', updatedAt: '2026-01-02T00:00:00.000Z' };
		const sent: SentVersions = {
			recordSent: async () => undefined,
			wasSent: async (_type, doc) => doc.name === earlier.name,
			learnHistories: async () => undefined,
			sentAncestorOf: async () => undefined,
			versionsSince: async () => undefined
		};
		const handler = recordingConflictHandler(
			'customers',
			mergeConflictHandler<typeof earlier>('customers', sent),
			sent
		);
		const seen: LostValues[] = [];
		const subscription = lostValues$.subscribe((lost) => seen.push(lost));
		const resolved = await handler.resolve(
			{ assumedMasterState: undefined, realMasterState: earlier, newDocumentState: local },
			'test'
		);
		subscription.unsubscribe();
		expect(resolved.name).toBe('Edited');
		expect(seen).toEqual([]);
	});
});
