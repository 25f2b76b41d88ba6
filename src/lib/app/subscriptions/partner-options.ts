import type { Partner } from '$lib/domain/partner/schema';
import type { ResellerRow } from '$lib/services/read-models';
import { t } from '$lib/i18n';

export interface PartnerOption {
	value: string;
	label: string;
	disabled?: boolean;
}

/** "Name (MPN ID)", as Partner Center shows a partner. */
export function partnerLabel(partner: Pick<Partner, 'name' | 'mpnId'>): string {
	return partner.mpnId ? `${partner.name} (${partner.mpnId})` : partner.name;
}

/** Resellers whose latest partnership with the provider is active. */
export function activeResellers(rows: ResellerRow[]): Partner[] {
	return rows.filter((row) => row.status === 'active').map((row) => row.reseller);
}

/**
 * The reseller a subscription currently names when its partnership is no longer active: it stays
 * visible as a disabled, selected option so the user sees what is stored and picks another one.
 */
export function inactiveCurrent(rows: ResellerRow[], partnerId: string): Partner | undefined {
	if (!partnerId) return undefined;
	const row = rows.find((r) => r.reseller.id === partnerId);
	return row && row.status !== 'active' ? row.reseller : undefined;
}

/** Options of a Reseller (MPN ID) select: None and the active resellers. */
export function resellerOptions(rows: ResellerRow[], currentId = ''): PartnerOption[] {
	const options: PartnerOption[] = [
		{ value: '', label: t('None') },
		...activeResellers(rows).map((r) => ({ value: r.id, label: partnerLabel(r) }))
	];
	const inactive = inactiveCurrent(rows, currentId);
	if (inactive) {
		options.push({
			value: inactive.id,
			label: `${partnerLabel(inactive)} — ${t('partnership not active')}`,
			disabled: true
		});
	}
	return options;
}

/** Options of a Designated support contact select: the provider itself and the active resellers. */
export function supportContactOptions(
	provider: Partner | undefined,
	rows: ResellerRow[],
	currentId = ''
): PartnerOption[] {
	const options: PartnerOption[] = [
		...(provider ? [{ value: provider.id, label: `${provider.name} ${t('(you)')}` }] : []),
		// An indirect reseller is its own "active reseller": it is listed once, as you.
		...activeResellers(rows)
			.filter((r) => r.id !== provider?.id)
			.map((r) => ({ value: r.id, label: partnerLabel(r) }))
	];
	const inactive = inactiveCurrent(rows, currentId);
	if (inactive) {
		options.push({
			value: inactive.id,
			label: `${partnerLabel(inactive)} — ${t('partnership not active')}`,
			disabled: true
		});
	}
	return options;
}
