import { companyNameError } from '../customer/rules';
import { countryName, isKnownCountry } from '../customer/countries';
import type { Cloud, Customer } from '../customer/schema';
import { acceptancePortal, invitationExpiresAt, isInvitationOpen } from '../invitation/rules';
import type { Invitation } from '../invitation/schema';
import {
	fillInvitationTemplate,
	normaliseTenantId,
	providerTenantIdOf,
	tenantIdError
} from '../organisation-settings/rules';
import type { OrganisationSettings } from '../organisation-settings/schema';
import type { Partner } from '../partner/schema';
import { isValidEmail } from '../partner/rules';
import { validateEmailDraft } from '../partnership/rules';
import type { Partnership } from '../partnership/schema';
import { DomainError, invalid, valid, type FieldErrors, type Validation } from '../shared/result';

/*
 * An indirect reseller connects with customers: **Request a reseller relationship** (an existing
 * customer, the reseller alone) and **Invite new customers** (the reseller and one of its indirect
 * providers at once). Both send a draft email with a personalised link; the text may be edited,
 * the link must stay in it.
 */

export interface ResellerRelationshipOptions {
	/** Ask for delegated admin privileges (on by default). */
	delegatedAdminPrivileges: boolean;
}

/** The options a new request starts with: delegated admin privileges asked for. */
export const defaultResellerRelationshipOptions: Readonly<ResellerRelationshipOptions> = {
	delegatedAdminPrivileges: true
};

/** Whether delegated admin privileges cannot be left out for a customer in this cloud. */
export function mustKeepDelegatedAdminPrivileges(cloud: Cloud): boolean {
	return cloud === 'us-government';
}

const placeName = (country: string) =>
	isKnownCountry(country) ? countryName(country) : country || 'an unknown country/region';

/**
 * What is wrong with inviting a customer from `customerCountry` when the partner is in
 * `partnerCountry`, or `undefined`: requests stay within the partner's own country/region.
 */
export function countryError(
	customerCountry: string,
	partnerCountry: string,
	companyName = 'This customer'
): string | undefined {
	const customer = customerCountry.trim().toUpperCase();
	const partner = partnerCountry.trim().toUpperCase();
	if (customer === partner && customer !== '') return undefined;
	return `You can request a reseller relationship only with customers in your own country/region (${placeName(partner)}). ${companyName.trim() || 'This customer'} is in ${placeName(customer)}.`;
}

export interface ResellerRelationshipRequestInput {
	customer: { companyName: string; country: string; cloud: Cloud };
	/** The country/region of the inviting partner (the own organisation). */
	partnerCountry: string;
	delegatedAdminPrivileges: boolean;
}

/**
 * Checks a reseller relationship request (either kind): the customer is in the partner's own
 * country/region (key `country`), and a customer in Microsoft Cloud for US Government keeps
 * delegated admin privileges (key `delegatedAdminPrivileges`).
 */
export function checkResellerRelationshipRequest(
	input: ResellerRelationshipRequestInput
): Validation<ResellerRelationshipOptions> {
	const errors: FieldErrors = {};
	const place = countryError(
		input.customer.country,
		input.partnerCountry,
		input.customer.companyName
	);
	if (place) errors.country = place;
	if (mustKeepDelegatedAdminPrivileges(input.customer.cloud) && !input.delegatedAdminPrivileges) {
		errors.delegatedAdminPrivileges =
			'A customer in Microsoft Cloud for US Government cannot be invited without delegated admin privileges. Keep delegated admin privileges selected.';
	}
	return Object.keys(errors).length > 0
		? invalid(errors)
		: valid({ delegatedAdminPrivileges: input.delegatedAdminPrivileges });
}

export type RelationshipCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether a reseller relationship may be requested with a customer, given the invitations
 * already sent to it: not while the relationship is active nor while an invitation is open.
 */
export function canRequestResellerRelationship(
	customer: Pick<Customer, 'companyName' | 'resellerRelationship'>,
	invitationsOfCustomer: Pick<Invitation, 'status' | 'sentAt'>[],
	now: string
): RelationshipCheck {
	if (customer.resellerRelationship === 'active') {
		return {
			ok: false,
			reason: `${customer.companyName} already has an active reseller relationship with you.`
		};
	}
	const open = invitationsOfCustomer.find((inv) => isInvitationOpen(inv, now));
	if (open) {
		return {
			ok: false,
			reason: `An invitation to ${customer.companyName} is still open until ${invitationExpiresAt(open).slice(0, 10)}. Send the same link again, or withdraw it before you send a new one.`
		};
	}
	return { ok: true };
}

/**
 * Whether new customers can be invited together with an indirect provider: only while the
 * partnership with it is active.
 */
export function canInviteWithProvider(
	partnershipsWithProvider: Pick<Partnership, 'status'>[],
	providerName: string
): RelationshipCheck {
	return partnershipsWithProvider.some((p) => p.status === 'active')
		? { ok: true }
		: {
				ok: false,
				reason: `You can invite new customers together with ${providerName} only while your partnership with ${providerName} is active.`
			};
}

/**
 * The personalised link of **Request a reseller relationship**, in Partner Center's format, for
 * the partner's Microsoft tenant ID. Throws a `DomainError` when the tenant ID is not valid.
 */
