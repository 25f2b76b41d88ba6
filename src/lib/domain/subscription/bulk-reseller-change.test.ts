import { describe, expect, it } from 'vitest';
import type { Offer } from '../offer/schema';
import {
	BULK_RESELLER_CHANGE_ACTION,
	applyBulkResellerChange,
	previewBulkResellerChange,
	resellerLabel,
	statusesWithoutResellerChange,
	type BulkResellerChangePreview
} from './bulk-reseller-change';
import type { SubscriptionRulesContext } from './rules';
import { subscriptionSchema, type Subscription } from './schema';

const seats: Offer = {
	id: 'seats',
	name: 'Microsoft 365 Business Basic',
	productFamily: 'Microsoft 365',
	unitType: 'licences',
	billingCycles: ['monthly', 'annual'],
	termDurations: ['P1M', 'P1Y'],
	minQuantity: 1,
	maxQuantity: 300
};

const ctx: SubscriptionRulesContext = {
	offers: [seats],
	activeResellerIds: ['reseller-a', 'reseller-b'],
	providerId: 'provider'
};

const T = '2026-01-01T00:00:00.000Z';

function sub(id: string, overrides: Partial<Subscription> = {}): Subscription {
	return {
		id,
		customerId: 'c1',
		offerId: 'seats',
		quantity: 10,
		status: 'active',
		billingCycle: 'monthly',
		termDuration: 'P1M',
		resellerId: 'reseller-a',
		supportContactId: 'provider',
		startDate: T,
		createdAt: T,
		createdBy: 'u1',
		updatedAt: T,
		updatedBy: 'u1',
		deviceId: 'd1',
		...overrides
	};
}

describe('previewBulkResellerChange', () => {
	it('changes every subscription of one reseller to another', () => {
		const result = previewBulkResellerChange([sub('s1'), sub('s2')], ' reseller-b ', ctx);
		expect(result).toEqual({
			ok: true,
			value: {
				resellerId: 'reseller-b',
				items: [
					{
						subscriptionId: 's1',
						outcome: 'change',
						fromResellerId: 'reseller-a',
						toResellerId: 'reseller-b'
					},
					{
						subscriptionId: 's2',
						outcome: 'change',
						fromResellerId: 'reseller-a',
						toResellerId: 'reseller-b'
					}
				],
				counts: { change: 2, skip: 0, refuse: 0 }
			}
		});
	});

	it('credits a reseller on subscriptions without one', () => {
		const result = previewBulkResellerChange([sub('s1', { resellerId: '' })], 'reseller-a', ctx);
		expect(result.ok && result.value.items[0]).toEqual({
			subscriptionId: 's1',
			outcome: 'change',
			fromResellerId: '',
			toResellerId: 'reseller-a'
		});
	});

	it('skips subscriptions already credited to the reseller', () => {
		const result = previewBulkResellerChange(
			[sub('s1'), sub('s2', { resellerId: 'reseller-b' })],
			'reseller-b',
			ctx
		);
		expect(result.ok && result.value.items[1]).toEqual({
			subscriptionId: 's2',
			outcome: 'skip',
			fromResellerId: 'reseller-b',
			toResellerId: 'reseller-b',
			reason: 'Already credited to this reseller: nothing to change.'
		});
		expect(result.ok && result.value.counts).toEqual({ change: 1, skip: 1, refuse: 0 });
	});

	it('refuses cancelled subscriptions and allows suspended ones', () => {
		expect(statusesWithoutResellerChange).toEqual(['cancelled']);
		const result = previewBulkResellerChange(
			[sub('s1', { status: 'cancelled' }), sub('s2', { status: 'suspended' })],
			'reseller-b',
			ctx
		);
		expect(result.ok && result.value.items.map((i) => i.outcome)).toEqual(['refuse', 'change']);
		expect(result.ok && result.value.items[0]).toMatchObject({
			reason: 'This subscription is cancelled: its reseller cannot be changed.'
		});
	});

	it('refuses what the single-subscription rule refuses, with its message', () => {
		const result = previewBulkResellerChange(
			[
				sub('s1', { supportContactId: 'reseller-gone' }),
				sub('s2', { offerId: 'retired-offer' }),
				sub('s3', { quantity: 500 })
			],
			'reseller-b',
			ctx
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.items.map((i) => (i.outcome === 'change' ? '' : i.reason))).toEqual([
			'The designated support contact must be your organisation or a reseller with an active partnership.',
			'This offer is not in the catalog. Choose another offer.',
			'Microsoft 365 Business Basic can have from 1 to 300 licences.'
		]);
		expect(result.value.counts).toEqual({ change: 0, skip: 0, refuse: 3 });
	});

	it('shows each subscription once, in the order selected', () => {
		const result = previewBulkResellerChange([sub('s2'), sub('s1'), sub('s2')], 'reseller-b', ctx);
		expect(result.ok && result.value.items.map((i) => i.subscriptionId)).toEqual(['s2', 's1']);
	});

	it('needs a selection and a reseller with an active partnership', () => {
		expect(previewBulkResellerChange([], 'reseller-b', ctx)).toEqual({
			ok: false,
			errors: { subscriptions: 'Select at least one subscription.' }
		});
		expect(previewBulkResellerChange([sub('s1')], ' ', ctx)).toEqual({
			ok: false,
			errors: {
				resellerId: 'Choose the reseller to credit: a reseller with an active partnership.'
			}
		});
		expect(previewBulkResellerChange([sub('s1')], 'reseller-removed', ctx)).toEqual({
			ok: false,
			errors: {
				resellerId:
					'Choose a reseller with an active partnership. A reseller without an active partnership cannot be credited.'
			}
		});
		expect(previewBulkResellerChange([sub('s1')], 'provider', ctx).ok).toBe(false);
	});
});

