import { describe, expect, it } from 'vitest';
import { mergeConflictHandler } from '$lib/db/conflict-handler';
import { conflictId, deriveLostValues } from './losers';

const base = {
	id: 'c1',
	companyName: 'Kovács',
	contact: { phone: '1', email: 'a@x.hu' },
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: 'anna',
	deviceId: 'd0',
	_deleted: false
};
const remote = {
	...base,
	contact: { ...base.contact, phone: 'remote' },
	updatedAt: '2026-01-02T00:00:00.000Z',
	updatedBy: 'bela',
	deviceId: 'd2'
};
const local = {
	...base,
	companyName: 'Kovács Kft.',
	contact: { ...base.contact, phone: 'local' },
	updatedAt: '2026-01-03T00:00:00.000Z',
	updatedBy: 'anna',
	deviceId: 'd1'
};

describe('deriveLostValues', () => {
	it('names the value that lost a same-field conflict, with who, when and where', async () => {
		const handler = mergeConflictHandler<typeof base>('customers');
		const input = { assumedMasterState: base, realMasterState: remote, newDocumentState: local };
		const resolved = await handler.resolve(input, 'test');
		const lost = deriveLostValues({ collection: 'customers', base, remote, local, resolved });
		expect(lost).toEqual([
			{
				id: conflictId('customers', 'c1', 'contact.phone', remote.updatedAt),
				documentId: 'c1',
				field: 'contact.phone',
				lostValue: '"remote"',
				keptValue: '"local"',
				lostAt: remote.updatedAt,
				lostBy: 'bela',
				lostDevice: 'd2',
				keptAt: local.updatedAt,
				keptBy: 'anna',
				keptDevice: 'd1'
			}
		]);
	});

	it('names this device’s value when the other edit is later', () => {
		const later = { ...remote, updatedAt: '2026-01-04T00:00:00.000Z' };
		const resolved = { ...later, companyName: local.companyName };
		const lost = deriveLostValues({
			collection: 'customers',
			base,
			remote: later,
			local,
			resolved
		});
		expect(lost).toHaveLength(1);
		expect(lost[0]).toMatchObject({
			field: 'contact.phone',
			lostValue: '"local"',
			keptValue: '"remote"',
			lostBy: 'anna',
			lostDevice: 'd1'
		});
	});

	it('records nothing when the edits are to different fields or agree', () => {
		const other = { ...remote, contact: { ...base.contact, email: 'b@x.hu' } };
		const merged = {
			...other,
			companyName: local.companyName,
			contact: { phone: 'local', email: 'b@x.hu' }
		};
		expect(
			deriveLostValues({ collection: 'customers', base, remote: other, local, resolved: merged })
		).toEqual([]);
		const agreeing = { ...remote, contact: { ...base.contact, phone: 'local' } };
		expect(
			deriveLostValues({
				collection: 'customers',
				base,
				remote: agreeing,
				local,
				resolved: agreeing
			})
		).toEqual([]);
	});

	it('is deterministic, and records nothing without a common version or on a deletion', () => {
		const input = { collection: 'customers', base, remote, local, resolved: local };
		expect(deriveLostValues(input)).toEqual(deriveLostValues(input));
		expect(deriveLostValues({ ...input, base: undefined })).toEqual([]);
		expect(deriveLostValues({ ...input, remote: { ...remote, _deleted: true } })).toEqual([]);
	});

	it('records the status a removed partnership kept over a local change', async () => {
		const partnership = {
			id: 'p1',
			status: 'active',
			updatedAt: base.updatedAt,
			updatedBy: 'anna',
			deviceId: 'd0',
			_deleted: false
		};
		const removed = {
			...partnership,
			status: 'removed',
			updatedAt: '2026-01-02T00:00:00.000Z',
			deviceId: 'd2'
		};
		const suspended = {
			...partnership,
			status: 'suspended',
			updatedAt: '2026-01-03T00:00:00.000Z',
			deviceId: 'd1'
		};
		const handler = mergeConflictHandler<typeof partnership>('partnerships');
		const resolved = await handler.resolve(
			{ assumedMasterState: partnership, realMasterState: removed, newDocumentState: suspended },
			'test'
		);
		expect(resolved.status).toBe('removed');
		const lost = deriveLostValues({
			collection: 'partnerships',
			base: partnership,
			remote: removed,
			local: suspended,
			resolved
		});
		expect(lost).toMatchObject([
			{ field: 'status', lostValue: '"suspended"', keptValue: '"removed"' }
		]);
	});

	// Random sync seed 975374935: the endpoint's first name went Anna → Eszter → Anna (device A)
	// while device B, apart, set Piotr. The endpoint's latest version equals the common one.
	describe('a field the endpoint changed and put back (remoteChanged)', () => {
		const putBack = {
			...base,
			contact: { ...base.contact, email: 'put-back@x.hu' },
			updatedAt: '2026-01-04T00:00:00.000Z',
			updatedBy: 'bela',
			deviceId: 'd2'
		};
		const mine = { ...local, contact: { ...base.contact, phone: 'local' } };
		const remoteChanged = new Set(['contact.phone', 'contact.email']);
		/** The merge of this device's edit with the put-back, the put-back kept. */
		const input = {
			collection: 'customers' as const,
			base,
			remote: putBack,
			local: mine,
			resolved: putBack
		};

		it("names this device's value when the put-back is the later edit", () => {
			const lost = deriveLostValues({ ...input, remoteChanged });
			expect(lost).toEqual([
				{
					id: conflictId('customers', 'c1', 'contact.phone', mine.updatedAt),
					documentId: 'c1',
					field: 'contact.phone',
					lostValue: '"local"',
					keptValue: '"1"',
					lostAt: mine.updatedAt,
					lostBy: 'anna',
					lostDevice: 'd1',
					keptAt: putBack.updatedAt,
					keptBy: 'bela',
					keptDevice: 'd2'
				}
			]);
		});

		it('names the put-back value when this device’s edit is kept', () => {
			const resolved = { ...putBack, companyName: mine.companyName, contact: mine.contact };
			const lost = deriveLostValues({ ...input, resolved, remoteChanged });
			expect(lost).toMatchObject([
				{ field: 'contact.phone', lostValue: '"1"', keptValue: '"local"', lostBy: 'bela' }
			]);
		});

		it('records nothing without the history, for fields this device left alone, or agreeing', () => {
			// Without it the put-back looks unchanged: the merge's earlier view.
			expect(deriveLostValues(input)).toEqual([]);
			expect(deriveLostValues({ ...input, remoteChanged: new Set() })).toEqual([]);
			// The history changed the email, this device did not: nothing lost.
			expect(deriveLostValues({ ...input, remoteChanged: new Set(['contact.email']) })).toEqual([]);
			// Both ended on the same value.
			const same = { ...mine, contact: { ...base.contact } };
			expect(deriveLostValues({ ...input, local: same, resolved: putBack, remoteChanged })).toEqual(
				[]
			);
		});

		it('takes a whole nested object the history changed as a change of each field in it', () => {
			const lost = deriveLostValues({ ...input, remoteChanged: new Set(['contact']) });
			expect(lost.map((value) => value.field)).toEqual(['contact.phone']);
		});
	});
});
