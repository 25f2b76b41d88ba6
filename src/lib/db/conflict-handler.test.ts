import { describe, expect, it } from 'vitest';
import { markRefused, mergeConflictHandler, mergeFields } from './conflict-handler';

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

	describe('without a common version (a push whose answer was lost)', () => {
		const created = { ...base, updatedAt: '2026-01-02T00:00:00.000Z', deviceId: 'd1' };

		it("keeps this device's later version when the endpoint has this device's own", async () => {
			const local = {
				...created,
				contact: { ...created.contact, phone: '9' },
				updatedAt: '2026-01-03T00:00:00.000Z'
			};
			const merged = await handler.resolve(
				{ assumedMasterState: undefined, realMasterState: created, newDocumentState: local },
				'test'
			);
			expect(merged).toMatchObject({ contact: { phone: '9' }, deviceId: 'd1' });
		});

		it("settles every differing field by the later edit when it is another device's", async () => {
			const remote = { ...created, name: 'Remote', deviceId: 'd2' };
			const local = { ...created, name: 'Local', updatedAt: '2026-01-03T00:00:00.000Z' };
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
	});
});
