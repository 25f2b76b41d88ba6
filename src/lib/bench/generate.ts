import type { Customer } from '$lib/domain/customer/schema';
import { offerCatalog } from '$lib/domain/offer/catalog';
import type { Partner } from '$lib/domain/partner/schema';
import type { Partnership } from '$lib/domain/partnership/schema';
import type { Actor } from '$lib/domain/shared/schema';
import type { Subscription, SubscriptionStatus } from '$lib/domain/subscription/schema';
import { termEndDate } from '$lib/domain/subscription/rules';
import { buildDemoData, type DemoData } from '$lib/services/demo-data';
import { marketWords, searchFragments, type MarketWords } from './vocabulary';

/**
 * Test data for the benchmark (`npm run bench`): the demo organisation (provider, resellers,
 * partnerships) plus an eighth reseller, and thousands of customers and subscriptions shaped like
 * the demo ones. Deterministic for a given seed, valid against the zod schemas.
 */
export interface BenchDataOptions {
	customers?: number;
	subscriptionsPerCustomer?: number;
	seed?: number;
	/** The moment the data is generated at (ISO); dates are spread over the three years before. */
	now?: string;
}

export type BenchData = DemoData;

export const BENCH_ACTOR: Actor = {
	userId: 'bench-user',
	name: 'Benchmark',
	deviceId: 'bench-device'
};

export const BENCH_NOW = '2026-03-01T09:00:00.000Z';

/** Share of customers without a reseller (the provider sells to them directly). */
const DIRECT_SHARE = 0.1;
/**
 * How many customers each reseller has, relative to the others (resellers 1 to 8). Reseller 4 has
 * only requested a partnership, so it has none yet; resellers 5 and 6 keep the customers they had
 * before their partnership was removed.
 */
const RESELLER_WEIGHTS = [5, 3, 3, 0, 1, 1, 2, 2];
const DAY = 24 * 3600 * 1000;

/** A small seeded pseudo-random generator (mulberry32): same seed, same data. */
export function createRandom(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (max: number) => Math.floor(next() * max);
	const pick = <T>(items: readonly T[]): T => items[int(items.length)];
	return { next, int, pick };
}

function slug(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[^A-Za-z0-9]/g, '')
		.toLowerCase();
}

function marketOf(country: string): MarketWords {
	return (
		marketWords.find((m) => m.countries.includes(country)) ?? marketWords[marketWords.length - 1]
	);
}

function extraReseller(template: Partner): Partner {
	return {
		...template,
		id: 'demo-reseller-8',
		name: 'Carpathia Cloud Services s.r.o.',
		nameLower: 'carpathia cloud services s.r.o.',
		mpnId: '6890127',
		country: 'CZ',
		email: 'partners@carpathiacloud8.example'
	};
}

function extraPartnership(template: Partnership, reseller: Partner): Partnership {
	const token = 'bench8x0'.padEnd(24, '0');
	return {
		...template,
		id: 'demo-partnership-8-1',
		resellerId: reseller.id,
		status: 'active',
		invitationToken: token,
		invitationLink: `https://csp-field.example/invitations/partnership/${token}`,
		emailDraft: `Hello,\n\nplease accept our partnership request:\nhttps://csp-field.example/invitations/partnership/${token}\n`
	};
}

