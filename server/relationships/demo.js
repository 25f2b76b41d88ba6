// The demo's relationships (issue 12), made by `npm start` through the relationship service:
// the demo provider Contoso Distribution CEE (org `demo`) and the demo reseller Budapest Cloud
// Partners Kft. (org `demo-reseller`) have
// - a removed partnership: requested 200 days ago, accepted in CSP Field by
//   reseller-global-admin 190 days ago, removed by the provider 60 days ago;
// - a pending request, made on the first start, whose link `npm start` prints, for a new user
//   to open and accept (or decline) as `reseller-global-admin` — or from the reseller's
//   Indirect providers page;
// and the demo provider has an active partnership with the other demo reseller, Fabrikam
// Reseller Kft. (org `demo-other`), accepted in CSP Field by other-global-admin 95 days ago,
// and two customers for it, each with a subscription credited to it (the service shares them
// with Fabrikam's organisation).
// (A provider and a reseller have one open partnership at a time — requested or active — so
// the active one is with the other reseller.)
//
// Everything goes through the service as a device's request and the invitations API's answer
// would: the provider's partnership is written in its database, the service indexes its token
// (only the token's SHA-256), the answer is an `event:<hash>` in `csp--relationships` that the
// service applies (Activity entries in both organisations, the reseller's read-only copies).
// Idempotent: each document is written only when missing, so every later start changes
// nothing and prints the same link while the request is pending. The provider's partner
// records carry the ids of the device's demo data (src/lib/services/demo-data.ts), which keeps
// what the server has.
import { randomBytes } from 'node:crypto';
import { databaseName } from '../organisations.js';
import { STATE_DB, createOnce, readDoc, tokenHash, update } from './store.js';

/** @import { CouchClient } from '../couch-client.js' */

const DAY_MS = 86_400_000;
const PROVIDER_ORG = 'demo';
const PROVIDER_ID = 'demo-provider';
const PROVIDER_USER = 'demo-global-admin';

/** The partner records in the provider's database (ids of the device's demo data). */
export const DEMO_RELATED_RESELLERS = {
	budapest: {
		id: 'demo-reseller-1',
		org: 'demo-reseller',
		user: 'reseller-global-admin',
		name: 'Budapest Cloud Partners Kft.',
		mpnId: '6123450',
		email: 'partners@budapestcloudpartner1.example'
	},
	fabrikam: {
		id: 'demo-reseller-8',
		org: 'demo-other',
		user: 'other-global-admin',
		name: 'Fabrikam Reseller Kft.',
		mpnId: '6900001',
		email: 'partners@fabrikam-reseller.example'
	}
};

/** The demo provider's customers for Fabrikam (each with one subscription, id `<id>-1`). */
export const DEMO_FABRIKAM_CUSTOMERS = [
	{
		id: 'demo-fabrikam-customer-1',
		name: 'Szolnoki Vízművek Kft.',
		prefix: 'szolnokivizmuvek',
		street: 'Tisza part 4.',
		city: 'Szolnok',
		postalCode: '5000',
		first: 'Béla',
		last: 'Molnár',
		phone: '+36 56 555 0201',
		registration: '16-09-100001',
		offerId: 'microsoft-365-business-standard',
		quantity: 25,
		addedDaysAgo: 90
	},
	{
		id: 'demo-fabrikam-customer-2',
		name: 'Kaposvári Nyomda Bt.',
		prefix: 'kaposvarinyomda',
		street: 'Fő utca 20.',
		city: 'Kaposvár',
		postalCode: '7400',
		first: 'Ildikó',
		last: 'Takács',
		phone: '+36 82 555 0202',
		registration: '14-06-100002',
		offerId: 'microsoft-365-business-basic',
		quantity: 8,
		addedDaysAgo: 80
	}
];

/** The demo's partnerships in the provider's database. */
export const DEMO_PARTNERSHIP_IDS = {
	removed: 'demo-partnership-1-1',
	pending: 'demo-partnership-1-2',
	active: 'demo-partnership-8-1'
};

