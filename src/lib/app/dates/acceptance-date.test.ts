import { describe, expect, it } from 'vitest';
import { acceptanceMoment, localDay } from './acceptance-date';

describe('acceptanceMoment', () => {
	const now = new Date(2025, 4, 20, 10, 30);

	it('records today as the current time', () => {
		expect(acceptanceMoment(localDay(now), now)).toBe(now.toISOString());
	});

	it('records an earlier day as the end of that day', () => {
		expect(acceptanceMoment('2025-05-18', now)).toBe(
			new Date(2025, 4, 18, 23, 59, 59, 999).toISOString()
		);
	});

	it('keeps a later day in the future, for the domain to refuse', () => {
		expect(acceptanceMoment('2025-05-21', now)).toBe(new Date(2025, 4, 21).toISOString());
	});

	it('refuses text that is not a real day', () => {
		expect(acceptanceMoment('', now)).toBeUndefined();
		expect(acceptanceMoment('2025-02-30', now)).toBeUndefined();
		expect(acceptanceMoment('20.05.2025', now)).toBeUndefined();
	});
});

describe('localDay', () => {
	it('formats the local calendar day', () => {
		expect(localDay(new Date(2025, 0, 5, 23, 0))).toBe('2025-01-05');
	});
});
