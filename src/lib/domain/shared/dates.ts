import { DomainError } from './result';

/** The system clock as an ISO timestamp; the rules take the time as a parameter, given this. */
export function nowIso(): string {
	return new Date().toISOString();
}

/** ISO 8601 date-time with a time zone, as sent by browsers and written by `toISOString()`. */
const ISO_TIMESTAMP =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Milliseconds since the epoch of an ISO 8601 timestamp with a time zone (`Z` or `±hh:mm`), or
 * NaN when the text is not one or names a day that does not exist (such as 30 February).
 */
export function parseIsoTimestamp(value: string): number {
	const m = ISO_TIMESTAMP.exec(value);
	if (!m) return Number.NaN;
	const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
	const second = m[6] === undefined ? 0 : Number(m[6]);
	if (month < 1 || month > 12 || day < 1) return Number.NaN;
	if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return Number.NaN;
	if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
	if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return Number.NaN;
	return Date.parse(value);
}

/** Whether the text is an ISO 8601 timestamp with a time zone naming a real moment. */
export function isIsoTimestamp(value: string): boolean {
	return !Number.isNaN(parseIsoTimestamp(value));
}

/** Milliseconds in a day (24 hours; the rules count days in UTC, so no daylight saving). */
export const DAY_MS = 86_400_000;

/**
 * Milliseconds since the epoch of a timestamp a rule was given, or a `DomainError` (with the code
 * and a sentence naming `what` the time is for) when it is not an ISO timestamp.
 */
export function requireTimestamp(value: string, code: string, what: string): number {
	const ms = parseIsoTimestamp(value);
	if (Number.isNaN(ms)) {
		throw new DomainError(`Enter a valid date and time for ${what}.`, code);
	}
	return ms;
}

/** The timestamp `days` whole days after `ms`, as `toISOString()` writes it (UTC). */
export function addDays(ms: number, days: number): string {
	return new Date(ms + days * DAY_MS).toISOString();
}
