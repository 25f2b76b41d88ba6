import type { Activity } from '$lib/domain/activity/schema';
import type { PartnerKind } from '$lib/domain/partner/schema';
import { msg } from '$lib/i18n';

/** How a record type is named next to an activity entry (English: translate with t()). */
export const recordTypeLabels: Record<Activity['recordType'], string> = {
	partners: msg('Partner'),
	partnerships: msg('Partnership'),
	customers: msg('Customer'),
	subscriptions: msg('Subscription'),
	invitations: msg('Invitation'),
	gdap: msg('GDAP relationship'),
	settings: msg('Organisation settings')
};

/** A short form of a device id that people can compare at a glance. */
export const shortDeviceId = (deviceId: string) => deviceId.replace(/-/g, '').slice(0, 8);

/** Where an activity entry leads: a page with the record's id, or a list. */
export type RecordLink =
	| {
			route: '/customers/[id]' | '/subscriptions/[id]' | '/gdap/[id]' | '/providers/[id]';
			id: string;
	  }
	| { route: '/resellers' | '/providers' | '/invitations' | '/settings' };

/** What the links of a reseller's partner and partnership entries need to know. */
export interface RecordLinkContext {
	/** The own organisation's kind; a provider's links until it is known. */
	kind: PartnerKind | undefined;
	/** The ids of the indirect providers on this device (a reseller's partners). */
	providerIds: ReadonlySet<string>;
	/** The provider of each partnership on this device, by partnership id. */
	providerOfPartnership: ReadonlyMap<string, string>;
}

/**
 * The page an activity entry opens, one that a user of the own organisation's kind can open; or
 * `undefined` when there is none (an invitation entry for a provider, which has no Invitations
 * page).
 *
 * - Partners and partnerships: a provider's are its resellers (Indirect resellers). A reseller's
 *   are its providers: the provider's page when the entry is about a provider on this device or
 *   a partnership with one, Indirect providers otherwise (the own organisation, or a record not
 *   synced yet).
 * - Customers, subscriptions and GDAP relationships: the record's page (both kinds have them).
 * - Invitations: the reseller's Invitations page. Organisation settings: the settings page.
 */
export function recordLink(
	entry: Pick<Activity, 'recordType' | 'documentId'>,
	context: RecordLinkContext
): RecordLink | undefined {
	const reseller = context.kind === 'indirect-reseller';
	switch (entry.recordType) {
		case 'customers':
			return { route: '/customers/[id]', id: entry.documentId };
		case 'subscriptions':
			return { route: '/subscriptions/[id]', id: entry.documentId };
		case 'gdap':
			return { route: '/gdap/[id]', id: entry.documentId };
		case 'invitations':
			return reseller ? { route: '/invitations' } : undefined;
		case 'settings':
			return { route: '/settings' };
		case 'partners':
		case 'partnerships': {
			if (!reseller) return { route: '/resellers' };
			const providerId =
				entry.recordType === 'partners'
					? entry.documentId
					: context.providerOfPartnership.get(entry.documentId);
			return providerId && context.providerIds.has(providerId)
				? { route: '/providers/[id]', id: providerId }
				: { route: '/providers' };
		}
	}
}
