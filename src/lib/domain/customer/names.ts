/**
 * Words people type into a name field when they do not know the name or are just trying the form
 * out. Compared with the whole value, ignoring case, spaces and punctuation ("N/A" = "na").
 */
export const placeholderNames: readonly string[] = [
	'test',
	'tester',
	'testing',
	'test test',
	'admin',
	'administrator',
	'root',
	'sysadmin',
	'nobody',
	'none',
	'null',
	'nil',
	'undefined',
	'user',
	'username',
	'name',
	'first name',
	'firstname',
	'last name',
	'lastname',
	'surname',
	'unknown',
	'anonymous',
	'noname',
	'n/a',
	'na',
	'tbd',
	'tba',
	'x',
	'xx',
	'xxx',
	'xxxx',
	'asdf',
	'asd',
	'qwerty',
	'abc',
	'abcd',
	'foobar',
	'dummy',
	'sample',
	'example',
	'placeholder',
	'john doe',
	'jane doe',
	'contact',
	'customer',
	'owner',
	'info',
	// Hungarian, Polish, Russian
	'teszt',
	'nincs',
	'név',
	'vezetéknév',
	'keresztnév',
	'ismeretlen',
	'brak',
	'imię',
	'nazwisko',
	'nieznany',
	'тест',
	'нет',
	'имя',
	'фамилия',
	'неизвестно',
	'админ',
	'пользователь'
];

const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const placeholders = new Set(placeholderNames.map(normalise));

/**
 * Whether a person's name is a placeholder rather than a name: one of `placeholderNames`, or
 * nothing but punctuation ("-", "...").
 */
export function isPlaceholderName(name: string): boolean {
	const value = normalise(name);
	return value === '' || placeholders.has(value);
}
