import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	generateTemporaryPassword,
	PASSWORD_ALPHABET,
	PASSWORD_DIGITS,
	PASSWORD_LOWER,
	PASSWORD_SYMBOLS,
	PASSWORD_UPPER
} from './password';

const hasOneOf = (text: string, set: string) => [...text].some((ch) => set.includes(ch));

describe('generateTemporaryPassword', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('has 16 characters by default', () => {
		expect(generateTemporaryPassword()).toHaveLength(16);
	});

	it.each([8, 12, 24, 64, 256])('has the asked length %i', (length) => {
		expect(generateTemporaryPassword(length)).toHaveLength(length);
	});

	it.each([0, 3, 7, 257, 8.5, Number.NaN])('refuses the length %s', (length) => {
		expect(() => generateTemporaryPassword(length)).toThrow(RangeError);
	});

	it('always has an upper-case letter, a lower-case letter, a digit and a symbol', () => {
		for (let i = 0; i < 1000; i++) {
			const password = generateTemporaryPassword(8);
			expect(hasOneOf(password, PASSWORD_UPPER)).toBe(true);
			expect(hasOneOf(password, PASSWORD_LOWER)).toBe(true);
			expect(hasOneOf(password, PASSWORD_DIGITS)).toBe(true);
			expect(hasOneOf(password, PASSWORD_SYMBOLS)).toBe(true);
		}
	});

	it('uses only the alphabet, without look-alike characters', () => {
		const all = Array.from({ length: 1000 }, () => generateTemporaryPassword()).join('');
		expect([...all].every((ch) => PASSWORD_ALPHABET.includes(ch))).toBe(true);
		for (const ambiguous of ['0', 'O', 'o', '1', 'l', 'I']) {
			expect(PASSWORD_ALPHABET).not.toContain(ambiguous);
		}
	});

	it('has no characters that are hard to type or read out', () => {
		expect(PASSWORD_ALPHABET).not.toMatch(/[\s"'`\\^~<>|]/);
		expect(new Set(PASSWORD_ALPHABET).size).toBe(PASSWORD_ALPHABET.length);
	});

	it('gives 1000 different passwords in 1000 tries', () => {
		const passwords = new Set(Array.from({ length: 1000 }, () => generateTemporaryPassword()));
		expect(passwords.size).toBe(1000);
	});

	it('uses every character of the alphabet, each roughly as often', () => {
		const counts = new Map<string, number>();
		for (let i = 0; i < 2000; i++) {
			for (const ch of generateTemporaryPassword(64)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
		}
		expect(counts.size).toBe(PASSWORD_ALPHABET.length);
		const values = [...counts.values()];
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		// Guaranteed characters skew small classes a little; far beyond chance would be a bug.
		for (const v of values) {
			expect(v).toBeGreaterThan(mean * 0.75);
			expect(v).toBeLessThan(mean * 1.6);
		}
	});

	it('puts the guaranteed characters at random places', () => {
		const firstIsUpper = Array.from({ length: 500 }, () =>
			PASSWORD_UPPER.includes(generateTemporaryPassword(8)[0])
		).filter(Boolean).length;
		expect(firstIsUpper).toBeLessThan(400);
	});

	/** Makes getRandomValues give zeros, except the values given for the first draws. */
	function mockRandom(first: number[] = []) {
		let calls = 0;
		return vi
			.spyOn(globalThis.crypto, 'getRandomValues')
			.mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
				const values = array as unknown as Uint32Array;
				values.fill(0);
				if (calls++ === 0) values.set(first);
				return array;
			});
	}

	const allZeros = [
		PASSWORD_UPPER[0],
		PASSWORD_LOWER[0],
		PASSWORD_DIGITS[0],
		PASSWORD_SYMBOLS[0],
		...PASSWORD_ALPHABET[0].repeat(4)
	]
		.sort()
		.join('');

	it('draws from crypto.getRandomValues', () => {
		const spy = mockRandom();
		const password = generateTemporaryPassword(8);
		expect(spy).toHaveBeenCalled();
		// All zeros: the first character of each class, then of the alphabet (shuffled).
		expect([...password].sort().join('')).toBe(allZeros);
	});

	it('throws away values that would favour some characters (rejection sampling)', () => {
		// 2^32 is not a multiple of 24 upper-case letters: 0xFFFFFFFF lies above the last whole
		// multiple and must be redrawn. A plain modulo would have picked the letter at 15 instead.
		mockRandom([0xffffffff]);
		const password = generateTemporaryPassword(8);
		expect([...password].sort().join('')).toBe(allZeros);
		expect(password).not.toContain(PASSWORD_UPPER[0xffffffff % PASSWORD_UPPER.length]);
	});

	it('keeps the highest value that is still below the limit', () => {
		const limit = 2 ** 32 - (2 ** 32 % PASSWORD_UPPER.length);
		mockRandom([limit - 1]);
		const password = generateTemporaryPassword(8);
		expect(password).toContain(PASSWORD_UPPER[(limit - 1) % PASSWORD_UPPER.length]);
	});
});
