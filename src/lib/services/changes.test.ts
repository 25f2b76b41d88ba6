import { describe, expect, it } from 'vitest';
import { applyChanges, withChangeMeta } from './changes';

const stored = {
	companyName: 'Fabrikam Kft.',
	address: { line1: 'Fő utca 1', city: 'Budapest' },
	contact: { email: 'reka@fabrikam.hu', phone: '+36 1 555 1234' },
	tags: ['a']
};

describe('applyChanges', () => {
	it('applies only what changed, nested objects field by field', () => {
		const latest = {
			...stored,
			address: { ...stored.address, city: 'Győr' },
			contact: { ...stored.contact, email: 'new@fabrikam.hu' }
		};
		const after = { ...stored, contact: { ...stored.contact, phone: '+36 1 555 9999' } };
		expect(applyChanges(latest, stored, after)).toEqual({
			...stored,
			address: { line1: 'Fő utca 1', city: 'Győr' },
			contact: { email: 'new@fabrikam.hu', phone: '+36 1 555 9999' }
		});
	});

	it('lets the change win where the latest version changed the same field', () => {
		const latest = { ...stored, companyName: 'Fabrikam Zrt.' };
		const after = { ...stored, companyName: 'Fabrikam Hungary Kft.' };
		expect(applyChanges(latest, stored, after).companyName).toBe('Fabrikam Hungary Kft.');
	});

	it('replaces arrays as a whole and removes a field the change removed', () => {
		const before = { ...stored, extra: 'x' };
		const { extra: _extra, ...after } = { ...before, tags: ['a', 'b'] };
		const result = applyChanges(before, before, after as typeof before);
		expect(result.tags).toEqual(['a', 'b']);
		expect('extra' in result).toBe(false);
	});

	it('changes nothing when nothing changed', () => {
		const latest = { ...stored, companyName: 'Fabrikam Zrt.' };
		expect(applyChanges(latest, stored, structuredClone(stored))).toEqual(latest);
	});
});

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
