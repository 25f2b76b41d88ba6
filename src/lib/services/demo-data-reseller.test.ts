import { afterEach, describe, expect, it } from 'vitest';
import { validateCustomerDetails } from '$lib/domain/customer/rules';
import { customerSchema } from '$lib/domain/customer/schema';
import { countInvitationsByStatus, acceptancePortal } from '$lib/domain/invitation/rules';
import { invitationSchema } from '$lib/domain/invitation/schema';
import { validateOrganisationSettings } from '$lib/domain/organisation-settings/rules';
import { organisationSettingsSchema } from '$lib/domain/organisation-settings/schema';
import { partnerSchema } from '$lib/domain/partner/schema';
import { partnershipSchema } from '$lib/domain/partnership/schema';
import {
	checkResellerRelationshipRequest,
	resellerRelationshipLink,
	validateInvitationDraft
} from '$lib/domain/reseller-relationship/rules';
import { isOnResellerCustomersList } from '$lib/domain/reseller-relationship/removal';
import { subscriptionSchema } from '$lib/domain/subscription/schema';
import type { ServiceContext } from './context';
import {
	buildResellerDemoData,
	DEMO_RESELLER_ID,
	DEMO_RESELLER_PROVIDER_ID,
	loadResellerDemoData
} from './demo-data-reseller';
import { createTestContext } from './test-support';

const NOW = '2026-11-21T10:00:00.000Z';
const data = buildResellerDemoData({ userId: 'u', name: 'User', deviceId: 'd' }, NOW);
const own = data.partners[0];

describe('reseller demo data', () => {
	it('matches every document schema', () => {
		for (const p of data.partners) expect(partnerSchema.safeParse(p).success).toBe(true);
		for (const p of data.partnerships) expect(partnershipSchema.safeParse(p).success).toBe(true);
		for (const c of data.customers) expect(customerSchema.safeParse(c).success).toBe(true);
		for (const s of data.subscriptions) expect(subscriptionSchema.safeParse(s).success).toBe(true);
		for (const i of data.invitations) expect(invitationSchema.safeParse(i).success).toBe(true);
		expect(organisationSettingsSchema.safeParse(data.settings).success).toBe(true);
	});

	it('is an indirect reseller in Hungary with providers in every partnership state', () => {
		expect(own).toMatchObject({
			id: DEMO_RESELLER_ID,
			name: 'Budapest Cloud Partners Kft.',
			kind: 'indirect-reseller',
			isOwnOrganisation: true,
			country: 'HU'
		});
		expect(data.partners.filter((p) => p.isOwnOrganisation)).toHaveLength(1);
		const providers = data.partners.filter((p) => p.kind === 'indirect-provider');
		expect(providers.map((p) => p.name)).toContain('Contoso Distribution CEE');
		for (const provider of providers) expect(provider.publicProfile?.name).toBe(provider.name);
		expect(new Set(data.partnerships.map((p) => p.status))).toEqual(
			new Set(['active', 'requested', 'removed'])
		);
		for (const p of data.partnerships) expect(p.resellerId).toBe(own.id);
	});

	it('has customers on the list, known customers to invite and one outside Hungary', () => {
		const listed = data.customers.filter((c) => isOnResellerCustomersList(c, own.id));
		expect(listed.length).toBeGreaterThanOrEqual(5);
		expect(data.customers.some((c) => c.resellerRelationship === 'removed')).toBe(true);
		const foreign = data.customers.filter((c) => c.address.country !== 'HU');
		expect(foreign).toHaveLength(1);
		const check = checkResellerRelationshipRequest({
			customer: { ...foreign[0], country: foreign[0].address.country },
			partnerCountry: own.country,
			delegatedAdminPrivileges: true
		});
		expect(check.ok).toBe(false);
		for (const subscription of data.subscriptions) {
			const customer = data.customers.find((c) => c.id === subscription.customerId);
			expect(customer?.resellerRelationship).not.toBe('none');
		}
	});

	it('holds customers that pass the customer rules', () => {
		const prefixes = data.customers.map((c) => c.domainPrefix);
		expect(new Set(prefixes).size).toBe(prefixes.length);
		for (const customer of data.customers) {
			const result = validateCustomerDetails(
				{
					companyName: customer.companyName,
					domainPrefix: customer.domainPrefix,
					address: customer.address,
					contact: customer.contact,
					organisationRegistrationNumber: customer.organisationRegistrationNumber,
					cloud: customer.cloud
				},
				{ knownDomainPrefixes: [], partnerEmailDomains: ['budapestcloud.example'] }
			);
			expect(
				result.ok ? 'valid' : `${customer.companyName}: ${JSON.stringify(result.errors)}`
			).toBe('valid');
		}
	});

	it('has invitations in every state, 90 days deciding the expired one', () => {
		expect(countInvitationsByStatus(data.invitations, NOW)).toEqual({
			sent: 3,
			accepted: 1,
			expired: 1,
			withdrawn: 1
		});
		const kinds = new Set(data.invitations.map((i) => i.kind));
		expect(kinds).toEqual(new Set(['reseller-relationship', 'reseller-and-provider']));
		const portals = new Set(data.invitations.map((i) => acceptancePortal(i.cloud)));
		expect(portals).toEqual(
			new Set(['Microsoft 365 admin center', 'Microsoft Office admin portal'])
		);
		const accepted = data.invitations.find((i) => i.status === 'accepted');
		expect(accepted?.acceptedBy?.isGlobalAdmin).toBe(true);
		const customer = data.customers.find((c) => c.id === accepted?.customerId);
		expect(customer && isOnResellerCustomersList(customer, own.id)).toBe(true);
	});

	it('links every invitation in the format of its kind and keeps the link in the email', () => {
		for (const invitation of data.invitations) {
			if (invitation.kind === 'reseller-relationship') {
				expect(invitation.link).toBe(
					resellerRelationshipLink(data.settings.tenantId, invitation.delegatedAdminPrivileges)
				);
			} else {
				expect(invitation.link).toContain(`partnerId=${data.settings.tenantId}`);
				expect(invitation.link).toContain(
					`indirectCSPId=${data.settings.providerTenants[0].tenantId}`
				);
			}
			expect(validateInvitationDraft(invitation.emailDraft, invitation.link).ok).toBe(true);
		}
	});

	it('has valid organisation settings', () => {
		expect(validateOrganisationSettings(data.settings).ok).toBe(true);
		expect(data.settings.partnerId).toBe(own.id);
	});
});

