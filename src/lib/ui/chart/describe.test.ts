import { afterEach, describe, expect, it } from 'vitest';
import { useLanguage } from '$lib/i18n/i18n.svelte';
import {
	contrastRatio,
	describeRows,
	describeStacked,
	fitLabel,
	formatCount,
	textColourOn
} from './describe';
import { chartColours } from './palette';

const customers = (n: number) => `${n} ${n === 1 ? 'customer' : 'customers'}`;

describe('describeRows', () => {
	it('names every row with its value', () => {
		expect(
			describeRows(
				'Customers per reseller',
				[
					{ label: 'Budapest Cloud Partners Kft.', value: 5 },
					{ label: 'Direct', value: 1 }
				],
				customers
			)
		).toBe(
			'Customers per reseller: Budapest Cloud Partners Kft., 5 customers; Direct, 1 customer.'
		);
	});

	it('says "none" without rows, and how many more past the limit', () => {
		expect(describeRows('Licences per offer', [], customers)).toBe('Licences per offer: none.');
		const rows = ['a', 'b', 'c', 'd'].map((label, i) => ({ label, value: i }));
		expect(describeRows('T', rows, customers, 2)).toBe(
			'T: a, 0 customers; b, 1 customer; and 2 more.'
		);
	});
});

describe('describeStacked', () => {
	const series = [
		{ key: 'sent', label: 'Sent' },
		{ key: 'accepted', label: 'Accepted' }
	];
	const invitations = (n: number) => `${n} invitations`;

	it('names each row with its total and its non-zero parts', () => {
		expect(
			describeStacked(
				'Invitations by state and age',
				[
					{ label: '0–7 days', values: { sent: 2, accepted: 1 } },
					{ label: '8–30 days', values: { sent: 0 } }
				],
				series,
				invitations
			)
		).toBe(
			'Invitations by state and age: 0–7 days, 3 invitations (Sent 2, Accepted 1); 8–30 days, 0 invitations.'
		);
		expect(describeStacked('T', [], series, invitations)).toBe('T: none.');
	});
});

describe('fitLabel', () => {
	it('keeps a label that fits and cuts a long one with an ellipsis', () => {
		expect(fitLabel('Volga Digital', 200)).toBe('Volga Digital');
		expect(fitLabel('Budapest Cloud Partners Kft.', 85)).toBe('Budapest …');
		expect([...fitLabel('Budapest Cloud Partners Kft.', 85)]).toHaveLength(10);
	});

	it('keeps at least a few characters on a very narrow chart', () => {
		expect(fitLabel('Wisła IT Solutions', 1)).toBe('Wis…');
	});

	it('counts characters, not UTF-16 units', () => {
		expect(fitLabel('😀😀😀😀😀😀', 8.5 * 5)).toBe('😀😀😀😀…');
	});
});

describe('formatCount', () => {
	it('groups thousands', () => {
		expect(formatCount(1250)).toBe('1,250');
		expect(formatCount(0)).toBe('0');
	});
});

describe('colours', () => {
	it('computes WCAG contrast ratios', () => {
		expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
		expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
	});

	it('gives every chart colour at least 3:1 against the white card', () => {
		for (const [name, colour] of Object.entries(chartColours)) {
			expect(contrastRatio(colour, '#ffffff'), name).toBeGreaterThanOrEqual(3);
		}
	});

	it('picks the text colour that reads at 4.5:1 or better on every chart colour', () => {
		for (const colour of Object.values(chartColours)) {
			expect(contrastRatio(textColourOn(colour), colour), colour).toBeGreaterThanOrEqual(4.5);
		}
		expect(textColourOn('#0f4c81')).toBe('#ffffff');
		expect(textColourOn('#f0e442')).toBe('#1b1f24');
	});
});

describe('in another language', () => {
	afterEach(async () => {
		await useLanguage('en');
	});

	it("says the figures with the language's words and number format", async () => {
		await useLanguage('ru');
		const rows = ['a', 'b', 'c'].map((label, i) => ({ label, value: 1250 * i }));
		// Russian groups thousands with a (narrow) no-break space.
		expect(describeRows('Лицензии', rows, (n) => formatCount(n), 2).replace(/\s/g, ' ')).toBe(
			'Лицензии: a, 0; b, 1 250; и ещё 1.'
		);
		expect(describeRows('Лицензии', [], customers)).toBe('Лицензии: нет.');
		await useLanguage('hu');
		expect(describeStacked('Meghívások', [], [], customers)).toBe('Meghívások: nincs.');
		expect(formatCount(1250)).toBe('1250');
		expect(formatCount(12500).replace(/\s/g, ' ')).toBe('12 500');
	});
});
