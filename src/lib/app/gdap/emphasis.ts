/**
 * Bold words inside a translated sentence: the value is marked where it goes into `t()`
 * (`EMPHASIS(name)`), and the translated sentence is cut into parts to render, the marked ones
 * in <strong>. The marked words may stand anywhere the translation puts them.
 */
const START = '\u0001';
const END = '\u0002';

/** A value of t() to be shown in bold. */
export const EMPHASIS = (value: string): string => `${START}${value}${END}`;

export interface TextPart {
	text: string;
	strong: boolean;
}

/** The parts of a translated sentence, the values marked with EMPHASIS() as strong. */
export function emphasisParts(text: string): TextPart[] {
	const parts: TextPart[] = [];
	for (const [index, piece] of text.split(new RegExp(`${START}|${END}`)).entries()) {
		// Odd pieces were between a start and an end mark.
		if (piece !== '') parts.push({ text: piece, strong: index % 2 === 1 });
	}
	return parts;
}
