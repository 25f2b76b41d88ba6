import { describe, expect, it } from 'vitest';
import { activityCollections } from '$lib/domain/activity/schema';
import { recordLink, shortDeviceId, type RecordLinkContext } from './record-link';

const provider: RecordLinkContext = {
	kind: 'indirect-provider',
	providerIds: new Set(),
	providerOfPartnership: new Map()
};
const reseller: RecordLinkContext = {
	kind: 'indirect-reseller',
	providerIds: new Set(['contoso', 'northwind']),
	providerOfPartnership: new Map([
		['partnership-1', 'contoso'],
		['partnership-old', 'gone-provider']
	])
};

describe('recordLink', () => {
	it("links a provider's partner and partnership entries to Indirect resellers", () => {
		expect(recordLink({ recordType: 'partners', documentId: 'r1' }, provider)).toEqual({
			route: '/resellers'
		});
		expect(recordLink({ recordType: 'partnerships', documentId: 'p1' }, provider)).toEqual({
			route: '/resellers'
		});
		// Until the own organisation is known, as a provider.
		expect(
			recordLink({ recordType: 'partnerships', documentId: 'p1' }, { ...provider, kind: undefined })
		).toEqual({ route: '/resellers' });
	});

	it("links a reseller's partnership entry to its provider's page", () => {
		expect(
			recordLink({ recordType: 'partnerships', documentId: 'partnership-1' }, reseller)
		).toEqual({ route: '/providers/[id]', id: 'contoso' });
		expect(recordLink({ recordType: 'partners', documentId: 'northwind' }, reseller)).toEqual({
			route: '/providers/[id]',
			id: 'northwind'
		});
	});

	it('links to Indirect providers when the provider is not on the device or not a provider', () => {
		for (const entry of [
			{ recordType: 'partnerships' as const, documentId: 'partnership-old' },
			{ recordType: 'partnerships' as const, documentId: 'not-synced' },
			// The own organisation (set up, demo data loaded).
			{ recordType: 'partners' as const, documentId: 'own-reseller' }
		]) {
			expect(recordLink(entry, reseller)).toEqual({ route: '/providers' });
		}
	});

	it('links every record type to a page the kind has, or to none', () => {
		const routesOf = (context: RecordLinkContext) =>
			activityCollections.map(
				(recordType) => recordLink({ recordType, documentId: 'x' }, context)?.route
			);
		expect(routesOf(provider)).toEqual([
			'/resellers',
			'/resellers',
			'/customers/[id]',
			'/subscriptions/[id]',
			undefined,
			'/gdap/[id]',
			'/settings'
		]);
		expect(routesOf(reseller)).toEqual([
			'/providers',
			'/providers',
			'/customers/[id]',
			'/subscriptions/[id]',
			'/invitations',
			'/gdap/[id]',
			'/settings'
		]);
	});
});

describe('shortDeviceId', () => {
	it('keeps the first eight characters without dashes', () => {
		expect(shortDeviceId('1a2b-3c4d-5e6f')).toBe('1a2b3c4d');
	});
});
