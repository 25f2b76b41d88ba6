import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerDetailsInput } from '$lib/domain/customer/rules';
import type { ServiceContext } from './context';
import { createCustomer, customerDetails, updateCustomerDetails } from './customers';
import {
	buildCustomer,
	buildPartnership,
	buildProvider,
	buildReseller,
	createContextWith
} from './test-factories';

let ctx: ServiceContext;
afterEach(async () => {
	await ctx?.db.close();
});

const activeReseller = buildReseller({ id: 'reseller-active' });
const requestedReseller = buildReseller({ id: 'reseller-requested' });
const CUSTOMER_ID = 'customer-kovacs';

/** The own organisation, a reseller with an active and one with a requested partnership, and one
 * customer of the active reseller. */
async function givenOrganisation() {
	ctx = await createContextWith({
		partners: [buildProvider(), activeReseller, requestedReseller],
		partnerships: [
			buildPartnership({ resellerId: activeReseller.id, status: 'active' }),
			buildPartnership({ resellerId: requestedReseller.id, status: 'requested' })
		],
		customers: [
			buildCustomer({
				id: CUSTOMER_ID,
				companyName: 'Kovács és Társa Kft.',
				resellerId: activeReseller.id
			})
		]
	});
}

const details = (overrides: Partial<CustomerDetailsInput> = {}): CustomerDetailsInput => ({
	companyName: 'Fabrikam Hungary Kft.',
	domainPrefix: 'fabrikamhu',
	address: {
		line1: 'Andrássy út 10',
		line2: '',
		city: 'Budapest',
		state: '',
		postalCode: '1061',
		country: 'HU'
	},
	contact: {
		firstName: 'Réka',
		lastName: 'Molnár',
		email: 'reka@fabrikam.hu',
		phone: '+36 1 555 1234'
	},
	organisationRegistrationNumber: '01-09-999999',
	cloud: 'public',
	...overrides
});

