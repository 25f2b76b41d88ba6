import { adminUserName } from '$lib/domain/customer/rules';
import { addDays } from '$lib/domain/shared/dates';
import type { Customer, Cloud } from '$lib/domain/customer/schema';
import type { Invitation, InvitationKind } from '$lib/domain/invitation/schema';
import { offerCatalog } from '$lib/domain/offer/catalog';
import { DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE } from '$lib/domain/organisation-settings/rules';
import type { OrganisationSettings } from '$lib/domain/organisation-settings/schema';
import type { Partner } from '$lib/domain/partner/schema';
import type { Partnership, PartnershipStatus } from '$lib/domain/partnership/schema';
import {
	draftNewCustomerInvitationEmail,
	draftResellerRelationshipEmail,
	newCustomerInvitationLink,
	resellerRelationshipLink
} from '$lib/domain/reseller-relationship/rules';
import type { Actor } from '$lib/domain/shared/schema';
import type { Subscription } from '$lib/domain/subscription/schema';
import { termEndDate } from '$lib/domain/subscription/rules';
import { buildResellerDemoLifecycleSubscriptions } from './demo-lifecycle';
import { createdMeta, recordActivity } from './changes';
import type { ServiceContext } from './context';
import { SETTINGS_ID } from './settings';

/*
 * The demo of an indirect reseller (organisation `demo-reseller`): Budapest Cloud Partners Kft.
 * in Hungary, with its indirect providers (one active, one requested, one removed), customers in
 * Hungary (and one in Austria, to show that requests stay within the reseller's country/region),
 * their subscriptions, invitations in every state and the organisation settings.
 */

export const DEMO_RESELLER_ID = 'demo-reseller-own';
/** The provider of the provider demo, seen from the reseller's side. */
export const DEMO_RESELLER_PROVIDER_ID = 'demo-provider';

const RESELLER_TENANT_ID = '3f2a9c7e-5b1d-4e8a-9c6f-1d2e3f4a5b6c';
const PROVIDER_TENANT_ID = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

const providerSeeds: {
	id: string;
	name: string;
	mpnId: string;
	country: string;
	website: string;
	regions: string[];
	status: PartnershipStatus;
}[] = [
	{
		id: DEMO_RESELLER_PROVIDER_ID,
		name: 'Contoso Distribution CEE',
		mpnId: '5100001',
		country: 'HU',
		website: 'https://contoso-distribution.example',
		regions: ['HU', 'PL', 'RU', 'AT', 'CZ', 'RO', 'UA', 'KZ', 'DE', 'GB', 'US'],
		status: 'active'
	},
	{
		id: 'demo-provider-northwind',
		name: 'Northwind Distribution Europe',
		mpnId: '5200002',
		country: 'AT',
		website: 'https://northwind-distribution.example',
		regions: ['AT', 'HU', 'CZ', 'SK', 'SI'],
		status: 'requested'
	},
	{
		id: 'demo-provider-fabrikam',
		name: 'Fabrikam Cloud Distribution',
		mpnId: '5300003',
		country: 'DE',
		website: 'https://fabrikam-distribution.example',
		regions: ['DE', 'AT', 'HU'],
		status: 'removed'
	}
];

type Relationship = Customer['resellerRelationship'];

