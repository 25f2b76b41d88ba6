import { describe, expect, it } from 'vitest';
import { EMPHASIS, emphasisParts, SLOT, aroundSlot } from './markup';

describe('emphasisParts', () => {
	it('cuts a sentence into plain and bold parts where the values were marked', () => {
		const text = `Record that ${EMPHASIS('Kovács Kft.')} approved ${EMPHASIS('Helpdesk')}.`;
		expect(emphasisParts(text)).toEqual([
			{ text: 'Record that ', strong: false },
			{ text: 'Kovács Kft.', strong: true },
			{ text: ' approved ', strong: false },
			{ text: 'Helpdesk', strong: true },
			{ text: '.', strong: false }
		]);
	});

	it('keeps bold words at the start, and a sentence without marks as it is', () => {
		expect(emphasisParts(`${EMPHASIS('Kovács Kft.')} jóváhagyta.`)).toEqual([
			{ text: 'Kovács Kft.', strong: true },
			{ text: ' jóváhagyta.', strong: false }
		]);
		expect(emphasisParts('No values here.')).toEqual([{ text: 'No values here.', strong: false }]);
	});
});

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
