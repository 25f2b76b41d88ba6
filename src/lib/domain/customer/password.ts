/*
 * Temporary password of a new customer's admin user, shown once on the Confirmation page. It is
 * read off a tablet and typed elsewhere, so it avoids characters that look alike (0/O/o, 1/l/I)
 * and uses only symbols found on English, Hungarian, Polish and Russian keyboards without dead
 * keys. Microsoft Entra ID accepts all of them.
 */

export const PASSWORD_UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PASSWORD_LOWER = 'abcdefghijkmnpqrstuvwxyz';
export const PASSWORD_DIGITS = '23456789';
export const PASSWORD_SYMBOLS = '!%*+-=?_';
export const PASSWORD_ALPHABET =
	PASSWORD_UPPER + PASSWORD_LOWER + PASSWORD_DIGITS + PASSWORD_SYMBOLS;

/** Shortest and longest password Microsoft Entra ID accepts. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

const UINT32_RANGE = 2 ** 32;

/** Unbiased random integers in [0, n) from crypto.getRandomValues, by rejection sampling. */
function randomIndexes(): (n: number) => number {
	const buffer = new Uint32Array(64);
	let next = buffer.length;
	const draw = () => {
		if (next === buffer.length) {
			globalThis.crypto.getRandomValues(buffer);
			next = 0;
		}
		return buffer[next++];
	};
	return (n: number) => {
		// The largest multiple of n that fits: values at or above it would favour small results.
		const limit = UINT32_RANGE - (UINT32_RANGE % n);
		for (;;) {
			const value = draw();
			if (value < limit) return value % n;
		}
	};
}

/**
 * A random password of `length` characters (8–256) with at least one upper-case letter, one
 * lower-case letter, one digit and one symbol, drawn without bias from `PASSWORD_ALPHABET`.
 */
export function generateTemporaryPassword(length = 16): string {
	if (!Number.isInteger(length) || length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
		throw new RangeError(
			`A temporary password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`
		);
	}
	const random = randomIndexes();
	const pick = (set: string) => set[random(set.length)];
	const chars = [
		pick(PASSWORD_UPPER),
		pick(PASSWORD_LOWER),
		pick(PASSWORD_DIGITS),
		pick(PASSWORD_SYMBOLS)
	];
	while (chars.length < length) chars.push(pick(PASSWORD_ALPHABET));
	// Fisher–Yates, so the guaranteed characters can be anywhere.
	for (let i = chars.length - 1; i > 0; i--) {
		const j = random(i + 1);
		[chars[i], chars[j]] = [chars[j], chars[i]];
	}
	return chars.join('');
}