/** Generates the benchmark's data set (10,000 customers and 30,000 subscriptions by default). */
export function generateBenchData(options: BenchDataOptions = {}): BenchData {
	const customerCount = options.customers ?? 10_000;
	const perCustomer = Math.min(options.subscriptionsPerCustomer ?? 3, offerCatalog.length);
	const now = options.now ?? BENCH_NOW;
	const random = createRandom(options.seed ?? 20260301);
	const nowMs = Date.parse(now);
	const isoDaysAgo = (days: number) => new Date(nowMs - days * DAY).toISOString();

	const demo = buildDemoData(BENCH_ACTOR, now);
	const [provider, ...demoResellers] = demo.partners;
	const reseller8 = extraReseller(demoResellers[0]);
	const resellers = [...demoResellers, reseller8];
	const partnerships = [...demo.partnerships, extraPartnership(demo.partnerships[0], reseller8)];
	const totalWeight = RESELLER_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
	const latestStatus = new Map(partnerships.map((p) => [p.resellerId, p.status]));
	const isActive = (resellerId: string) => latestStatus.get(resellerId) === 'active';

	function chooseReseller(): Partner | undefined {
		if (random.next() < DIRECT_SHARE) return undefined;
		let ticket = random.next() * totalWeight;
		for (let index = 0; index < resellers.length; index++) {
			ticket -= RESELLER_WEIGHTS[index] ?? 1;
			if (ticket < 0) return resellers[index];
		}
		return resellers[resellers.length - 1];
	}

	const customers: Customer[] = [];
	const subscriptions: Subscription[] = [];
	for (let index = 0; index < customerCount; index++) {
		const template = demo.customers[index % demo.customers.length];
		const words = marketOf(template.address.country);
		const companyName = `${random.pick(words.prefixes)} ${random.pick(words.cores)} ${random.pick(words.legalForms)}`;
		const number = index + 1;
		const prefix = `${(slug(companyName) || 'customer').slice(0, 27 - String(number).length)}${number}`;
		const reseller = chooseReseller();
		const createdAt = isoDaysAgo(30 + random.int(1000));
		const updatedAt = isoDaysAgo(random.int(30));
		const meta = {
			createdAt,
			createdBy: BENCH_ACTOR.userId,
			updatedAt,
			updatedBy: BENCH_ACTOR.userId,
			deviceId: BENCH_ACTOR.deviceId
		};
		const customer: Customer = {
			...template,
			id: `bench-customer-${number}`,
			companyName,
			nameLower: companyName.toLowerCase(),
			domainPrefix: prefix,
			address: { ...template.address, line1: `${1 + random.int(250)} Main Street` },
			contact: {
				...template.contact,
				email: `${template.contact.firstName}.${prefix}@mail.example`.toLowerCase()
			},
			resellerId: reseller?.id ?? '',
			providerRelationship: 'active',
			resellerRelationship: reseller ? 'active' : 'none',
			delegatedAdminPrivileges: random.next() > 0.1,
			adminUserName: `admin@${prefix}.onmicrosoft.com`,
			...meta
		};
		customers.push(customer);

		const firstOffer = random.int(offerCatalog.length);
		const credited = isActive(customer.resellerId) ? customer.resellerId : '';
		for (let n = 0; n < perCustomer; n++) {
			const offer = offerCatalog[(firstOffer + n * 5) % offerCatalog.length];
			const startDate = isoDaysAgo(random.int(1000));
			const termDuration = random.pick(offer.termDurations);
			const endDate = termEndDate(startDate, termDuration);
			// Monthly terms bill monthly; triennial billing only comes with a three-year term.
			const cycles = offer.billingCycles.filter(
				(cycle) =>
					(termDuration !== 'P1M' || cycle === 'monthly') &&
					(termDuration === 'P3Y' || cycle !== 'triennial')
			);
			const roll = random.next();
			const status: SubscriptionStatus =
				roll < 0.9 ? 'active' : roll < 0.96 ? 'suspended' : 'cancelled';
			const span = Math.min(offer.maxQuantity, 500) - offer.minQuantity + 1;
			const quantity = offer.minQuantity + Math.floor(Math.pow(random.next(), 3) * span);
			// Renewals (issue 15), without drawing from the random sequence (the other figures keep
			// their data): every fifth subscription with a term has auto-renew off, every
			// thirteenth active one has more licences scheduled for the renewal.
			const serial = index * perCustomer + n;
			const hasTerm = termDuration !== 'none';
			const scheduled =
				hasTerm && status === 'active' && serial % 13 === 0 && quantity < offer.maxQuantity;
			subscriptions.push({
				id: `bench-subscription-${number}-${n + 1}`,
				customerId: customer.id,
				offerId: offer.id,
				quantity,
				status,
				...(hasTerm ? { autoRenew: serial % 5 !== 4 } : {}),
				...(scheduled
					? {
							scheduledChanges: {
								quantity: quantity + 1,
								scheduledAt: updatedAt,
								scheduledBy: BENCH_ACTOR.userId
							}
						}
					: {}),
				billingCycle: random.pick(cycles.length ? cycles : offer.billingCycles),
				termDuration,
				// Only a reseller with an active partnership can be credited or be the support contact.
				resellerId: credited,
				supportContactId: credited || provider.id,
				startDate,
				...(endDate ? { endDate } : {}),
				...meta
			});
		}
	}
	return { partners: [provider, ...resellers], partnerships, customers, subscriptions };
}

export interface BenchQuery {
	resellerId: string;
	search: string;
}

/**
 * `count` different filter-by-reseller + name-search queries, as a user would type them: every
 * reseller in turn (and '' for customers without one), with a search fragment of varied length.
 */
export function benchQueries(resellerIds: string[], count = 50, seed = 7): BenchQuery[] {
	const random = createRandom(seed);
	const ids = [...resellerIds, ''];
	const queries: BenchQuery[] = [];
	const seen = new Set<string>();
	for (let attempt = 0; queries.length < count && attempt < count * 50; attempt++) {
		const resellerId = ids[queries.length % ids.length];
		const search = random.pick(searchFragments);
		const key = `${resellerId}\u0000${search}`;
		if (seen.has(key)) continue;
		seen.add(key);
		queries.push({ resellerId, search });
	}
	return queries;
}
