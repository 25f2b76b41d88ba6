import { z } from 'zod';
import { documentId } from '../shared/schema';

export const billingCycles = ['monthly', 'annual', 'triennial', 'none'] as const;
export const termDurations = ['P1M', 'P1Y', 'P3Y', 'none'] as const;
export const unitTypes = ['licences', 'usage-based'] as const;

export const offerSchema = z.object({
	id: documentId,
	name: z.string().min(1).max(120),
	productFamily: z.string().max(60),
	unitType: z.enum(unitTypes),
	billingCycles: z.array(z.enum(billingCycles)).min(1),
	termDurations: z.array(z.enum(termDurations)).min(1),
	minQuantity: z.number().int().min(1),
	maxQuantity: z.number().int().min(1)
});

export type Offer = z.infer<typeof offerSchema>;
export type BillingCycle = (typeof billingCycles)[number];
export type TermDuration = (typeof termDurations)[number];
