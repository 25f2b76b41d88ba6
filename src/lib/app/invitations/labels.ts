import type { InvitationKind, InvitationStatus } from '$lib/domain/invitation/schema';
import { msg, t } from '$lib/i18n';

/** How an invitation state reads (English, marked for translation), and the badge style it borrows. */
export const invitationStatusBadges: Record<InvitationStatus, { style: string; label: string }> = {
	sent: { style: 'invited', label: msg('Sent') },
	accepted: { style: 'active', label: msg('Accepted') },
	expired: { style: 'removed', label: msg('Expired') },
	withdrawn: { style: 'cancelled', label: msg('Withdrawn') }
};

/** What an invitation is for, e.g. "Reseller relationship", in the active language. */
export function invitationKindLabel(kind: InvitationKind, providerName = ''): string {
	if (kind === 'reseller-relationship') return t('Reseller relationship');
	return providerName
		? t('Reseller relationship together with {{provider}}', { provider: providerName })
		: t('Reseller relationship together with an indirect provider');
}

/** The status filter of the Invitations page. */
export type InvitationFilter = 'all' | InvitationStatus;

/** The filter's options; the labels are English, marked for translation (shown with `t()`). */
export const invitationFilterOptions: { value: InvitationFilter; label: string }[] = [
	{ value: 'all', label: msg('All') },
	{ value: 'sent', label: msg('Sent') },
	{ value: 'accepted', label: msg('Accepted') },
	{ value: 'expired', label: msg('Expired') },
	{ value: 'withdrawn', label: msg('Withdrawn') }
];

export function isInvitationFilter(value: string | null): value is InvitationFilter {
	return invitationFilterOptions.some((option) => option.value === value);
}