/**
 * @typedef {object} DemoRelationships
 * @property {string | null} pending the personalised link of the pending request (while pending)
 * @property {string} pendingState its state: requested, active (accepted) or removed (declined)
 */

/**
 * Sets up (or finds) the demo's relationships. Needs the service running (it indexes and
 * applies); `origin` is the app's address, for the link.
 * @param {CouchClient} client
 * @param {{ nudge: () => void }} service
 * @param {{ origin: string, now?: () => Date, timeoutMs?: number }} options
 * @returns {Promise<DemoRelationships>}
 */
export async function setupDemoRelationships(client, service, options) {
	const now = (options.now ?? (() => new Date()))();
	const timeoutMs = options.timeoutMs ?? 30_000;
	const daysAgo = (/** @type {number} */ days) =>
		new Date(now.getTime() - days * DAY_MS).toISOString();
	const partners = databaseName(PROVIDER_ORG, 'partners');
	const partnerships = databaseName(PROVIDER_ORG, 'partnerships');
	const origin = options.origin.replace(/\/$/, '');

	for (const reseller of Object.values(DEMO_RELATED_RESELLERS)) {
		const at = daysAgo(210);
		await createOnce(client, partners, {
			_id: reseller.id,
			id: reseller.id,
			name: reseller.name,
			nameLower: reseller.name.toLowerCase(),
			mpnId: reseller.mpnId,
			kind: 'indirect-reseller',
			isOwnOrganisation: false,
			country: 'HU',
			email: reseller.email,
			mpaSigned: true,
			...meta(at)
		});
	}

	/**
	 * The provider's request (when missing) with a new token; returns the stored document.
	 * @param {string} id @param {string} resellerId @param {string} requestedAt
	 */
	async function requestOnce(id, resellerId, requestedAt) {
		const existing = await readDoc(client, partnerships, id);
		if (existing) return existing;
		const token = randomBytes(32).toString('base64url');
		const link = `${origin}/invitations/partnership/${token}`;
		const doc = {
			_id: id,
			id,
			providerId: PROVIDER_ID,
			resellerId,
			status: 'requested',
			requestedBy: PROVIDER_USER,
			requestedAt,
			invitationToken: token,
			invitationLink: link,
			emailDraft: `Hello,\n\nContoso Distribution CEE would like to work with you as its indirect reseller. Please accept our partnership request:\n${link}\n`,
			...meta(requestedAt)
		};
		await createOnce(client, partnerships, doc);
		return doc;
	}

	/** Waits until `check` finds it. @param {() => Promise<unknown>} check @param {string} what */
	async function waitFor(check, what) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = await check();
			if (found) return found;
			if (Date.now() > deadline) throw new Error(`Demo relationships: ${what} did not happen`);
			service.nudge();
			await new Promise((resolveWait) => setTimeout(resolveWait, 100));
		}
	}

	/**
	 * The reseller's answer, as the invitations API writes it, applied by the service.
	 * @param {any} partnership @param {typeof DEMO_RELATED_RESELLERS.budapest} reseller
	 * @param {string} at
	 */
	async function acceptOnce(partnership, reseller, at) {
		const hash = tokenHash(partnership.invitationToken);
		await waitFor(() => readDoc(client, STATE_DB, `token:${hash}`), 'indexing a demo request');
		const organisation = await readDoc(
			client,
			databaseName(reseller.org, 'members'),
			'organisation'
		);
		const member = await readDoc(
			client,
			databaseName(reseller.org, 'members'),
			`member:${reseller.user}`
		);
		await createOnce(client, STATE_DB, {
			_id: `event:${hash}`,
			type: 'partnership-answer',
			tokenHash: hash,
			answer: 'accept',
			org: reseller.org,
			orgName: String(organisation?.name ?? reseller.name),
			user: reseller.user,
			userName: String(member?.displayName ?? reseller.user),
			at
		});
		service.nudge();
		await waitFor(async () => {
			const event = await readDoc(client, STATE_DB, `event:${hash}`);
			return event?.appliedAt;
		}, 'applying a demo acceptance');
	}

	const { budapest, fabrikam } = DEMO_RELATED_RESELLERS;
	// The removed one: requested, accepted through the mechanism, then removed by the provider.
	const removed = await requestOnce(DEMO_PARTNERSHIP_IDS.removed, budapest.id, daysAgo(200));
	if (removed.status === 'requested') {
		await acceptOnce(removed, budapest, daysAgo(190));
		const removedAt = daysAgo(60);
		await update(client, partnerships, DEMO_PARTNERSHIP_IDS.removed, (current) =>
			current?.status === 'active'
				? {
						...current,
						status: 'removed',
						removedAt,
						removedBy: PROVIDER_USER,
						removalAttested: true,
						updatedAt: removedAt,
						updatedBy: PROVIDER_USER,
						deviceId: 'demo-setup'
					}
				: null
		);
	}
	const active = await requestOnce(DEMO_PARTNERSHIP_IDS.active, fabrikam.id, daysAgo(100));
	if (active.status === 'requested') await acceptOnce(active, fabrikam, daysAgo(95));
	// The provider's customers for Fabrikam, with a subscription credited to it each: the service
	// shares them with Fabrikam's organisation (read-only there, owned by Contoso).
	for (const seed of DEMO_FABRIKAM_CUSTOMERS) {
		const at = daysAgo(seed.addedDaysAgo);
		await createOnce(client, databaseName(PROVIDER_ORG, 'customers'), {
			_id: seed.id,
			id: seed.id,
			companyName: seed.name,
			nameLower: seed.name.toLowerCase(),
			domainPrefix: seed.prefix,
			address: {
				line1: seed.street,
				line2: '',
				city: seed.city,
				state: '',
				postalCode: seed.postalCode,
				country: 'HU'
			},
			contact: {
				firstName: seed.first,
				lastName: seed.last,
				email: `${seed.first.toLowerCase()}@${seed.prefix}.example`,
				phone: seed.phone
			},
			organisationRegistrationNumber: seed.registration,
			cloud: 'public',
			resellerId: fabrikam.id,
			providerRelationship: 'active',
			resellerRelationship: 'active',
			delegatedAdminPrivileges: true,
			customerAgreementAccepted: true,
			adminUserName: `admin@${seed.prefix}.onmicrosoft.com`,
			...meta(at)
		});
		await createOnce(client, databaseName(PROVIDER_ORG, 'subscriptions'), {
			_id: `${seed.id}-1`,
			id: `${seed.id}-1`,
			customerId: seed.id,
			offerId: seed.offerId,
			quantity: seed.quantity,
			status: 'active',
			billingCycle: 'monthly',
			termDuration: 'P1Y',
			resellerId: fabrikam.id,
			supportContactId: fabrikam.id,
			startDate: at,
			endDate: new Date(Date.parse(at) + 365 * DAY_MS).toISOString(),
			...meta(at)
		});
	}

	// The pending one, after the removal (a new request starts a new partnership).
	const pending = await requestOnce(DEMO_PARTNERSHIP_IDS.pending, budapest.id, now.toISOString());
	await waitFor(
		() => readDoc(client, STATE_DB, `token:${tokenHash(pending.invitationToken)}`),
		'indexing the pending demo request'
	);
	return {
		pending:
			pending.status === 'requested'
				? `${origin}/invitations/partnership/${pending.invitationToken}`
				: null,
		pendingState: String(pending.status)
	};
}

/** @param {string} at */
function meta(at) {
	return {
		createdAt: at,
		createdBy: PROVIDER_USER,
		updatedAt: at,
		updatedBy: PROVIDER_USER,
		deviceId: 'demo-setup'
	};
}
