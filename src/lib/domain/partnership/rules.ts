import { parseIsoTimestamp, requireTimestamp } from '../shared/dates';
import { DomainError, invalid, valid, type Validation } from '../shared/result';
import type { Partnership } from './schema';

export { activePartnershipOf, latestPartnershipOf } from './latest';

/*
 * Rules of the partnership between an indirect provider and an indirect reseller:
 * requested → active → removed.
 *
 * Removing a partnership never touches the customers associated with the reseller nor their
 * delegated admin privileges: `removePartnership` takes and returns only the partnership, so a
 * caller cannot change customers through it. The user is told that no notice is sent to the
 * reseller or the customers.
 *
 * The functions here are pure: they never change their arguments and they leave the change
 * metadata (`updatedAt`, `updatedBy`, `deviceId`) to the caller that stores the document.
 */

export type PartnershipCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether a new partnership may be requested with a reseller, given all the partnerships that
 * already exist with it. Refused while one is waiting to be accepted or is active; after a
 * removal, requesting again starts a new request (a new partnership document).
 */
export function canRequestPartnership(
	existingForReseller: Pick<Partnership, 'status'>[]
): PartnershipCheck {
	if (existingForReseller.some((p) => p.status === 'active')) {
		return { ok: false, reason: 'You already have an active partnership with this reseller.' };
	}
	if (existingForReseller.some((p) => p.status === 'requested')) {
		return {
			ok: false,
			reason:
				'A partnership request to this reseller is already waiting to be accepted. Send the same link again instead of a new request.'
		};
	}
	return { ok: true };
}

/** Whether a customer can be added on the reseller's behalf: only with an active partnership. */
export function canAddCustomerForReseller(
	partnershipsOfReseller: Pick<Partnership, 'status'>[]
): boolean {
	return partnershipsOfReseller.some((p) => p.status === 'active');
}

/**
 * Records that the reseller accepted the request. Only a requested partnership can be accepted;
 * the acceptance cannot be before the request nor in the future (`now`, default the current
 * time). Returns a new partnership, `active`, with the time normalised to UTC.
 */
export function acceptPartnership(
	p: Partnership,
	input: { acceptedAt: string; recordedBy: string; now?: string }
): Partnership {
	if (p.status !== 'requested') {
		throw new DomainError(
			p.status === 'active'
				? 'This partnership is already active.'
				: 'This partnership was removed. Request a new partnership instead.',
			'partnership/not-requested'
		);
	}
	const acceptedMs = requireTimestamp(
		input.acceptedAt,
		'partnership/invalid-accepted-at',
		'the acceptance'
	);
	const requestedMs = parseIsoTimestamp(p.requestedAt);
	if (!Number.isNaN(requestedMs) && acceptedMs < requestedMs) {
		throw new DomainError(
			'The acceptance cannot be earlier than the partnership request.',
			'partnership/accepted-before-request'
		);
	}
	const nowMs =
		input.now === undefined
			? Date.now()
			: requireTimestamp(input.now, 'partnership/invalid-now', 'the current time');
	if (acceptedMs > nowMs) {
		throw new DomainError(
			'The acceptance cannot be in the future.',
			'partnership/accepted-in-future'
		);
	}
	return {
		...p,
		status: 'active',
		acceptedAt: new Date(acceptedMs).toISOString(),
		acceptedRecordedBy: input.recordedBy
	};
}

/**
 * Removes a requested or active partnership. The user must confirm the attestation (good faith,
 * legitimate business purpose, in line with their agreements). Customers and their delegated
 * admin privileges are not affected: this function only ever sees the partnership.
 */
export function removePartnership(
	p: Partnership,
	input: { removedBy: string; removedAt: string; attested: boolean }
): Partnership {
	if (p.status === 'removed') {
		throw new DomainError('This partnership was already removed.', 'partnership/already-removed');
	}
	if (input.attested !== true) {
		throw new DomainError(
			'Confirm that you remove this partnership in good faith, for a legitimate business purpose and in line with your agreements.',
			'partnership/attestation-required'
		);
	}
	const removedMs = requireTimestamp(
		input.removedAt,
		'partnership/invalid-removed-at',
		'the removal'
	);
	return {
		...p,
		status: 'removed',
		removedBy: input.removedBy,
		removedAt: new Date(removedMs).toISOString(),
		removalAttested: true
	};
}

