import { afterEach, describe, expect, it } from 'vitest';
import {
	draftNewCustomerInvitationEmail,
	draftResellerRelationshipEmail,
	resellerRelationshipLink
} from '$lib/domain/reseller-relationship/rules';
import type { ServiceContext } from './context';
import { DEMO_RESELLER_ID, DEMO_RESELLER_PROVIDER_ID } from './demo-data-reseller';
import {
	acceptanceSummary,
	inviteNewCustomer,
	recordInvitationAcceptance,
	requestResellerRelationship,
	withdrawInvitationById,
	type NewCustomerInvitation,
	type ResellerRelationshipRequest
} from './invitations';
import { createResellerTestContext } from './reseller-test-support';
import { organisationSettings } from './settings';
import { buildProvider, createContextWith } from './test-factories';

const NOW = '2026-11-21T10:00:00.000Z';
const SOPRONI = 'demo-reseller-customer-7';
const VESZPREMI = 'demo-reseller-customer-8';
const KOVACS = 'demo-reseller-customer-1';
const WIENER = 'demo-reseller-customer-12';

let ctx: ServiceContext | undefined;
afterEach(async () => {
	await ctx?.db.close();
	ctx = undefined;
});

async function tenantId(c: ServiceContext): Promise<string> {
	return (await organisationSettings(c.db))?.tenantId ?? '';
}

async function requestFor(
	c: ServiceContext,
	overrides: Partial<ResellerRelationshipRequest> = {}
): Promise<ResellerRelationshipRequest> {
	const dap = overrides.delegatedAdminPrivileges ?? true;
	const link = resellerRelationshipLink(await tenantId(c), dap);
	const companyName = overrides.companyName ?? 'Soproni Textil Zrt.';
	return {
		customerId: SOPRONI,
		companyName,
		contactName: 'Márta Farkas',
		email: 'marta@sopronitextil.example',
		country: 'HU',
		cloud: 'public',
		delegatedAdminPrivileges: dap,
		emailDraft: draftResellerRelationshipEmail({
			resellerName: 'Budapest Cloud Partners Kft.',
			customerName: companyName,
			contactName: 'Márta Farkas',
			link,
			delegatedAdminPrivileges: dap,
			cloud: overrides.cloud ?? 'public'
		}).body,
		...overrides
	};
}

