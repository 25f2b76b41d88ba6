import { describe, expect, it } from 'vitest';
import type { Activity } from '$lib/domain/activity/schema';
import { matchesSearch } from './filter';

const entry = (overrides: Partial<Activity> = {}): Activity => ({
	id: 'a1',
	at: '2025-03-01T10:00:00.000Z',
	actorId: 'u1',
	actorName: 'Field user',
	deviceId: 'd1',
	recordType: 'subscriptions',
	documentId: 's1',
	action: 'subscription.partners-changed',
	summary: 'Changed Reseller (MPN ID) of a subscription',
	changes: [
		{ field: 'Reseller (MPN ID)', from: 'Volga Digital (6345672)', to: 'Wisła IT Solutions' }
	],
	...overrides
});

describe('matchesSearch', () => {
	it('matches everything when the search is empty', () => {
		expect(matchesSearch(entry(), '  ')).toBe(true);
	});

	it('matches the summary and the actor, ignoring case', () => {
		expect(matchesSearch(entry(), 'reseller')).toBe(true);
		expect(matchesSearch(entry(), 'FIELD user')).toBe(true);
	});

	it('matches field changes and needs every word', () => {
		expect(matchesSearch(entry(), 'wisła volga')).toBe(true);
		expect(matchesSearch(entry(), 'wisła budapest')).toBe(false);
	});
});
