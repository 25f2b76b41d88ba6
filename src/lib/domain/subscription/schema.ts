import { z } from 'zod';
import { billingCycles, termDurations } from '../offer/schema';
import { changeMeta, documentId, timestamp } from '../shared/schema';

export const subscriptionStatuses = ['active', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

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
	...changeMeta
});

export type Subscription = z.infer<typeof subscriptionSchema>;
