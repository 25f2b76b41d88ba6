import type { Refusal } from '$lib/domain/refusal/schema';
import { currentLanguage, msg, t, translateMessage } from '$lib/i18n';

/**
 * Why the server refused a change, by the code of its rule (server/validation.js). The
 * server words its reasons in English with the values it checked; another language gets the
 * meaning of the rule instead.
 */
export const refusalReasons: Record<string, string> = {
	'subscription-cancel-window': msg(
		'A subscription can be cancelled only in the first 7 days (168 hours) of a term.'
	),
	'subscription-offer-change': msg(
		'The offer of a subscription changes only by an upgrade or at the renewal it was scheduled for.'
	),
	'subscription-renewal': msg('A new term starts at the end of the last one, once it has passed.'),
	'subscription-decrease-window': msg(
		'Licences can be removed only in the first 7 days (168 hours) of a term.'
	),
	'subscription-suspension': msg(
		'A suspension needs who suspended the subscription, when and why (a note for another reason).'
	),
	'subscription-cancellation': msg('A cancellation needs who cancelled the subscription and when.'),
	'subscription-suspended': msg('A suspended subscription cannot be changed: reactivate it first.'),
	'subscription-term': msg(
		'The term of a subscription fits its offer, ends a full term after its start or on an earlier co-term date, and changes only at a renewal.'
	),
	'subscription-ended': msg(
		'This subscription ended without renewing: only its reseller and support contact can change.'
	),
	'subscription-scheduled-changes': msg(
		'The changes scheduled for the renewal do not fit the subscription, its offer or its term.'
	),
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
	// The gateway's rules that read the partnerships (server/relation-rules.js).
	'partnership-not-active': msg(
		'Customers can be added for this reseller only while the partnership is active.'
	),
	'subscription-reseller-not-active': msg(
		'Choose a reseller with an active partnership, or none. A reseller without an active partnership cannot be credited.'
	),
	'support-contact-not-active': msg(
		'The designated support contact must be your organisation or a reseller with an active partnership.'
	),
	'provider-partnership-not-active': msg(
		'You can invite new customers together with a provider only while your partnership with it is active.'
	),
	// Issue 12 (rel12b): the relationship service's copies of another organisation's records.
	'shared-copy': msg(
		'This record is owned by another organisation and shared with yours: only the answer to a partnership request, or the removal of an active partnership, can change here.'
	),
	'shared-customer': msg(
		'This customer is owned by another organisation: only its owner can add subscriptions for it.'
	),
	'partnership-removal': msg('The removal of a partnership cannot be earlier than its acceptance.'),
	'shared-copy-answered': msg('This partnership request was already answered.'),
	'answered-by': msg('An answer must name the signed-in user.'),
	attestation: msg(
		'Removing a partnership needs the attestation (good faith, legitimate business purpose, in line with the agreements).'
	),
	'dap-unchanged': msg(
		'Removing a customer relationship leaves delegated admin privileges unchanged.'
	),
	'us-government-dap': msg(
		'A customer in Microsoft Cloud for US Government cannot be invited without delegated admin privileges. Keep delegated admin privileges selected.'
	),
	'company-name': msg('The company name must have 2 to 255 characters with letters in it.'),
	'domain-prefix': msg('The domain prefix has only letters a–z and digits 0–9, at most 27.'),
	email: msg('An email address of the record is not valid.'),
	phone: msg('The phone number must have 6 to 20 digits.'),
	country: msg('The country/region is not one of the list.'),
	'mpn-id': msg('The MPN ID has digits only, at most 20.'),
	'email-draft': msg('The email draft must not be empty and must keep the personalised link.'),
	'partnership-acceptance': msg(
		'The acceptance of a partnership cannot be earlier than its request.'
	),
	'customer-relationship-status': msg(
		'Only an active customer relationship can be removed: withdraw an open invitation instead.'
	),
	offer: msg('The offer is not in the catalog.'),
	quantity: msg('The number of licences is outside what the offer allows.'),
	'subscription-cancelled': msg('The reseller of a cancelled subscription cannot change.'),
	'invitation-acceptance': msg(
		'An accepted invitation needs when it was accepted (after it was sent), who accepted it and who recorded it.'
	),
	'invitation-withdrawal': msg(
		'A withdrawn invitation needs when it was withdrawn (after it was sent) and by whom.'
	),
	'invitation-expired': msg(
		'The invitation had expired (90 days after it was sent), so it can no longer be accepted or withdrawn.'
	),
	'gdap-display-name': msg(
		'The name of a GDAP relationship has 1 to 50 characters, without line breaks or tabs.'
	),
	'gdap-duration': msg('The duration of a GDAP relationship must be from 1 to 730 days.'),
	'gdap-roles': msg('A GDAP relationship asks for Microsoft Entra roles of the list (1 to 100).'),
	'gdap-auto-extend-global-admin': msg(
		'Auto-extend is not available when Global Administrator is among the roles.'
	),
	'gdap-status': msg(
		'An approved GDAP relationship needs its approval (not before the request) and its end, and cannot go back to approval pending.'
	),
	'gdap-termination': msg(
		'A terminated GDAP relationship needs who terminated it and when (during the relationship, not after it expired).'
	),
	'tenant-id': msg(
		'A tenant ID is a GUID in lower case, not all zeros, one per indirect provider.'
	),
	'invitation-template': msg('The link template of Invite new customers is not valid.'),
	'reseller-relationship-country': msg(
		'A reseller relationship can be requested only with customers in your own country/region.'
	),
	'organisation-country': msg(
		"The organisation's country/region is set on the server: it is not known there yet, or this change does not match it."
	),
	'postal-code': msg('The postal code does not match the format of the country/region.'),
	state: msg("The state, province or territory is not one of the country's list.")
};

/** The reason of a refusal in the active language: the server's own words in English. */
export function refusalReason(refusal: Pick<Refusal, 'code' | 'reason'>): string {
	if (currentLanguage() === 'en') return refusal.reason;
	const exact = translateMessage(refusal.reason);
	if (exact !== refusal.reason) return exact;
	const byCode = refusalReasons[refusal.code];
	return byCode ? t(byCode) : t('The server refused this change.');
}