describe('requestResellerRelationship', () => {
	it('stores a sent invitation with the Partner Center link and an activity entry', async () => {
		ctx = await createResellerTestContext();
		const result = await requestResellerRelationship(ctx, await requestFor(ctx));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toMatchObject({
			kind: 'reseller-relationship',
			resellerId: DEMO_RESELLER_ID,
			providerId: '',
			customerId: SOPRONI,
			status: 'sent',
			sentAt: NOW,
			sentBy: 'user-1',
			delegatedAdminPrivileges: true,
			link: `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${await tenantId(ctx)}&msppId=0&DAP=true#/BillingAccounts/partner-invitation`
		});
		const stored = await ctx.db.invitations.findOne(result.value.id).exec();
		expect(stored?.status).toBe('sent');
		const entries = await ctx.db.activity
			.find({ selector: { documentId: result.value.id } })
			.exec();
		expect(entries.map((e) => [e.action, e.recordType, e.summary])).toEqual([
			[
				'invitation.sent',
				'invitations',
				'Requested a reseller relationship with Soproni Textil Zrt. (with delegated admin privileges)'
			]
		]);
	});

	it('asks without delegated admin privileges when they are cleared', async () => {
		ctx = await createResellerTestContext();
		const result = await requestResellerRelationship(
			ctx,
			await requestFor(ctx, { delegatedAdminPrivileges: false })
		);
		expect(result.ok && result.value.link).toContain('DAP=false');
		if (!result.ok) return;
		const entries = await ctx.db.activity
			.find({ selector: { documentId: result.value.id } })
			.exec();
		expect(entries.map((e) => e.summary)).toEqual([
			'Requested a reseller relationship with Soproni Textil Zrt.'
		]);
	});

	it('refuses a customer outside the reseller country/region', async () => {
		ctx = await createResellerTestContext();
		const result = await requestResellerRelationship(
			ctx,
			await requestFor(ctx, { customerId: WIENER, companyName: 'Wiener Kaffeehaus GmbH' })
		);
		expect(result).toEqual({
			ok: false,
			errors: {
				country:
					'You can request a reseller relationship only with customers in your own country/region (Hungary). Wiener Kaffeehaus GmbH is in Austria.'
			}
		});
		expect(await ctx.db.invitations.count({ selector: { customerId: WIENER } }).exec()).toBe(0);
	});

	it('uses the country/region of a customer on this device, not the one typed', async () => {
		ctx = await createResellerTestContext();
		const result = await requestResellerRelationship(
			ctx,
			await requestFor(ctx, { customerId: WIENER, companyName: 'Wiener', country: 'HU' })
		);
		expect(result.ok).toBe(false);
	});

	it('refuses to leave out delegated admin privileges in US Government', async () => {
		ctx = await createResellerTestContext();
		const result = await requestResellerRelationship(
			ctx,
			await requestFor(ctx, {
				customerId: '',
				companyName: 'Honvéd Szolgáltató Kft.',
				cloud: 'us-government',
				delegatedAdminPrivileges: false
			})
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.delegatedAdminPrivileges).toMatch(/US Government/);
	});

	it('refuses while an invitation is open or the relationship is active', async () => {
		ctx = await createResellerTestContext();
		const open = await requestResellerRelationship(
			ctx,
			await requestFor(ctx, { customerId: VESZPREMI, companyName: 'Veszprémi Üveg Kft.' })
		);
		expect(open.ok).toBe(false);
		if (!open.ok) expect(open.errors.customerId).toMatch(/still open until/);
		const active = await requestResellerRelationship(
			ctx,
			await requestFor(ctx, { customerId: KOVACS, companyName: 'Kovács és Társa Kft.' })
		);
		expect(active.ok).toBe(false);
		if (!active.ok) expect(active.errors.customerId).toMatch(/already has an active/);
	});

	it('refuses a draft without the link, and a missing tenant ID', async () => {
		ctx = await createResellerTestContext();
		const noLink = await requestResellerRelationship(
			ctx,
			await requestFor(ctx, { emailDraft: 'Hello, please accept.' })
		);
		expect(noLink.ok).toBe(false);
		if (!noLink.ok) expect(noLink.errors.emailDraft).toMatch(/Keep the personalised link/);
		await ctx.db.close();

		ctx = await createResellerTestContext({ withSettings: false });
		const noTenant = await requestResellerRelationship(ctx, {
			customerId: SOPRONI,
			companyName: 'Soproni Textil Zrt.',
			contactName: '',
			email: 'marta@sopronitextil.example',
			country: 'HU',
			cloud: 'public',
			delegatedAdminPrivileges: true,
			emailDraft: 'x'
		});
		expect(noTenant.ok).toBe(false);
		if (!noTenant.ok) expect(noTenant.errors.tenantId).toMatch(/tenant ID/);
	});

	it('is for indirect resellers only', async () => {
		ctx = await createContextWith({ partners: [buildProvider()] }, { now: NOW });
		await expect(
			requestResellerRelationship(ctx, {
				customerId: '',
				companyName: 'X Kft.',
				contactName: '',
				email: 'x@x.example',
				country: 'HU',
				cloud: 'public',
				delegatedAdminPrivileges: true,
				emailDraft: 'x'
			})
		).rejects.toMatchObject({ code: 'invitation/not-a-reseller' });
	});
});

async function newCustomerInput(
	c: ServiceContext,
	overrides: Partial<NewCustomerInvitation> = {}
): Promise<NewCustomerInvitation> {
	const settings = await organisationSettings(c.db);
	const link = `https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId=${settings?.tenantId}&msppId=6123450&indirectCSPId=${settings?.providerTenants[0].tenantId}&DAP=true#/BillingAccounts/partner-invitation`;
	return {
		providerId: DEMO_RESELLER_PROVIDER_ID,
		companyName: 'Zalai Fatelep Kft.',
		contactName: 'Ferenc Molnár',
		email: 'ferenc@zalaifatelep.example',
		country: 'HU',
		cloud: 'public',
		delegatedAdminPrivileges: true,
		emailDraft: draftNewCustomerInvitationEmail({
			resellerName: 'Budapest Cloud Partners Kft.',
			providerName: 'Contoso Distribution CEE',
			customerName: 'Zalai Fatelep Kft.',
			contactName: 'Ferenc Molnár',
			link,
			delegatedAdminPrivileges: true,
			cloud: 'public'
		}).body,
		...overrides
	};
}

