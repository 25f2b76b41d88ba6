import { describe, expect, it } from 'vitest';
import type { Activity } from '$lib/domain/activity/schema';
import { REFUSED_CHANGE_ACTION } from '$lib/services/refused-changes';
import { refusedEntryIds } from './refused-entries';

const entry = (id: string, action: string, fields: Partial<Activity> = {}): Activity => ({
	id,
	at: '2026-12-07T10:00:00.000Z',
	actorId: 'anna',
	actorName: 'Anna',
	deviceId: 'device-a',
	recordType: 'subscriptions',
	documentId: 'sub-1',
	action,
	summary: id,
	changes: [],
	...fields
});
const refusal = (id: string, fields: Partial<Activity> = {}) =>
	entry(id, REFUSED_CHANGE_ACTION, fields);

describe('refusedEntryIds', () => {
	it('marks the change each refusal follows, newest first', () => {
		const entries = [
			refusal('r2'),
			entry('cancel', 'subscription.cancelled'),
			refusal('r1'),
			entry('licences', 'subscription.licences-changed'),
			entry('created', 'subscription.created')
		];
		expect([...refusedEntryIds(entries)].sort()).toEqual(['cancel', 'licences']);
	});

	it("skips another device's and another record's entries, and marks each change once", () => {
		const entries = [
			refusal('r2'),
			refusal('r1'),
			entry('other-device', 'subscription.licences-changed', { deviceId: 'device-b' }),
			entry('other-record', 'subscription.cancelled', { documentId: 'sub-2' }),
			entry('cancel', 'subscription.cancelled'),
			entry('auto-renew', 'subscription.auto-renew-changed')
		];
		expect([...refusedEntryIds(entries)].sort()).toEqual(['auto-renew', 'cancel']);
	});

	it('marks nothing without a refusal, or when the refused change is not listed', () => {
		expect(refusedEntryIds([entry('cancel', 'subscription.cancelled')]).size).toBe(0);
		expect(refusedEntryIds([entry('cancel', 'subscription.cancelled'), refusal('r1')]).size).toBe(
			0
		);
	});
});
