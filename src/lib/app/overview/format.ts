import { resolve } from '$app/paths';
import type { CountRow } from '$lib/domain/overview/aggregate';
import { formatCount } from '$lib/ui/chart/describe';

/** Bars in a chart; the rest are summed up in words under it (the table lists every row). */
export const CHART_ROWS = 10;

const plural = (one: string, many: string) => (n: number) =>
	`${formatCount(n)} ${n === 1 ? one : many}`;

/** A count with its unit, as the charts say it: 1 customer, 1,250 licences. */
export const units = {
	customers: plural('customer', 'customers'),
	licences: plural('licence', 'licences'),
	subscriptions: plural('subscription', 'subscriptions'),
	invitations: plural('invitation', 'invitations'),
	partnerships: plural('partnership', 'partnerships'),
	daysLeft: (n: number) => `${formatCount(n)} ${n === 1 ? 'day' : 'days'} left`
};

/** The Customers page filtered by reseller ('' for direct customers). */
export const customersOfReseller = (resellerId: string) =>
	resolve(`/customers?reseller=${encodeURIComponent(resellerId)}`);

export const customerPage = (customerId: string) => resolve('/customers/[id]', { id: customerId });

export const total = (rows: readonly CountRow[]) => rows.reduce((sum, row) => sum + row.value, 0);
