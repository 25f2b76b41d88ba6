import { invalid, valid, type FieldErrors, type Validation } from '../shared/result';

/** Longest MPN ID we store (see `partnerSchema.mpnId`). */
export const MPN_ID_MAX_LENGTH = 20;
/** Longest email address a mailbox can have (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;
const EMAIL_LOCAL_MAX_LENGTH = 64;

/**
 * What is wrong with an MPN ID, or `undefined` when it is fine. The MPN ID of a partner location
 * account is digits only, with no fixed length.
 */
export function mpnIdError(mpnId: string): string | undefined {
	const value = mpnId.trim();
	if (value === '') {
		return 'Enter the MPN ID of the partner location account (digits only).';
	}
	if (!/^[0-9]+$/.test(value)) {
		return 'The MPN ID has digits only (0–9), without spaces, letters or dashes.';
	}
	if (value.length > MPN_ID_MAX_LENGTH) {
		return `The MPN ID can be at most ${MPN_ID_MAX_LENGTH} digits.`;
	}
	return undefined;
}

/**
 * A practical email check (not the full RFC 5322 grammar): exactly one `@`, a non-empty local
 * part, a domain with a dot and no empty labels, no spaces, at most 254 characters.
 */
export function isValidEmail(email: string): boolean {
	if (email.length === 0 || email.length > EMAIL_MAX_LENGTH) return false;
	if (/\s/u.test(email)) return false;
	const parts = email.split('@');
	if (parts.length !== 2) return false;
	const [local, domain] = parts;
	if (local.length === 0 || local.length > EMAIL_LOCAL_MAX_LENGTH) return false;
	if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
	if (!domain.includes('.')) return false;
	const labels = domain.split('.');
	if (labels.some((label) => label.length === 0 || label.length > 63)) return false;
	if (labels.some((label) => label.startsWith('-') || label.endsWith('-'))) return false;
	if (/[()<>[\]\\,;:"]/u.test(email)) return false;
	// The top-level domain has at least two letters (or is an IDN in punycode).
	const tld = labels[labels.length - 1];
	return /^(\p{L}{2,}|xn--[a-z0-9-]+)$/iu.test(tld);
}

/** The lower-cased domain of an email address (the part after the last `@`); '' when none. */
export function emailDomain(email: string): string {
	const at = email.lastIndexOf('@');
	return at < 0
		? ''
		: email
				.slice(at + 1)
				.trim()
				.toLowerCase();
}

export interface ResellerInviteInput {
	name: string;
	email: string;
	mpnId: string;
}

/**
 * Checks the reseller a partnership request is for. The reseller must already be enrolled as an
 * indirect reseller with an MPN ID (the one of its partner location account), so the MPN ID is
 * required here. Returns the trimmed values.
 */
export function validateResellerInvite(
	input: ResellerInviteInput
): Validation<ResellerInviteInput> {
	const value: ResellerInviteInput = {
		name: input.name.trim(),
		email: input.email.trim(),
		mpnId: input.mpnId.trim()
	};
	const errors: FieldErrors = {};

	if (value.name.length < 1 || value.name.length > 255) {
		errors.name = "Enter the reseller's name (1–255 characters).";
	}

	if (value.email === '') {
		errors.email = "Enter the reseller's email address.";
	} else if (!isValidEmail(value.email)) {
		errors.email = 'Enter a valid email address, like name@example.com.';
	}

	if (value.mpnId === '') {
		errors.mpnId =
			"Enter the MPN ID of the reseller's partner location account. The reseller must be enrolled as an indirect reseller with an MPN ID before you request a partnership.";
	} else {
		const mpnError = mpnIdError(value.mpnId);
		if (mpnError) errors.mpnId = mpnError;
	}

	return Object.keys(errors).length > 0 ? invalid(errors) : valid(value);
}
