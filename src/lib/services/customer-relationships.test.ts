import { afterEach, describe, expect, it } from 'vitest';
import { translateMessage, useLanguage } from '$lib/i18n';
import type { ServiceContext } from './context';
import { removeCustomerRelationshipById } from './customer-relationships';
import { createResellerTestContext } from './reseller-test-support';

const KOVACS = 'demo-reseller-customer-1';
const EGRI = 'demo-reseller-customer-6';

let ctx: ServiceContext | undefined;
afterEach(async () => {
	await ctx?.db.close();
	ctx = undefined;
	await useLanguage('en');
});

describe('removeCustomerRelationshipById', () => {
	it('removes the relationship, keeps the customer and its privileges, records the removal', async () => {
		ctx = await createResellerTestContext();
		const before = (await ctx.db.customers.findOne(KOVACS).exec())?.toMutableJSON();
		const after = await removeCustomerRelationshipById(ctx, KOVACS, {
			confirmed: true,
			attested: true
		});
		expect(after).toMatchObject({
			resellerRelationship: 'removed',
			resellerId: before?.resellerId,
			delegatedAdminPrivileges: before?.delegatedAdminPrivileges,
			providerRelationship: before?.providerRelationship,
			updatedBy: 'user-1'
		});
		expect((await ctx.db.customers.findOne(KOVACS).exec())?.resellerRelationship).toBe('removed');
		const entries = await ctx.db.activity.find({ selector: { documentId: KOVACS } }).exec();
		expect(entries.map((e) => e.action)).toEqual(['customer.relationship-removed']);
		expect(entries[0].summary).toBe(
			`Removed the customer relationship with ${before?.companyName} (attested; no notice sent, delegated admin privileges unchanged)`
		);
		await useLanguage('pl');
		expect(translateMessage(entries[0].summary)).toBe(
			`Usunięto relację z klientem ${before?.companyName} (z potwierdzeniem; nie wysłano powiadomienia, delegowane uprawnienia administratora bez zmian)`
		);
	});

	it('keeps delegated admin privileges that were never granted as they are', async () => {
		ctx = await createResellerTestContext();
		const after = await removeCustomerRelationshipById(ctx, EGRI, {
			confirmed: true,
			attested: true
		});
		expect(after.delegatedAdminPrivileges).toBe(false);
	});

	it('needs Yes and the attestation, and an active relationship', async () => {
		ctx = await createResellerTestContext();
		await expect(
			removeCustomerRelationshipById(ctx, KOVACS, { confirmed: true, attested: false })
		).rejects.toMatchObject({ code: 'customer-relationship/attestation-required' });
		await expect(
			removeCustomerRelationshipById(ctx, KOVACS, { confirmed: false, attested: true })
		).rejects.toMatchObject({ code: 'customer-relationship/confirmation-required' });
		await expect(
			removeCustomerRelationshipById(ctx, 'demo-reseller-customer-11', {
				confirmed: true,
				attested: true
			})
		).rejects.toMatchObject({ code: 'customer-relationship/already-removed' });
		expect((await ctx.db.customers.findOne(KOVACS).exec())?.resellerRelationship).toBe('active');
		expect(await ctx.db.activity.count({ selector: { documentId: KOVACS } }).exec()).toBe(0);
	});
});
