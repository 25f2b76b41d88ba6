import { adminUserName } from '$lib/domain/customer/rules';
import { addDays } from '$lib/domain/shared/dates';
import type { Customer } from '$lib/domain/customer/schema';
import { offerCatalog } from '$lib/domain/offer/catalog';
import type { Partner } from '$lib/domain/partner/schema';
import type { Partnership, PartnershipStatus } from '$lib/domain/partnership/schema';
import type { Actor } from '$lib/domain/shared/schema';
import type { Subscription } from '$lib/domain/subscription/schema';
import { termEndDate } from '$lib/domain/subscription/rules';
import { createdMeta, recordActivity } from './changes';
import type { ServiceContext } from './context';
import { buildDemoGdap } from './demo-gdap';
import { buildDemoLifecycleSubscriptions } from './demo-lifecycle';

export { DEMO_LIFECYCLE_SUBSCRIPTIONS } from './demo-lifecycle';

export const DEMO_PROVIDER_ID = 'demo-provider';

const resellerSeeds: {
	name: string;
	mpnId: string;
	country: string;
	status: PartnershipStatus[];
}[] = [
	{ name: 'Budapest Cloud Partners Kft.', mpnId: '6123450', country: 'HU', status: ['active'] },
	{ name: 'Wisła IT Solutions', mpnId: '6234561', country: 'PL', status: ['active'] },
	{ name: 'Volga Digital', mpnId: '6345672', country: 'RU', status: ['active'] },
	{ name: 'Alpine Systemhaus', mpnId: '6456783', country: 'AT', status: ['requested'] },
	{ name: 'Danube Managed Services', mpnId: '6567894', country: 'RO', status: ['removed'] },
	{
		name: 'Baltic Office Experts',
		mpnId: '6678905',
		country: 'PL',
		status: ['removed', 'requested']
	},
	{ name: 'Tisza Informatika Bt.', mpnId: '6789016', country: 'HU', status: ['active'] }
];

