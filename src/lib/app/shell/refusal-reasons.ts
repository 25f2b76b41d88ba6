import type { Refusal } from '$lib/domain/refusal/schema';
import { currentLanguage, msg, t, translateMessage } from '$lib/i18n';

/**
 * Why the server refused a change, by the code of its rule (server/validation.js). The
 * server words its reasons in English with the values it checked; another language gets the
 * meaning of the rule instead.
 */
export const refusalReasons: Record<string, string> = {
	delete: msg(
		'Records are never deleted: remove a partnership or a customer relationship instead.'
	),
	'read-only': msg('Your roles do not allow you to change data.'),
	role: msg('Your roles do not allow this change.'),
	'invalid-id': msg('The record has an invalid id.'),
	'invalid-field': msg('A field of the record has an invalid value.'),
	'activity-append-only': msg('Activity entries are never changed.'),
	actor: msg('An activity entry must be written by its actor.'),
	'updated-by': msg('A change must name the signed-in user as its author.'),
	'created-by': msg('A new record must name the signed-in user as its creator.'),
	'requested-by': msg('A request must name the signed-in user.'),
	'removed-by': msg('A removal must name the signed-in user.'),
	immutable: msg('This part of the record cannot change once it exists.'),
	'invitation-closed': msg(
		'An invitation that was accepted or withdrawn cannot change: send a new one instead.'
	),
	'invitation-global-admin': msg("Only the customer's Global admin can accept an invitation."),
	'gdap-terminated': msg('A terminated GDAP relationship stays terminated.'),
	'partnership-removed': msg(
		'A removed partnership stays removed: request a new partnership instead.'
	),
	'partnership-status': msg('An active partnership cannot go back to requested.'),
	attestation: msg(
		'Removing a partnership needs the attestation (good faith, legitimate business purpose, in line with the agreements).'
	),
	'dap-unchanged': msg(
		'Removing a customer relationship leaves delegated admin privileges unchanged.'
	),
	'us-government-dap': msg(
		'A customer in Microsoft Cloud for US Government cannot be invited without delegated admin privileges. Keep delegated admin privileges selected.'
	)
};

/** The reason of a refusal in the active language: the server's own words in English. */
export function refusalReason(refusal: Pick<Refusal, 'code' | 'reason'>): string {
	if (currentLanguage() === 'en') return refusal.reason;
	const exact = translateMessage(refusal.reason);
	if (exact !== refusal.reason) return exact;
	const byCode = refusalReasons[refusal.code];
	return byCode ? t(byCode) : t('The server refused this change.');
}