const customerSeeds: {
	name: string;
	prefix: string;
	city: string;
	postalCode: string;
	country?: string;
	first: string;
	last: string;
	phone: string;
	registration: string;
	relationship: Relationship;
	dap?: boolean;
	cloud?: Cloud;
}[] = [
	{
		name: 'Kovács és Társa Kft.',
		prefix: 'kovacsestarsa',
		city: 'Budapest',
		postalCode: '1052',
		first: 'Anna',
		last: 'Kovács',
		phone: '+36 1 555 0101',
		registration: '01-09-111111',
		relationship: 'active'
	},
	{
		name: 'Debreceni Pékség Zrt.',
		prefix: 'debrecenipekseg',
		city: 'Debrecen',
		postalCode: '4024',
		first: 'Gábor',
		last: 'Nagy',
		phone: '+36 52 555 0102',
		registration: '09-10-222222',
		relationship: 'active'
	},
	{
		name: 'Szegedi Szoftverház Kft.',
		prefix: 'szegediszoftverhaz',
		city: 'Szeged',
		postalCode: '6720',
		first: 'Eszter',
		last: 'Tóth',
		phone: '+36 62 555 0103',
		registration: '06-09-333333',
		relationship: 'active'
	},
	{
		name: 'Pécsi Kerámia Bt.',
		prefix: 'pecsikeramia',
		city: 'Pécs',
		postalCode: '7621',
		first: 'László',
		last: 'Szabó',
		phone: '+36 72 555 0104',
		registration: '02-06-444444',
		relationship: 'active'
	},
	{
		name: 'Miskolci Acél Kft.',
		prefix: 'miskolciacel',
		city: 'Miskolc',
		postalCode: '3525',
		first: 'Zoltán',
		last: 'Kiss',
		phone: '+36 46 555 0126',
		registration: '05-09-777777',
		relationship: 'active'
	},
	{
		name: 'Egri Borház Kft.',
		prefix: 'egriborhaz',
		city: 'Eger',
		postalCode: '3300',
		first: 'Judit',
		last: 'Balogh',
		phone: '+36 36 555 0106',
		registration: '10-09-888888',
		relationship: 'active',
		dap: false
	},
	{
		name: 'Soproni Textil Zrt.',
		prefix: 'sopronitextil',
		city: 'Sopron',
		postalCode: '9400',
		first: 'Márta',
		last: 'Farkas',
		phone: '+36 99 555 0107',
		registration: '08-10-999999',
		relationship: 'none'
	},
	{
		name: 'Veszprémi Üveg Kft.',
		prefix: 'veszpremiuveg',
		city: 'Veszprém',
		postalCode: '8200',
		first: 'Tamás',
		last: 'Lakatos',
		phone: '+36 88 555 0108',
		registration: '19-09-121212',
		relationship: 'none'
	},
	{
		name: 'Győri Járműalkatrész Kft.',
		prefix: 'gyorijarmualkatresz',
		city: 'Győr',
		postalCode: '9021',
		first: 'Katalin',
		last: 'Horváth',
		phone: '+36 96 555 0105',
		registration: '08-09-555555',
		relationship: 'none'
	},
	{
		name: 'Kecskeméti Gépgyár Zrt.',
		prefix: 'kecskemetigepgyar',
		city: 'Kecskemét',
		postalCode: '6000',
		first: 'Attila',
		last: 'Mészáros',
		phone: '+36 76 555 0110',
		registration: '03-10-131313',
		relationship: 'none'
	},
	{
		name: 'Nyíregyházi Logisztika Kft.',
		prefix: 'nyiregyhazilogisztika',
		city: 'Nyíregyháza',
		postalCode: '4400',
		first: 'Ildikó',
		last: 'Papp',
		phone: '+36 42 555 0111',
		registration: '15-09-141414',
		relationship: 'removed'
	},
	{
		name: 'Wiener Kaffeehaus GmbH',
		prefix: 'wienerkaffeehaus',
		city: 'Wien',
		postalCode: '1010',
		country: 'AT',
		first: 'Lukas',
		last: 'Huber',
		phone: '+43 1 555 0112',
		registration: 'FN 123456a',
		relationship: 'none'
	}
];

