/**
 * Small factories for test data: each builds one valid document (checked against its zod schema)
 * with plain defaults, and a test overrides only what it is about. `seed` writes them to a
 * test database (createTestContext({ demo: false })).
 */
import { adminUserName } from '$lib/domain/customer/rules';
import { customerSchema, type Customer } from '$lib/domain/customer/schema';
import { gdapRelationshipSchema, type GdapRelationship } from '$lib/domain/gdap/schema';
import { offerCatalog } from '$lib/domain/offer/catalog';
import type { Offer } from '$lib/domain/offer/schema';
import { partnerSchema, type Partner } from '$lib/domain/partner/schema';
import { partnershipSchema, type Partnership } from '$lib/domain/partnership/schema';
import type { ChangeMeta } from '$lib/domain/shared/schema';
import { subscriptionSchema, type Subscription } from '$lib/domain/subscription/schema';
import type { ServiceContext } from './context';
import type { ResellerRow } from './read-models';
import { createTestContext } from './test-support';

/** The time every factory document was made (before createTestContext's clock). */
export const FACTORY_TIME = '2026-11-01T10:00:00.000Z';

export const meta: ChangeMeta = {
	createdAt: FACTORY_TIME,
	createdBy: 'user-1',
	updatedAt: FACTORY_TIME,
	updatedBy: 'user-1',
	deviceId: 'device-1'
};

let sequence = 0;
const nextNumber = () => ++sequence;

/** The own organisation, an indirect provider (id `provider`). */
export function buildProvider(overrides: Partial<Partner> = {}): Partner {
	const name = overrides.name ?? 'Contoso Distribution';
	return partnerSchema.parse({
		id: 'provider',
		name,
		nameLower: name.toLowerCase(),
		mpnId: '5100001',
		kind: 'indirect-provider',
		isOwnOrganisation: true,
		country: 'HU',
		email: 'partners@contoso.example',
		mpaSigned: true,
		...meta,
		...overrides
	});
}

/** An indirect reseller that is not the own organisation. */
export function buildReseller(overrides: Partial<Partner> = {}): Partner {
	const n = nextNumber();
	const name = overrides.name ?? `Reseller ${n} Kft.`;
	return partnerSchema.parse({
		id: `reseller-${n}`,
		name,
		nameLower: name.toLowerCase(),
		mpnId: String(6_000_000 + n),
		kind: 'indirect-reseller',
		isOwnOrganisation: false,
		country: 'HU',
		email: `partners@reseller${n}.example`,
		mpaSigned: true,
		...meta,
		...overrides
	});
}

/** A partnership of `provider` with a reseller; active unless said otherwise. */
export function buildPartnership(
	overrides: Partial<Partnership> & Pick<Partnership, 'resellerId'>
): Partnership {
	const n = nextNumber();
	const token = `token${n}`.padEnd(24, '0');
	const status = overrides.status ?? 'active';
	return partnershipSchema.parse({
		id: `partnership-${n}`,
		providerId: 'provider',
		status,
		requestedBy: 'user-1',
		requestedAt: FACTORY_TIME,
		invitationToken: token,
		invitationLink: `https://csp-field.example/invitations/partnership/${token}`,
		emailDraft: `Hello,\nhttps://csp-field.example/invitations/partnership/${token}\n`,
		...(status !== 'requested' ? { acceptedAt: FACTORY_TIME, acceptedRecordedBy: 'user-1' } : {}),
		...(status === 'removed'
			? { removedBy: 'user-1', removedAt: FACTORY_TIME, removalAttested: true }
			: {}),
		...meta,
		...overrides
	});
}

/** A customer in Hungary with an active provider relationship; direct unless `resellerId`. */
export function buildCustomer(overrides: Partial<Customer> = {}): Customer {
	const n = nextNumber();
	const companyName = overrides.companyName ?? `Customer ${n} Kft.`;
	const domainPrefix = overrides.domainPrefix ?? `customer${n}`;
	const resellerId = overrides.resellerId ?? '';
	return customerSchema.parse({
		id: `customer-${n}`,
		companyName,
		nameLower: companyName.toLowerCase(),
		domainPrefix,
		address: {
			line1: 'Andrássy út 1',
			line2: '',
			city: 'Budapest',
			state: '',
			postalCode: '1061',
			country: 'HU'
		},
		contact: {
			firstName: 'Anna',
			lastName: 'Kovács',
			email: `anna@${domainPrefix}.example`,
			phone: '+36 1 555 0101'
		},
		organisationRegistrationNumber: '01-09-111111',
		cloud: 'public',
		resellerId,
		providerRelationship: 'active',
		resellerRelationship: resellerId ? 'active' : 'none',
		delegatedAdminPrivileges: true,
		customerAgreementAccepted: true,
		adminUserName: adminUserName(domainPrefix),
		...meta,
		...overrides
	});
}

