import { describe, expect, it } from 'vitest';
import { SLOT, aroundSlot } from './slot';

describe('aroundSlot', () => {
	it('cuts a sentence where the slot stands', () => {
		expect(aroundSlot(`Set it in ${SLOT}, then come back.`)).toEqual([
			'Set it in ',
			', then come back.'
		]);
		expect(aroundSlot(`${SLOT} oldalon állítsa be.`)).toEqual(['', ' oldalon állítsa be.']);
	});

	it('keeps the whole sentence before when the slot is missing', () => {
		expect(aroundSlot('No slot here.')).toEqual(['No slot here.', '']);
	});
});
