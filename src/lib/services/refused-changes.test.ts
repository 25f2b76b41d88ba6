import { afterEach, describe, expect, it } from 'vitest';
import { refusalId, type Refusal } from '$lib/domain/refusal/schema';
import type { ServiceContext } from './context';
import {
	recordRefusedChange,
	REFUSED_CHANGE_ACTION,
	refusedChangeEntryId
} from './refused-changes';
import { buildSubscription, createContextWith } from './test-factories';

let ctx: ServiceContext | undefined;
afterEach(async () => {
	await ctx?.db.close();
	ctx = undefined;
});

const refusal = (fields: Partial<Refusal> = {}): Refusal => {
	const base = {
		recordType: 'subscriptions',
		documentId: 'sub-1',
		label: 'sub-1',
		code: 'subscription-cancel-window',
		reason:
			"A subscription can be cancelled only in the first 7 days (168 hours) of a term; this term's window closed on 2026-11-30.",
		at: '2026-12-07T10:00:00.000Z',
		...fields
	};
	return { id: refusalId(base.recordType, base.documentId, base.at), ...base };
};

describe('recordRefusedChange', () => {
	it("writes one entry per refusal that says the server refused it, on the record's log", async () => {
		ctx = await createContextWith({
			subscriptions: [buildSubscription({ id: 'sub-1', customerId: 'customer-1' })]
		});
		const refused = refusal();
		expect(await recordRefusedChange(ctx, refused)).toBe(true);
		// Again (another tab, the next run): nothing more.
		expect(await recordRefusedChange(ctx, refused)).toBe(false);
		const entries = await ctx.db.activity.find({ selector: { documentId: 'sub-1' } }).exec();
		expect(entries.map((e) => e.toMutableJSON())).toEqual([
			expect.objectContaining({
				id: refusedChangeEntryId(refused.id),
				at: refused.at,
				actorId: ctx.actor.userId,
				recordType: 'subscriptions',
				action: REFUSED_CHANGE_ACTION,
				summary: `The server refused a change; the record is back to the server's version: ${refused.reason}`,
				changes: []
			})
		]);
	});

	it('keeps a long reason within the summary, and leaves out refusals of the log itself', async () => {
		ctx = await createContextWith({});
		const long = refusal({ reason: 'x'.repeat(2000), documentId: 'sub-2' });
		expect(await recordRefusedChange(ctx, long)).toBe(true);
		const entry = await ctx.db.activity.findOne(refusedChangeEntryId(long.id)).exec();
		expect(entry?.summary.length).toBeLessThanOrEqual(500);
		expect(entry?.summary.endsWith('…')).toBe(true);
		expect(await recordRefusedChange(ctx, refusal({ recordType: 'activity' }))).toBe(false);
		expect(await ctx.db.activity.count().exec()).toBe(1);
	});

	it('gives each refusal its own id of at most 64 characters', () => {
		const a = refusedChangeEntryId(refusalId('subscriptions', 'sub-1', '2026-12-07T10:00:00.000Z'));
		const b = refusedChangeEntryId(refusalId('subscriptions', 'sub-1', '2026-12-07T10:00:00.001Z'));
		expect(a).not.toBe(b);
		expect(a.length).toBeLessThanOrEqual(64);
		expect(a).toMatch(/^refused-[0-9a-f]{16}$/);
	});
});