const customerSeeds: {
	name: string;
	country: string;
	city: string;
	postalCode: string;
	state?: string;
	first: string;
	last: string;
	phone?: string;
	registration?: string;
}[] = [
	{
		name: 'Kovács és Társa Kft.',
		country: 'HU',
		city: 'Budapest',
		postalCode: '1052',
		first: 'Anna',
		last: 'Kovács',
		phone: '+36 1 555 0101',
		registration: '01-09-111111'
	},
	{
		name: 'Debreceni Pékség Zrt.',
		country: 'HU',
		city: 'Debrecen',
		postalCode: '4024',
		first: 'Gábor',
		last: 'Nagy',
		phone: '+36 52 555 0102',
		registration: '09-10-222222'
	},
	{
		name: 'Szegedi Szoftverház Kft.',
		country: 'HU',
		city: 'Szeged',
		postalCode: '6720',
		first: 'Eszter',
		last: 'Tóth',
		phone: '+36 62 555 0103',
		registration: '06-09-333333'
	},
	{
		name: 'Pécsi Kerámia Bt.',
		country: 'HU',
		city: 'Pécs',
		postalCode: '7621',
		first: 'László',
		last: 'Szabó',
		phone: '+36 72 555 0104',
		registration: '02-06-444444'
	},
	{
		name: 'Győri Járműalkatrész Kft.',
		country: 'HU',
		city: 'Győr',
		postalCode: '9021',
		first: 'Katalin',
		last: 'Horváth',
		phone: '+36 96 555 0105',
		registration: '08-09-555555'
	},
	{
		name: 'Balaton Vendéglátó Kft.',
		country: 'HU',
		city: 'Siófok',
		postalCode: '8600',
		first: 'Péter',
		last: 'Varga',
		phone: '+36 84 555 0106',
		registration: '14-09-666666'
	},
	{
		name: 'Mazowsze Logistyka Sp. z o.o.',
		country: 'PL',
		city: 'Warszawa',
		postalCode: '00-950',
		first: 'Katarzyna',
		last: 'Nowak',
		phone: '+48 22 555 0107'
	},
	{
		name: 'Kraków Biuro Rachunkowe',
		country: 'PL',
		city: 'Kraków',
		postalCode: '31-042',
		first: 'Piotr',
		last: 'Wiśniewski'
	},
	{
		name: 'Gdańsk Stocznia Serwis S.A.',
		country: 'PL',
		city: 'Gdańsk',
		postalCode: '80-001',
		first: 'Magdalena',
		last: 'Wójcik'
	},
	{
		name: 'Poznań Meble Sp. z o.o.',
		country: 'PL',
		city: 'Poznań',
		postalCode: '60-101',
		first: 'Tomasz',
		last: 'Kamiński'
	},
	{
		name: 'Wrocław Medica',
		country: 'PL',
		city: 'Wrocław',
		postalCode: '50-001',
		first: 'Agnieszka',
		last: 'Lewandowska'
	},
	{
		name: 'Łódź Tekstylia',
		country: 'PL',
		city: 'Łódź',
		postalCode: '90-001',
		first: 'Marcin',
		last: 'Zieliński'
	},
	{
		name: 'Северный Ветер ООО',
		country: 'RU',
		city: 'Москва',
		postalCode: '101000',
		first: 'Ирина',
		last: 'Иванова',
		phone: '+7 495 555 0113',
		registration: '1027700132195'
	},
	{
		name: 'Уральские Технологии',
		country: 'RU',
		city: 'Екатеринбург',
		postalCode: '620014',
		first: 'Дмитрий',
		last: 'Смирнов',
		phone: '+7 343 555 0114',
		registration: '1026605227923'
	},
	{
		name: 'Невский Проект АО',
		country: 'RU',
		city: 'Санкт-Петербург',
		postalCode: '190000',
		first: 'Ольга',
		last: 'Кузнецова',
		phone: '+7 812 555 0115',
		registration: '1037843048880'
	},
	{
		name: 'Сибирь Агро',
		country: 'RU',
		city: 'Новосибирск',
		postalCode: '630099',
		first: 'Сергей',
		last: 'Попов',
		phone: '+7 383 555 0116',
		registration: '1025402456781'
	},
	{
		name: 'Казанский Кремль Тур',
		country: 'RU',
		city: 'Казань',
		postalCode: '420111',
		first: 'Алия',
		last: 'Хасанова',
		phone: '+7 843 555 0117',
		registration: '1021602865350'
	},
	{
		name: 'Wiener Kaffeehaus GmbH',
		country: 'AT',
		city: 'Wien',
		postalCode: '1010',
		first: 'Lukas',
		last: 'Huber'
	},
	{
		name: 'Brno Strojírny s.r.o.',
		country: 'CZ',
		city: 'Brno',
		postalCode: '602 00',
		first: 'Jana',
		last: 'Dvořáková'
	},
	{
		name: 'Cluj Software SRL',
		country: 'RO',
		city: 'Cluj-Napoca',
		postalCode: '400001',
		first: 'Andrei',
		last: 'Popescu'
	},
	{
		name: 'Київ Логістика',
		country: 'UA',
		city: 'Київ',
		postalCode: '01001',
		first: 'Олена',
		last: 'Шевченко',
		phone: '+380 44 555 0121',
		registration: '12345678'
	},
	{
		name: 'Almaty Trade Group',
		country: 'KZ',
		city: 'Almaty',
		postalCode: '050000',
		first: 'Aigerim',
		last: 'Nurlanova',
		phone: '+7 727 555 0122',
		registration: '990340001234'
	},
	{
		name: 'Hamburg Hafen Consulting GmbH',
		country: 'DE',
		city: 'Hamburg',
		postalCode: '20095',
		first: 'Jonas',
		last: 'Schmidt'
	},
	{
		name: 'Bristol Design Studio Ltd',
		country: 'GB',
		city: 'Bristol',
		postalCode: 'BS1 4DJ',
		first: 'Olivia',
		last: 'Taylor'
	},
	{
		name: 'Seattle Harbor Outfitters Inc.',
		country: 'US',
		city: 'Seattle',
		postalCode: '98101',
		state: 'WA',
		first: 'Emily',
		last: 'Johnson'
	},
	{
		name: 'Miskolci Acél Kft.',
		country: 'HU',
		city: 'Miskolc',
		postalCode: '3525',
		first: 'Zoltán',
		last: 'Kiss',
		phone: '+36 46 555 0126',
		registration: '05-09-777777'
	},
	{
		name: 'Lublin Agro Sp. z o.o.',
		country: 'PL',
		city: 'Lublin',
		postalCode: '20-001',
		first: 'Ewa',
		last: 'Kowalczyk'
	},
	{
		name: 'Самара Авто',
		country: 'RU',
		city: 'Самара',
		postalCode: '443001',
		first: 'Никита',
		last: 'Волков',
		phone: '+7 846 555 0128',
		registration: '1026300956131'
	}
];

