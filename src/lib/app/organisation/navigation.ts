import type { PartnerKind } from '$lib/domain/partner/schema';
import { msg } from '$lib/i18n';

/** A main navigation entry: the route and its label (PRODUCT.md's words; shown with t()). */
export interface NavigationLink {
	path:
		| '/'
		| '/gdap'
		| '/resellers'
		| '/providers'
		| '/customers'
		| '/renewals'
		| '/invitations'
		| '/activity'
		| '/users'
		| '/profile'
		| '/organisation';
	label: string;
}

/**
 * The main navigation of each kind of organisation. An indirect provider works with its
 * resellers; an indirect reseller with its providers and with the invitations it sends to
 * customers. Both have Renewals after Customers; Conflicts follow in both.
 */
export const navigationByKind: Record<PartnerKind, NavigationLink[]> = {
	'indirect-provider': [
		{ path: '/', label: msg('Overview') },
		{ path: '/resellers', label: msg('Indirect resellers') },
		{ path: '/customers', label: msg('Customers') },
		{ path: '/renewals', label: msg('Renewals') },
		{ path: '/gdap', label: msg('GDAP relationships') },
		{ path: '/activity', label: msg('Activity') },
		{ path: '/users', label: msg('Users') },
		{ path: '/profile', label: msg('Provider profile') }
	],
	'indirect-reseller': [
		{ path: '/', label: msg('Overview') },
		{ path: '/providers', label: msg('Indirect providers') },
		{ path: '/customers', label: msg('Customers') },
		{ path: '/renewals', label: msg('Renewals') },
		{ path: '/invitations', label: msg('Invitations') },
		{ path: '/gdap', label: msg('GDAP relationships') },
		{ path: '/activity', label: msg('Activity') },
		{ path: '/users', label: msg('Users') },
		{ path: '/organisation', label: msg('Reseller profile') }
	]
};

/** The navigation of the own organisation; a provider's until the organisation is known. */
export function navigationFor(kind: PartnerKind | undefined): NavigationLink[] {
	return navigationByKind[kind ?? 'indirect-provider'];
}

/**
 * Why a page of one kind of organisation has nothing for the other kind, by the kind the page is
 * for (the organisation is then of the other kind): whole sentences, so that each language can
 * put the kinds in the case it needs. Placeholders: the page's title and the organisation's name.
 */
export const notForThisKind: Record<PartnerKind, string> = {
	'indirect-provider': msg(
		'{{page}} is a page for indirect providers. {{organisation}} is an indirect reseller, so there is nothing for you here.'
	),
	'indirect-reseller': msg(
		'{{page}} is a page for indirect resellers. {{organisation}} is an indirect provider, so there is nothing for you here.'
	)
};

/** The page each kind starts from (its partners); the label is shown with t(). */
export const homeOfKind: Record<PartnerKind, { path: '/resellers' | '/providers'; label: string }> =
	{
		'indirect-provider': { path: '/resellers', label: msg('Indirect resellers') },
		'indirect-reseller': { path: '/providers', label: msg('Indirect providers') }
	};
