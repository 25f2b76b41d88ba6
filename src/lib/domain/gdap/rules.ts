import { DAY_MS, addDays, parseIsoTimestamp, requireTimestamp } from '../shared/dates';
import { DomainError, invalid, valid, type FieldErrors, type Validation } from '../shared/result';
import type { ChangeMeta } from '../shared/schema';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, findEntraRole } from './roles';
import {
	GDAP_DISPLAY_NAME_MAX_LENGTH,
	GDAP_MAX_DURATION_DAYS,
	GDAP_MIN_DURATION_DAYS,
	type GdapRelationship,
	type GdapStatus
} from './schema';

/*
 * Granular delegated admin privileges (GDAP), beyond the seeds:
 *
 *   approval pending → active (approved: end = approval + duration)
 *                      → expiring (derived, from 30 days before the end)
 *                      → expired  (derived, at the end; with auto-extend the end moves on by
 *                                  180 days instead, again and again)
 *   approval pending / active / expiring → terminated
 *
 * Pure functions: the time is passed in (`now`, ISO), arguments are never changed, and the change
 * metadata is left to the caller that stores.
 */

/** Auto-extend moves the end by this many days each time it is reached. */
export const GDAP_AUTO_EXTEND_DAYS = 180;
/** A relationship is expiring from this many days before its end. */
export const GDAP_EXPIRING_DAYS = 30;

/** Activity actions of GDAP relationships. */
export const gdapActions = {
	requested: 'gdap.requested',
	approved: 'gdap.approved',
	autoExtendChanged: 'gdap.auto-extend-changed',
	terminated: 'gdap.terminated'
} as const;

const nowMs = (now: string) => requireTimestamp(now, 'gdap/invalid-now', 'the current time');

/** Whether Global Administrator is among the roles (then auto-extend is not available). */
export function hasGlobalAdministrator(roleIds: readonly string[]): boolean {
	return roleIds.some((id) => id.trim().toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_ID);
}

const autoExtendWithGlobalAdmin =
	'Auto-extend is not available when Global Administrator is among the roles. Remove Global Administrator or turn off auto-extend.';

export interface GdapRequestInput {
	customerId: string;
	displayName: string;
	/** As typed (text) or as a number. */
	durationDays: number | string;
	roleIds: string[];
	autoExtend: boolean;
}

export interface GdapRequest {
	customerId: string;
	displayName: string;
	durationDays: number;
	roleIds: string[];
	autoExtend: boolean;
}

export interface GdapRulesContext {
	/**
	 * Display names of the organisation's GDAP relationships, whatever their state (when editing,
	 * leave the relationship's own name out). Names are unique in any case.
	 */
	existingDisplayNames: string[];
}

/** What is wrong with a display name, or `undefined` (the name is trimmed first). */
export function displayNameError(
	displayName: string,
	existingDisplayNames: readonly string[] = []
): string | undefined {
	const name = displayName.trim();
	if (name === '') return 'Enter a name for the GDAP relationship.';
	if (name.length > GDAP_DISPLAY_NAME_MAX_LENGTH) {
		return `The name can be at most ${GDAP_DISPLAY_NAME_MAX_LENGTH} characters (now ${name.length}).`;
	}
	if (/\p{Cc}/u.test(name)) return 'The name cannot contain line breaks or tabs.';
	const lower = name.toLowerCase();
	if (existingDisplayNames.some((existing) => existing.trim().toLowerCase() === lower)) {
		return `You already have a GDAP relationship named ${name}. Choose another name.`;
	}
	return undefined;
}

function parseDays(days: number | string): number | undefined {
	if (typeof days === 'number') return Number.isInteger(days) ? days : undefined;
	const text = days.trim();
	return /^-?\d+$/.test(text) ? Number(text) : undefined;
}

