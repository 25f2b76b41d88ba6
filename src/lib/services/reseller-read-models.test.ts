import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { ServiceContext } from './context';
import { createReadModels } from './read-models';
import { createResellerReadModels } from './reseller-read-models';
import { createResellerTestContext } from './reseller-test-support';
import { withdrawInvitationById } from './invitations';

let ctx: ServiceContext | undefined;
afterEach(async () => {
	await ctx?.db.close();
	ctx = undefined;
});

describe('reseller queries', () => {
	it('lists the providers with their partnership status, not the own organisation', async () => {
		ctx = await createResellerTestContext();
		const queries = createResellerReadModels(async () => ctx!.db);
		const rows = await firstValueFrom(queries.providerRows$());
		expect(rows.map((r) => [r.provider.name, r.status])).toEqual([
			['Contoso Distribution CEE', 'active'],
			['Fabrikam Cloud Distribution', 'removed'],
			['Northwind Distribution Europe', 'requested']
		]);
	});

	it('lists invitations newest first and follows changes', async () => {
		ctx = await createResellerTestContext();
		const queries = createResellerReadModels(async () => ctx!.db);
		const seen: string[][] = [];
		const subscription = queries
			.invitations$()
			.subscribe((list) => seen.push(list.map((i) => i.status)));
		await new Promise((resolve) => setTimeout(resolve, 50));
		const first = await firstValueFrom(queries.invitations$());
		const sent = first.map((i) => i.sentAt);
		expect(sent).toEqual([...sent].sort().reverse());
		await withdrawInvitationById(ctx, 'demo-invitation-sent');
		await new Promise((resolve) => setTimeout(resolve, 50));
		subscription.unsubscribe();
		expect(seen.at(-1)?.filter((s) => s === 'withdrawn')).toHaveLength(2);
	});

	it("gives each invitation its provider's name, and none to a relationship request", async () => {
		ctx = await createResellerTestContext();
		const queries = createResellerReadModels(async () => ctx!.db);
		const [rows, invitations, providers] = await Promise.all([
			firstValueFrom(queries.invitationRows$()),
			firstValueFrom(queries.invitations$()),
			firstValueFrom(queries.providers$())
		]);
		expect(rows.map((row) => row.invitation.id)).toEqual(invitations.map((i) => i.id));
		for (const { invitation, providerName } of rows) {
			const provider = providers.find((p) => p.id === invitation.providerId);
			expect(providerName).toBe(provider?.name ?? '');
		}
		expect(rows.some((row) => row.providerName !== '')).toBe(true);
	});

	it('gives the settings and a partner by id', async () => {
		ctx = await createResellerTestContext();
		const queries = createResellerReadModels(async () => ctx!.db);
		expect((await firstValueFrom(queries.settings$()))?.tenantId).toMatch(/^[0-9a-f-]{36}$/);
		expect((await firstValueFrom(queries.partner$('demo-provider')))?.name).toBe(
			'Contoso Distribution CEE'
		);
		expect(await firstValueFrom(queries.partner$('nobody'))).toBeUndefined();
	});
});

describe("the reseller's own row among resellers (subscriptions' Reseller (MPN ID))", () => {
	it('is active while one of its partnerships with a provider is active', async () => {
		ctx = await createResellerTestContext();
		const rows = await firstValueFrom(createReadModels(async () => ctx!.db).resellerRows$());
		expect(rows.map((r) => [r.reseller.id, r.status])).toEqual([['demo-reseller-own', 'active']]);
	});
});
