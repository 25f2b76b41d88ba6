import { describe, expect, it } from 'vitest';
import {
	cancellationWindow,
	renewalsWithin,
	renewsAutomatically,
	subscriptionAt
} from '$lib/domain/subscription/lifecycle';
import { subscriptionSchema, type Subscription } from '$lib/domain/subscription/schema';
import { buildDemoData } from './demo-data';
import { buildResellerDemoData } from './demo-data-reseller';
import { termEndDate } from '$lib/domain/subscription/rules';
import {
	buildDemoLifecycleSubscriptions,
	DEMO_LIFECYCLE_SUBSCRIPTIONS,
	DEMO_RESELLER_LIFECYCLE_SUBSCRIPTIONS
} from './demo-lifecycle';

const actor = { userId: 'u', name: 'User', deviceId: 'd' };
const ids = DEMO_LIFECYCLE_SUBSCRIPTIONS;

function states(now: string) {
	const data = buildDemoData(actor, now);
	const byId = new Map(data.subscriptions.map((s) => [s.id, s]));
	const get = (id: string): Subscription => {
		const found = byId.get(id);
		if (!found) throw new Error(`missing ${id}`);
		return found;
	};
	const renewals = (days: number) =>
		new Set(renewalsWithin(data.subscriptions, now, days).map((row) => row.subscription.id));
	return { data, get, renewals };
}

describe('demo lifecycle subscriptions', () => {
	for (const now of [
		'2026-11-21T10:00:00.000Z',
		'2027-02-28T23:30:00.000Z',
		'2028-03-31T00:00:00.000Z'
	]) {
		it(`hold their states whenever the demo is loaded (${now})`, () => {
			const { data, get, renewals } = states(now);
			for (const id of Object.values(ids)) {
				expect(subscriptionSchema.safeParse(get(id)).success).toBe(true);
			}
			const status = (id: string) => subscriptionAt(get(id), now).status;
			expect(status(ids.suspended)).toBe('suspended');
			expect(status(ids.cancelled)).toBe('cancelled');
			expect(status(ids.expired)).toBe('expired');

			const open = cancellationWindow(get(ids.inCancellationWindow), now);
			expect(open.open).toBe(true);
			expect(open.msLeft).toBe(5 * 86_400_000);
			expect(cancellationWindow(get(ids.pastCancellationWindow), now).open).toBe(false);

			const rows = renewalsWithin(data.subscriptions, now, 90);
			const daysLeft = (id: string) => rows.find((r) => r.subscription.id === id)?.daysLeft;
			expect(daysLeft(ids.renewsIn10Days)).toBe(10);
			expect(daysLeft(ids.renewsIn40Days)).toBe(40);
			expect(daysLeft(ids.renewsIn80Days)).toBe(80);
			expect(rows.find((r) => r.subscription.id === ids.autoRenewOff)?.kind).toBe('ends');
			expect(renewsAutomatically(get(ids.autoRenewOff))).toBe(false);
			expect(get(ids.scheduledChanges).scheduledChanges?.quantity).toBe(30);

			const in30 = renewals(30);
			const in60 = renewals(60);
			for (const id of [
				ids.inCancellationWindow,
				ids.pastCancellationWindow,
				ids.renewsIn10Days,
				ids.autoRenewOff,
				ids.scheduledChanges
			]) {
				expect(in30.has(id)).toBe(true);
			}
			expect(in30.has(ids.renewsIn40Days)).toBe(false);
			expect(in60.has(ids.renewsIn40Days)).toBe(true);
			expect(in60.has(ids.renewsIn80Days)).toBe(false);
			expect(renewals(90).has(ids.renewsIn80Days)).toBe(true);
			for (const id of [ids.suspended, ids.cancelled, ids.expired]) {
				expect(renewals(90).has(id)).toBe(false);
			}
		});
	}

	it('gives the cancelled, suspended and expired ones to customers without a reseller', () => {
		const { data, get } = states('2026-11-21T10:00:00.000Z');
		const customers = new Map(data.customers.map((c) => [c.id, c]));
		for (const id of [ids.suspended, ids.cancelled, ids.expired]) {
			expect(customers.get(get(id).customerId)?.resellerId).toBe('');
		}
	});

	it('adds a suspended and a cancelled subscription to the reseller demo', () => {
		const now = '2026-11-21T10:00:00.000Z';
		const data = buildResellerDemoData(actor, now);
		const byId = new Map(data.subscriptions.map((s) => [s.id, s]));
		const suspended = byId.get(DEMO_RESELLER_LIFECYCLE_SUBSCRIPTIONS.suspended);
		const cancelled = byId.get(DEMO_RESELLER_LIFECYCLE_SUBSCRIPTIONS.cancelled);
		expect(suspended && subscriptionAt(suspended, now).status).toBe('suspended');
		expect(cancelled && subscriptionAt(cancelled, now).status).toBe('cancelled');
		expect(subscriptionSchema.safeParse(suspended).success).toBe(true);
	});

	it('end their first term a full term after its start or earlier, after the window, on any day', () => {
		// The server refuses any other first term (validation.js, subscription-term); the terms
		// are counted back from the end, so ends such as 31 May or 29 February are the edges.
		const customers = Array.from({ length: 20 }, (_, n) => ({
			id: `demo-customer-${n}`,
			resellerId: ''
		}));
		const wrong: string[] = [];
		for (let day = 0; day < 731; day++) {
			const now = new Date(Date.UTC(2027, 0, 1, 10) + day * 86_400_000).toISOString();
			for (const sub of buildDemoLifecycleSubscriptions(actor, now, customers, 'own')) {
				const start = sub.termStartDate ?? sub.startDate;
				const end = Date.parse(sub.endDate ?? '');
				const full = Date.parse(termEndDate(start, sub.termDuration) ?? '');
				if (!(end > Date.parse(start) + 168 * 3_600_000 && end <= full)) {
					wrong.push(`${now} ${sub.id}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});
});