/** An offer of the catalog (the test database has it): Microsoft 365 E3 unless another id. */
export function catalogOffer(id = 'microsoft-365-e3'): Offer {
	const offer = offerCatalog.find((o) => o.id === id);
	if (!offer) throw new Error(`No offer ${id} in the catalog`);
	return offer;
}

/** An active yearly subscription of a customer, supported by the provider unless said otherwise. */
export function buildSubscription(
	overrides: Partial<Subscription> & Pick<Subscription, 'customerId'>
): Subscription {
	const n = nextNumber();
	const resellerId = overrides.resellerId ?? '';
	return subscriptionSchema.parse({
		id: `subscription-${n}`,
		offerId: 'microsoft-365-e3',
		quantity: 10,
		status: 'active',
		billingCycle: 'annual',
		termDuration: 'P1Y',
		resellerId,
		supportContactId: resellerId || 'provider',
		startDate: FACTORY_TIME,
		endDate: '2027-11-01T10:00:00.000Z',
		...meta,
		...overrides
	});
}

/** A GDAP relationship of a customer, waiting for approval unless said otherwise. */
export function buildGdapRelationship(
	overrides: Partial<GdapRelationship> & Pick<GdapRelationship, 'customerId'>
): GdapRelationship {
	const n = nextNumber();
	const displayName = overrides.displayName ?? `GDAP ${n}`;
	return gdapRelationshipSchema.parse({
		id: `gdap-${n}`,
		displayName,
		displayNameLower: displayName.toLowerCase(),
		durationDays: 365,
		roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
		autoExtend: false,
		status: 'approval-pending',
		requestedAt: FACTORY_TIME,
		requestedBy: 'user-1',
		...meta,
		...overrides
	});
}

/** A row of the resellers list: a reseller with its latest partnership. */
export function buildResellerRow(
	reseller: Partial<Partner> = {},
	partnership: Partial<Partnership> | null = {},
	customerCount = 0
): ResellerRow {
	const partner = buildReseller(reseller);
	const latest =
		partnership === null ? undefined : buildPartnership({ resellerId: partner.id, ...partnership });
	return {
		reseller: partner,
		partnership: latest,
		status: latest?.status ?? 'none',
		customerCount
	};
}

export interface SeedData {
	partners?: Partner[];
	partnerships?: Partnership[];
	customers?: Customer[];
	subscriptions?: Subscription[];
	gdap?: GdapRelationship[];
}

/** Writes the documents to the test database, the own organisation last (as the app does). */
export async function seed(ctx: ServiceContext, data: SeedData): Promise<void> {
	const partners = data.partners ?? [];
	const { db } = ctx;
	await insert(
		db.partners,
		partners.filter((p) => !p.isOwnOrganisation)
	);
	await insert(db.partnerships, data.partnerships ?? []);
	await insert(db.customers, data.customers ?? []);
	await insert(db.subscriptions, data.subscriptions ?? []);
	await insert(db.gdap, data.gdap ?? []);
	await insert(
		db.partners,
		partners.filter((p) => p.isOwnOrganisation)
	);
}

async function insert<T>(
	collection: { bulkInsert(docs: T[]): Promise<{ error: { status: number }[] }> },
	docs: T[]
): Promise<void> {
	if (docs.length === 0) return;
	const { error } = await collection.bulkInsert(docs);
	if (error.length) throw new Error(`seed: ${error.length} documents refused (${error[0].status})`);
}

/** A test database holding only the given documents (and the offer catalog). */
export async function createContextWith(
	data: SeedData,
	options: { now?: string } = {}
): Promise<ServiceContext> {
	const ctx = await createTestContext({ demo: false, now: options.now });
	await seed(ctx, data);
	return ctx;
}
