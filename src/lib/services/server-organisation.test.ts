import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from './context';
import { DEMO_PROVIDER_ID } from './demo-data';
import { DEMO_RESELLER_ID } from './demo-data-reseller';
import { setUpServerOrganisation, type ServerOrganisationSetup } from './server-organisation';
import { createTestContext } from './test-support';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

const setup = (overrides: Partial<ServerOrganisationSetup> = {}): ServerOrganisationSetup => ({
	org: 'contoso',
	withSettings: true,
	readRecord: async () => ({ name: 'Contoso Kft.', kind: 'indirect-reseller' }),
	country: 'HU',
	...overrides
});

const own = async () =>
	(await ctx.db.partners.findOne({ selector: { isOwnOrganisation: true } }).exec())?.toJSON();

describe('setUpServerOrganisation', () => {
	it('writes the organisation the server describes, with an activity entry', async () => {
		ctx = await createTestContext({ demo: false });
		await setUpServerOrganisation(ctx, setup());
		expect(await own()).toMatchObject({
			id: 'org-contoso',
			name: 'Contoso Kft.',
			nameLower: 'contoso kft.',
			kind: 'indirect-reseller',
			country: 'HU',
			createdBy: 'user-1'
		});
		const activity = await ctx.db.activity.find().exec();
		expect(activity.map((entry) => entry.summary)).toEqual(['Set up Contoso Kft. from the server']);
	});

	it("takes the country/region of the server's record before the device's guess", async () => {
		ctx = await createTestContext({ demo: false });
		await setUpServerOrganisation(
			ctx,
			setup({
				readRecord: async () => ({ name: 'Wisła IT', kind: 'indirect-reseller', country: 'PL' }),
				country: 'US'
			})
		);
		expect(await own()).toMatchObject({ id: 'org-contoso', country: 'PL' });
	});

	it('leaves an organisation that is already set up, and one the server does not describe', async () => {
		ctx = await createTestContext();
		let read = 0;
		await setUpServerOrganisation(
			ctx,
			setup({
				readRecord: async () => {
					read++;
					return null;
				}
			})
		);
		expect((await own())?.id).toBe(DEMO_PROVIDER_ID);
		expect(read).toBe(0);
		await ctx.db.close();

		ctx = await createTestContext({ demo: false });
		await setUpServerOrganisation(ctx, setup({ readRecord: async () => null }));
		expect(await own()).toBeUndefined();
	});

	it('gives the demo organisations their demo data', async () => {
		ctx = await createTestContext({ demo: false });
		await setUpServerOrganisation(ctx, setup({ org: 'demo' }));
		expect((await own())?.id).toBe(DEMO_PROVIDER_ID);
		await ctx.db.close();

		ctx = await createTestContext({ demo: false });
		await setUpServerOrganisation(ctx, setup({ org: 'demo-reseller', withSettings: false }));
		expect((await own())?.id).toBe(DEMO_RESELLER_ID);
		expect(await ctx.db.settings.count().exec()).toBe(0);
	});
});
