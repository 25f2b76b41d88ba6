import type { InvitationKind, InvitationStatus } from '$lib/domain/invitation/schema';

/** How an invitation state reads, and the badge style it borrows. */
export const invitationStatusBadges: Record<InvitationStatus, { style: string; label: string }> = {
	sent: { style: 'invited', label: 'Sent' },
	accepted: { style: 'active', label: 'Accepted' },
	expired: { style: 'removed', label: 'Expired' },
	withdrawn: { style: 'cancelled', label: 'Withdrawn' }
};

/** What an invitation is for, e.g. "Reseller relationship". */
export function invitationKindLabel(kind: InvitationKind, providerName = ''): string {
	return kind === 'reseller-relationship'
		? 'Reseller relationship'
		: `Reseller relationship together with ${providerName || 'an indirect provider'}`;
}

/** The status filter of the Invitations page. */
export type InvitationFilter = 'all' | InvitationStatus;

export const invitationFilterOptions: { value: InvitationFilter; label: string }[] = [
	{ value: 'all', label: 'All' },
	{ value: 'sent', label: 'Sent' },
	{ value: 'accepted', label: 'Accepted' },
	{ value: 'expired', label: 'Expired' },
	{ value: 'withdrawn', label: 'Withdrawn' }
];

export function isInvitationFilter(value: string | null): value is InvitationFilter {
	return invitationFilterOptions.some((option) => option.value === value);
}
