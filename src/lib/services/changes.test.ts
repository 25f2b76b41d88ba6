import { describe, expect, it } from 'vitest';
import { applyChanges } from './changes';

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
