import type { Cloud, Customer } from '$lib/domain/customer/schema';
import { customerFromInvitation } from '$lib/domain/invitation/new-customer';
import {
	acceptInvitation,
	customerAfterAcceptance,
	withdrawInvitation
} from '$lib/domain/invitation/rules';
import type { AcceptedBy, Invitation } from '$lib/domain/invitation/schema';
import type { Partner } from '$lib/domain/partner/schema';
import {
	canInviteWithProvider,
	canRequestResellerRelationship,
	checkResellerRelationshipRequest,
	newCustomerInvitationLink,
	resellerRelationshipLink,
	validateInvitationDraft,
	validateInvitationRecipient
} from '$lib/domain/reseller-relationship/rules';
import {
	DomainError,
	invalid,
	valid,
	type FieldErrors,
	type Validation
} from '$lib/domain/shared/result';
import { createdMeta, diffFields, recordActivity, updatedMeta } from './changes';
import { ownOrganisation, type ServiceContext } from './context';
import { organisationSettings } from './settings';
import { changeState, recordInsert, recordUpdate, saveRecordWrites } from './state-change';

/*
 * Customer invitations of an indirect reseller: Request a reseller relationship (Customers) and
 * Invite new customers (Indirect providers); recording the acceptance and withdrawing. Every
 * write has its activity entry (`invitation.sent`, `invitation.accepted`, `invitation.withdrawn`).
 */

/** Who the invitation goes to, as the form has it. */
export interface InvitationRecipient {
	companyName: string;
	contactName: string;
	email: string;
	country: string;
	cloud: Cloud;
}

export interface ResellerRelationshipRequest extends InvitationRecipient {
	/** The customer on this device, or '' for a customer not on this device yet. */
	customerId: string;
	delegatedAdminPrivileges: boolean;
	emailDraft: string;
}

export interface NewCustomerInvitation extends InvitationRecipient {
	providerId: string;
	delegatedAdminPrivileges: boolean;
	emailDraft: string;
}

/** The own organisation, which must be an indirect reseller to invite customers. */
async function ownReseller(ctx: ServiceContext): Promise<Partner> {
	const own = await ownOrganisation(ctx.db);
	if (own.kind !== 'indirect-reseller') {
		throw new DomainError(
			'Only an indirect reseller invites customers to a reseller relationship.',
			'invitation/not-a-reseller'
		);
	}
	return own;
}

function merge(...results: (Validation<unknown> | FieldErrors | undefined)[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const result of results) {
		if (!result) continue;
		if ('ok' in result) {
			if (!result.ok) Object.assign(errors, result.errors);
		} else Object.assign(errors, result);
	}
	return errors;
}

async function storeSentInvitation(
	ctx: ServiceContext,
	fields: Omit<Invitation, 'status' | 'sentAt' | 'sentBy' | keyof ReturnType<typeof createdMeta>>,
	summary: string
): Promise<Invitation> {
	const at = ctx.now();
	const invitation: Invitation = {
		...fields,
		status: 'sent',
		sentAt: at,
		sentBy: ctx.actor.userId,
		...createdMeta(ctx.actor, at)
	};
	await ctx.db.invitations.insert(invitation);
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'invitations',
		documentId: invitation.id,
		action: 'invitation.sent',
		summary
	});
	return invitation;
}

/** The activity summary of a reseller relationship request (each case a whole sentence). */
function requestSummary(companyName: string, delegatedAdminPrivileges: boolean): string {
	return delegatedAdminPrivileges
		? `Requested a reseller relationship with ${companyName} (with delegated admin privileges)`
		: `Requested a reseller relationship with ${companyName}`;
}

/**
 * **Request a reseller relationship** with an existing customer: stored as a sent invitation with
 * the link in Partner Center's format (the tenant ID from the organisation settings) and the email
 * text, which must keep the link. A customer on this device brings its own country/region and
 * cloud. Refused (errors per field) outside the reseller's country/region, without delegated admin
 * privileges in Microsoft Cloud for US Government, while an invitation to the customer is open or
 * its relationship is active, and without a tenant ID (key `tenantId`).
 */
