import { describe, expect, it } from 'vitest';
import { emailDomain, isValidEmail, mpnIdError, validateResellerInvite } from './rules';

describe('mpnIdError', () => {
	it.each(['1', '1234567', '0001234', '12345678901234567890'])('accepts digits only: %s', (id) => {
		expect(mpnIdError(id)).toBeUndefined();
	});

	it('trims surrounding spaces before checking', () => {
		expect(mpnIdError('  1234567 ')).toBeUndefined();
	});

	it.each(['', '   '])('asks for the MPN ID when empty: %j', (id) => {
		expect(mpnIdError(id)).toMatch(/^Enter the MPN ID/);
	});

	it.each(['123 456', '123-456', 'abc', '12a', '١٢٣', '+123', '12.5', '1e5'])(
		'refuses anything but digits: %s',
		(id) => {
			expect(mpnIdError(id)).toMatch(/digits only/);
		}
	);

	it('refuses more than 20 digits', () => {
		expect(mpnIdError('123456789012345678901')).toMatch(/at most 20 digits/);
	});
});

describe('isValidEmail', () => {
	it.each([
		'a@b.co',
		'name@example.com',
		'first.last+tag@sub.example.co.uk',
		"o'brien@example.ie",
		'x_y-z@my-company.hu',
		'user@xn--80ak6aa92e.com',
		'jozsef@példa.hu',
		'иван@пример.рф'
	])('accepts %s', (email) => {
		expect(isValidEmail(email)).toBe(true);
	});

	it.each([
		['empty', ''],
		['no @', 'name.example.com'],
		['two @', 'a@b@example.com'],
		['empty local part', '@example.com'],
		['no dot in domain', 'name@localhost'],
		['space inside', 'first last@example.com'],
		['leading space', ' name@example.com'],
		['trailing dot in domain', 'name@example.com.'],
		['leading dot in domain', 'name@.example.com'],
		['double dot in domain', 'name@example..com'],
		['double dot in local part', 'first..last@example.com'],
		['local part starts with dot', '.name@example.com'],
		['local part ends with dot', 'name.@example.com'],
		['domain label starts with hyphen', 'name@-example.com'],
		['domain label ends with hyphen', 'name@example-.com'],
		['one-letter top-level domain', 'name@example.c'],
		['numeric top-level domain', 'name@example.123'],
		['comma', 'name,x@example.com'],
		['angle brackets', '<name@example.com>'],
		['tab', 'name@exa\tmple.com']
	])('refuses %s', (_label, email) => {
		expect(isValidEmail(email)).toBe(false);
	});

	it('accepts 254 characters and refuses 255', () => {
		const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.com`; // 195 chars
		const ok = `${'x'.repeat(254 - domain.length - 1)}@${domain}`;
		expect(ok).toHaveLength(254);
		expect(isValidEmail(ok)).toBe(true);
		expect(isValidEmail(`y${ok}`)).toBe(false);
	});

	it('refuses a local part over 64 characters', () => {
		expect(isValidEmail(`${'a'.repeat(64)}@example.com`)).toBe(true);
		expect(isValidEmail(`${'a'.repeat(65)}@example.com`)).toBe(false);
	});

	it('refuses a domain label over 63 characters', () => {
		expect(isValidEmail(`a@${'b'.repeat(64)}.com`)).toBe(false);
	});
});

describe('emailDomain', () => {
	it('returns the lower-cased domain', () => {
		expect(emailDomain('Name@Contoso.COM')).toBe('contoso.com');
	});

	it('uses the part after the last @', () => {
		expect(emailDomain('a@b@Example.org')).toBe('example.org');
	});

	it('trims trailing spaces of the domain', () => {
		expect(emailDomain('name@example.com  ')).toBe('example.com');
	});

	it('returns an empty string when there is no @', () => {
		expect(emailDomain('no-at-sign')).toBe('');
	});
});

describe('validateResellerInvite', () => {
	const good = { name: 'Fabrikam Kft.', email: 'partners@fabrikam.hu', mpnId: '4567890' };

	it('accepts a complete invite and returns trimmed values', () => {
		const result = validateResellerInvite({
			name: '  Fabrikam Kft. ',
			email: ' partners@fabrikam.hu ',
			mpnId: ' 4567890 '
		});
		expect(result).toEqual({ ok: true, value: good });
	});

	it('accepts a one-character and a 255-character name', () => {
		expect(validateResellerInvite({ ...good, name: 'X' }).ok).toBe(true);
		expect(validateResellerInvite({ ...good, name: 'N'.repeat(255) }).ok).toBe(true);
	});

	it.each([
		['empty', ''],
		['only spaces', '   '],
		['256 characters', 'N'.repeat(256)]
	])('refuses a name that is %s', (_label, name) => {
		const result = validateResellerInvite({ ...good, name });
		expect(result).toEqual({
			ok: false,
			errors: { name: "Enter the reseller's name (1–255 characters)." }
		});
	});

	it('asks for the email address when empty', () => {
		const result = validateResellerInvite({ ...good, email: ' ' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.email).toBe("Enter the reseller's email address.");
	});

	it('refuses an invalid email address', () => {
		const result = validateResellerInvite({ ...good, email: 'partners@fabrikam' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.email).toMatch(/valid email address/);
	});

	it('requires the MPN ID and explains the partner location account', () => {
		const result = validateResellerInvite({ ...good, mpnId: '' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(Object.keys(result.errors)).toEqual(['mpnId']);
			expect(result.errors.mpnId).toMatch(/partner location account/);
			expect(result.errors.mpnId).toMatch(/before you request a partnership/);
		}
	});

	it('refuses an MPN ID with letters', () => {
		const result = validateResellerInvite({ ...good, mpnId: 'MPN123' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.mpnId).toMatch(/digits only/);
	});

	it('reports every wrong field at once', () => {
		const result = validateResellerInvite({ name: '', email: 'x', mpnId: 'y' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['email', 'mpnId', 'name']);
	});

	it('does not change the input object', () => {
		const input = { name: ' A ', email: ' a@b.co ', mpnId: ' 1 ' };
		validateResellerInvite(input);
		expect(input).toEqual({ name: ' A ', email: ' a@b.co ', mpnId: ' 1 ' });
	});
});
