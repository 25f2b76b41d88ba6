import { describe, expect, it } from 'vitest';
import { withChangeMeta } from './changes';

describe('withChangeMeta', () => {
	it('names the acting user even when a version by another user arrived meanwhile', () => {
		const before = {
			companyName: 'Kovács Kft.',
			updatedAt: '2026-11-21T10:00:00.000Z',
			updatedBy: 'demo-admin-agent',
			deviceId: 'device-b'
		};
		// Pulled from the server while the form was being saved: another user's edit.
		const latest = {
			companyName: 'Kovács Kft.',
			city: 'Győr',
			updatedAt: '2026-11-21T10:05:00.000Z',
			updatedBy: 'demo-global-admin',
			deviceId: 'device-a'
		};
		const after = {
			...before,
			companyName: 'Kovács és Társa Kft.',
			updatedAt: '2026-11-21T10:06:00.000Z'
		};
		expect(withChangeMeta(latest, before, after)).toEqual({
			companyName: 'Kovács és Társa Kft.',
			city: 'Győr',
			updatedAt: '2026-11-21T10:06:00.000Z',
			updatedBy: 'demo-admin-agent',
			deviceId: 'device-b'
		});
	});
});
