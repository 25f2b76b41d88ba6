/**
 * Markup inside a translated sentence, which stays one catalog key so that each language keeps
 * its own word order:
 * - `SLOT` / `aroundSlot()`: one place for any markup (a link, a button); the key has a
 *   placeholder there ("Set it in {{link}}, then come back."), translated with `{ link: SLOT }`.
 * - `EMPHASIS()` / `emphasisParts()`: values shown in bold, marked where they go into `t()`.
 */

/** The place of the markup in a translated sentence. */
export const SLOT = '\u2063';

/** The text before and after the slot (all of it before, when the slot is missing). */
export function aroundSlot(text: string): [string, string] {
	const at = text.indexOf(SLOT);
	return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + SLOT.length)];
}

const START = '\u0001';
const END = '\u0002';
const MARKS = new RegExp(`${START}|${END}`);

/** A value of t() to be shown in bold. */
export const EMPHASIS = (value: string): string => `${START}${value}${END}`;

export interface TextPart {
	text: string;
	strong: boolean;
}

/** The parts of a translated sentence, the values marked with EMPHASIS() as strong. */
export function emphasisParts(text: string): TextPart[] {
	const parts: TextPart[] = [];
	for (const [index, piece] of text.split(MARKS).entries()) {
		// Odd pieces were between a start and an end mark.
		if (piece !== '') parts.push({ text: piece, strong: index % 2 === 1 });
	}
	return parts;
}
