import { describe, expect, it } from 'vitest';
import { inRequestOrder } from './bulk-reply.js';

const ok = (/** @type {string} */ id) => ({ id, ok: true, rev: `1-${id}` });
const refused = (/** @type {string} */ id) => ({ id, error: 'forbidden', reason: 'no' });

describe('inRequestOrder', () => {
	it('puts the endpoint rows back in the order of the request', () => {
		const docs = [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }];
		expect(inRequestOrder(docs, [refused('b'), ok('c'), ok('a')])).toEqual([
			ok('a'),
			refused('b'),
			ok('c')
		]);
	});

	it('puts the rows the gateway refused in their places', () => {
		const docs = [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }];
		const here = new Map([[1, refused('b')]]);
		expect(inRequestOrder(docs, [ok('c'), ok('a')], here)).toEqual([
			ok('a'),
			refused('b'),
			ok('c')
		]);
	});

	it('keeps two rows of one id in their order, and gives documents without an id the rows left', () => {
		const docs = [{ _id: 'a' }, {}, { _id: 'a' }];
		const first = { id: 'a', error: 'conflict' };
		expect(inRequestOrder(docs, [ok('new-id'), ok('a'), first])).toEqual([
			ok('a'),
			ok('new-id'),
			first
		]);
	});

	it('loses no row the endpoint sent, even one it was not asked for', () => {
		expect(inRequestOrder([{ _id: 'a' }], [ok('z'), ok('a')])).toEqual([ok('a'), ok('z')]);
		expect(inRequestOrder([{ _id: 'a' }, { _id: 'b' }], [ok('b')])).toEqual([ok('b')]);
	});
});
