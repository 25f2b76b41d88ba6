import type { GdapStatus } from '$lib/domain/gdap/schema';
import type { InvitationAgeGroup } from '$lib/domain/invitation/rules';
import type { InvitationStatus } from '$lib/domain/invitation/schema';
import type { AdminAccess } from '$lib/domain/overview/aggregate';
import type { PartnershipStatus } from '$lib/domain/partnership/schema';
import { msg } from '$lib/i18n';

/*
 * The overview's names of states and groups, marked for translation (shown with `t(label)`).
 * The domain's figures keep English labels; the cards name their rows by key with these.
 */

export const partnershipStateLabels: Record<PartnershipStatus, string> = {
	active: msg('Active'),
	requested: msg('Requested'),
	removed: msg('Removed')
};

export const invitationStateLabels: Record<InvitationStatus, string> = {
	sent: msg('Sent'),
	accepted: msg('Accepted'),
	expired: msg('Expired'),
	withdrawn: msg('Withdrawn')
};

export const invitationAgeLabels: Record<InvitationAgeGroup, string> = {
	'0–7 days': msg('0–7 days'),
	'8–30 days': msg('8–30 days'),
	'31–60 days': msg('31–60 days'),
	'61–90 days': msg('61–90 days'),
	'over 90 days': msg('over 90 days')
};

export const gdapStateLabels: Record<GdapStatus, string> = {
	'approval-pending': msg('Approval pending'),
	active: msg('Active'),
	expiring: msg('Expiring'),
	expired: msg('Expired'),
	terminated: msg('Terminated')
};

export const adminAccessNames: Record<AdminAccess, string> = {
	'delegated-admin': msg('Delegated admin privileges'),
	'gdap-only': msg('GDAP relationship only'),
	none: msg('No admin privileges')
};