/** What is wrong with a duration in days, or `undefined`: a whole number from 1 to 730. */
export function durationError(days: number | string): string | undefined {
	const range = `from ${GDAP_MIN_DURATION_DAYS} to ${GDAP_MAX_DURATION_DAYS} (2 years)`;
	if (typeof days === 'string' && days.trim() === '') {
		return `Enter the duration in days, ${range}.`;
	}
	const n = parseDays(days);
	if (n === undefined) return `Enter the duration as a whole number of days, ${range}.`;
	if (n < GDAP_MIN_DURATION_DAYS || n > GDAP_MAX_DURATION_DAYS) {
		return `The duration must be ${range} days.`;
	}
	return undefined;
}

/**
 * Checks a GDAP relationship request and returns it normalised: name trimmed, duration a number,
 * role IDs in lower case, once each, in the order given.
 */
export function validateGdapRequest(
	input: GdapRequestInput,
	ctx: GdapRulesContext
): Validation<GdapRequest> {
	const errors: FieldErrors = {};
	const customerId = input.customerId.trim();
	if (customerId === '') errors.customerId = 'Choose the customer.';

	const nameError = displayNameError(input.displayName, ctx.existingDisplayNames);
	if (nameError) errors.displayName = nameError;

	const daysError = durationError(input.durationDays);
	if (daysError) errors.durationDays = daysError;

	const roleIds = [...new Set(input.roleIds.map((id) => id.trim().toLowerCase()))];
	if (roleIds.length === 0) {
		errors.roleIds = 'Choose at least one Microsoft Entra role.';
	} else if (roleIds.some((id) => !findEntraRole(id))) {
		errors.roleIds = 'Choose the roles from the list of Microsoft Entra roles.';
	}

	if (input.autoExtend && hasGlobalAdministrator(roleIds)) {
		errors.autoExtend = autoExtendWithGlobalAdmin;
	}

	if (Object.keys(errors).length > 0) return invalid(errors);
	return valid({
		customerId,
		displayName: input.displayName.trim(),
		durationDays: parseDays(input.durationDays) as number,
		roleIds,
		autoExtend: input.autoExtend
	});
}

/** A new relationship document from a checked request, waiting for the customer's approval. */
export function newGdapRelationship(
	request: GdapRequest,
	input: { id: string; requestedBy: string; requestedAt: string; meta: ChangeMeta }
): GdapRelationship {
	const at = requireTimestamp(input.requestedAt, 'gdap/invalid-requested-at', 'the request');
	return {
		id: input.id,
		customerId: request.customerId,
		displayName: request.displayName,
		displayNameLower: request.displayName.toLowerCase(),
		durationDays: request.durationDays,
		roleIds: [...request.roleIds],
		autoExtend: request.autoExtend,
		status: 'approval-pending',
		requestedAt: new Date(at).toISOString(),
		requestedBy: input.requestedBy,
		...input.meta
	};
}

type Timing = Pick<GdapRelationship, 'status' | 'endAt' | 'autoExtend'>;

/**
 * The end of an approved relationship at `now`: the stored end, or with auto-extend the first
 * end after `now` reached by adding 180 days as often as needed. `undefined` while approval is
 * pending or when no end is recorded.
 */
export function effectiveEndAt(rel: Timing, now: string): string | undefined {
	if (rel.status === 'approval-pending' || rel.endAt === undefined) return undefined;
	const end = parseIsoTimestamp(rel.endAt);
	if (Number.isNaN(end)) return undefined;
	const at = nowMs(now);
	if (!rel.autoExtend || rel.status === 'terminated' || at < end) {
		return new Date(end).toISOString();
	}
	const step = GDAP_AUTO_EXTEND_DAYS * DAY_MS;
	const times = Math.floor((at - end) / step) + 1;
	return new Date(end + times * step).toISOString();
}

/**
 * The state to show at `now`. An approved relationship is `expiring` from 30 days before its end
 * and `expired` at its end; one that auto-extends is never `expiring` nor `expired` (its end
 * moves on).
 */
