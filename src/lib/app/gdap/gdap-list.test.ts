import { describe, expect, it } from 'vitest';
import { buildDemoData } from '$lib/services/demo-data';
import { buildDemoGdap } from '$lib/services/demo-gdap';
import { ariaSort, daysLeftText, expiryWarnings, gdapRows, viewTime } from './gdap-list';

const NOW = '2026-11-21T10:00:00.000Z';
const actor = { userId: 'u', name: 'User', deviceId: 'd' };
const relationships = buildDemoGdap(actor, NOW);
const customers = new Map(buildDemoData(actor, NOW).customers.map((c) => [c.id, c]));

describe('gdapRows', () => {
	it('sorts by end date, soonest first, approval pending last', () => {
		const rows = gdapRows(relationships, customers, NOW);
		expect(rows.map((row) => row.status)).toEqual([
			'expired',
			'terminated',
			'expiring',
			'active',
			'active',
			'approval-pending'
		]);
		const ends = rows.flatMap((row) => (row.endAt ? [row.endAt] : []));
		expect(ends).toEqual([...ends].sort());
		expect(rows[1].endAt).toBe('2026-11-11T10:00:00.000Z');
		expect(rows[2].customerName).toBe('Северный Ветер ООО');
		expect(rows[2].daysLeft).toBe(20);
	});

	it('sorts latest end first, approval pending still last', () => {
		const rows = gdapRows(relationships, customers, NOW, { direction: 'desc' });
		expect(rows[0].status).toBe('active');
		expect(rows[rows.length - 1].status).toBe('approval-pending');
		const ends = rows.flatMap((row) => (row.endAt ? [row.endAt] : []));
		expect(ends).toEqual([...ends].sort().reverse());
	});

	it('filters by status, derived at the time given', () => {
		expect(
			gdapRows(relationships, customers, NOW, { status: 'expired' }).map(
				(row) => row.relationship.id
			)
		).toEqual(['demo-gdap-5']);
		// 21 days later the expiring relationship has expired too.
		const later = '2026-12-12T10:00:00.000Z';
		expect(
			gdapRows(relationships, customers, later, { status: 'expired' }).map(
				(row) => row.relationship.id
			)
		).toEqual(['demo-gdap-5', 'demo-gdap-4']);
	});

	it('names a customer that is not on the device', () => {
		const rows = gdapRows(relationships, new Map(), NOW);
		expect(rows[0].customerName).toBe('Customer not on this device');
	});
});

describe('expiryWarnings', () => {
	it('warns of the relationships ending within 30 days without auto-extend', () => {
		const warnings = expiryWarnings(relationships, customers, NOW);
		expect(warnings.map((row) => [row.relationship.id, row.daysLeft])).toEqual([
			['demo-gdap-4', 20]
		]);
	});
});

describe('daysLeftText and ariaSort', () => {
	it('reads as people say it', () => {
		expect(daysLeftText({ status: 'expiring', daysLeft: 1 })).toBe('1 day left');
		expect(daysLeftText({ status: 'active', daysLeft: 145 })).toBe('145 days left');
		expect(daysLeftText({ status: 'expired', daysLeft: 0 })).toBe('Ended');
		expect(daysLeftText({ status: 'approval-pending', daysLeft: undefined })).toBe('—');
		expect(ariaSort('asc')).toBe('ascending');
		expect(ariaSort('desc')).toBe('descending');
	});
});

describe('viewTime', () => {
	it('is the clock, or the latest change when that is later', () => {
		const at = (updatedAt: string) => ({ updatedAt });
		expect(viewTime(NOW, [at('2026-11-20T10:00:00.000Z')])).toBe(NOW);
		expect(viewTime(NOW, [at('2026-11-21T10:00:30.000Z'), at(NOW)])).toBe(
			'2026-11-21T10:00:30.000Z'
		);
		expect(viewTime(NOW, [])).toBe(NOW);
	});
});
