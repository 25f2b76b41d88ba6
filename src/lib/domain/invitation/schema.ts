import { z } from 'zod';
import { clouds } from '../customer/schema';
import { changeMeta, countryCode, documentId, timestamp } from '../shared/schema';

/**
 * - `reseller-relationship`: **Request a reseller relationship** (Customers), an existing customer
 *   and the reseller alone;
 * - `reseller-and-provider`: **Invite new customers** (Indirect providers), a relationship with the
 *   reseller and the chosen indirect provider at once.
 */
export const invitationKinds = ['reseller-relationship', 'reseller-and-provider'] as const;
export type InvitationKind = (typeof invitationKinds)[number];

/**
 * Stored states. `expired` is mostly derived (90 days after sending, see `effectiveInvitationStatus`);
 * it is in the list so that a stored `expired` from another app version stays valid.
 */
export const invitationStatuses = ['sent', 'accepted', 'expired', 'withdrawn'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** The person who accepted in the customer's tenant. */
export const acceptedBySchema = z.object({
	name: z.string().min(1).max(100),
	email: z.string().max(254),
	/** Only a Global admin of the customer can accept; recorded as confirmed. */
	isGlobalAdmin: z.boolean()
});

export const invitationSchema = z.object({
	id: documentId,
	kind: z.enum(invitationKinds),
	/** The indirect reseller that invites (the own organisation). */
	resellerId: documentId,
	/** The chosen indirect provider (`reseller-and-provider`); '' for `reseller-relationship`. */
	providerId: z.string().max(64),
	/** The customer in the list (`reseller-relationship`); '' for a new customer. */
	customerId: z.string().max(64),
	companyName: z.string().min(1).max(255),
	/** The person the email goes to. */
	contactName: z.string().max(100),
	email: z.string().max(254),
	/** The customer's country/region: the same as the reseller's (see the reseller-relationship rules). */
	country: countryCode,
	cloud: z.enum(clouds),
	/** Whether the invitation asks for delegated admin privileges. */
	delegatedAdminPrivileges: z.boolean(),
	/** The personalised link the customer opens. */
	link: z.string().max(2048),
	/** The email text as the user left it (it must keep the link). */
	emailDraft: z.string().max(10_000),
	status: z.enum(invitationStatuses),
	sentAt: timestamp,
	sentBy: documentId,
	acceptedAt: timestamp.optional(),
	acceptedBy: acceptedBySchema.optional(),
	/** Whether the customer accepted the Microsoft Customer Agreement when accepting. */
	mcaAccepted: z.boolean().optional(),
	/** Who recorded the acceptance in the app. */
	acceptedRecordedBy: documentId.optional(),
	withdrawnAt: timestamp.optional(),
	withdrawnBy: documentId.optional(),
	...changeMeta
});

export type AcceptedBy = z.infer<typeof acceptedBySchema>;
export type Invitation = z.infer<typeof invitationSchema>;
