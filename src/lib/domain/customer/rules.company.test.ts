import { describe, expect, it } from 'vitest';
import { context, customerInput } from './rules.fixtures';
import { companyNameError, domainPrefixError, validateCustomerDetails } from './rules';

function companyError(companyName: string): string | undefined {
	const result = validateCustomerDetails(customerInput({ companyName }), context);
	return result.ok ? undefined : result.errors.companyName;
}

function prefixError(domainPrefix: string): string | undefined {
	const result = validateCustomerDetails(customerInput({ domainPrefix }), context);
	return result.ok ? undefined : result.errors.domainPrefix;
}

describe('company name', () => {
	const lengthMessage = 'Enter the company name (2–255 characters).';

	it.each([
		['2 characters', 'HP'],
		['255 characters', 'C' + 'ontoso '.repeat(36) + 'Lt'],
		['Hungarian', 'Kovács és Társa Kft.'],
		['Polish', 'Łódź Tekstylia Sp. z o.o.'],
		['Russian', 'Северный Ветер ООО'],
		['Ukrainian', 'Київ Логістика'],
		['legal form first', 'ООО «Ромашка»'],
		['Russian legal form in Latin letters', 'OOO Romashka'],
		['two legal forms', 'ООО ООО Ромашка'],
		['digits and letters', '3M'],
		['digits repeated', 'Studio 1000 Kft.'],
		['two repeated letters', 'Moon Balloon Ltd'],
		['two spaces', 'Contoso  Ltd'],
		['Greek', 'Αλφα ΑΕ'],
		['Chinese', '微软'],
		['punctuation inside', 'AT&T Inc.']
	])('accepts %s: %j', (_label, name) => {
		expect(companyError(name)).toBeUndefined();
	});

	it('counts the 255 characters after trimming', () => {
		const name = 'A' + 'b'.repeat(2).concat('c').repeat(84) + 'x';
		expect(name).toHaveLength(254);
		expect(companyError(`  ${name}x  `)).toBeUndefined();
		expect(companyError(`${name}xy`)).toBe(lengthMessage);
	});

	it.each([
		['empty', ''],
		['spaces only', '    '],
		['1 character', 'A'],
		['1 character with spaces', '  A  '],
		['256 characters', 'Ab '.repeat(85) + 'A']
	])('refuses %s', (_label, name) => {
		expect(companyError(name)).toBe(lengthMessage);
	});

	it.each(['12', '123456', '!!', '-- --', '#1 & $2', '...', '2024-01-01', '€$'])(
		'refuses a name without letters: %j',
		(name) => {
			expect(companyError(name)).toBe(
				'The company name must contain letters, not only digits, punctuation or symbols.'
			);
		}
	);

	it.each([
		'LLC',
		'Inc.',
		'Ltd',
		'GmbH',
		'Kft.',
		'Zrt.',
		'Nyrt',
		'Bt.',
		'Sp. z o.o.',
		'S.A.',
		'ООО',
		'ЗАО',
		'ИП',
		'PLC',
		'SRL',
		's.r.o.',
		'GmbH & Co. KG',
		'Co., Ltd.'
	])('refuses a legal form alone: %j', (name) => {
		expect(companyError(name)).toBe(
			'Enter the full company name, not only its legal form (such as Ltd or Kft.).'
		);
	});

	it.each([
		['three letters', 'Aaa Consulting'],
		['three letters, mixed case', 'AaA Consulting'],
		['four letters', 'Contosoooo'],
		['Cyrillic', 'Ввв Групп'],
		['three spaces', 'Contoso   Ltd'],
		['three dots', 'Contoso... Ltd'],
		['three dashes', 'Contoso --- Ltd'],
		['three exclamation marks', 'Wow!!! Kft.'],
		['www', 'WWW Solutions'],
		['a legal form does not hide others', 'Ooops ООО'],
		['letters typed onto a legal form', 'Contoso Kfttt Bt.']
	])('refuses a character repeated 3 times: %s', (_label, name) => {
		expect(companyError(name)).toMatch(/same character 3 or more times in a row/);
	});

	it('gives one message at a time, length first', () => {
		expect(companyNameError('!')).toBe(lengthMessage);
		expect(companyNameError('!!!')).toMatch(/must contain letters/);
		expect(companyNameError('LLC')).toMatch(/legal form/);
		expect(companyNameError('Contoso')).toBeUndefined();
	});
});

describe('domain prefix', () => {
	it.each(['a', 'northwind', 'kovacs2024', '1234', 'a'.repeat(27), 'Z9'])(
		'accepts %j',
		(prefix) => {
			expect(prefixError(prefix)).toBeUndefined();
		}
	);

	it('stores the prefix in lower case, trimmed', () => {
		const result = validateCustomerDetails(customerInput({ domainPrefix: ' KovacsKft ' }), context);
		expect(result.ok && result.value.domainPrefix).toBe('kovacskft');
	});

	it.each(['', '   '])('asks for the prefix when empty: %j', (prefix) => {
		const message = prefixError(prefix);
		expect(message).toMatch(/^Enter the domain prefix/);
		expect(message).toContain('onmicrosoft.com');
	});

	it.each([
		'my-company',
		'my company',
		'my.company',
		'my_company',
		'kovács',
		'ромашка',
		'contoso.onmicrosoft.com',
		'@contoso'
	])('refuses characters other than a–z and 0–9: %j', (prefix) => {
		const message = prefixError(prefix);
		expect(message).toMatch(/^Use only letters a–z and digits 0–9/);
		expect(message).toContain('onmicrosoft.com');
	});

	it('refuses 28 characters and names the domain', () => {
		expect(prefixError('a'.repeat(28))).toBe(
			`The domain prefix in ${'a'.repeat(28)}.onmicrosoft.com is too long: use at most 27 characters (now 28).`
		);
	});

	it.each(['contoso', 'CONTOSO', 'fabrikam', ' Fabrikam '])(
		'refuses a prefix already taken, whatever its case: %j',
		(prefix) => {
			expect(prefixError(prefix)).toBe(
				`${prefix.trim().toLowerCase()}.onmicrosoft.com is already taken. Choose another domain prefix.`
			);
		}
	);

	it('accepts a prefix that only starts like a taken one', () => {
		expect(prefixError('contoso2')).toBeUndefined();
		expect(prefixError('contos')).toBeUndefined();
	});

	it('works without known prefixes', () => {
		expect(domainPrefixError('contoso')).toBeUndefined();
		expect(domainPrefixError('contoso', [])).toBeUndefined();
	});
});