describe('inviteNewCustomer', () => {
	it('stores one invitation for the reseller and the provider, its link from the template', async () => {
		ctx = await createResellerTestContext();
		const result = await inviteNewCustomer(ctx, await newCustomerInput(ctx));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toMatchObject({
			kind: 'reseller-and-provider',
			providerId: DEMO_RESELLER_PROVIDER_ID,
			customerId: '',
			status: 'sent'
		});
		expect(result.value.link).toContain('invType=IndirectResellerRelationship');
		expect(result.value.link).toContain('msppId=6123450');
		const entries = await ctx.db.activity
			.find({ selector: { documentId: result.value.id } })
			.exec();
		expect(entries.map((e) => e.action)).toEqual(['invitation.sent']);
		expect(entries[0].summary).toMatch(/^Invited .+ to a relationship with .+ and .+$/);
	});

	it('refuses a provider whose partnership is not active', async () => {
		ctx = await createResellerTestContext();
		const result = await inviteNewCustomer(
			ctx,
			await newCustomerInput(ctx, { providerId: 'demo-provider-northwind' })
		);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.providerId).toMatch(/only while your partnership/);
	});

	it('refuses a customer in another country/region', async () => {
		ctx = await createResellerTestContext();
		const result = await inviteNewCustomer(ctx, await newCustomerInput(ctx, { country: 'SK' }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.country).toMatch(/Slovakia/);
	});

	it('says which setting is missing', async () => {
		ctx = await createResellerTestContext({ withSettings: false });
		const result = await inviteNewCustomer(ctx, await newCustomerInput(ctx));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors.newCustomerInvitationTemplate).toMatch(/link template/);
		}
	});
});

const globalAdmin = { name: 'Márta Farkas', email: '', isGlobalAdmin: true };

describe('recordInvitationAcceptance', () => {
	it('makes a customer on this device active on the Customers list', async () => {
		ctx = await createResellerTestContext();
		const result = await recordInvitationAcceptance(ctx, 'demo-invitation-sent', {
			acceptedBy: globalAdmin,
			acceptedAt: NOW,
			mcaAccepted: true,
			domainPrefix: ''
		});
		expect(result.ok).toBe(true);
		const customer = await ctx.db.customers.findOne(VESZPREMI).exec();
		expect(customer).toMatchObject({
			resellerId: DEMO_RESELLER_ID,
			resellerRelationship: 'active',
			delegatedAdminPrivileges: true,
			customerAgreementAccepted: true,
			updatedBy: 'user-1'
		});
		const invitation = await ctx.db.invitations.findOne('demo-invitation-sent').exec();
		expect(invitation).toMatchObject({
			status: 'accepted',
			acceptedBy: globalAdmin,
			mcaAccepted: true,
			acceptedRecordedBy: 'user-1'
		});
		const entries = (await ctx.db.activity.find().exec()).map((a) => [a.action, a.summary]);
		expect(entries).toEqual(
			expect.arrayContaining([
				[
					'invitation.accepted',
					expect.stringMatching(
						/ accepted the reseller relationship \(Global admin Márta Farkas, Microsoft Customer Agreement accepted\)$/
					)
				],
				['customer.updated', expect.stringMatching(/ accepted the reseller relationship$/)]
			])
		);
	});

	it('adds a new customer with the tenant domain, linked to the invitation', async () => {
		ctx = await createResellerTestContext();
		const result = await recordInvitationAcceptance(ctx, 'demo-invitation-new-customer', {
			acceptedBy: { name: 'Réka Fehér', email: '', isGlobalAdmin: true },
			acceptedAt: NOW,
			mcaAccepted: true,
			domainPrefix: 'tataitejuzem'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.customer).toMatchObject({
			companyName: 'Tatai Tejüzem Kft.',
			resellerRelationship: 'active',
			providerRelationship: 'active'
		});
		expect(result.value.invitation.customerId).toBe(result.value.customer.id);
		expect(await ctx.db.customers.findOne(result.value.customer.id).exec()).not.toBeNull();
	});

	it('refuses a taken domain prefix and changes nothing', async () => {
		ctx = await createResellerTestContext();
		const result = await recordInvitationAcceptance(ctx, 'demo-invitation-new-customer', {
			acceptedBy: { name: 'Réka Fehér', email: '', isGlobalAdmin: true },
			acceptedAt: NOW,
			mcaAccepted: true,
			domainPrefix: 'kovacsestarsa'
		});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.domainPrefix).toMatch(/already taken/);
		const invitation = await ctx.db.invitations.findOne('demo-invitation-new-customer').exec();
		expect(invitation?.status).toBe('sent');
	});

	it("refuses anyone but the customer's Global admin, and an expired invitation", async () => {
		ctx = await createResellerTestContext();
		await expect(
			recordInvitationAcceptance(ctx, 'demo-invitation-sent', {
				acceptedBy: { ...globalAdmin, isGlobalAdmin: false },
				acceptedAt: NOW,
				mcaAccepted: true,
				domainPrefix: ''
			})
		).rejects.toMatchObject({ code: 'invitation/not-global-admin' });
		await expect(
			recordInvitationAcceptance(ctx, 'demo-invitation-expired', {
				acceptedBy: globalAdmin,
				acceptedAt: NOW,
				mcaAccepted: true,
				domainPrefix: ''
			})
		).rejects.toMatchObject({ code: 'invitation/expired' });
		await expect(
			recordInvitationAcceptance(ctx, 'demo-invitation-sent', {
				acceptedBy: globalAdmin,
				acceptedAt: NOW,
				mcaAccepted: false,
				domainPrefix: ''
			})
		).rejects.toMatchObject({ code: 'invitation/customer-agreement-required' });
		const customer = await ctx.db.customers.findOne(VESZPREMI).exec();
		expect(customer?.resellerRelationship).toBe('none');
	});
});

