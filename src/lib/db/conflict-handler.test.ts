import { describe, expect, it } from 'vitest';
import { commonVersion, markRefused, mergeConflictHandler, mergeFields } from './conflict-handler';
import type { SentVersions } from './sent-versions';

/** A record of sent versions that knows exactly `versions` (by content, as the real one). */
function sentOnly(...versions: Record<string, unknown>[]): SentVersions {
	const key = (doc: Record<string, unknown>) =>
		JSON.stringify(Object.entries(doc).filter(([k]) => !k.startsWith('_')));
	const known = new Set(versions.map(key));
	return {
		recordSent: async () => undefined,
		wasSent: async (_recordType, doc) => known.has(key(doc)),
		learnHistories: async () => undefined,
		sentAncestorOf: async () => undefined
	};
}

const base = {
	id: 'c1',
	name: 'Kovács',
	contact: { phone: '1', email: 'a@x.hu' },
	address: { city: 'Budapest' },
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: 'anna',
	deviceId: 'd0',
	_deleted: false
};

describe('mergeFields', () => {
	it('keeps edits to different fields, also inside nested objects', () => {
		const remote = { ...base, contact: { ...base.contact, email: 'b@x.hu' } };
		const local = { ...base, contact: { ...base.contact, phone: '2' }, address: { city: 'Pécs' } };
		expect(mergeFields(base, remote, local, false)).toMatchObject({
			contact: { phone: '2', email: 'b@x.hu' },
			address: { city: 'Pécs' }
		});
	});

	it('settles the same field by the later edit', () => {
		const remote = { ...base, name: 'Remote' };
		const local = { ...base, name: 'Local' };
		expect(mergeFields(base, remote, local, true).name).toBe('Local');
		expect(mergeFields(base, remote, local, false).name).toBe('Remote');
	});
});

describe('mergeConflictHandler', () => {
	const handler = mergeConflictHandler<typeof base>('customers');

	it('merges and names this device as the last editor', async () => {
		const remote = {
			...base,
			name: 'Remote name',
			updatedAt: '2026-01-02T00:00:00.000Z',
			updatedBy: 'bela',
			deviceId: 'd2'
		};
		const local = {
			...base,
			contact: { ...base.contact, phone: '9' },
			updatedAt: '2026-01-03T00:00:00.000Z',
			updatedBy: 'anna',
			deviceId: 'd1'
		};
		const merged = await handler.resolve(
			{ assumedMasterState: base, realMasterState: remote, newDocumentState: local },
			'test'
		);
		expect(merged).toMatchObject({
			name: 'Remote name',
			contact: { phone: '9', email: 'a@x.hu' },
			updatedAt: '2026-01-03T00:00:00.000Z',
			updatedBy: 'anna',
			deviceId: 'd1'
		});
	});

	it('returns the server version for a refused write', async () => {
		const remote = { ...base };
		const local = { ...base, name: 'Refused' };
		markRefused('customers', 'c1');
		const resolved = await handler.resolve(
			{ assumedMasterState: base, realMasterState: remote, newDocumentState: local },
			'test'
		);
		expect(resolved).toBe(remote);
	});

	it('keeps a removed partnership removed', async () => {
		const partnerships = mergeConflictHandler<Record<string, unknown>>('partnerships');
		const start = { id: 'p1', status: 'active', note: '', _deleted: false };
		const remote = { ...start, status: 'removed' };
		const local = { ...start, note: 'x' };
		const resolved = await partnerships.resolve(
			{ assumedMasterState: start, realMasterState: remote, newDocumentState: local },
			'test'
		);
		expect(resolved).toBe(remote);
	});

	describe('a push whose answer was lost: the endpoint has a version this device sent', () => {
		const created = { ...base, updatedAt: '2026-01-02T00:00:00.000Z', deviceId: 'd1' };

		it("keeps this device's later version of a record it created", async () => {
			const local = {
				...created,
				contact: { ...created.contact, phone: '9' },
				updatedAt: '2026-01-03T00:00:00.000Z'
			};
			const merged = await mergeConflictHandler<typeof base>(
				'customers',
				sentOnly(created)
			).resolve(
				{ assumedMasterState: undefined, realMasterState: created, newDocumentState: local },
				'test'
			);
			expect(merged).toMatchObject({ contact: { phone: '9' }, deviceId: 'd1' });
		});

		// Issue 9 (random sync seed 310014339): the device sets the city to Wien, the push's answer
		// is lost, the device puts the city back and changes the name. Against the version the
		// device last heard of, its city counts as unchanged and the endpoint's Wien as a change.
		it('keeps a field this device changed and then put back', async () => {
			const sentEarlier = {
				...base,
				address: { city: 'Wien' },
				updatedAt: '2026-01-02T00:00:00.000Z',
				deviceId: 'd1'
			};
			const local = {
				...sentEarlier,
				name: 'Later',
				address: { city: 'Budapest' },
				updatedAt: '2026-01-03T00:00:00.000Z'
			};
			const input = {
				assumedMasterState: base,
				realMasterState: sentEarlier,
				newDocumentState: local
			};
			const merged = await mergeConflictHandler<typeof base>(
				'customers',
				sentOnly(sentEarlier)
			).resolve(input, 'test');
			expect(merged).toMatchObject({ name: 'Later', address: { city: 'Budapest' } });
			// What the endpoint has is not taken for this device's unless this device sent it.
			const unknown = await mergeConflictHandler<typeof base>('customers', sentOnly()).resolve(
				input,
				'test'
			);
			expect(unknown).toMatchObject({ name: 'Later', address: { city: 'Wien' } });
		});

		it("settles every differing field by the later edit when it is another device's", async () => {
			const remote = { ...created, name: 'Remote', deviceId: 'd2' };
			const local = { ...created, name: 'Local', updatedAt: '2026-01-03T00:00:00.000Z' };
			const handler = mergeConflictHandler<typeof base>('customers', sentOnly(created));
			const merged = await handler.resolve(
				{ assumedMasterState: undefined, realMasterState: remote, newDocumentState: local },
				'test'
			);
			expect(merged).toMatchObject({ name: 'Local', contact: base.contact });
			const older = { ...local, updatedAt: '2026-01-01T12:00:00.000Z' };
			const kept = await handler.resolve(
				{ assumedMasterState: undefined, realMasterState: remote, newDocumentState: older },
				'test'
			);
			expect(kept).toMatchObject({ name: 'Remote' });
		});

		it('does not take the device id for proof: another database on this device is another history', async () => {
			// Same device id (a second user of this tablet, a cloned profile), never sent from here.
			const remote = { ...created, name: 'Remote', updatedAt: '2026-01-02T12:00:00.000Z' };
			const local = { ...created, contact: { ...created.contact, phone: '9' } };
			const merged = await mergeConflictHandler<typeof base>(
				'customers',
				sentOnly(created)
			).resolve(
				{ assumedMasterState: created, realMasterState: remote, newDocumentState: local },
				'test'
			);
			expect(merged).toMatchObject({ name: 'Remote', contact: { phone: '9' } });
		});
	});
});

describe('commonVersion', () => {
	const master = { id: 'c1', name: 'Endpoint' };
	const assumed = { id: 'c1', name: 'Assumed' };

	it('is the endpoint version when this device sent it', () => {
		expect(commonVersion(master, assumed, true)).toBe(master);
		expect(commonVersion(master, undefined, true)).toBe(master);
	});

	it("is RxDB's assumed version otherwise, or nothing", () => {
		expect(commonVersion(master, assumed, false)).toBe(assumed);
		expect(commonVersion(master, undefined, false)).toEqual({});
	});
});
