/** The text as a regular expression that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Marks an English text for translation where it is defined (a table of labels, a constant)
 * and translated later with `t(label)`; the completeness test finds the texts by this mark.
 * Here, not in i18n, so pure modules can mark their texts without the translation runtime.
 */
export const msg = <T extends string>(key: T): T => key;
