/**
 * What the organisation's members database on the server (`csp-<org>-members`) says about the
 * organisation itself: its `organisation` document, written when the organisation was set up
 * on the server.
 */
import type { Partner } from '$lib/domain/partner/schema';

export interface OrganisationDocument {
	name: string;
	kind: Partner['kind'];
	/** Its country/region; reseller relationship requests stay within it (the server checks). */
	country?: string;
}

/** The organisation's name, kind and country/region; null when the server does not give them. */
export async function fetchOrganisationDocument(org: string): Promise<OrganisationDocument | null> {
	const response = await fetch(`/db/csp-${org}-members/organisation`, {
		credentials: 'same-origin'
	});
	if (!response.ok) return null;
	return (await response.json()) as OrganisationDocument;
}
