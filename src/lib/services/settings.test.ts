import { afterEach, describe, expect, it } from 'vitest';
import { translateMessage, useLanguage } from '$lib/i18n';
import { DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE } from '$lib/domain/organisation-settings/rules';
import type { ServiceContext } from './context';
import { DEMO_RESELLER_ID } from './demo-data-reseller';
import { createResellerTestContext } from './reseller-test-support';
import { organisationSettings, saveOrganisationSettings, SETTINGS_ID } from './settings';

const TENANT = '0B6C3F1E-7D2A-4B8E-9F10-2A3B4C5D6E7F';

let ctx: ServiceContext | undefined;
afterEach(async () => {
	await ctx?.db.close();
	ctx = undefined;
	await useLanguage('en');
});

describe('saveOrganisationSettings', () => {
	it('creates the settings with an activity entry', async () => {
		ctx = await createResellerTestContext({ withSettings: false });
		expect(await organisationSettings(ctx.db)).toBeUndefined();
		const result = await saveOrganisationSettings(ctx, {
			tenantId: ` {${TENANT}} `,
			newCustomerInvitationTemplate: '',
			providerTenants: []
		});
		expect(result.ok).toBe(true);
		const stored = await organisationSettings(ctx.db);
		expect(stored).toMatchObject({
			id: SETTINGS_ID,
			partnerId: DEMO_RESELLER_ID,
			tenantId: TENANT.toLowerCase(),
			createdBy: 'user-1'
		});
		const entries = await ctx.db.activity.find({ selector: { recordType: 'settings' } }).exec();
		expect(entries.map((e) => e.action)).toEqual(['settings.changed']);
		expect(entries[0].changes.map((c) => c.field)).toContain('tenantId');
		expect(entries[0].summary).toBe(
			'Changed the organisation settings of Budapest Cloud Partners Kft.'
		);
		await useLanguage('ru');
		expect(translateMessage(entries[0].summary)).toBe(
			'Изменены параметры организации Budapest Cloud Partners Kft.'
		);
	});

	it('changes the stored settings and names the changed fields only', async () => {
		ctx = await createResellerTestContext();
		const before = await organisationSettings(ctx.db);
		if (!before) throw new Error('no settings');
		await saveOrganisationSettings(ctx, {
			tenantId: before.tenantId,
			newCustomerInvitationTemplate: DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE.replace(
				'msppId={resellerMpnId}',
				'msppId=0'
			),
			providerTenants: before.providerTenants
		});
		const entries = await ctx.db.activity.find({ selector: { recordType: 'settings' } }).exec();
		expect(entries[0].changes.map((c) => c.field)).toEqual(['newCustomerInvitationTemplate']);
	});

	it('writes nothing when nothing changed', async () => {
		ctx = await createResellerTestContext();
		const before = await organisationSettings(ctx.db);
		if (!before) throw new Error('no settings');
		const result = await saveOrganisationSettings(ctx, before);
		expect(result.ok).toBe(true);
		expect(await ctx.db.activity.count({ selector: { recordType: 'settings' } }).exec()).toBe(0);
	});

	it('refuses a bad tenant ID or template and stores nothing', async () => {
		ctx = await createResellerTestContext({ withSettings: false });
		const result = await saveOrganisationSettings(ctx, {
			tenantId: 'not-a-guid',
			newCustomerInvitationTemplate: 'https://example.com/{nope}',
			providerTenants: []
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual([
			'newCustomerInvitationTemplate',
			'tenantId'
		]);
		expect(await organisationSettings(ctx.db)).toBeUndefined();
	});
});
