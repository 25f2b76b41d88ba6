import type { Cloud, Customer } from '../customer/schema';
import { isValidEmail } from '../partner/rules';
import { DAY_MS, addDays, parseIsoTimestamp, requireTimestamp } from '../shared/dates';
import { DomainError } from '../shared/result';
import {
	invitationStatuses,
	type AcceptedBy,
	type Invitation,
	type InvitationStatus
} from './schema';

/*
 * Customer invitations (a reseller relationship request, or Invite new customers):
 *
 *   sent → accepted   (by the customer's Global admin; records the Microsoft Customer Agreement)
 *   sent → withdrawn
 *   sent → expired    (derived: 90 days after sending; never stored by these rules)
 *
 * The functions are pure: the time is always passed in (`now`, ISO), nothing reads the clock,
 * arguments are never changed, and the change metadata is left to the caller that stores.
 */

/** An invitation can be accepted for 90 days after it was sent. */
export const INVITATION_VALIDITY_DAYS = 90;

/** Where a customer accepts an invitation, by cloud (the words of Partner Center). */
export const acceptancePortals: Record<Cloud, string> = {
	public: 'Microsoft 365 admin center',
	'microsoft-cloud-germany': 'Microsoft Office admin portal',
	'us-government': 'Microsoft Office admin portal'
};

const cloudNames: Record<Cloud, string> = {
	public: 'public cloud',
	'microsoft-cloud-germany': 'Microsoft Cloud Germany',
	'us-government': 'Microsoft Cloud for US Government'
};

/** Where the customer accepts: Microsoft 365 admin center or Microsoft Office admin portal. */
export function acceptancePortal(cloud: Cloud): string {
	return acceptancePortals[cloud];
}

/**
 * The sentence an invitation shows about where it is accepted, e.g. "The customer's Global admin
 * accepts this invitation in the Microsoft 365 admin center (public cloud)."
 */
export function whereToAcceptText(cloud: Cloud): string {
	return `The customer's Global admin accepts this invitation in the ${acceptancePortal(cloud)} (${cloudNames[cloud]}).`;
}

function sentMs(inv: Pick<Invitation, 'sentAt'>): number {
	return parseIsoTimestamp(inv.sentAt);
}

/** When the invitation expires: 90 days after it was sent (ISO, UTC). */
export function invitationExpiresAt(inv: Pick<Invitation, 'sentAt'>): string {
	return addDays(
		requireTimestamp(inv.sentAt, 'invitation/invalid-sent-at', 'the sending'),
		INVITATION_VALIDITY_DAYS
	);
}

/**
 * The status to show at `now`: a sent invitation is `expired` from 90 days after sending (to the
 * millisecond). A sent invitation whose sending time cannot be read counts as expired, since it
 * cannot be shown to still be open. Throws a `DomainError` for a `now` that is not a timestamp.
 */
export function effectiveInvitationStatus(
	inv: Pick<Invitation, 'status' | 'sentAt'>,
	now: string
): InvitationStatus {
	const nowMs = requireTimestamp(now, 'invitation/invalid-now', 'the current time');
	if (inv.status !== 'sent') return inv.status;
	const sent = sentMs(inv);
	if (Number.isNaN(sent)) return 'expired';
	return nowMs >= sent + INVITATION_VALIDITY_DAYS * DAY_MS ? 'expired' : 'sent';
}

/** Whether the customer can still accept the invitation at `now`. */
export function isInvitationOpen(inv: Pick<Invitation, 'status' | 'sentAt'>, now: string): boolean {
	return effectiveInvitationStatus(inv, now) === 'sent';
}

/** Whole days since the invitation was sent (0 on the day of sending, never negative). */
export function invitationAgeDays(inv: Pick<Invitation, 'sentAt'>, now: string): number {
	const nowMs = requireTimestamp(now, 'invitation/invalid-now', 'the current time');
	const sent = requireTimestamp(inv.sentAt, 'invitation/invalid-sent-at', 'the sending');
	return Math.max(0, Math.floor((nowMs - sent) / DAY_MS));
}