export function effectiveGdapStatus(rel: Timing, now: string): GdapStatus {
	const at = nowMs(now);
	if (rel.status !== 'active') return rel.status;
	const endIso = effectiveEndAt(rel, now);
	if (endIso === undefined) return 'active';
	const end = parseIsoTimestamp(endIso);
	if (at >= end) return 'expired';
	if (!rel.autoExtend && at >= end - GDAP_EXPIRING_DAYS * DAY_MS) return 'expiring';
	return 'active';
}

/**
 * Days left until the end at `now`, a started day counting as a whole one; 0 once expired,
 * `undefined` while approval is pending, after termination, or without an end.
 */
export function gdapDaysLeft(rel: Timing, now: string): number | undefined {
	const status = effectiveGdapStatus(rel, now);
	if (status === 'expired') return 0;
	if (status === 'approval-pending' || status === 'terminated') return undefined;
	const endIso = effectiveEndAt(rel, now);
	if (endIso === undefined) return undefined;
	return Math.ceil((parseIsoTimestamp(endIso) - parseIsoTimestamp(now)) / DAY_MS);
}

/**
 * When the relationship ends (or ended) as a list shows it at `now`: the termination for a
 * terminated one (even before its planned end), otherwise the end at `now` (`effectiveEndAt`).
 */
export function gdapEndDate(
	rel: Timing & Partial<Pick<GdapRelationship, 'terminatedAt'>>,
	now: string
): string | undefined {
	if (rel.status === 'terminated' && rel.terminatedAt !== undefined) {
		const terminated = parseIsoTimestamp(rel.terminatedAt);
		if (!Number.isNaN(terminated)) return new Date(terminated).toISOString();
	}
	return effectiveEndAt(rel, now);
}

/**
 * Relationships sorted by their end at `now` (`gdapEndDate`: soonest first, or latest first
 * with 'desc'); those without an end (approval pending) come last either way, then by name and
 * id so that every device shows the same order. Returns a new array.
 */
export function sortGdapByEndDate<
	T extends Timing &
		Partial<Pick<GdapRelationship, 'terminatedAt'>> &
		Pick<GdapRelationship, 'displayNameLower' | 'id'>
>(relationships: readonly T[], now: string, direction: 'asc' | 'desc' = 'asc'): T[] {
	const keyed = relationships.map((rel) => {
		const end = gdapEndDate(rel, now);
		return { rel, end: end === undefined ? undefined : parseIsoTimestamp(end) };
	});
	const sign = direction === 'asc' ? 1 : -1;
	keyed.sort((a, b) => {
		if (a.end !== b.end) {
			if (a.end === undefined) return 1;
			if (b.end === undefined) return -1;
			return sign * (a.end - b.end);
		}
		if (a.rel.displayNameLower !== b.rel.displayNameLower) {
			return a.rel.displayNameLower < b.rel.displayNameLower ? -1 : 1;
		}
		return a.rel.id < b.rel.id ? -1 : a.rel.id > b.rel.id ? 1 : 0;
	});
	return keyed.map((k) => k.rel);
}

/**
 * The relationships that end within `withinDays` days of `now` without auto-extending (by default
 * the expiring ones), soonest first: the list's expiry warnings and the overview.
 */
export function gdapExpiringSoon<
	T extends Timing & Pick<GdapRelationship, 'displayNameLower' | 'id'>
>(relationships: readonly T[], now: string, withinDays: number = GDAP_EXPIRING_DAYS): T[] {
	const at = nowMs(now);
	const soon = relationships.filter((rel) => {
		const status = effectiveGdapStatus(rel, now);
		if ((status !== 'active' && status !== 'expiring') || rel.autoExtend) return false;
		const end = effectiveEndAt(rel, now);
		return end !== undefined && parseIsoTimestamp(end) - at <= withinDays * DAY_MS;
	});
	return sortGdapByEndDate(soon, now);
}

