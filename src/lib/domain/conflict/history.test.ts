import { describe, expect, it } from 'vitest';
import { changedPaths, touches } from './history';

const base = {
	id: 'c1',
	companyName: 'Delta Tundra Zrt.',
	contact: { firstName: 'Anna', email: 'a@x.hu' },
	address: { city: 'Kraków', line1: 'Iris utca 11' },
	tags: ['a', 'b'],
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: 'anna',
	deviceId: 'd0',
	_deleted: false
};

const edit = (changes: Record<string, unknown>, at: string) => ({
	...base,
	...changes,
	updatedAt: at,
	updatedBy: 'bela',
	deviceId: 'd2'
});

describe('changedPaths', () => {
	it('is empty without versions, and for versions that differ only in who and when', () => {
		expect(changedPaths(base, [])).toEqual(new Set());
		const touchedNothing = edit({}, '2026-01-02T00:00:00.000Z');
		expect(changedPaths(base, [touchedNothing, { ...base, _rev: '3-x', id: 'other' }])).toEqual(
			new Set()
		);
	});

	// Random sync seed 975374935: A set the first name to Eszter (pushed), then took it back.
	it('keeps a field a version changed although a later version put it back', () => {
		const changed = edit(
			{ contact: { ...base.contact, firstName: 'Eszter', email: 'e@x.hu' } },
			'2026-01-02T00:00:00.000Z'
		);
		const putBack = edit({}, '2026-01-03T00:00:00.000Z');
		expect(changedPaths(base, [putBack, changed])).toEqual(
			new Set(['contact.firstName', 'contact.email'])
		);
	});

	it('names nested fields by their path and leaves the unchanged ones out', () => {
		const moved = edit({ address: { ...base.address, city: 'Graz' } }, '2026-01-02T00:00:00.000Z');
		const renamed = edit({ companyName: 'Delta Kft.' }, '2026-01-03T00:00:00.000Z');
		expect(changedPaths(base, [renamed, moved])).toEqual(new Set(['address.city', 'companyName']));
	});

	it('counts a field added or removed, at the depth where it is missing', () => {
		const added = edit({ resellerId: 'r1', contact: { ...base.contact, phone: '1' } }, 'x');
		expect(changedPaths(base, [added])).toEqual(new Set(['resellerId', 'contact.phone']));
		const without = (key: string) => {
			const version: Record<string, unknown> = { ...base };
			delete version[key];
			return version;
		};
		expect(changedPaths(base, [without('tags')])).toEqual(new Set(['tags']));
		expect(changedPaths(base, [without('address')])).toEqual(new Set(['address']));
	});

	it('takes an array as one field, its order included', () => {
		expect(changedPaths(base, [edit({ tags: ['b', 'a'] }, 'x')])).toEqual(new Set(['tags']));
		expect(changedPaths(base, [edit({ tags: ['a', 'b', 'c'] }, 'x')])).toEqual(new Set(['tags']));
		expect(changedPaths(base, [edit({ tags: ['a', 'b'] }, 'x')])).toEqual(new Set());
	});

	it('takes a nested object replaced by another kind of value as a change of the whole', () => {
		expect(changedPaths(base, [edit({ contact: null }, 'x')])).toEqual(new Set(['contact']));
		expect(changedPaths(base, [edit({ contact: 'Anna' }, 'x')])).toEqual(new Set(['contact']));
		const flat = { ...base, contact: '' };
		expect(changedPaths(flat, [edit({ contact: { firstName: 'Anna' } }, 'x')])).toEqual(
			new Set(['contact'])
		);
	});

	it('leaves out only the top-level fields of who and when and the stores’ fields', () => {
		const nested = { ...base, contact: { ...base.contact, updatedAt: 'x' } };
		const version = {
			...nested,
			contact: { ...nested.contact, updatedAt: 'y' },
			_rev: '2-b',
			_meta: { lwt: 1 },
			_deleted: true
		};
		expect(changedPaths(nested, [version])).toEqual(new Set(['contact.updatedAt']));
	});

	it('tells a value of another type apart from an equal-looking one', () => {
		expect(changedPaths({ n: 1 }, [{ n: '1' }])).toEqual(new Set(['n']));
		expect(changedPaths({ n: null }, [{}])).toEqual(new Set(['n']));
		expect(changedPaths({ n: false }, [{ n: 0 }])).toEqual(new Set(['n']));
	});
});

describe('touches', () => {
	const paths = new Set(['contact.firstName', 'address']);

	it('is true for the field itself, an object holding it, and a field inside a changed one', () => {
		expect(touches(paths, 'contact.firstName')).toBe(true);
		expect(touches(paths, 'contact')).toBe(true);
		expect(touches(paths, 'address')).toBe(true);
		expect(touches(paths, 'address.city')).toBe(true);
	});

	it('is false for siblings and for names that only start alike', () => {
		expect(touches(paths, 'contact.email')).toBe(false);
		expect(touches(paths, 'contact.first')).toBe(false);
		expect(touches(paths, 'contact.firstNameLower')).toBe(false);
		expect(touches(paths, 'addressLine')).toBe(false);
		expect(touches(paths, 'addr')).toBe(false);
		expect(touches(new Set(), 'contact')).toBe(false);
	});
});
