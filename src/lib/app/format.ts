import { countries } from '$lib/domain/customer/countries';
import type { BillingCycle, TermDuration } from '$lib/domain/offer/schema';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'short'
});

/** A day as people read it, e.g. "3 Mar 2025"; '—' when there is none. */
export function formatDate(iso: string | undefined): string {
	if (!iso) return '—';
	const time = Date.parse(iso);
	return Number.isNaN(time) ? iso : dateFormat.format(time);
}

/** A moment as people read it, e.g. "3 Mar 2025, 14:05". */
export function formatDateTime(iso: string): string {
	const time = Date.parse(iso);
	return Number.isNaN(time) ? iso : dateTimeFormat.format(time);
}

const billingCycleLabels: Record<BillingCycle, string> = {
	monthly: 'Monthly',
	annual: 'Annual',
	triennial: 'Every three years',
	none: 'Billed by usage'
};

export const billingCycleLabel = (cycle: BillingCycle) => billingCycleLabels[cycle] ?? cycle;

const termLabels: Record<TermDuration, string> = {
	P1M: '1 month',
	P1Y: '1 year',
	P3Y: '3 years',
	none: 'No fixed term'
};

export const termLabel = (term: TermDuration) => termLabels[term] ?? term;

/** The English name of a country/region code, or the code itself when it is unknown. */
export function countryName(code: string): string {
	return countries.find((c) => c.code === code)?.name ?? code;
}
