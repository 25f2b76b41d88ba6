/*
 * Text for charts: what a screen reader says for a chart (its role="img" label) and what fits
 * on a bar. Pure functions of the active language, so the charts and their tests agree.
 */
import { currentLocale, t } from '$lib/i18n';

export interface DescribedRow {
	label: string;
	value: number;
}

/** A count as people read it in the active language: 1,250 (1 250 in Hungarian). */
export const formatCount = (value: number) => new Intl.NumberFormat(currentLocale()).format(value);

/**
 * One sentence naming every row with its value, e.g. "Customers per reseller: Budapest Cloud
 * Partners Kft., 5 customers; Direct, 2 customers." Past `limit` rows it names the first ones
 * and says how many more there are (the table lists them all).
 */
export function describeRows(
	title: string,
	rows: readonly DescribedRow[],
	unit: (value: number) => string,
	limit = 12
): string {
	if (rows.length === 0) return t('{{title}}: none.', { title });
	const named = rows.slice(0, limit).map((row) => `${row.label}, ${unit(row.value)}`);
	const more = rows.length - named.length;
	if (more > 0) named.push(t('and {{count}} more', { count: more }));
	return `${title}: ${named.join('; ')}.`;
}

/**
 * The summary of a stacked bar chart, e.g. "Invitations by state and age: 0–7 days, 3
 * invitations (Sent 2, Accepted 1); 8–30 days, 0 invitations."
 */
export function describeStacked(
	title: string,
	rows: readonly { label: string; values: Record<string, number> }[],
	series: readonly { key: string; label: string }[],
	unit: (value: number) => string
): string {
	if (rows.length === 0) return t('{{title}}: none.', { title });
	const parts = rows.map((row) => {
		const present = series.filter((s) => (row.values[s.key] ?? 0) > 0);
		const total = present.reduce((sum, s) => sum + row.values[s.key], 0);
		const detail = present.map((s) => `${s.label} ${formatCount(row.values[s.key])}`).join(', ');
		return `${row.label}, ${unit(total)}${detail ? ` (${detail})` : ''}`;
	});
	return `${title}: ${parts.join('; ')}.`;
}

/**
 * A label cut to about `maxWidth` pixels (about `charWidth` each), with "…" where it was cut;
 * the full text goes in a tooltip and in the table.
 */
export function fitLabel(label: string, maxWidth: number, charWidth = 8.5): string {
	const max = Math.max(4, Math.floor(maxWidth / charWidth));
	const chars = [...label];
	return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

function luminance(hex: string): number {
	const value = hex.replace('#', '');
	const full =
		value.length === 3
			? value
					.split('')
					.map((c) => c + c)
					.join('')
			: value;
	const [r, g, b] = [0, 2, 4].map((i) => {
		const channel = parseInt(full.slice(i, i + 2), 16) / 255;
		return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours (#rgb or #rrggbb), from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

/** White or near-black text, whichever reads better on `background`. */
export function textColourOn(background: string): string {
	const dark = '#1b1f24';
	return contrastRatio(background, '#ffffff') >= contrastRatio(background, dark) ? '#ffffff' : dark;
}
