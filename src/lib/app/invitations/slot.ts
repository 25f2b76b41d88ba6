/**
 * A sentence with markup in it (a link, a word in bold) translated whole: the key has a
 * placeholder where the markup goes ("Set it in {{link}}, then come back."), translated with
 * `{ link: SLOT }`, and `aroundSlot()` cuts the translation there, so the page puts the markup
 * between the parts in the word order of each language.
 */
export const SLOT = '\u2063';

/** The text before and after the slot (all of it before, when the slot is missing). */
export function aroundSlot(text: string): [string, string] {
	const at = text.indexOf(SLOT);
	return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + SLOT.length)];
}
