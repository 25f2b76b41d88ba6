import { billingCycleLabel, formatDate, termLabel } from '$lib/app/format';
import type { Offer } from '$lib/domain/offer/schema';
import type { EffectiveStatus } from '$lib/domain/subscription/lifecycle';
import type { ScheduledChanges } from '$lib/domain/subscription/schema';
import { t } from '$lib/i18n';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The time left of an open cancellation window: whole days, or hours in its last day. */
export function windowTimeLeft(msLeft: number): string {
	if (msLeft >= DAY_MS) return t('{{count}} days left', { count: Math.floor(msLeft / DAY_MS) });
	return t('{{count}} hours left', { count: Math.max(1, Math.ceil(msLeft / HOUR_MS)) });
}

/** "Cancellation window open: 5 days left". */
export function cancellationWindowText(msLeft: number): string {
	return t('Cancellation window open: {{left}}', { left: windowTimeLeft(msLeft) });
}

/** What changes at the renewal, e.g. "30 licences, Annual". */
export function scheduledChangesText(
	changes: ScheduledChanges,
	offers: ReadonlyMap<string, Offer>
): string {
	const parts: string[] = [];
	if (changes.offerId) parts.push(offers.get(changes.offerId)?.name ?? t('Unknown offer'));
	if (changes.quantity !== undefined) {
		parts.push(t('{{count}} licences', { count: changes.quantity }));
	}
	if (changes.termDuration) parts.push(termLabel(changes.termDuration));
	if (changes.billingCycle) parts.push(billingCycleLabel(changes.billingCycle));
	return t('At the renewal: {{changes}}', { changes: parts.join(', ') });
}

/**
 * When the current term ends and what happens then: "Renews on …", "Ends on …" (auto-renew off)
 * or "Ended on …" (expired); '' for a cancelled subscription or one without a term.
 */
export function termEndText(
	status: EffectiveStatus,
	endDate: string | undefined,
	renews: boolean
): string {
	if (!endDate || status === 'cancelled') return '';
	const date = formatDate(endDate);
	if (status === 'expired') return t('Ended on {{date}}', { date });
	if (status === 'active' && renews) return t('Renews on {{date}}', { date });
	return t('Ends on {{date}}', { date });
}
