import type { Offer } from './schema';

/*
 * Microsoft cloud offers the field staff sell most, with new-commerce terms. Seat-based plans for
 * small and medium businesses are capped at 300 licences per customer (as Microsoft caps them);
 * enterprise plans allow many more. The Azure plan is usage-based: one per subscription.
 */

const BUSINESS_MAX = 300;
const ENTERPRISE_MAX = 100_000;

const licences = (
	id: string,
	name: string,
	productFamily: string,
	maxQuantity: number,
	options: { triennial?: boolean } = {}
): Offer => ({
	id,
	name,
	productFamily,
	unitType: 'licences',
	billingCycles: options.triennial ? ['monthly', 'annual', 'triennial'] : ['monthly', 'annual'],
	termDurations: options.triennial ? ['P1M', 'P1Y', 'P3Y'] : ['P1M', 'P1Y'],
	minQuantity: 1,
	maxQuantity
});

export const offerCatalog: Offer[] = [
	licences(
		'microsoft-365-business-basic',
		'Microsoft 365 Business Basic',
		'Microsoft 365',
		BUSINESS_MAX
	),
	licences(
		'microsoft-365-business-standard',
		'Microsoft 365 Business Standard',
		'Microsoft 365',
		BUSINESS_MAX
	),
	licences(
		'microsoft-365-business-premium',
		'Microsoft 365 Business Premium',
		'Microsoft 365',
		BUSINESS_MAX
	),
	licences('microsoft-365-e3', 'Microsoft 365 E3', 'Microsoft 365', ENTERPRISE_MAX, {
		triennial: true
	}),
	licences('microsoft-365-e5', 'Microsoft 365 E5', 'Microsoft 365', ENTERPRISE_MAX, {
		triennial: true
	}),
	licences('microsoft-365-f3', 'Microsoft 365 F3', 'Microsoft 365', ENTERPRISE_MAX),
	licences('office-365-e1', 'Office 365 E1', 'Office 365', ENTERPRISE_MAX),
	licences('office-365-e3', 'Office 365 E3', 'Office 365', ENTERPRISE_MAX, { triennial: true }),
	licences('exchange-online-plan-1', 'Exchange Online (Plan 1)', 'Exchange Online', ENTERPRISE_MAX),
	licences(
		'microsoft-teams-essentials',
		'Microsoft Teams Essentials',
		'Microsoft Teams',
		BUSINESS_MAX
	),
	licences(
		'dynamics-365-sales-professional',
		'Dynamics 365 Sales Professional',
		'Dynamics 365',
		ENTERPRISE_MAX
	),
	licences(
		'dynamics-365-sales-enterprise',
		'Dynamics 365 Sales Enterprise',
		'Dynamics 365',
		ENTERPRISE_MAX
	),
	licences('power-bi-pro', 'Power BI Pro', 'Power Platform', ENTERPRISE_MAX),
	{
		id: 'azure-plan',
		name: 'Azure plan',
		productFamily: 'Azure',
		unitType: 'usage-based',
		billingCycles: ['monthly'],
		termDurations: ['none'],
		minQuantity: 1,
		maxQuantity: 1
	},
	licences(
		'microsoft-defender-for-business',
		'Microsoft Defender for Business',
		'Microsoft Defender',
		BUSINESS_MAX
	),
	licences('visio-plan-2', 'Visio Plan 2', 'Visio', ENTERPRISE_MAX),
	licences('project-plan-3', 'Project Plan 3', 'Project', ENTERPRISE_MAX)
];

/** The offer with the id, or `undefined` when the catalog has none. */
export function findOffer(catalog: readonly Offer[], id: string): Offer | undefined {
	return catalog.find((offer) => offer.id === id);
}