describe('loadResellerDemoData', () => {
	let ctx: ServiceContext | undefined;
	afterEach(async () => {
		await ctx?.db.close();
		ctx = undefined;
	});

	it('stores everything, the own organisation and an activity entry', async () => {
		ctx = await createTestContext({ demo: false, now: NOW });
		await loadResellerDemoData(ctx);
		const ownDoc = await ctx.db.partners.findOne({ selector: { isOwnOrganisation: true } }).exec();
		expect(ownDoc?.kind).toBe('indirect-reseller');
		expect(await ctx.db.invitations.count().exec()).toBe(data.invitations.length);
		expect(await ctx.db.settings.count().exec()).toBe(1);
		expect(await ctx.db.customers.count().exec()).toBe(data.customers.length);
		const activity = await ctx.db.activity.find().exec();
		expect(activity.map((a) => a.action)).toEqual(['demo.loaded']);
	});

	it('leaves the settings out when asked to', async () => {
		ctx = await createTestContext({ demo: false, now: NOW });
		await loadResellerDemoData(ctx, { withSettings: false });
		expect(await ctx.db.settings.count().exec()).toBe(0);
		expect(await ctx.db.invitations.count().exec()).toBe(data.invitations.length);
	});

	it('uses the server’s copy of Contoso Distribution CEE when the relationship service made one', async () => {
		ctx = await createTestContext({ demo: false, now: NOW });
		const contoso = data.partners.find((p) => p.id === DEMO_RESELLER_PROVIDER_ID);
		if (!contoso) throw new Error('The demo has Contoso Distribution CEE');
		const copyId = 'rel-0123456789abcdef0123456789abcdef';
		await ctx.db.partners.insert({ ...contoso, id: copyId, publicProfile: undefined });
		await loadResellerDemoData(ctx);
		const contosos = await ctx.db.partners.find({ selector: { mpnId: contoso.mpnId } }).exec();
		expect(contosos.map((p) => p.id)).toEqual([copyId]);
		const providerIds = (await ctx.db.partnerships.find().exec()).map((p) => p.providerId);
		expect(providerIds).not.toContain(DEMO_RESELLER_PROVIDER_ID);
		expect(providerIds).toHaveLength(data.partnerships.length - 1);
		const withProvider = (await ctx.db.invitations.find().exec()).filter((i) => i.providerId);
		expect(withProvider.length).toBeGreaterThan(0);
		expect(new Set(withProvider.map((i) => i.providerId))).toEqual(new Set([copyId]));
		const settings = await ctx.db.settings.findOne().exec();
		expect(settings?.providerTenants.map((t) => t.providerId)).toEqual([copyId]);
	});
});
