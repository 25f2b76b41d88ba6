import { describe, expect, it } from 'vitest';
import { isIsoTimestamp, parseIsoTimestamp } from './dates';

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