export function resellerRelationshipLink(
	tenantId: string,
	delegatedAdminPrivileges: boolean
): string {
	const error = tenantIdError(tenantId);
	if (error) throw new DomainError(error, 'reseller-relationship/tenant-id');
	return `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${normaliseTenantId(tenantId)}&msppId=0&DAP=${delegatedAdminPrivileges ? 'true' : 'false'}#/BillingAccounts/partner-invitation`;
}

/**
 * The personalised link of **Invite new customers**, made from the organisation's template with
 * the reseller (the own organisation) and the chosen provider. Errors are keyed by the setting or
 * placeholder that is missing.
 */
export function newCustomerInvitationLink(input: {
	settings:
		| Pick<OrganisationSettings, 'tenantId' | 'newCustomerInvitationTemplate' | 'providerTenants'>
		| undefined;
	reseller: Pick<Partner, 'mpnId'>;
	provider: Pick<Partner, 'id' | 'mpnId'>;
	delegatedAdminPrivileges: boolean;
}): Validation<string> {
	const template = input.settings?.newCustomerInvitationTemplate.trim() ?? '';
	if (!input.settings || template === '') {
		return invalid({
			newCustomerInvitationTemplate:
				'Set up the link template of Invite new customers in the settings first.'
		});
	}
	return fillInvitationTemplate(template, {
		resellerTenantId: input.settings.tenantId,
		resellerMpnId: input.reseller.mpnId,
		providerTenantId: providerTenantIdOf(input.settings, input.provider.id),
		providerMpnId: input.provider.mpnId,
		delegatedAdminPrivileges: input.delegatedAdminPrivileges
	});
}

export interface InvitationRecipientInput {
	companyName: string;
	contactName: string;
	email: string;
}

/** Checks who an invitation goes to; returns the values trimmed. */
export function validateInvitationRecipient(
	input: InvitationRecipientInput
): Validation<InvitationRecipientInput> {
	const value = {
		companyName: input.companyName.trim(),
		contactName: input.contactName.trim(),
		email: input.email.trim()
	};
	const errors: FieldErrors = {};
	const companyError = companyNameError(value.companyName);
	if (companyError) errors.companyName = companyError;
	if (value.contactName.length > 100) {
		errors.contactName = "The contact's name can be at most 100 characters.";
	}
	if (value.email === '') {
		errors.email = "Enter the email address of the customer's contact.";
	} else if (!isValidEmail(value.email)) {
		errors.email = 'Enter a valid email address, like name@example.com.';
	}
	return Object.keys(errors).length > 0 ? invalid(errors) : valid(value);
}

interface DraftInput {
	/** The inviting reseller (the own organisation). */
	resellerName: string;
	customerName: string;
	/** The person the email goes to; '' to greet the company. */
	contactName: string;
	link: string;
	delegatedAdminPrivileges: boolean;
	cloud: Cloud;
}

function greeting(input: DraftInput): string {
	const contact = input.contactName.trim();
	return contact ? `Hello ${contact},` : `Hello ${input.customerName.trim()} team,`;
}

function acceptanceLines(input: DraftInput): string[] {
	return [
		`To accept, a Global admin of your organisation opens this personalised link and accepts the invitation in the ${acceptancePortal(input.cloud)}:`,
		'',
		input.link,
		'',
		"If your organisation has not accepted the Microsoft Customer Agreement yet, you'll be asked to accept it as well.",
		'',
		"The link is made for your organisation only, so please don't forward it. If you have questions, just reply to this email."
	];
}

function privilegesLine(input: DraftInput): string {
	return input.delegatedAdminPrivileges
		? 'The invitation also asks for delegated admin privileges, so that we can manage your services, users and licences for you.'
		: 'The invitation does not ask for delegated admin privileges.';
}

/** The draft email of **Request a reseller relationship**; the link stands on its own line. */
export function draftResellerRelationshipEmail(input: DraftInput): {
	subject: string;
	body: string;
} {
	const reseller = input.resellerName.trim();
	const subject = `${reseller} invites ${input.customerName.trim()} to a reseller relationship`;
	const body = [
		greeting(input),
		'',
		`${reseller} would like to become your Microsoft Cloud Solution Provider reseller, so that we can manage your Microsoft cloud subscriptions and services on your behalf.`,
		privilegesLine(input),
		'',
		...acceptanceLines(input),
		'',
		'Kind regards,',
		reseller
	].join('\n');
	return { subject, body };
}

/**
 * The draft email of **Invite new customers**: a relationship with the reseller and its indirect
 * provider at once, so that the provider can place orders for the customer.
 */
export function draftNewCustomerInvitationEmail(input: DraftInput & { providerName: string }): {
	subject: string;
	body: string;
} {
	const reseller = input.resellerName.trim();
	const provider = input.providerName.trim();
	const subject = `${reseller} and ${provider} invite ${input.customerName.trim()} to a reseller relationship`;
	const body = [
		greeting(input),
		'',
		`${reseller} would like to become your Microsoft Cloud Solution Provider reseller, together with our indirect provider ${provider}. With one invitation you set up both relationships: we manage your subscriptions and services on your behalf, and ${provider} can place orders for you when you buy new subscriptions or add licences.`,
		privilegesLine(input),
		'',
		...acceptanceLines(input),
		'',
		'Kind regards,',
		reseller
	].join('\n');
	return { subject, body };
}

/** Checks the edited draft of an invitation; returns it without outer blank space. */
export function validateInvitationDraft(draft: string, link: string): Validation<string> {
	return validateEmailDraft(draft, link, 'customer');
}