describe('acceptanceSummary', () => {
	const accepted = {
		companyName: 'Tatai Tejüzem Kft.',
		acceptedBy: { name: 'Réka Fehér', email: '', isGlobalAdmin: true }
	};

	it('says what was accepted, by whom, and whether the agreement was accepted with it', () => {
		expect(
			acceptanceSummary({ ...accepted, kind: 'reseller-relationship', mcaAccepted: true })
		).toBe(
			'Tatai Tejüzem Kft. accepted the reseller relationship (Global admin Réka Fehér, Microsoft Customer Agreement accepted)'
		);
		expect(
			acceptanceSummary({ ...accepted, kind: 'reseller-relationship', mcaAccepted: false })
		).toBe('Tatai Tejüzem Kft. accepted the reseller relationship (Global admin Réka Fehér)');
		expect(
			acceptanceSummary({ ...accepted, kind: 'reseller-and-provider', mcaAccepted: true })
		).toBe(
			'Tatai Tejüzem Kft. accepted the invitation (Global admin Réka Fehér, Microsoft Customer Agreement accepted)'
		);
		expect(
			acceptanceSummary({ ...accepted, kind: 'reseller-and-provider', mcaAccepted: false })
		).toBe('Tatai Tejüzem Kft. accepted the invitation (Global admin Réka Fehér)');
	});
});

describe('withdrawInvitationById', () => {
	it('withdraws an open invitation with an activity entry', async () => {
		ctx = await createResellerTestContext();
		const withdrawn = await withdrawInvitationById(ctx, 'demo-invitation-sent');
		expect(withdrawn).toMatchObject({
			status: 'withdrawn',
			withdrawnBy: 'user-1',
			withdrawnAt: NOW
		});
		const entries = await ctx.db.activity
			.find({ selector: { documentId: 'demo-invitation-sent' } })
			.exec();
		expect(entries.map((e) => e.action)).toEqual(['invitation.withdrawn']);
		expect(entries[0].summary).toMatch(/^Withdrew the invitation to /);
	});

	it('refuses an accepted or expired invitation', async () => {
		ctx = await createResellerTestContext();
		await expect(withdrawInvitationById(ctx, 'demo-invitation-accepted')).rejects.toMatchObject({
			code: 'invitation/already-accepted'
		});
		await expect(withdrawInvitationById(ctx, 'demo-invitation-expired')).rejects.toMatchObject({
			code: 'invitation/expired'
		});
	});
});
