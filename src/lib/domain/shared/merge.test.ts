import { describe, expect, it } from 'vitest';
import { applyChanges, jsonEqual } from './merge';

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

describe('jsonEqual', () => {
	it('compares JSON values by content, object fields in any order', () => {
		expect(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
		expect(jsonEqual([1, 2], [2, 1])).toBe(false);
		expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
		expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
		expect(jsonEqual(null, {})).toBe(false);
		expect(jsonEqual(Number.NaN, Number.NaN)).toBe(true);
		expect(jsonEqual('1', 1)).toBe(false);
	});
});