/** The id prefix of the records the relationship service shares from another organisation. */
export const SHARED_COPY_PREFIX = 'rel-';

/**
 * Whether a partnership is the relationship service's read-only copy of another organisation's
 * (issue 12): on an indirect reseller's side, a provider's partnership with it.
 */
export function isSharedCopy(p: Pick<Partnership, 'id'>): boolean {
	return p.id.startsWith(SHARED_COPY_PREFIX);
}

export type PartnershipAnswer = 'accept' | 'decline';

/**
 * The indirect reseller's answer to a provider's partnership request that the relationship
 * service shared with it, given on the reseller's device (online or not) and applied to the
 * provider's partnership when the device syncs: accept → active, decline → removed (a decline
 * needs no attestation: nothing was shared yet). Only a shared, still requested copy; the
 * answer's time is normalised to UTC and cannot be earlier than the request.
 */
export function answerPartnershipRequest(
	p: Partnership,
	input: { answer: PartnershipAnswer; at: string; by: string }
): Partnership {
	if (!isSharedCopy(p)) {
		throw new DomainError(
			'Only a request the provider sent through CSP Field can be answered here.',
			'partnership/not-shared'
		);
	}
	if (p.status !== 'requested') {
		throw new DomainError(
			'This partnership request was already answered.',
			'partnership/not-requested'
		);
	}
	const atMs = requireTimestamp(input.at, 'partnership/invalid-answered-at', 'the answer');
	const requestedMs = parseIsoTimestamp(p.requestedAt);
	if (!Number.isNaN(requestedMs) && atMs < requestedMs) {
		throw new DomainError(
			'The answer cannot be earlier than the partnership request.',
			'partnership/answered-before-request'
		);
	}
	const at = new Date(atMs).toISOString();
	return input.answer === 'accept'
		? { ...p, status: 'active', acceptedAt: at, acceptedRecordedBy: input.by }
		: { ...p, status: 'removed', removedAt: at, removedBy: input.by, removalAttested: false };
}

/**
 * The indirect reseller removes an active partnership with a provider that the relationship
 * service shared with it (issue 12), from its Indirect providers page: the same removal as the
 * provider's (the attestation, customers untouched), on the reseller's copy, applied to the
 * provider's partnership when the device syncs. A request still waiting is declined instead
 * (answerPartnershipRequest).
 */
export function removeSharedPartnership(
	p: Partnership,
	input: { removedBy: string; removedAt: string; attested: boolean }
): Partnership {
	if (!isSharedCopy(p)) {
		throw new DomainError(
			'Only a partnership the provider made through CSP Field can be removed here.',
			'partnership/not-shared'
		);
	}
	if (p.status !== 'active') {
		throw new DomainError(
			p.status === 'requested'
				? 'This partnership request is still waiting: decline it instead.'
				: 'This partnership was already removed.',
			'partnership/not-active'
		);
	}
	const removed = removePartnership(p, input);
	const acceptedMs = parseIsoTimestamp(p.acceptedAt ?? p.requestedAt);
	if (!Number.isNaN(acceptedMs) && Date.parse(removed.removedAt ?? '') < acceptedMs) {
		throw new DomainError(
			'The removal cannot be earlier than the acceptance of the partnership.',
			'partnership/removed-before-acceptance'
		);
	}
	return removed;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5). */
function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	let i = 0;
	for (; i + 2 < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		out += BASE64URL[(n >> 18) & 63] + BASE64URL[(n >> 12) & 63];
		out += BASE64URL[(n >> 6) & 63] + BASE64URL[n & 63];
	}
	const rest = bytes.length - i;
	if (rest === 1) {
		const n = bytes[i] << 16;
		out += BASE64URL[(n >> 18) & 63] + BASE64URL[(n >> 12) & 63];
	} else if (rest === 2) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
		out += BASE64URL[(n >> 18) & 63] + BASE64URL[(n >> 12) & 63] + BASE64URL[(n >> 6) & 63];
	}
	return out;
}

/** Number of random bytes in an invitation token (256 bits). */
export const INVITATION_TOKEN_BYTES = 32;

