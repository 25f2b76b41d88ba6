import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation';

describe('navigationFor', () => {
	it('gives a provider its resellers and a reseller its providers and invitations', () => {
		expect(navigationFor('indirect-provider').map((l) => l.label)).toEqual([
			'Overview',
			'Indirect resellers',
			'Customers',
			'Renewals',
			'GDAP relationships',
			'Activity',
			'Users',
			'Provider profile'
		]);
		expect(navigationFor('indirect-reseller').map((l) => l.label)).toEqual([
			'Overview',
			'Indirect providers',
			'Customers',
			'Renewals',
			'Invitations',
			'GDAP relationships',
			'Activity',
			'Users',
			'Reseller profile'
		]);
	});

	it("shows a provider's navigation until the organisation is known", () => {
		expect(navigationFor(undefined)).toBe(navigationFor('indirect-provider'));
	});
});
