import { z } from 'zod';
import { changeMeta, countryCode, documentId } from '../shared/schema';

export const partnerKinds = ['indirect-provider', 'indirect-reseller'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

/** The entry on Microsoft's official indirect providers list (read-only here). */
export const publicProfileSchema = z.object({
	name: z.string().max(255),
	regionsServed: z.array(countryCode),
	contact: z.string().max(255),
	website: z.string().max(255)
});

export const partnerSchema = z.object({
	id: documentId,
	name: z.string().min(1).max(255),
	/** Lower-cased name, for sorting and search. */
	nameLower: z.string().max(255),
	/** MPN ID of the partner location account: digits, no fixed length. Empty until known. */
	mpnId: z.string().max(20),
	kind: z.enum(partnerKinds),
	/** True for the organisation the signed-in staff work for. */
	isOwnOrganisation: z.boolean(),
	country: countryCode,
	email: z.string().max(254),
	mpaSigned: z.boolean(),
	publicProfile: publicProfileSchema.optional(),
	...changeMeta
});

export type Partner = z.infer<typeof partnerSchema>;
export type PublicProfile = z.infer<typeof publicProfileSchema>;