/** An unguessable token for the personalised link: 32 random bytes, base64url (43 characters). */
export function createInvitationToken(): string {
	const bytes = new Uint8Array(INVITATION_TOKEN_BYTES);
	globalThis.crypto.getRandomValues(bytes);
	return toBase64Url(bytes);
}

/** The personalised link the reseller opens to accept: `<origin>/invitations/partnership/<token>`. */
export function invitationLink(origin: string, token: string): string {
	return `${origin.replace(/\/+$/, '')}/invitations/partnership/${encodeURIComponent(token)}`;
}

/** The draft email of a partnership request; the link stands on its own line. */
export function draftPartnershipEmail(input: {
	providerName: string;
	resellerName: string;
	link: string;
}): { subject: string; body: string } {
	const provider = input.providerName.trim();
	const reseller = input.resellerName.trim();
	const subject = `${provider} invites you to become an indirect reseller partner`;
	const body = [
		`Hello ${reseller} team,`,
		'',
		`${provider} would like to work with you as your indirect provider in the Microsoft Cloud Solution Provider program. Together we can serve common customers: we can add new customers on your behalf, place orders for your customers, and credit you for the subscriptions you sell.`,
		'',
		'To accept the partnership request, open this personalised link:',
		'',
		input.link,
		'',
		"The link is made for your company only, so please don't forward it. If you have questions, just reply to this email.",
		'',
		'Kind regards,',
		provider
	].join('\n');
	return { subject, body };
}

/** Characters that would make a longer, different URL if they followed the link directly. */
const URL_CONTINUATION = /[A-Za-z0-9\-_/%]/;

/**
 * Whether the (edited) draft still has the personalised link, intact: the link must appear and
 * must not run on into other characters that would change it.
 */
export function draftKeepsLink(draft: string, link: string): boolean {
	if (link === '') return false;
	let from = 0;
	for (;;) {
		const at = draft.indexOf(link, from);
		if (at < 0) return false;
		const next = draft.charAt(at + link.length);
		if (next === '' || !URL_CONTINUATION.test(next)) return true;
		from = at + 1;
	}
}

/** Longest email draft stored (see `partnershipSchema.emailDraft`). */
export const EMAIL_DRAFT_MAX_LENGTH = 10_000;

/** What a draft email may lack, said for the one who gets it. */
const draftMessages = {
	reseller: {
		empty: 'Write a message to the reseller, with the personalised link in it.',
		link: 'Keep the personalised link in the message: the reseller needs it to accept.'
	},
	customer: {
		empty: 'Write a message to the customer, with the personalised link in it.',
		link: 'Keep the personalised link in the message: the customer needs it to accept.'
	}
};

/**
 * Checks an edited draft email before it is stored and sent (not empty, not too long, the
 * personalised link kept); returns it without outer blank space.
 */
export function validateEmailDraft(
	draft: string,
	link: string,
	recipient: keyof typeof draftMessages
): Validation<string> {
	const value = draft.trim();
	if (value === '') return invalid({ emailDraft: draftMessages[recipient].empty });
	if (value.length > EMAIL_DRAFT_MAX_LENGTH) {
		return invalid({
			emailDraft: `The message is too long: keep it to ${EMAIL_DRAFT_MAX_LENGTH.toLocaleString('en-US')} characters at most.`
		});
	}
	if (!draftKeepsLink(value, link)) return invalid({ emailDraft: draftMessages[recipient].link });
	return valid(value);
}

/** Checks the edited partnership request before it is stored and sent. */
export function validatePartnershipDraft(draft: string, link: string): Validation<string> {
	return validateEmailDraft(draft, link, 'reseller');
}

/**
 * A `mailto:` URL (RFC 6068) that opens the message in the default email application. Subject
 * and body are percent-encoded; line breaks become CRLF (`%0D%0A`).
 */
export function mailtoHref(to: string, subject: string, body: string): string {
	const crlf = (text: string) => text.replace(/\r\n|\r|\n/g, '\r\n');
	const address = encodeURIComponent(to.trim()).replace(/%40/g, '@');
	return `mailto:${address}?subject=${encodeURIComponent(crlf(subject))}&body=${encodeURIComponent(crlf(body))}`;
}
