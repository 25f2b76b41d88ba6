import type { PartnerKind } from '$lib/domain/partner/schema';

/** A main navigation entry: the route and its label (PRODUCT.md's words). */
export interface NavigationLink {
	path:
		| '/'
		| '/gdap'
		| '/resellers'
		| '/providers'
		| '/customers'
		| '/invitations'
		| '/activity'
		| '/profile'
		| '/organisation';
	label: string;
}

/**
 * The main navigation of each kind of organisation. An indirect provider works with its
 * resellers; an indirect reseller with its providers and with the invitations it sends to
 * customers. Conflicts follow in both.
 */
export const navigationByKind: Record<PartnerKind, NavigationLink[]> = {
	'indirect-provider': [
		{ path: '/', label: 'Overview' },
		{ path: '/resellers', label: 'Indirect resellers' },
		{ path: '/customers', label: 'Customers' },
		{ path: '/gdap', label: 'GDAP relationships' },
		{ path: '/activity', label: 'Activity' },
		{ path: '/profile', label: 'Provider profile' }
	],
	'indirect-reseller': [
		{ path: '/', label: 'Overview' },
		{ path: '/providers', label: 'Indirect providers' },
		{ path: '/customers', label: 'Customers' },
		{ path: '/invitations', label: 'Invitations' },
		{ path: '/gdap', label: 'GDAP relationships' },
		{ path: '/activity', label: 'Activity' },
		{ path: '/organisation', label: 'Reseller profile' }
	]
};

/** The navigation of the own organisation; a provider's until the organisation is known. */
export function navigationFor(kind: PartnerKind | undefined): NavigationLink[] {
	return navigationByKind[kind ?? 'indirect-provider'];
}

/** How the kind of an organisation reads in a sentence. */
export const kindNames: Record<PartnerKind, string> = {
	'indirect-provider': 'an indirect provider',
	'indirect-reseller': 'an indirect reseller'
};

/** How organisations of a kind read in a sentence, in the plural. */
export const kindPluralNames: Record<PartnerKind, string> = {
	'indirect-provider': 'indirect providers',
	'indirect-reseller': 'indirect resellers'
};

/** The page each kind starts from (its partners). */
export const homeOfKind: Record<PartnerKind, { path: '/resellers' | '/providers'; label: string }> =
	{
		'indirect-provider': { path: '/resellers', label: 'Indirect resellers' },
		'indirect-reseller': { path: '/providers', label: 'Indirect providers' }
	};