function slug(text: string, index: number): string {
	const ascii = text
		.normalize('NFD')
		.replace(/[^A-Za-z0-9]/g, '')
		.toLowerCase()
		.slice(0, 20);
	return `${ascii || 'customer'}${index}`;
}

export interface DemoData {
	partners: Partner[];
	partnerships: Partnership[];
	customers: Customer[];
	subscriptions: Subscription[];
}

/** A deterministic demo organisation: one provider, resellers in every partnership state, customers. */
export function buildDemoData(actor: Actor, now: string): DemoData {
	const meta = createdMeta(actor, now);
	const daysAgo = (days: number) => addDays(Date.parse(now), -days);
	const provider: Partner = {
		id: DEMO_PROVIDER_ID,
		name: 'Contoso Distribution CEE',
		nameLower: 'contoso distribution cee',
		mpnId: '5100001',
		kind: 'indirect-provider',
		isOwnOrganisation: true,
		country: 'HU',
		email: 'partners@contoso-distribution.example',
		mpaSigned: true,
		publicProfile: {
			name: 'Contoso Distribution CEE',
			regionsServed: ['HU', 'PL', 'RU', 'AT', 'CZ', 'RO', 'UA', 'KZ', 'DE', 'GB', 'US'],
			contact: 'partners@contoso-distribution.example',
			website: 'https://contoso-distribution.example'
		},
		...meta
	};
	const resellers: Partner[] = resellerSeeds.map((seed, index) => ({
		id: `demo-reseller-${index + 1}`,
		name: seed.name,
		nameLower: seed.name.toLowerCase(),
		mpnId: seed.mpnId,
		kind: 'indirect-reseller',
		isOwnOrganisation: false,
		country: seed.country,
		email: `partners@${slug(seed.name, index + 1)}.example`,
		mpaSigned: true,
		...meta
	}));
	const partnerships: Partnership[] = resellerSeeds.flatMap((seed, index) =>
		seed.status.map((status, attempt) => {
			// A repeated request comes after the earlier partnership was removed (30 days ago).
			const requestedAt = attempt === 0 ? daysAgo(120 - index * 10) : daysAgo(20);
			const token = `demo${index + 1}x${attempt}`.padEnd(24, '0');
			return {
				id: `demo-partnership-${index + 1}-${attempt + 1}`,
				providerId: provider.id,
				resellerId: resellers[index].id,
				status,
				requestedBy: actor.userId,
				requestedAt,
				invitationToken: token,
				invitationLink: `https://csp-field.example/invitations/partnership/${token}`,
				emailDraft: `Hello,\n\nplease accept our partnership request:\nhttps://csp-field.example/invitations/partnership/${token}\n`,
				...(status !== 'requested'
					? { acceptedAt: daysAgo(100 - index * 10), acceptedRecordedBy: actor.userId }
					: {}),
				...(status === 'removed'
					? { removedBy: actor.userId, removedAt: daysAgo(30), removalAttested: true }
					: {}),
				...meta
			} satisfies Partnership;
		})
	);
	const activeResellers = resellers.filter((_, index) =>
		resellerSeeds[index].status.includes('active')
	);
	const customers: Customer[] = customerSeeds.map((seed, index) => {
		const reseller = index % 5 === 4 ? undefined : activeResellers[index % activeResellers.length];
		const prefix = slug(seed.name, index + 1);
		return {
			id: `demo-customer-${index + 1}`,
			companyName: seed.name,
			nameLower: seed.name.toLowerCase(),
			domainPrefix: prefix,
			address: {
				line1: `${10 + index} Main Street`,
				line2: '',
				city: seed.city,
				state: seed.state ?? '',
				postalCode: seed.postalCode,
				country: seed.country
			},
			contact: {
				firstName: seed.first,
				lastName: seed.last,
				email: `${prefix}@mail.example`,
				phone: seed.phone ?? ''
			},
			organisationRegistrationNumber: seed.registration ?? '',
			cloud: 'public',
			resellerId: reseller?.id ?? '',
			providerRelationship: 'active',
			resellerRelationship: reseller ? 'active' : 'none',
			delegatedAdminPrivileges: index % 7 !== 3,
			customerAgreementAccepted: true,
			adminUserName: adminUserName(prefix),
			...meta
		};
	});
	const subscriptions: Subscription[] = customers.flatMap((customer, index) =>
		[0, 1, 2].slice(0, 1 + (index % 3)).map((n) => {
			const offer = offerCatalog[(index * 3 + n * 5) % offerCatalog.length];
			const startDate = daysAgo(200 - index * 3);
			const termDuration = offer.termDurations[0];
			const endDate = termEndDate(startDate, termDuration);
			const quantity = Math.min(
				offer.maxQuantity,
				Math.max(offer.minQuantity, 5 + ((index * 7 + n * 13) % 60))
			);
			return {
				id: `demo-subscription-${index + 1}-${n + 1}`,
				customerId: customer.id,
				offerId: offer.id,
				quantity,
				status: 'active',
				billingCycle: offer.billingCycles[0],
				termDuration,
				resellerId: customer.resellerId,
				supportContactId: customer.resellerId || provider.id,
				startDate,
				...(endDate ? { endDate } : {}),
				...meta
			} satisfies Subscription;
		})
	);
	// Subscriptions in every state of their life (issue 15), after the others.
	subscriptions.push(...buildDemoLifecycleSubscriptions(actor, now, customers, provider.id));
	return { partners: [provider, ...resellers], partnerships, customers, subscriptions };
}

