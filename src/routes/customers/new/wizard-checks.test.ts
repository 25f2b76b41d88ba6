import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '$lib/services/context';
import {
	buildCustomer,
	buildPartnership,
	buildProvider,
	buildReseller,
	createContextWith
} from '$lib/services/test-factories';
import { checkDetailsStep, checkSubscriptionsStep } from './wizard-checks';
import { emptyDraft, type WizardDraft } from './wizard-draft';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

const active = buildReseller({ id: 'reseller-active' });
const removed = buildReseller({ id: 'reseller-removed' });

/** The own organisation, a reseller of each partnership state, a customer on `kovacsestarsakft1`. */
async function givenOrganisation() {
	ctx = await createContextWith({
		partners: [buildProvider(), active, removed],
		partnerships: [
			buildPartnership({ resellerId: active.id, status: 'active' }),
			buildPartnership({ resellerId: removed.id, status: 'removed' })
		],
		customers: [buildCustomer({ domainPrefix: 'kovacsestarsakft1', resellerId: active.id })]
	});
}

function filledDraft(resellerId = active.id): WizardDraft {
	const draft = emptyDraft(resellerId, '/resellers');
	draft.details = {
		companyName: 'Duna Pékség Kft.',
		domainPrefix: 'dunapekseg',
		address: {
			line1: 'Fő utca 12.',
			line2: '',
			city: 'Budapest',
			state: '',
			postalCode: '1051',
			country: 'HU'
		},
		contact: {
			firstName: 'Júlia',
			lastName: 'Fekete',
			email: 'julia@dunapekseg.hu',
			phone: '+36 1 555 0199'
		},
		organisationRegistrationNumber: '01-09-999999',
		cloud: 'public'
	};
	draft.lines = [{ offerId: 'microsoft-365-business-basic', quantity: '10' }];
	return draft;
}

describe('checkDetailsStep', () => {
	it('passes complete details for a reseller with an active partnership', async () => {
		await givenOrganisation();
		expect(await checkDetailsStep(ctx, filledDraft())).toEqual({});
	});

	it('refuses a domain prefix already in use and a reseller without an active partnership', async () => {
		await givenOrganisation();
		const draft = filledDraft(removed.id);
		draft.details.domainPrefix = 'KovacsEsTarsaKft1';
		const errors = await checkDetailsStep(ctx, draft);
		expect(errors.domainPrefix).toContain('already taken');
		expect(errors.resellerId).toContain('only while the partnership is active');
	});
});

describe('checkSubscriptionsStep', () => {
	it('asks for at least one offer and a valid number of licences', async () => {
		await givenOrganisation();
		expect(await checkSubscriptionsStep(ctx, { ...filledDraft(), lines: [] })).toEqual({
			subscriptions: 'Choose at least one offer for the new customer.'
		});
		const zero = {
			...filledDraft(),
			lines: [{ offerId: 'microsoft-365-business-basic', quantity: '0' }]
		};
		expect(await checkSubscriptionsStep(ctx, zero)).toEqual({
			'subscriptions.0.quantity': 'Microsoft 365 Business Basic can have from 1 to 300 licences.'
		});
	});

	it('passes the lines of a direct customer, supported by the provider itself', async () => {
		await givenOrganisation();
		expect(await checkSubscriptionsStep(ctx, filledDraft(''))).toEqual({});
	});
});
