import { describe, expect, it } from 'vitest';
import { DAY_MS, addDays, isIsoTimestamp, parseIsoTimestamp, requireTimestamp } from './dates';

describe('parseIsoTimestamp', () => {
	it.each([
		['2025-03-10T09:00:00.000Z', Date.UTC(2025, 2, 10, 9)],
		['2025-03-10T09:00:00Z', Date.UTC(2025, 2, 10, 9)],
		['2025-03-10T09:00Z', Date.UTC(2025, 2, 10, 9)],
		['2025-03-10T11:00:00+02:00', Date.UTC(2025, 2, 10, 9)],
		['2025-03-10T04:30:00-04:30', Date.UTC(2025, 2, 10, 9)],
		['2024-02-29T00:00:00.000Z', Date.UTC(2024, 1, 29)],
		['2025-12-31T23:59:59.999Z', Date.UTC(2025, 11, 31, 23, 59, 59, 999)]
	])('reads %s', (text, ms) => {
		expect(parseIsoTimestamp(text)).toBe(ms);
	});

	it.each([
		'',
		'now',
		'2025-03-10',
		'2025-03-10T09:00:00',
		'2025-03-10 09:00:00Z',
		'2025-02-29T00:00:00Z',
		'2025-02-30T00:00:00Z',
		'2025-04-31T00:00:00Z',
		'2025-13-01T00:00:00Z',
		'2025-00-01T00:00:00Z',
		'2025-01-00T00:00:00Z',
		'2025-01-01T24:00:00Z',
		'2025-01-01T12:60:00Z',
		'2025-01-01T12:00:60Z',
		'2025-01-01T12:00:00+24:00',
		'2025-01-01T12:00:00+01:60',
		' 2025-01-01T12:00:00Z'
	])('refuses %j', (text) => {
		expect(parseIsoTimestamp(text)).toBeNaN();
		expect(isIsoTimestamp(text)).toBe(false);
	});

	it('accepts what toISOString writes', () => {
		expect(isIsoTimestamp(new Date().toISOString())).toBe(true);
	});
});

describe('requireTimestamp', () => {
	it('reads a timestamp', () => {
		expect(requireTimestamp('2025-03-10T11:00:00+02:00', 'x/code', 'the test')).toBe(
			Date.UTC(2025, 2, 10, 9)
		);
	});

	it('refuses what is not one, with the code and a sentence', () => {
		expect(() => requireTimestamp('yesterday', 'x/code', 'the test')).toThrowError(
			expect.objectContaining({
				name: 'DomainError',
				code: 'x/code',
				message: 'Enter a valid date and time for the test.'
			})
		);
	});
});

describe('addDays', () => {
	it('adds whole days of 24 hours in UTC', () => {
		expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
		expect(addDays(Date.UTC(2025, 0, 1, 12), 90)).toBe('2025-04-01T12:00:00.000Z');
		expect(addDays(Date.UTC(2024, 1, 28), 1)).toBe('2024-02-29T00:00:00.000Z');
		expect(addDays(Date.UTC(2025, 2, 29, 23, 30), 1)).toBe('2025-03-30T23:30:00.000Z');
		expect(addDays(Date.UTC(2025, 0, 1), 0)).toBe('2025-01-01T00:00:00.000Z');
		expect(addDays(Date.UTC(2025, 0, 1), -1)).toBe('2024-12-31T00:00:00.000Z');
	});
});
