import { z } from 'zod';
import { billingCycles, termDurations } from '../offer/schema';
import { changeMeta, documentId, timestamp } from '../shared/schema';

export const subscriptionStatuses = ['active', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** Why a subscription was suspended (Partner Center suspends for non-payment or fraud). */
export const suspensionReasons = ['non-payment', 'fraud', 'other'] as const;
export type SuspensionReason = (typeof suspensionReasons)[number];

/** Changes that take effect at the next renewal (Partner Center's scheduled changes). */
export const scheduledChangesSchema = z.object({
	offerId: documentId.optional(),
	quantity: z.number().int().min(1).max(1_000_000).optional(),
	termDuration: z.enum(termDurations).optional(),
	billingCycle: z.enum(billingCycles).optional(),
	scheduledAt: timestamp,
	scheduledBy: documentId
});
export type ScheduledChanges = z.infer<typeof scheduledChangesSchema>;

export const subscriptionSchema = z.object({
	id: documentId,
	customerId: documentId,
	offerId: documentId,
	quantity: z.number().int().min(1).max(1_000_000),
	status: z.enum(subscriptionStatuses),
	billingCycle: z.enum(billingCycles),
	termDuration: z.enum(termDurations),
	/** Partner id of the reseller credited for incentives (Reseller (MPN ID)); '' when none. */
	resellerId: z.string().max(64),
	/** Partner id of the Designated support contact: the provider itself or an active reseller. */
	supportContactId: documentId,
	startDate: timestamp,
	/** End of the current term; absent for usage-based offers. */
	endDate: timestamp.optional(),
	/** Start of the current term (the purchase or the last renewal); absent: startDate. */
	termStartDate: timestamp.optional(),
	/** Renews at the end of the term; absent (older records): on. */
	autoRenew: z.boolean().optional(),
	scheduledChanges: scheduledChangesSchema.optional(),
	suspendedAt: timestamp.optional(),
	suspendedBy: documentId.optional(),
	suspensionReason: z.enum(suspensionReasons).optional(),
	suspensionNote: z.string().max(500).optional(),
	cancelledAt: timestamp.optional(),
	cancelledBy: documentId.optional(),
	/** The offer this subscription was upgraded from, when it was. */
	upgradedFromOfferId: documentId.optional(),
	...changeMeta
});

export type Subscription = z.infer<typeof subscriptionSchema>;