export async function requestResellerRelationship(
	ctx: ServiceContext,
	input: ResellerRelationshipRequest
): Promise<Validation<Invitation>> {
	const own = await ownReseller(ctx);
	let customer: Customer | undefined;
	const errors: FieldErrors = {};
	if (input.customerId) {
		customer = (await ctx.db.customers.findOne(input.customerId).exec())?.toMutableJSON();
		if (!customer) return invalid({ customerId: 'This customer is no longer on this device.' });
		const sentBefore = await ctx.db.invitations
			.find({ selector: { customerId: customer.id } })
			.exec();
		const allowed = canRequestResellerRelationship(
			customer,
			sentBefore.map((doc) => doc.toMutableJSON()),
			ctx.now()
		);
		if (!allowed.ok) errors.customerId = allowed.reason;
	}
	const country = customer?.address.country ?? input.country;
	const cloud = customer?.cloud ?? input.cloud;
	const recipient = validateInvitationRecipient(input);
	const rules = checkResellerRelationshipRequest({
		customer: { companyName: input.companyName, country, cloud },
		partnerCountry: own.country,
		delegatedAdminPrivileges: input.delegatedAdminPrivileges
	});
	const settings = await organisationSettings(ctx.db);
	let link = '';
	try {
		link = resellerRelationshipLink(settings?.tenantId ?? '', input.delegatedAdminPrivileges);
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		errors.tenantId = error.message;
	}
	const draft = link ? validateInvitationDraft(input.emailDraft, link) : undefined;
	Object.assign(errors, merge(recipient, rules, draft));
	if (!recipient.ok || !draft?.ok || Object.keys(errors).length > 0) return invalid(errors);

	const invitation = await storeSentInvitation(
		ctx,
		{
			id: crypto.randomUUID(),
			kind: 'reseller-relationship',
			resellerId: own.id,
			providerId: '',
			customerId: customer?.id ?? '',
			...recipient.value,
			country,
			cloud,
			delegatedAdminPrivileges: input.delegatedAdminPrivileges,
			link,
			emailDraft: draft.value
		},
		requestSummary(recipient.value.companyName, input.delegatedAdminPrivileges)
	);
	return valid(invitation);
}

/**
 * **Invite new customers** together with one of the reseller's indirect providers: one invitation
 * for both relationships, its link made from the template in the organisation settings. Refused
 * unless the partnership with the provider is active (key `providerId`), and by the same rules as
 * a reseller relationship request; a missing setting is reported under its key.
 */
export async function inviteNewCustomer(
	ctx: ServiceContext,
	input: NewCustomerInvitation
): Promise<Validation<Invitation>> {
	const own = await ownReseller(ctx);
	const errors: FieldErrors = {};
	const provider = (await ctx.db.partners.findOne(input.providerId).exec())?.toMutableJSON();
	if (!provider || provider.kind !== 'indirect-provider') {
		return invalid({ providerId: 'Choose one of your indirect providers.' });
	}
	const partnerships = await ctx.db.partnerships.find({ selector: { resellerId: own.id } }).exec();
	const allowed = canInviteWithProvider(
		partnerships.map((p) => p.toMutableJSON()).filter((p) => p.providerId === provider.id),
		provider.name
	);
	if (!allowed.ok) errors.providerId = allowed.reason;
	const recipient = validateInvitationRecipient(input);
	const rules = checkResellerRelationshipRequest({
		customer: input,
		partnerCountry: own.country,
		delegatedAdminPrivileges: input.delegatedAdminPrivileges
	});
	const link = newCustomerInvitationLink({
		settings: await organisationSettings(ctx.db),
		reseller: own,
		provider,
		delegatedAdminPrivileges: input.delegatedAdminPrivileges
	});
	const draft = link.ok ? validateInvitationDraft(input.emailDraft, link.value) : undefined;
	Object.assign(errors, merge(recipient, rules, link, draft));
	if (!recipient.ok || !link.ok || !draft?.ok || Object.keys(errors).length > 0) {
		return invalid(errors);
	}
	const invitation = await storeSentInvitation(
		ctx,
		{
			id: crypto.randomUUID(),
			kind: 'reseller-and-provider',
			resellerId: own.id,
			providerId: provider.id,
			customerId: '',
			...recipient.value,
			country: input.country,
			cloud: input.cloud,
			delegatedAdminPrivileges: input.delegatedAdminPrivileges,
			link: link.value,
			emailDraft: draft.value
		},
		`Invited ${recipient.value.companyName} to a relationship with ${own.name} and ${provider.name}`
	);
	return valid(invitation);
}

const INVITATION_NOT_FOUND = 'This invitation no longer exists on this device.';

async function invitationDocument(ctx: ServiceContext, id: string) {
	const doc = await ctx.db.invitations.findOne(id).exec();
	if (!doc) throw new Error(INVITATION_NOT_FOUND);
	return doc;
}

/**
 * The activity summary of a recorded acceptance, by kind and by whether the Microsoft Customer
 * Agreement was accepted with it (each case a whole sentence, so that it can be translated).
 */
export function acceptanceSummary(
	invitation: Pick<Invitation, 'companyName' | 'kind' | 'acceptedBy' | 'mcaAccepted'>
): string {
	const company = invitation.companyName;
	const admin = invitation.acceptedBy?.name ?? '';
	if (invitation.kind === 'reseller-relationship') {
		return invitation.mcaAccepted
			? `${company} accepted the reseller relationship (Global admin ${admin}, Microsoft Customer Agreement accepted)`
			: `${company} accepted the reseller relationship (Global admin ${admin})`;
	}
	return invitation.mcaAccepted
		? `${company} accepted the invitation (Global admin ${admin}, Microsoft Customer Agreement accepted)`
		: `${company} accepted the invitation (Global admin ${admin})`;
}