export async function loadDemoData(ctx: ServiceContext): Promise<DemoData> {
	const data = buildDemoData(ctx.actor, ctx.now());
	const [provider, ...resellers] = data.partners;
	// Records already there came from the server: the demo's relationships made through the
	// relationship service (server/relationships/demo.js) under these ids. They are kept.
	await ctx.db.partners.bulkUpsert(await leaveOutExisting(ctx, 'partners', resellers));
	await ctx.db.partnerships.bulkUpsert(
		await leaveOutExisting(ctx, 'partnerships', data.partnerships)
	);
	await ctx.db.customers.bulkUpsert(data.customers);
	await ctx.db.subscriptions.bulkUpsert(data.subscriptions);
	await ctx.db.gdap.bulkUpsert(buildDemoGdap(ctx.actor, ctx.now()));
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'partners',
		documentId: DEMO_PROVIDER_ID,
		action: 'demo.loaded',
		summary: `Loaded demo data: ${resellers.length} resellers, ${data.customers.length} customers, ${data.subscriptions.length} subscriptions`
	});
	// The own organisation goes last: the app leaves the first-run screen when it
	// appears, and by then everything else is in place.
	await ctx.db.partners.upsert(provider);
	return data;
}

/** The documents whose id is not on the device yet. */
async function leaveOutExisting<T extends { id: string }>(
	ctx: ServiceContext,
	collection: 'partners' | 'partnerships',
	docs: T[]
): Promise<T[]> {
	const found = await ctx.db[collection].findByIds(docs.map((doc) => doc.id)).exec();
	return docs.filter((doc) => !found.has(doc.id));
}