/**
 * Records the customer's approval: the relationship starts at `approvedAt` (not before the
 * request, not in the future) and ends `durationDays` later.
 */
export function approveGdap(
	rel: GdapRelationship,
	input: { approvedAt: string; now: string }
): GdapRelationship {
	if (rel.status !== 'approval-pending') {
		throw new DomainError(
			rel.status === 'active'
				? 'This GDAP relationship is already approved.'
				: 'This GDAP relationship was terminated. Request a new one instead.',
			'gdap/not-pending'
		);
	}
	const at = nowMs(input.now);
	const approved = requireTimestamp(input.approvedAt, 'gdap/invalid-approved-at', 'the approval');
	if (approved > at) {
		throw new DomainError('The approval cannot be in the future.', 'gdap/approved-in-future');
	}
	const requested = parseIsoTimestamp(rel.requestedAt);
	if (!Number.isNaN(requested) && approved < requested) {
		throw new DomainError(
			'The approval cannot be earlier than the request.',
			'gdap/approved-before-request'
		);
	}
	return {
		...rel,
		status: 'active',
		approvedAt: new Date(approved).toISOString(),
		endAt: addDays(approved, rel.durationDays)
	};
}

/**
 * Terminates a relationship that is waiting for approval, active or expiring at `terminatedAt`
 * (not in the future). An expired or terminated relationship cannot be terminated.
 */
export function terminateGdap(
	rel: GdapRelationship,
	input: { terminatedBy: string; terminatedAt: string; now: string }
): GdapRelationship {
	const at = nowMs(input.now);
	const terminated = requireTimestamp(
		input.terminatedAt,
		'gdap/invalid-terminated-at',
		'the termination'
	);
	if (terminated > at) {
		throw new DomainError('The termination cannot be in the future.', 'gdap/terminated-in-future');
	}
	const status = effectiveGdapStatus(rel, new Date(terminated).toISOString());
	if (status === 'terminated') {
		throw new DomainError(
			'This GDAP relationship was already terminated.',
			'gdap/already-terminated'
		);
	}
	if (status === 'expired') {
		throw new DomainError(
			'This GDAP relationship has expired, so there is nothing to terminate.',
			'gdap/expired'
		);
	}
	const start = parseIsoTimestamp(
		rel.status === 'active' ? (rel.approvedAt ?? '') : rel.requestedAt
	);
	if (!Number.isNaN(start) && terminated < start) {
		throw new DomainError(
			'The termination cannot be earlier than the start of the relationship.',
			'gdap/terminated-before-start'
		);
	}
	return {
		...rel,
		status: 'terminated',
		terminatedAt: new Date(terminated).toISOString(),
		terminatedBy: input.terminatedBy
	};
}

/**
 * Switches auto-extend on or off at `now`. Refused with Global Administrator among the roles
 * (switching on), and for a terminated or expired relationship. The extensions that already
 * happened are kept: the stored end becomes the end at `now`.
 */
export function setGdapAutoExtend(
	rel: GdapRelationship,
	input: { autoExtend: boolean; now: string }
): GdapRelationship {
	const status = effectiveGdapStatus(rel, input.now);
	if (status === 'terminated' || status === 'expired') {
		throw new DomainError(
			status === 'terminated'
				? 'This GDAP relationship has been terminated, so auto-extend cannot be changed.'
				: 'This GDAP relationship has expired, so auto-extend cannot be changed.',
			'gdap/not-open'
		);
	}
	if (input.autoExtend && hasGlobalAdministrator(rel.roleIds)) {
		throw new DomainError(autoExtendWithGlobalAdmin, 'gdap/auto-extend-global-admin');
	}
	const end = effectiveEndAt(rel, input.now);
	return end === undefined
		? { ...rel, autoExtend: input.autoExtend }
		: { ...rel, autoExtend: input.autoExtend, endAt: end };
}
