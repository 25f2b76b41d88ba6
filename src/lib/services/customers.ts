import type { Customer } from '$lib/domain/customer/schema';
import {
	adminUserName,
	validateCustomerDetails,
	type CustomerDetailsInput
} from '$lib/domain/customer/rules';
import { generateTemporaryPassword } from '$lib/domain/customer/password';
import { canAddCustomerForReseller } from '$lib/domain/partnership/rules';
import { applyChanges } from '$lib/domain/shared/merge';
import { invalid, valid, type FieldErrors, type Validation } from '$lib/domain/shared/result';
import { createdMeta, diffFields, recordActivity, saveChanges, updatedMeta } from './changes';
import { ownOrganisation, type ServiceContext } from './context';
import {
	insertSubscriptions,
	validateSubscriptionLines,
	type SubscriptionLine
} from './subscriptions';

export interface NewCustomerInput {
	details: CustomerDetailsInput;
	customerAgreementAccepted: boolean;
	resellerId: string;
	subscriptions: SubscriptionLine[];
}

export interface NewCustomerResult {
	customer: Customer;
	/** Shown once on the confirmation page; never stored. */
	temporaryPassword: string;
}

/** Everything the details step checks, with the known domains and the partner's own domains. */
export async function checkCustomerDetails(
	ctx: ServiceContext,
	details: CustomerDetailsInput,
	exceptCustomerId?: string
) {
	const [customers, partners] = await Promise.all([
		ctx.db.customers.find().exec(),
		ctx.db.partners.find().exec()
	]);
	const knownDomainPrefixes = customers
		.filter((c) => c.id !== exceptCustomerId)
		.map((c) => c.domainPrefix);
	const partnerEmailDomains = [
		...new Set(
			partners
				.map((p) => p.email.split('@')[1]?.toLowerCase())
				.filter((domain): domain is string => !!domain)
		)
	];
	return validateCustomerDetails(details, { knownDomainPrefixes, partnerEmailDomains });
}

export async function checkResellerForNewCustomer(
	ctx: ServiceContext,
	resellerId: string
): Promise<string | undefined> {
	if (!resellerId) return undefined;
	const partnerships = await ctx.db.partnerships.find({ selector: { resellerId } }).exec();
	if (!canAddCustomerForReseller(partnerships.map((p) => p.toMutableJSON()))) {
		return 'Customers can be added for this reseller only while the partnership is active.';
	}
	return undefined;
}

/**
 * Submits the new customer wizard: the customer and its subscriptions are
 * validated as a whole and written together, so Cancel never leaves a trace.
 */
export async function createCustomer(
	ctx: ServiceContext,
	input: NewCustomerInput
): Promise<Validation<NewCustomerResult>> {
	const errors: FieldErrors = {};
	const details = await checkCustomerDetails(ctx, input.details);
	if (!details.ok) Object.assign(errors, details.errors);
	const resellerError = await checkResellerForNewCustomer(ctx, input.resellerId);
	if (resellerError) errors.resellerId = resellerError;
	if (input.subscriptions.length === 0) {
		errors.subscriptions = 'Choose at least one offer for the new customer.';
	}
	const provider = await ownOrganisation(ctx.db);
	const lines = await validateSubscriptionLines(ctx, input.subscriptions, {
		resellerId: input.resellerId,
		supportContactId: input.resellerId || provider.id
	});
	if (!lines.ok) Object.assign(errors, lines.errors);
	if (!details.ok || !lines.ok || Object.keys(errors).length > 0) return invalid(errors);

	const at = ctx.now();
	const value = details.value;
	const customer: Customer = {
		id: crypto.randomUUID(),
		companyName: value.companyName,
		nameLower: value.companyName.toLowerCase(),
		domainPrefix: value.domainPrefix,
		address: value.address,
		contact: value.contact,
		organisationRegistrationNumber: value.organisationRegistrationNumber,
		cloud: value.cloud,
		resellerId: input.resellerId,
		providerRelationship: 'active',
		resellerRelationship: input.resellerId ? 'active' : 'none',
		delegatedAdminPrivileges: true,
		customerAgreementAccepted: input.customerAgreementAccepted,
		adminUserName: adminUserName(value.domainPrefix),
		...createdMeta(ctx.actor, at)
	};
	const stored = await ctx.db.customers.insert(customer);
	try {
		await insertSubscriptions(ctx, customer, lines.value);
	} catch (error) {
		// No half-created customer: a retry from the kept draft must not find its domain taken.
		await stored.remove().catch(() => undefined);
		throw error;
	}
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'customers',
		documentId: customer.id,
		action: 'customer.created',
		summary: `Added customer ${customer.companyName} (${customer.domainPrefix}.onmicrosoft.com)`
	});
	return valid({ customer, temporaryPassword: generateTemporaryPassword() });
}

const editableCustomerFields = [
	'companyName',
	'address',
	'contact',
	'organisationRegistrationNumber',
	'cloud'
] as const;

/** A customer's details as the details form shows them. */
export function customerDetails(customer: Customer): CustomerDetailsInput {
	return {
		companyName: customer.companyName,
		domainPrefix: customer.domainPrefix,
		address: { ...customer.address },
		contact: { ...customer.contact },
		organisationRegistrationNumber: customer.organisationRegistrationNumber,
		cloud: customer.cloud
	};
}

/**
 * Saves the details form. With `startedFrom` (the details the form showed before the user typed),
 * only what the user changed is written: a change another device or tab made meanwhile to another
 * field stays (without it, `details` is taken as a whole).
 */
export async function updateCustomerDetails(
	ctx: ServiceContext,
	customerId: string,
	details: CustomerDetailsInput,
	startedFrom?: CustomerDetailsInput
): Promise<Validation<Customer>> {
	const doc = await ctx.db.customers.findOne(customerId).exec();
	if (!doc) throw new Error('This customer no longer exists on this device.');
	const before = doc.toMutableJSON();
	const wanted = startedFrom
		? applyChanges(customerDetails(before), startedFrom, details)
		: details;
	// The domain is fixed once the tenant exists.
	const checked = await checkCustomerDetails(
		ctx,
		{ ...wanted, domainPrefix: before.domainPrefix },
		customerId
	);
	if (!checked.ok) return checked;
	const after: Customer = {
		...before,
		companyName: checked.value.companyName,
		nameLower: checked.value.companyName.toLowerCase(),
		address: checked.value.address,
		contact: checked.value.contact,
		organisationRegistrationNumber: checked.value.organisationRegistrationNumber,
		cloud: checked.value.cloud,
		...updatedMeta(ctx.actor, ctx.now())
	};
	const changes = diffFields(before, after, [...editableCustomerFields]);
	if (changes.length === 0) return valid(before);
	const saved = await saveChanges(doc, before, after);
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'customers',
		documentId: customerId,
		action: 'customer.updated',
		summary: `Updated customer ${after.companyName}`,
		changes
	});
	return valid(saved);
}