describe('createCustomer', () => {
	it('stores the customer with its subscriptions and never the password', async () => {
		await givenOrganisation();
		const result = await createCustomer(ctx, {
			details: details(),
			customerAgreementAccepted: true,
			resellerId: activeReseller.id,
			subscriptions: [{ offerId: 'microsoft-365-business-basic', quantity: '10' }]
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const { customer, temporaryPassword } = result.value;
		expect(customer.adminUserName).toBe('admin@fabrikamhu.onmicrosoft.com');
		expect(customer.resellerId).toBe(activeReseller.id);
		const subs = await ctx.db.subscriptions.find({ selector: { customerId: customer.id } }).exec();
		expect(subs.map((s) => [s.offerId, s.quantity, s.resellerId, s.supportContactId])).toEqual([
			['microsoft-365-business-basic', 10, activeReseller.id, activeReseller.id]
		]);
		const collections = [
			ctx.db.partners,
			ctx.db.partnerships,
			ctx.db.customers,
			ctx.db.subscriptions,
			ctx.db.activity
		];
		const dump = JSON.stringify(
			await Promise.all(
				collections.map(async (c) => (await c.find().exec()).map((d) => d.toJSON()))
			)
		);
		expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
		expect(dump).not.toContain(temporaryPassword);
	});

	it('stores nothing when a rule is broken', async () => {
		await givenOrganisation();
		const before = await ctx.db.customers.count().exec();
		const existing = await ctx.db.customers.findOne(CUSTOMER_ID).exec(true);
		const result = await createCustomer(ctx, {
			details: details({ domainPrefix: existing.domainPrefix.toUpperCase() }),
			customerAgreementAccepted: true,
			resellerId: requestedReseller.id,
			subscriptions: [{ offerId: 'microsoft-365-business-basic', quantity: '0' }]
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.domainPrefix).toBeTruthy();
		expect(result.errors.resellerId).toMatch(/active/);
		expect(result.errors['subscriptions.0.quantity']).toBeTruthy();
		expect(await ctx.db.customers.count().exec()).toBe(before);
	});

	it('refuses a customer without any offer', async () => {
		await givenOrganisation();
		const result = await createCustomer(ctx, {
			details: details(),
			customerAgreementAccepted: false,
			resellerId: '',
			subscriptions: []
		});
		expect(result.ok).toBe(false);
	});
});

describe('updateCustomerDetails', () => {
	it('records the changed fields in the activity log and keeps the domain', async () => {
		await givenOrganisation();
		const customer = await ctx.db.customers.findOne(CUSTOMER_ID).exec(true);
		const input = {
			companyName: customer.companyName,
			domainPrefix: 'something-else',
			address: customer.address,
			contact: { ...customer.contact, phone: '+36 1 555 9999' },
			organisationRegistrationNumber: customer.organisationRegistrationNumber,
			cloud: customer.cloud
		};
		const result = await updateCustomerDetails(ctx, CUSTOMER_ID, input);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.domainPrefix).toBe(customer.domainPrefix);
		expect(result.value.contact.phone).toBe('+36 1 555 9999');
		const log = await ctx.db.activity.find({ selector: { documentId: CUSTOMER_ID } }).exec();
		expect(log[0].changes.map((c) => c.field)).toEqual(['contact']);
	});
});

describe('updateCustomerDetails while other changes arrive', () => {
	const phoneEdit = async () => {
		const customer = await ctx.db.customers.findOne(CUSTOMER_ID).exec(true);
		const shown = customerDetails(customer.toMutableJSON());
		return { shown, typed: { ...shown, contact: { ...shown.contact, phone: '+36 1 555 9999' } } };
	};
	/** Another device's change, as replication stores it. */
	const otherDeviceChange = async () => {
		const doc = await ctx.db.customers.findOne(CUSTOMER_ID).exec(true);
		await doc.incrementalPatch({
			contact: { ...doc.contact, email: 'pulled@mail.example' },
			address: { ...doc.address, city: 'Győr' }
		});
	};
	const expectBothChanges = async () => {
		const stored = await ctx.db.customers.findOne(CUSTOMER_ID).exec(true);
		expect(stored.contact.phone).toBe('+36 1 555 9999');
		expect(stored.contact.email).toBe('pulled@mail.example');
		expect(stored.address.city).toBe('Győr');
	};

	it('a form opened before another change keeps that change (only what was typed is saved)', async () => {
		await givenOrganisation();
		const { shown, typed } = await phoneEdit();
		await otherDeviceChange();
		const result = await updateCustomerDetails(ctx, CUSTOMER_ID, typed, shown);
		expect(result.ok).toBe(true);
		await expectBothChanges();
		const log = await ctx.db.activity.find({ selector: { documentId: CUSTOMER_ID } }).exec();
		expect(log[0].changes).toEqual([
			{ field: 'contact', from: expect.any(String), to: expect.stringContaining('+36 1 555 9999') }
		]);
	});

	it('a change stored while the edit is being checked stays', async () => {
		await givenOrganisation();
		const { shown, typed } = await phoneEdit();
		// The check reads every customer (known domains): the other change lands then.
		const customers = ctx.db.customers;
		const find = customers.find.bind(customers);
		let landed = false;
		customers.find = ((...args: Parameters<typeof find>) => {
			const query = find(...args);
			if (landed) return query;
			landed = true;
			const exec = query.exec.bind(query);
			query.exec = (async () => {
				await otherDeviceChange();
				return exec();
			}) as typeof query.exec;
			return query;
		}) as typeof customers.find;
		const result = await updateCustomerDetails(ctx, CUSTOMER_ID, typed, shown);
		expect(landed).toBe(true);
		expect(result.ok).toBe(true);
		await expectBothChanges();
	});
});

describe('createCustomer when the device refuses a write', () => {
	it('leaves no half-created customer behind', async () => {
		await givenOrganisation();
		const before = await ctx.db.customers.count().exec();
		const original = ctx.db.subscriptions.bulkInsert.bind(ctx.db.subscriptions);
		ctx.db.subscriptions.bulkInsert = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		await expect(
			createCustomer(ctx, {
				details: details(),
				customerAgreementAccepted: true,
				resellerId: '',
				subscriptions: [{ offerId: 'microsoft-365-business-basic', quantity: '3' }]
			})
		).rejects.toThrow(/quota/);
		ctx.db.subscriptions.bulkInsert = original;
		expect(await ctx.db.customers.count().exec()).toBe(before);
		const retry = await createCustomer(ctx, {
			details: details(),
			customerAgreementAccepted: true,
			resellerId: '',
			subscriptions: [{ offerId: 'microsoft-365-business-basic', quantity: '3' }]
		});
		expect(retry.ok).toBe(true);
	});
});
