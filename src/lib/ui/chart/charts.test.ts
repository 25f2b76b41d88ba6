import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import BarChart from './BarChart.svelte';
import DonutChart from './DonutChart.svelte';
import StackedBarChart from './StackedBarChart.svelte';
import { chartColours } from './palette';

// The charts rendered to HTML (as the server renderer writes them), with a fixed width.

const customers = (n: number) => `${n} ${n === 1 ? 'customer' : 'customers'}`;
const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, 'g'))?.length ?? 0;

describe('BarChart', () => {
	const rows = [
		{ key: 'r1', label: 'Budapest Cloud Partners Kft.', value: 5 },
		{ key: 'r2', label: 'Wisła IT Solutions', value: 2 },
		{ key: '', label: 'Direct', value: 0 }
	];

	it('is one image labelled with every bar and its value', () => {
		const { body } = render(BarChart, {
			props: { title: 'Customers per reseller', rows, unit: customers, width: 600 }
		});
		expect(body).toContain('role="img"');
		expect(body).toContain(
			'aria-label="Customers per reseller: Budapest Cloud Partners Kft., 5 customers; Wisła IT Solutions, 2 customers; Direct, 0 customers."'
		);
		expect(count(body, /class="bar[^"]*"/)).toBe(3);
		expect(body).not.toContain('<a ');
	});

	it('draws bars in proportion, the largest value reaching the end of the scale', () => {
		const { body } = render(BarChart, {
			props: { title: 'T', rows, unit: customers, width: 576, max: 10 }
		});
		// 576 px minus 76 px for the numbers: 500 px for 0–10.
		const widths = [...body.matchAll(/class="bar[^"]*"[^>]*width="([\d.]+)"/g)].map((m) =>
			Number(m[1])
		);
		expect(widths).toEqual([250, 100, 0]);
	});

	it('makes bars with a destination links named by their label and value', () => {
		const { body } = render(BarChart, {
			props: {
				title: 'Customers per reseller',
				rows: rows.map((row) => ({ ...row, href: `/customers?reseller=${row.key}` })),
				unit: customers,
				width: 600
			}
		});
		expect(body).toContain('role="group"');
		expect(body).toContain('aria-label="Customers per reseller"');
		expect(body).toContain('href="/customers?reseller=r1"');
		expect(body).toContain('aria-label="Budapest Cloud Partners Kft.: 5 customers"');
		expect(count(body, /<a /)).toBe(3);
	});

	it('draws nothing before it knows its width', () => {
		const { body } = render(BarChart, { props: { title: 'T', rows, unit: customers } });
		expect(body).not.toContain('<svg');
	});
});

describe('StackedBarChart', () => {
	const series = [
		{ key: 'sent', label: 'Sent', colour: chartColours.blue },
		{ key: 'accepted', label: 'Accepted', colour: chartColours.green }
	];
	const invitations = (n: number) => `${n} invitations`;

	it('stacks the parts of each row and names them in the legend and the label', () => {
		const { body } = render(StackedBarChart, {
			props: {
				title: 'Invitations by state and age',
				series,
				rows: [
					{ key: 'a', label: '0–7 days', values: { sent: 3, accepted: 1 } },
					{ key: 'b', label: '8–30 days', values: { sent: 0, accepted: 0 } }
				],
				unit: invitations,
				width: 464
			}
		});
		expect(body).toContain(
			'aria-label="Invitations by state and age: 0–7 days, 4 invitations (Sent 3, Accepted 1); 8–30 days, 0 invitations."'
		);
		expect(body).toMatch(/<li[^>]*>.*Sent<\/li>/);
		expect(body).toMatch(/<li[^>]*>.*Accepted<\/li>/);
		// 464 − 64 = 400 px for 4 invitations: 300 px sent, then 100 px accepted.
		const segments = [...body.matchAll(/<rect x="([\d.]+)"[^>]*width="([\d.]+)"/g)].map((m) => [
			Number(m[1]),
			Number(m[2])
		]);
		expect(segments).toEqual([
			[0, 300],
			[300, 100]
		]);
	});
});

describe('DonutChart', () => {
	const slices = [
		{ key: 'active', label: 'Active', value: 4, colour: chartColours.green },
		{ key: 'requested', label: 'Requested', value: 2, colour: chartColours.blue },
		{ key: 'removed', label: 'Removed', value: 0, colour: chartColours.grey }
	];
	const partnerships = (n: number) => `${n} partnerships`;

	it('draws a slice per non-zero value, the total in the middle and every state in the legend', () => {
		const { body } = render(DonutChart, {
			props: {
				title: 'Partnerships by state',
				slices,
				unit: partnerships,
				totalLabel: 'partnerships'
			}
		});
		expect(body).toContain(
			'aria-label="Partnerships by state: Active, 4 partnerships; Requested, 2 partnerships; Removed, 0 partnerships."'
		);
		expect(count(body, /<path /)).toBe(2);
		expect(body).toMatch(/class="total[^"]*"[^>]*>6</);
		expect(body).toContain('67%');
		expect(body).toContain('33%');
		expect(body).toMatch(/Removed<\/span>/);
	});

	it('shows an empty ring when everything is 0', () => {
		const { body } = render(DonutChart, {
			props: {
				title: 'Partnerships by state',
				slices: slices.map((s) => ({ ...s, value: 0 })),
				unit: partnerships,
				totalLabel: 'partnerships'
			}
		});
		expect(count(body, /<path /)).toBe(0);
		expect(body).toContain('<circle');
		expect(body).toContain('0%');
	});
});
