import { describe, expect, it } from 'vitest';
import { isPlaceholderName, placeholderNames } from './names';

describe('isPlaceholderName', () => {
	it.each([
		'test',
		'Test',
		'TEST',
		' test ',
		'admin',
		'Administrator',
		'nobody',
		'None',
		'null',
		'undefined',
		'user',
		'name',
		'First name',
		'firstname',
		'Last-Name',
		'lastname',
		'unknown',
		'n/a',
		'N/A',
		'N.A.',
		'na',
		'xxx',
		'asdf',
		'qwerty',
		'John Doe',
		'jane doe',
		'teszt',
		'brak',
		'тест',
		'Неизвестно',
		'-',
		'...',
		'?'
	])('flags %j', (name) => {
		expect(isPlaceholderName(name)).toBe(true);
	});

	it.each([
		'John',
		'Doe',
		'Anna',
		'Kovács',
		'Wiśniewski',
		'Иванова',
		"O'Brien",
		'Mary-Jane',
		'Testa',
		'Nagy',
		'Li',
		'Bar',
		'Foo',
		'Ng'
	])('accepts the real name %j', (name) => {
		expect(isPlaceholderName(name)).toBe(false);
	});

	it('flags every listed placeholder', () => {
		for (const name of placeholderNames) expect(isPlaceholderName(name)).toBe(true);
	});
});