/**
 * Days left until an open invitation expires, counting a started day as a whole one (1 on its
 * last day); 0 once it is not open any more.
 */
export function invitationDaysLeft(
	inv: Pick<Invitation, 'status' | 'sentAt'>,
	now: string
): number {
	if (!isInvitationOpen(inv, now)) return 0;
	const left = sentMs(inv) + INVITATION_VALIDITY_DAYS * DAY_MS - parseIsoTimestamp(now);
	return Math.ceil(left / DAY_MS);
}

/** Age groups of the overview's "invitations by state and age". */
export const invitationAgeGroups = [
	'0–7 days',
	'8–30 days',
	'31–60 days',
	'61–90 days',
	'over 90 days'
] as const;
export type InvitationAgeGroup = (typeof invitationAgeGroups)[number];

/** The age group of an invitation at `now`. */
export function invitationAgeGroup(
	inv: Pick<Invitation, 'sentAt'>,
	now: string
): InvitationAgeGroup {
	const age = invitationAgeDays(inv, now);
	if (age <= 7) return '0–7 days';
	if (age <= 30) return '8–30 days';
	if (age <= 60) return '31–60 days';
	if (age < INVITATION_VALIDITY_DAYS) return '61–90 days';
	return 'over 90 days';
}

/** How many invitations are in each state at `now` (every state present, 0 when none). */
export function countInvitationsByStatus(
	invitations: Pick<Invitation, 'status' | 'sentAt'>[],
	now: string
): Record<InvitationStatus, number> {
	const counts = Object.fromEntries(invitationStatuses.map((s) => [s, 0])) as Record<
		InvitationStatus,
		number
	>;
	for (const inv of invitations) counts[effectiveInvitationStatus(inv, now)] += 1;
	return counts;
}

function formatDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** Refuses an action on an invitation that is not open at `atMs` (the time the action happened). */
function requireOpen(inv: Invitation, atMs: number, action: 'accepted' | 'withdrawn'): void {
	if (inv.status === 'accepted') {
		throw new DomainError(
			action === 'accepted'
				? 'This invitation was already accepted.'
				: 'This invitation was already accepted, so it cannot be withdrawn. To end the relationship, use Remove customer relationship.',
			'invitation/already-accepted'
		);
	}
	if (inv.status === 'withdrawn') {
		throw new DomainError(
			action === 'accepted'
				? 'This invitation was withdrawn, so it cannot be accepted. Send a new invitation instead.'
				: 'This invitation was already withdrawn.',
			'invitation/withdrawn'
		);
	}
	const sent = sentMs(inv);
	const expiresMs = sent + INVITATION_VALIDITY_DAYS * DAY_MS;
	if (inv.status === 'expired' || Number.isNaN(sent) || atMs >= expiresMs) {
		const when = Number.isNaN(sent) ? '' : ` on ${formatDay(expiresMs)}`;
		throw new DomainError(
			`This invitation expired${when}, ${INVITATION_VALIDITY_DAYS} days after it was sent, so it cannot be ${action}. Send a new invitation instead.`,
			'invitation/expired'
		);
	}
	if (atMs < sent) {
		throw new DomainError(
			`The invitation cannot be ${action} before it was sent.`,
			'invitation/before-sent'
		);
	}
}

export interface AcceptInvitationInput {
	/** The person who accepted in the customer's tenant. */
	acceptedBy: AcceptedBy;
	acceptedAt: string;
	/** Whether the Microsoft Customer Agreement was accepted together with the invitation. */
	mcaAccepted: boolean;
	/** Whether the customer had accepted the Microsoft Customer Agreement before. */
	mcaAcceptedBefore: boolean;
	/** The app user who records the acceptance. */
	recordedBy: string;
	now: string;
}

/**
 * Records that the customer accepted. Refused unless the invitation was open when it was accepted
 * (sent, not withdrawn, less than 90 days old), the acceptance is not in the future, the person
 * is named and is a Global admin of the customer, and the Microsoft Customer Agreement is
 * accepted (before, or now). Returns a new invitation, `accepted`.
 */