/** Invitations in every state; `customer` names a seed, or a company not on the device. */
const invitationSeeds: {
	id: string;
	kind: InvitationKind;
	customer?: string;
	newCustomer?: { name: string; contact: string; email: string; cloud: Cloud };
	sentDaysAgo: number;
	state: 'sent' | 'accepted' | 'withdrawn';
	dap: boolean;
}[] = [
	{
		id: 'demo-invitation-accepted',
		kind: 'reseller-relationship',
		customer: 'Kovács és Társa Kft.',
		sentDaysAgo: 100,
		state: 'accepted',
		dap: true
	},
	{
		id: 'demo-invitation-sent',
		kind: 'reseller-relationship',
		customer: 'Veszprémi Üveg Kft.',
		sentDaysAgo: 10,
		state: 'sent',
		dap: true
	},
	{
		id: 'demo-invitation-new-customer',
		kind: 'reseller-and-provider',
		newCustomer: {
			name: 'Tatai Tejüzem Kft.',
			contact: 'Réka Fehér',
			email: 'reka.feher@tataitejuzem.example',
			cloud: 'public'
		},
		sentDaysAgo: 3,
		state: 'sent',
		dap: true
	},
	{
		id: 'demo-invitation-germany',
		kind: 'reseller-and-provider',
		newCustomer: {
			name: 'Bajor Autóalkatrész Kft.',
			contact: 'Stefan Bauer',
			email: 'stefan.bauer@bajorauto.example',
			cloud: 'microsoft-cloud-germany'
		},
		sentDaysAgo: 20,
		state: 'sent',
		dap: true
	},
	{
		id: 'demo-invitation-expired',
		kind: 'reseller-relationship',
		customer: 'Győri Járműalkatrész Kft.',
		sentDaysAgo: 120,
		state: 'sent',
		dap: false
	},
	{
		id: 'demo-invitation-withdrawn',
		kind: 'reseller-relationship',
		customer: 'Kecskeméti Gépgyár Zrt.',
		sentDaysAgo: 30,
		state: 'withdrawn',
		dap: true
	}
];

export interface ResellerDemoData {
	partners: Partner[];
	partnerships: Partnership[];
	customers: Customer[];
	subscriptions: Subscription[];
	invitations: Invitation[];
	settings: OrganisationSettings;
}

