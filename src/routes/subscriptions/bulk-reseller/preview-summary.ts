import type { BulkResellerChangePreview } from '$lib/domain/subscription/bulk-reseller-change';
import { t } from '$lib/i18n';

/**
 * One sentence summing up a preview in the active language, e.g. "3 subscriptions will change,
 * 1 is skipped (already credited to this reseller)." Each count has the plural forms of the
 * language.
 */
export function previewSummary(counts: BulkResellerChangePreview['counts']): string {
	const { change, skip, refuse } = counts;
	const parts = [t('{{count}} subscriptions will change', { count: change })];
	if (skip > 0) {
		parts.push(t('{{count}} are skipped (already credited to this reseller)', { count: skip }));
	}
	if (refuse > 0) parts.push(t('{{count}} cannot be changed', { count: refuse }));
	return `${parts.join(', ')}.`;
}
