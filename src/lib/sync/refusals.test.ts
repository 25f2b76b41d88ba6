import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { ServiceContext } from '$lib/services/context';
import { createTestContext } from '$lib/services/test-support';
import { dismissRefusals, refusals$, saveRefusal } from './refusals';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

const refusal = (id: string, at: string) => ({
	collection: 'partnerships',
	id,
	label: 'Fabrikam Reseller',
	code: 'role',
	reason: 'Only a Global admin or an Admin agent can remove a partnership.',
	at
});

describe('refused changes', () => {
	it('are kept oldest first, and one reported twice is kept once', async () => {
		ctx = await createTestContext({ demo: false });
		await saveRefusal(ctx.db, refusal('p-2', '2026-11-21T10:00:02.000Z'));
		await saveRefusal(ctx.db, refusal('p-1', '2026-11-21T10:00:01.000Z'));
		await saveRefusal(ctx.db, refusal('p-1', '2026-11-21T10:00:01.000Z'));
		const kept = await firstValueFrom(refusals$(ctx.db));
		expect(kept.map((entry) => entry.documentId)).toEqual(['p-1', 'p-2']);
		expect(kept[0]).toMatchObject({
			recordType: 'partnerships',
			label: 'Fabrikam Reseller',
			reason: 'Only a Global admin or an Admin agent can remove a partnership.'
		});
	});

	it('are gone once dismissed', async () => {
		ctx = await createTestContext({ demo: false });
		await saveRefusal(ctx.db, refusal('p-1', '2026-11-21T10:00:01.000Z'));
		await dismissRefusals(ctx.db);
		expect(await firstValueFrom(refusals$(ctx.db))).toEqual([]);
	});

	it('cut what does not fit the schema instead of failing', async () => {
		ctx = await createTestContext({ demo: false });
		await saveRefusal(ctx.db, {
			...refusal('p-1', '2026-11-21T10:00:01.000Z'),
			reason: 'x'.repeat(3000)
		});
		const [kept] = await firstValueFrom(refusals$(ctx.db));
		expect(kept.reason).toHaveLength(2000);
	});
});
