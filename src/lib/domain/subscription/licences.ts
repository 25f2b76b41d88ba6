import type { Offer } from '../offer/schema';
import type { Subscription } from './schema';

/** The licences a customer holds of one offer: the quantities of its subscriptions added up. */
export interface LicenceCount {
	offerId: string;
	offerName: string;
	/** Licences in active and suspended subscriptions (cancelled ones hold none). */
	licences: number;
	/** Of those, licences in suspended subscriptions (not usable until reactivated). */
	suspended: number;
	/** How many subscriptions (not cancelled) the licences come from. */
	subscriptions: number;
}

/**
 * A customer's licences per offer, sorted by offer name: the quantities of its subscriptions that
 * are not cancelled. Usage-based offers (such as Azure plan) have no licences and are left out.
 */
export function licencesPerOffer(
	subscriptions: Pick<Subscription, 'offerId' | 'quantity' | 'status'>[],
	offers: ReadonlyMap<string, Pick<Offer, 'id' | 'name' | 'unitType'>>
): LicenceCount[] {
	const counts = new Map<string, LicenceCount>();
	for (const subscription of subscriptions) {
		if (subscription.status === 'cancelled') continue;
		const offer = offers.get(subscription.offerId);
		if (offer?.unitType === 'usage-based') continue;
		const count = counts.get(subscription.offerId) ?? {
			offerId: subscription.offerId,
			offerName: offer?.name ?? 'Unknown offer',
			licences: 0,
			suspended: 0,
			subscriptions: 0
		};
		count.licences += subscription.quantity;
		if (subscription.status === 'suspended') count.suspended += subscription.quantity;
		count.subscriptions += 1;
		counts.set(subscription.offerId, count);
	}
	return [...counts.values()].sort((a, b) => a.offerName.localeCompare(b.offerName, 'en'));
}
