import { z } from 'zod';
import { changeMeta, documentId, timestamp } from '../shared/schema';

export const partnershipStatuses = ['requested', 'active', 'removed'] as const;
export type PartnershipStatus = (typeof partnershipStatuses)[number];

export const partnershipSchema = z.object({
	id: documentId,
	providerId: documentId,
	resellerId: documentId,
	status: z.enum(partnershipStatuses),
	requestedBy: documentId,
	requestedAt: timestamp,
	/** Unguessable token inside the personalised invitation link. */
	invitationToken: z.string().min(16).max(128),
	invitationLink: z.string().max(512),
	/** The email text as the user left it (it must keep the link). */
	emailDraft: z.string().max(10_000),
	acceptedAt: timestamp.optional(),
	acceptedRecordedBy: documentId.optional(),
	removedBy: documentId.optional(),
	removedAt: timestamp.optional(),
	removalAttested: z.boolean().optional(),
	...changeMeta
});

export type Partnership = z.infer<typeof partnershipSchema>;
