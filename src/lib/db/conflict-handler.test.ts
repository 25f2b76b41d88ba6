import { describe, expect, it } from 'vitest';
import {
	commonVersion,
	mergeBasisOf,
	mergeConflictHandler,
	markKept,
	markRefused,
	mergeFields
} from './conflict-handler';
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
		sentAncestorOf: async () => undefined,
		versionsSince: async () => undefined
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

// Random sync seed 975374935: device A changed the first name and took the change back (both
// pushed), device B, apart, had changed it earlier. The endpoint's version holds the common
// version's first name again; its history says A changed it.
describe('mergeFields with the fields the endpoint changed and put back', () => {
	const putBack = { ...base, contact: { ...base.contact, email: 'b@x.hu' } };
	const local = { ...base, contact: { ...base.contact, phone: '2' }, name: 'Local' };

	it('settles such a field by the later edit, like any field changed on both sides', () => {
		const changed = new Set(['contact.phone']);
		expect(mergeFields(base, putBack, local, false, changed).contact).toEqual(putBack.contact);
		expect(mergeFields(base, putBack, local, true, changed).contact).toEqual({
			phone: '2',
			email: 'b@x.hu'
		});
	});

	it('keeps this device’s change of a field the history did not change', () => {
		for (const changed of [new Set<string>(), new Set(['contact.email']), new Set(['name2'])]) {
			expect(mergeFields(base, putBack, local, false, changed)).toMatchObject({
				name: 'Local',
				contact: { phone: '2', email: 'b@x.hu' }
			});
		}
	});

	it('goes into a nested object the endpoint holds as it was, and takes a whole one changed', () => {
		const asBefore = { ...base };
		const merged = mergeFields(base, asBefore, local, false, new Set(['contact.phone']));
		expect(merged).toMatchObject({ name: 'Local', contact: { phone: '1', email: 'a@x.hu' } });
		const whole = mergeFields(base, asBefore, local, false, new Set(['contact']));
		expect(whole.contact).toEqual(base.contact);
		expect(mergeFields(base, asBefore, local, true, new Set(['contact'])).contact).toEqual(
			local.contact
		);
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

	it('keeps the device version of a new record kept for the next push, once', async () => {
		const local = { ...base, name: 'Kept' };
		const tombstone = { ...local, _deleted: true };
		markKept('customers', 'c1');
		const resolved = await handler.resolve(
			{ assumedMasterState: undefined, realMasterState: tombstone, newDocumentState: local },
			'test'
		);
		expect(resolved).toBe(local);
		const again = await handler.resolve(
			{ assumedMasterState: undefined, realMasterState: tombstone, newDocumentState: local },
			'test'
		);
		expect(again).toBe(tombstone);
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

describe('mergeBasisOf', () => {
	const putBack = {
		...base,
		contact: { ...base.contact, phone: '1' },
		updatedAt: '2026-01-03T00:00:00.000Z',
		deviceId: 'd2'
	};
	const between = {
		...base,
		contact: { ...base.contact, phone: 'Eszter' },
		updatedAt: '2026-01-02T00:00:00.000Z',
		deviceId: 'd2'
	};
	const local = {
		...base,
		contact: { ...base.contact, phone: 'Piotr' },
		updatedAt: '2026-01-01T12:00:00.000Z',
		deviceId: 'd1'
	};
	const input = { assumedMasterState: base, realMasterState: putBack, newDocumentState: local };
	const withHistory = (versions: Record<string, unknown>[] | undefined): SentVersions => ({
		...sentOnly(),
		versionsSince: async () => versions
	});

	it("names what the endpoint's versions after the common one changed", async () => {
		const basis = await mergeBasisOf('customers', input, withHistory([between]));
		expect(basis).toEqual({ base, remoteChanged: new Set(['contact.phone']) });
	});

	it('names nothing without a history reaching the common version, or without a common one', async () => {
		expect(await mergeBasisOf('customers', input, withHistory(undefined))).toEqual({
			base,
			remoteChanged: new Set()
		});
		expect(await mergeBasisOf('customers', input, undefined)).toEqual({
			base,
			remoteChanged: new Set()
		});
		const none = await mergeBasisOf(
			'customers',
			{ ...input, assumedMasterState: undefined },
			withHistory([between])
		);
		expect(none).toEqual({ base: {}, remoteChanged: new Set() });
	});

	it("asks nothing when the endpoint's version is this device's", async () => {
		let asked = 0;
		const sent: SentVersions = {
			...sentOnly(putBack),
			versionsSince: async () => {
				asked++;
				return [between];
			}
		};
		expect(await mergeBasisOf('customers', input, sent)).toEqual({
			base: putBack,
			remoteChanged: new Set()
		});
		expect(asked).toBe(0);
	});

	it('lets the later put-back win over an earlier edit, and this device’s later edit win', async () => {
		const handler = mergeConflictHandler<typeof base>('customers', withHistory([between]));
		expect((await handler.resolve(input, 'test')).contact.phone).toBe('1');
		const later = { ...local, updatedAt: '2026-01-04T00:00:00.000Z' };
		const merged = await handler.resolve({ ...input, newDocumentState: later }, 'test');
		expect(merged.contact.phone).toBe('Piotr');
		// Without the history the put-back looked unchanged: the earlier edit won.
		const blind = mergeConflictHandler<typeof base>('customers', withHistory(undefined));
		expect((await blind.resolve(input, 'test')).contact.phone).toBe('Piotr');
	});
});