export interface AcceptanceInput {
	acceptedBy: AcceptedBy;
	acceptedAt: string;
	/** Whether the Microsoft Customer Agreement was accepted together with the invitation. */
	mcaAccepted: boolean;
	/** The tenant's domain prefix, for a customer not on this device yet. */
	domainPrefix: string;
}

/**
 * Records that the customer's Global admin accepted (until the acceptance reaches the app some
 * other way): the invitation becomes accepted, and the customer joins the reseller's Customers
 * list — the customer on this device is updated, or a customer not on this device is added with
 * the tenant's domain prefix (key `domainPrefix` when it is missing or taken). The rules of
 * `acceptInvitation` (open, Global admin, Microsoft Customer Agreement) throw a `DomainError`.
 */
export async function recordInvitationAcceptance(
	ctx: ServiceContext,
	invitationId: string,
	input: AcceptanceInput
): Promise<Validation<{ invitation: Invitation; customer: Customer }>> {
	const doc = await invitationDocument(ctx, invitationId);
	const before = doc.toMutableJSON();
	const at = ctx.now();
	const customerDoc = before.customerId
		? await ctx.db.customers.findOne(before.customerId).exec()
		: null;
	if (before.customerId && !customerDoc) {
		throw new DomainError(
			'The invited customer is not on this device any more.',
			'invitation/customer-missing'
		);
	}
	const customerBefore = customerDoc?.toMutableJSON();
	const acceptance = {
		acceptedBy: input.acceptedBy,
		acceptedAt: input.acceptedAt,
		mcaAccepted: input.mcaAccepted,
		mcaAcceptedBefore: customerBefore?.customerAgreementAccepted ?? false,
		recordedBy: ctx.actor.userId,
		now: at
	};
	const accepted = acceptInvitation(before, acceptance);

	let customer: Customer;
	if (customerBefore) {
		customer = {
			...customerAfterAcceptance(customerBefore, accepted),
			...updatedMeta(ctx.actor, at)
		};
	} else {
		const known = await ctx.db.customers.find().exec();
		const created = customerFromInvitation(accepted, {
			id: crypto.randomUUID(),
			domainPrefix: input.domainPrefix,
			knownDomainPrefixes: known.map((c) => c.domainPrefix)
		});
		if (!created.ok) return invalid(created.errors);
		customer = { ...created.value, ...createdMeta(ctx.actor, at) };
	}
	const invitation: Invitation = {
		...accepted,
		customerId: customer.id,
		...updatedMeta(ctx.actor, at)
	};
	await saveRecordWrites(ctx, [
		recordUpdate('invitations', doc, before, invitation, {
			// Checked on the latest version too: an acceptance pulled meanwhile stops the write.
			recheck: (latest) => acceptInvitation(latest, acceptance),
			activity: {
				action: 'invitation.accepted',
				summary: acceptanceSummary(invitation),
				changes: diffFields(before, invitation, ['status', 'acceptedAt', 'mcaAccepted'])
			}
		}),
		customerDoc && customerBefore
			? recordUpdate('customers', customerDoc, customerBefore, customer, {
					activity: {
						action: 'customer.updated',
						summary: `${customer.companyName} accepted the reseller relationship`,
						changes: diffFields(customerBefore, customer, [
							'resellerId',
							'resellerRelationship',
							'providerRelationship',
							'delegatedAdminPrivileges',
							'customerAgreementAccepted'
						])
					}
				})
			: recordInsert(ctx, 'customers', customer, {
					action: 'customer.created',
					summary: `Added customer ${customer.companyName} (${customer.domainPrefix}.onmicrosoft.com), who accepted the invitation`
				})
	]);
	return valid({ invitation, customer });
}

/** Withdraws an open invitation: the link sent to the customer no longer counts. */
export async function withdrawInvitationById(
	ctx: ServiceContext,
	invitationId: string
): Promise<Invitation> {
	const { after } = await changeState<Invitation>(ctx, {
		collection: 'invitations',
		id: invitationId,
		notFound: INVITATION_NOT_FOUND,
		rule: (version, at) =>
			withdrawInvitation(version, { withdrawnBy: ctx.actor.userId, withdrawnAt: at, now: at }),
		activity: (before, next) => ({
			action: 'invitation.withdrawn',
			summary: `Withdrew the invitation to ${before.companyName}`,
			changes: diffFields(before, next, ['status', 'withdrawnAt'])
		})
	});
	return after;
}