/** The reseller demo, deterministic for a given actor and time. */
export function buildResellerDemoData(actor: Actor, now: string): ResellerDemoData {
	const meta = createdMeta(actor, now);
	const daysAgo = (days: number) => addDays(Date.parse(now), -days);

	const reseller: Partner = {
		id: DEMO_RESELLER_ID,
		name: 'Budapest Cloud Partners Kft.',
		nameLower: 'budapest cloud partners kft.',
		mpnId: '6123450',
		kind: 'indirect-reseller',
		isOwnOrganisation: true,
		country: 'HU',
		email: 'partners@budapestcloud.example',
		mpaSigned: true,
		...meta
	};
	const providers: Partner[] = providerSeeds.map((seed) => ({
		id: seed.id,
		name: seed.name,
		nameLower: seed.name.toLowerCase(),
		mpnId: seed.mpnId,
		kind: 'indirect-provider',
		isOwnOrganisation: false,
		country: seed.country,
		email: `partners@${new URL(seed.website).hostname}`,
		mpaSigned: true,
		publicProfile: {
			name: seed.name,
			regionsServed: seed.regions,
			contact: `partners@${new URL(seed.website).hostname}`,
			website: seed.website
		},
		...meta
	}));
	const partnerships: Partnership[] = providerSeeds.map((seed, index) => {
		const token = `demoreseller${index + 1}`.padEnd(24, '0');
		const link = `https://csp-field.example/invitations/partnership/${token}`;
		return {
			id: `demo-reseller-partnership-${index + 1}`,
			providerId: seed.id,
			resellerId: reseller.id,
			status: seed.status,
			requestedBy: actor.userId,
			requestedAt: daysAgo(seed.status === 'requested' ? 5 : 200 - index * 10),
			invitationToken: token,
			invitationLink: link,
			emailDraft: `Hello Budapest Cloud Partners Kft.,\n\n${seed.name} would like to work with you as its indirect reseller. Please accept our partnership request:\n${link}\n`,
			...(seed.status !== 'requested'
				? { acceptedAt: daysAgo(190 - index * 10), acceptedRecordedBy: actor.userId }
				: {}),
			...(seed.status === 'removed'
				? { removedBy: actor.userId, removedAt: daysAgo(60), removalAttested: true }
				: {}),
			...meta
		};
	});

	const customers: Customer[] = customerSeeds.map((seed, index) => ({
		id: `demo-reseller-customer-${index + 1}`,
		companyName: seed.name,
		nameLower: seed.name.toLowerCase(),
		domainPrefix: seed.prefix,
		address: {
			line1: `${index + 3} Fő utca`,
			line2: '',
			city: seed.city,
			state: '',
			postalCode: seed.postalCode,
			country: seed.country ?? 'HU'
		},
		contact: {
			firstName: seed.first,
			lastName: seed.last,
			email: `${seed.first
				.normalize('NFD')
				.replace(/[^A-Za-z]/g, '')
				.toLowerCase()}@${seed.prefix}.example`,
			phone: seed.phone
		},
		organisationRegistrationNumber: seed.registration,
		cloud: seed.cloud ?? 'public',
		resellerId: seed.relationship === 'none' ? '' : reseller.id,
		providerRelationship: seed.relationship === 'none' ? 'none' : 'active',
		resellerRelationship: seed.relationship,
		delegatedAdminPrivileges: seed.relationship === 'none' ? false : (seed.dap ?? true),
		customerAgreementAccepted: seed.relationship !== 'none',
		adminUserName: adminUserName(seed.prefix),
		...meta
	}));

	const subscriptions: Subscription[] = customers
		.filter((customer) => customer.resellerRelationship !== 'none')
		.flatMap((customer, index) =>
			[0, 1, 2].slice(0, 1 + (index % 3)).map((n) => {
				const offer = offerCatalog[(index * 4 + n * 3) % offerCatalog.length];
				const startDate = daysAgo(180 - index * 7);
				const termDuration = offer.termDurations[0];
				const endDate = termEndDate(startDate, termDuration);
				const quantity = Math.min(
					offer.maxQuantity,
					Math.max(offer.minQuantity, 5 + ((index * 11 + n * 7) % 40))
				);
				return {
					id: `demo-reseller-subscription-${index + 1}-${n + 1}`,
					customerId: customer.id,
					offerId: offer.id,
					quantity,
					status: 'active',
					billingCycle: offer.billingCycles[0],
					termDuration,
					resellerId: reseller.id,
					supportContactId: reseller.id,
					startDate,
					...(endDate ? { endDate } : {}),
					...meta
				} satisfies Subscription;
			})
		);

	// A suspended and a cancelled subscription (issue 15); active ones would change the licences.
	subscriptions.push(
		...buildResellerDemoLifecycleSubscriptions(actor, now, customers, reseller.id)
	);

	const settings: OrganisationSettings = {
		id: SETTINGS_ID,
		partnerId: reseller.id,
		tenantId: RESELLER_TENANT_ID,
		newCustomerInvitationTemplate: DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE,
		providerTenants: [{ providerId: DEMO_RESELLER_PROVIDER_ID, tenantId: PROVIDER_TENANT_ID }],
		...meta
	};

	const contoso = providers[0];
	const invitations: Invitation[] = invitationSeeds.map((seed) => {
		const known = customers.find((c) => c.companyName === seed.customer);
		const companyName = known?.companyName ?? seed.newCustomer?.name ?? '';
		const contactName = known
			? `${known.contact.firstName} ${known.contact.lastName}`
			: (seed.newCustomer?.contact ?? '');
		const cloud = known?.cloud ?? seed.newCustomer?.cloud ?? 'public';
		const draftInput = {
			resellerName: reseller.name,
			customerName: companyName,
			contactName,
			delegatedAdminPrivileges: seed.dap,
			cloud
		};
		let link: string;
		let body: string;
		if (seed.kind === 'reseller-relationship') {
			link = resellerRelationshipLink(settings.tenantId, seed.dap);
			body = draftResellerRelationshipEmail({ ...draftInput, link }).body;
		} else {
			const made = newCustomerInvitationLink({
				settings,
				reseller,
				provider: contoso,
				delegatedAdminPrivileges: seed.dap
			});
			if (!made.ok) throw new Error(`Demo invitation link: ${JSON.stringify(made.errors)}`);
			link = made.value;
			body = draftNewCustomerInvitationEmail({
				...draftInput,
				link,
				providerName: contoso.name
			}).body;
		}
		const sentAt = daysAgo(seed.sentDaysAgo);
		const invitation: Invitation = {
			id: seed.id,
			kind: seed.kind,
			resellerId: reseller.id,
			providerId: seed.kind === 'reseller-and-provider' ? contoso.id : '',
			customerId: known?.id ?? '',
			companyName,
			contactName,
			email: known?.contact.email ?? seed.newCustomer?.email ?? '',
			country: known?.address.country ?? 'HU',
			cloud,
			delegatedAdminPrivileges: seed.dap,
			link,
			emailDraft: body,
			status: seed.state,
			sentAt,
			sentBy: actor.userId,
			...meta
		};
		if (seed.state === 'accepted') {
			return {
				...invitation,
				acceptedAt: daysAgo(seed.sentDaysAgo - 2),
				acceptedBy: { name: contactName, email: invitation.email, isGlobalAdmin: true },
				mcaAccepted: true,
				acceptedRecordedBy: actor.userId
			};
		}
		if (seed.state === 'withdrawn') {
			return {
				...invitation,
				withdrawnAt: daysAgo(seed.sentDaysAgo - 5),
				withdrawnBy: actor.userId
			};
		}
		return invitation;
	});

	return {
		partners: [reseller, ...providers],
		partnerships,
		customers,
		subscriptions,
		invitations,
		settings
	};
}