describe('applyBulkResellerChange', () => {
	it('returns only the subscriptions that change, with the new reseller', () => {
		const subs = [
			sub('s1'),
			sub('s2', { resellerId: 'reseller-b' }),
			sub('s3', { status: 'cancelled' }),
			sub('s4', { resellerId: '' })
		];
		const preview = previewBulkResellerChange(subs, 'reseller-b', ctx);
		if (!preview.ok) throw new Error('expected a preview');
		const changed = applyBulkResellerChange(subs, preview.value);
		expect(changed).toEqual([
			{ ...subs[0], resellerId: 'reseller-b' },
			{ ...subs[3], resellerId: 'reseller-b' }
		]);
		expect(subs[0].resellerId).toBe('reseller-a');
		expect(changed.every((s) => subscriptionSchema.safeParse(s).success)).toBe(true);
		expect(BULK_RESELLER_CHANGE_ACTION).toBe('subscription.partners-changed');
	});

	it('leaves out subscriptions not in the preview and repeats', () => {
		const preview: BulkResellerChangePreview = {
			resellerId: 'reseller-b',
			items: [
				{
					subscriptionId: 's1',
					outcome: 'change',
					fromResellerId: 'reseller-a',
					toResellerId: 'reseller-b'
				}
			],
			counts: { change: 1, skip: 0, refuse: 0 }
		};
		expect(
			applyBulkResellerChange([sub('s1'), sub('s1'), sub('s9')], preview).map((s) => s.id)
		).toEqual(['s1']);
	});
});

describe('resellerLabel', () => {
	const partners = [
		{ id: 'reseller-a', name: 'Budapest Cloud Kft.', mpnId: '1234567' },
		{ id: 'reseller-b', name: 'Warsaw IT', mpnId: '' }
	];

	it('reads "Name (MPN ID)", "None" or "Unknown reseller"', () => {
		expect(resellerLabel(partners, 'reseller-a')).toBe('Budapest Cloud Kft. (1234567)');
		expect(resellerLabel(partners, 'reseller-b')).toBe('Warsaw IT');
		expect(resellerLabel(partners, '')).toBe('None');
		expect(resellerLabel(partners, 'x')).toBe('Unknown reseller');
	});
});
