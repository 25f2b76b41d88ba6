/**
 * Finds the English texts of the app in its source, for the completeness test (Node only; not
 * part of the app bundle).
 *
 * - UI texts: the literal first argument of every `t('…')` and `msg('…')` call in src/ (pages,
 *   components, app code). A text built at run time cannot be found, so texts in tables are
 *   marked with msg() where they are written and translated with t(label) where shown.
 * - Domain messages: the sentences that the domain rules and services return (FieldErrors,
 *   DomainError, activity summaries), as templates where `${…}` marks a value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { escapeRegExp } from '../domain/shared/text';

export interface FoundText {
	text: string;
	file: string;
}

const STRING = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/.source;
const CALL = new RegExp(`(?<![\\w$.])(?:t|msg)\\(\\s*(?:${STRING})`, 'g');
const ANY_STRING = new RegExp(STRING, 'g');

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');

export function listFiles(root: string, accept: (path: string) => boolean): string[] {
	const files: string[] = [];
	for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		if (accept(path)) files.push(path);
	}
	return files.sort();
}

/** The literal texts of t() and msg() calls in a source file. */
export function uiTextsIn(source: string): string[] {
	const texts: string[] = [];
	for (const match of source.matchAll(CALL)) {
		const [, single, double, template] = match;
		const text = single ?? double ?? template;
		if (template !== undefined && template.includes('${')) {
			throw new Error(`A text built at run time cannot be translated: t(\`${template}\`)`);
		}
		texts.push(unescape(text));
	}
	return texts;
}

/**
 * A sentence of a domain rule or service: starts with a capital or a value, and has 3+ words or
 * 2 words and a closing punctuation mark ("Kind regards,").
 */
function looksLikeMessage(text: string): boolean {
	const spaces = text.match(/ /g)?.length ?? 0;
	return /^(?:[A-Z]|\$\{)/.test(text) && (spaces >= 2 || (spaces === 1 && /[.,:?!]$/.test(text)));
}

/**
 * The message templates in a source file of the domain or the services: `${…}` stands for a
 * value. Comments are left out.
 */
export function domainMessagesIn(source: string): string[] {
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	const messages: string[] = [];
	for (const match of code.matchAll(ANY_STRING)) {
		const [, single, double, template] = match;
		const text = single ?? double ?? template;
		if (looksLikeMessage(text)) messages.push(unescape(text));
	}
	return messages;
}

export function collect(
	root: string,
	files: string[],
	find: (source: string) => string[]
): FoundText[] {
	return files.flatMap((file) =>
		find(readFileSync(file, 'utf8')).map((text) => ({ text, file: relative(root, file) }))
	);
}

const VALUE = /\$\{(?:[^{}]|\{[^{}]*\})*\}/g;
/**
 * Whether a catalog key stands for a domain message template: the template's `${…}` may be a
 * placeholder or fixed words in the key ("Enter the contact's first name …" for `${which}`).
 */
export function keyMatchesTemplate(key: string, template: string): boolean {
	// A value may be empty (" on <day>" or nothing in "This invitation expired${when}, …").
	const parts = template.split(VALUE).map(escapeRegExp);
	return new RegExp(`^${parts.join('(.*?)')}$`, 's').test(key);
}