export function acceptInvitation(inv: Invitation, input: AcceptInvitationInput): Invitation {
	const nowMs = requireTimestamp(input.now, 'invitation/invalid-now', 'the current time');
	const acceptedMs = requireTimestamp(
		input.acceptedAt,
		'invitation/invalid-accepted-at',
		'the acceptance'
	);
	if (acceptedMs > nowMs) {
		throw new DomainError(
			'The acceptance cannot be in the future.',
			'invitation/accepted-in-future'
		);
	}
	requireOpen(inv, acceptedMs, 'accepted');

	const name = input.acceptedBy.name.trim();
	const email = input.acceptedBy.email.trim();
	if (name === '' || name.length > 100) {
		throw new DomainError(
			'Enter the name of the person who accepted (up to 100 characters).',
			'invitation/accepted-by-name'
		);
	}
	if (email !== '' && !isValidEmail(email)) {
		throw new DomainError(
			'Enter a valid email address for the person who accepted, like name@example.com.',
			'invitation/accepted-by-email'
		);
	}
	if (input.acceptedBy.isGlobalAdmin !== true) {
		throw new DomainError(
			"Only a Global admin of the customer can accept the invitation. Ask the customer's Global admin to open the link and accept it.",
			'invitation/not-global-admin'
		);
	}
	if (input.mcaAccepted !== true && input.mcaAcceptedBefore !== true) {
		throw new DomainError(
			'The customer has not accepted the Microsoft Customer Agreement. The Global admin must accept it to accept the invitation.',
			'invitation/customer-agreement-required'
		);
	}
	return {
		...inv,
		status: 'accepted',
		acceptedAt: new Date(acceptedMs).toISOString(),
		acceptedBy: { name, email, isGlobalAdmin: true },
		mcaAccepted: input.mcaAccepted === true,
		acceptedRecordedBy: input.recordedBy
	};
}

/**
 * Withdraws an invitation that is still open at the time of withdrawal (`withdrawnAt`, not in the
 * future of `now`). The link sent to the customer no longer counts. Returns a new invitation.
 */
export function withdrawInvitation(
	inv: Invitation,
	input: { withdrawnBy: string; withdrawnAt: string; now: string }
): Invitation {
	const nowMs = requireTimestamp(input.now, 'invitation/invalid-now', 'the current time');
	const atMs = requireTimestamp(
		input.withdrawnAt,
		'invitation/invalid-withdrawn-at',
		'the withdrawal'
	);
	if (atMs > nowMs) {
		throw new DomainError(
			'The withdrawal cannot be in the future.',
			'invitation/withdrawn-in-future'
		);
	}
	requireOpen(inv, atMs, 'withdrawn');
	return {
		...inv,
		status: 'withdrawn',
		withdrawnAt: new Date(atMs).toISOString(),
		withdrawnBy: input.withdrawnBy
	};
}

/**
 * The customer once an accepted invitation is recorded: the reseller's relationship is active and
 * the reseller manages the customer; with Invite new customers the provider's relationship is
 * active too. Delegated admin privileges are granted when the invitation asked for them (an
 * invitation without them never takes away privileges granted before); the Microsoft Customer
 * Agreement is accepted when it was accepted then or before.
 */
export function customerAfterAcceptance(customer: Customer, inv: Invitation): Customer {
	if (inv.status !== 'accepted') {
		throw new DomainError(
			'Only an accepted invitation changes the customer.',
			'invitation/not-accepted'
		);
	}
	if (inv.customerId !== '' && inv.customerId !== customer.id) {
		throw new DomainError(
			'This invitation was sent to another customer.',
			'invitation/other-customer'
		);
	}
	return {
		...customer,
		resellerId: inv.resellerId,
		resellerRelationship: 'active',
		providerRelationship:
			inv.kind === 'reseller-and-provider' ? 'active' : customer.providerRelationship,
		delegatedAdminPrivileges: customer.delegatedAdminPrivileges || inv.delegatedAdminPrivileges,
		customerAgreementAccepted: customer.customerAgreementAccepted || inv.mcaAccepted === true
	};
}