/**
 * Stores the reseller demo (the own organisation last, as `loadDemoData` does). Without
 * `withSettings` the organisation settings are left out: only a Global admin may write them, so
 * another role setting up the demo leaves them to the Global admin.
 */
export async function loadResellerDemoData(
	ctx: ServiceContext,
	{ withSettings = true }: { withSettings?: boolean } = {}
): Promise<ResellerDemoData> {
	const data = await withServerProviderCopy(ctx, buildResellerDemoData(ctx.actor, ctx.now()));
	const [reseller, ...providers] = data.partners;
	await ctx.db.partners.bulkUpsert(providers);
	await ctx.db.partnerships.bulkUpsert(data.partnerships);
	await ctx.db.customers.bulkUpsert(data.customers);
	await ctx.db.subscriptions.bulkUpsert(data.subscriptions);
	await ctx.db.invitations.bulkUpsert(data.invitations);
	if (withSettings) await ctx.db.settings.upsert(data.settings);
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'partners',
		documentId: DEMO_RESELLER_ID,
		action: 'demo.loaded',
		summary: `Loaded demo data: ${providers.length} indirect providers, ${data.customers.length} customers, ${data.invitations.length} invitations`
	});
	await ctx.db.partners.upsert(reseller);
	return data;
}

/**
 * On the server, the demo provider and the demo reseller are related through the relationship
 * service (server/relationships/demo.js): the reseller's databases hold the service's read-only
 * copy of Contoso Distribution CEE (and of their partnerships). The demo then uses that copy
 * instead of its own Contoso record and partnership.
 */
export function replaceDemoProvider(data: ResellerDemoData, copyId: string): ResellerDemoData {
	const replace = (id: string) => (id === DEMO_RESELLER_PROVIDER_ID ? copyId : id);
	return {
		...data,
		partners: data.partners.filter((p) => p.id !== DEMO_RESELLER_PROVIDER_ID),
		partnerships: data.partnerships.filter((p) => p.providerId !== DEMO_RESELLER_PROVIDER_ID),
		invitations: data.invitations.map((i) => ({ ...i, providerId: replace(i.providerId) })),
		settings: {
			...data.settings,
			providerTenants: data.settings.providerTenants.map((t) => ({
				...t,
				providerId: replace(t.providerId)
			}))
		}
	};
}

async function withServerProviderCopy(
	ctx: ServiceContext,
	data: ResellerDemoData
): Promise<ResellerDemoData> {
	const contoso = data.partners.find((p) => p.id === DEMO_RESELLER_PROVIDER_ID);
	const copy = contoso
		? await ctx.db.partners
				.findOne({
					selector: {
						mpnId: contoso.mpnId,
						kind: 'indirect-provider',
						isOwnOrganisation: false,
						id: { $ne: DEMO_RESELLER_PROVIDER_ID }
					}
				})
				.exec()
		: null;
	return copy ? replaceDemoProvider(data, copy.id) : data;
}
