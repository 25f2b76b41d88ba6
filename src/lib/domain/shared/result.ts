/** Messages per field, keyed by the field's path (`contact.email`), in words a person understands. */
export type FieldErrors = Record<string, string>;

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const valid = <T>(value: T): Validation<T> => ({ ok: true, value });
export const invalid = <T = never>(errors: FieldErrors): Validation<T> => ({ ok: false, errors });

/** A rule was broken by an action (not by a single field): the message is shown to the user. */
export class DomainError extends Error {
	constructor(
		message: string,
		readonly code: string
	) {
		super(message);
		this.name = 'DomainError';
	}
}
