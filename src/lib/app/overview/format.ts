import { resolve } from '$app/paths';
import type { CountRow } from '$lib/domain/overview/aggregate';
import { t } from '$lib/i18n';

/** Bars in a chart; the rest are summed up in words under it (the table lists every row). */
export const CHART_ROWS = 10;

/**
 * A count with its unit, as the charts say it, in the active language with its plural forms
 * and number format: 1 customer, 1,250 licences ("1250 licencji").
 */
export const units = {
	customers: (count: number) => t('{{count}} customers', { count }),
	licences: (count: number) => t('{{count}} licences', { count }),
	subscriptions: (count: number) => t('{{count}} subscriptions', { count }),
	invitations: (count: number) => t('{{count}} invitations', { count }),
	partnerships: (count: number) => t('{{count}} partnerships', { count }),
	daysLeft: (count: number) => t('{{count}} days left', { count })
};

/** The Customers page filtered by reseller ('' for direct customers). */
export const customersOfReseller = (resellerId: string) =>
	resolve(`/customers?reseller=${encodeURIComponent(resellerId)}`);

export const customerPage = (customerId: string) => resolve('/customers/[id]', { id: customerId });

export const total = (rows: readonly CountRow[]) => rows.reduce((sum, row) => sum + row.value, 0);
