import type { Offer } from './schema';

/*
 * Upgrade paths of the catalog (offer id → the offers it can be upgraded to), as Partner
 * Center offers them for new-commerce licence-based subscriptions: within a family to a higher
 * plan, and from Office 365 to the Microsoft 365 plan that contains it. Only upward: a
 * downgrade is not offered mid-term (it can only be scheduled for the renewal).
 */
const UPGRADE_PATHS: Readonly<Record<string, readonly string[]>> = {
	'microsoft-365-business-basic': [
		'microsoft-365-business-standard',
		'microsoft-365-business-premium'
	],
	'microsoft-365-business-standard': ['microsoft-365-business-premium'],
	'microsoft-365-business-premium': ['microsoft-365-e3', 'microsoft-365-e5'],
	'office-365-e1': ['office-365-e3', 'microsoft-365-e3', 'microsoft-365-e5'],
	'office-365-e3': ['microsoft-365-e3', 'microsoft-365-e5'],
	'microsoft-365-e3': ['microsoft-365-e5'],
	'exchange-online-plan-1': ['microsoft-365-business-basic', 'microsoft-365-business-standard'],
	'dynamics-365-sales-professional': ['dynamics-365-sales-enterprise']
};

/** The offers of the catalog that `offerId` can be upgraded to, in order (lowest first). */
export function upgradeTargets(catalog: readonly Offer[], offerId: string): Offer[] {
	const ids = UPGRADE_PATHS[offerId] ?? [];
	return ids
		.map((id) => catalog.find((offer) => offer.id === id))
		.filter((offer): offer is Offer => offer !== undefined);
}

/** Whether the catalog has an upgrade path from one offer to the other. */
export function isUpgradePath(catalog: readonly Offer[], fromId: string, toId: string): boolean {
	return upgradeTargets(catalog, fromId).some((offer) => offer.id === toId);
}

/** Every path, for the server's copy of the rules and for tests. */
export const upgradePaths = UPGRADE_PATHS;
