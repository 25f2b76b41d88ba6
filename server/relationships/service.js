// The relationship service (issue 12): a trusted process beside the replication endpoint that
// carries what two organisations share, with the server admin's credentials. The model is the
// Community Health Toolkit's sentinel: follow the changes, apply transitions, keep checkpoints
// in the database.
//
// What it follows, without one connection per database: the server's `_db_updates` feed
// (Apache CouchDB's, or the embedded endpoint's twin, db-updates-feed.js) tells which
// databases changed; the service then reads only those, from their checkpoints, one at a
// time. Where `_db_updates` is not there (CouchDB without `_global_changes`), it polls
// `_all_dbs` instead and says so once. It reads:
// - `csp-<org>-partnerships` of every indirect provider: each partnership request is indexed
//   under the SHA-256 of its invitation token (store.js), with who invites and which reseller
//   MPN ID it is for, and its expiry (TOKEN_LIFETIME_DAYS after the request); a request
//   accepted in CSP Field is mirrored into the reseller's databases on every later change
//   (a removal by the provider reaches the reseller);
// - `csp--relationships`: the answers of the invitations API (accept / decline); an answer
//   makes the provider's partnership active (acceptedAt, acceptedRecordedBy = the reseller's
//   user) or removed (declined), writes an Activity entry in both organisations saying it came
//   from the other one, and gives the reseller the provider and the partnership (read-only
//   copies, ids `rel-…`, written by the server).
//
// Exactly once: every step is idempotent (documents written only when they differ, Activity
// entries and mirrors under ids derived from the event), and a checkpoint is written only
// after what it covers was applied, so a restart (or a kill -9) re-reads at most one batch
// and applying it again changes nothing.
import { createHash } from 'node:crypto';
import { couchError, createCouchClient } from '../couch-client.js';
import { databaseName } from '../organisations.js';
import {
	CHECKPOINT_DB,
	STATE_DB,
	createOnce,
	ensureServiceDatabases,
	readDoc,
	tokenHash,
	update
} from './store.js';

/** @import { CouchClient } from '../couch-client.js' */

/** A partnership request's link works this many days after the request. */
export const TOKEN_LIFETIME_DAYS = 30;
const DAY_MS = 86_400_000;
const BATCH = 200;
export const SERVICE_DEVICE = 'relationship-service';

/** @param {string} db @returns {string | null} the org of a partnerships database */
function partnershipsOrg(db) {
	const match = /^csp-([a-z][a-z0-9-]{0,39})-partnerships$/.exec(db);
	return match ? match[1] : null;
}

/** @param {string} db @returns {{ org: string, collection: string } | null} */
function orgDatabase(db) {
	const match = /^csp-([a-z][a-z0-9-]{0,39})-(partners|customers|subscriptions)$/.exec(db);
	return match ? { org: match[1], collection: match[2] } : null;
}

/**
 * A copy without the fields that are not there (stored JSON has no undefined).
 * @param {Record<string, unknown>} doc
 */
function defined(doc) {
	return Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined));
}

/** @param {string} text */
const shortHash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * @typedef {object} ServiceOptions
 * @property {string} url the endpoint (CouchDB or the embedded one), without credentials
 * @property {string} adminName the server admin
 * @property {string} adminPassword
 * @property {() => Date} [now]
 * @property {number} [pollTimeoutMs] how long one `_db_updates` long poll waits (default 25 s)
 * @property {(message: string) => void} [log]
 */

/** @param {ServiceOptions} options */
export function createRelationshipService({
	url,
	adminName,
	adminPassword,
	now = () => new Date(),
	pollTimeoutMs = 25_000,
	log = (message) => console.error(`Relationship service: ${message}`)
}) {
	const client = createCouchClient({ url, adminName, adminPassword });
	const authorization = `Basic ${Buffer.from(`${adminName}:${adminPassword}`).toString('base64')}`;
	/** @type {Map<string, any>} the members `organisation` records, by org */
	const organisations = new Map();
	let running = false;
	/** @type {AbortController | null} */
	let polling = null;
	/** @type {Promise<void> | null} */
	let loop = null;
	let warnedNoFeed = false;
	/** Applied events, for tests and the benchmark. */
	let applied = 0;
	/** Resolvers waiting for the next pass to end. */
	/** @type {(() => void)[]} */
	let idleWaiters = [];
	let nudged = false;
	/**
	 * Where the feed was read to in this process. The stored checkpoint moves only when a watched
	 * database changed: its own write is itself a database update, and persisting that too would
	 * answer every long poll at once, forever.
	 * @type {unknown}
	 */
	let feedSince = undefined;

	/** @param {string} org */
	async function organisation(org) {
		if (!organisations.has(org)) {
			organisations.set(org, await readDoc(client, databaseName(org, 'members'), 'organisation'));
		}
		return organisations.get(org);
	}

	/** @param {string} org @returns {Promise<any | null>} the own partner record of an org */
	async function ownPartner(org) {
		const reply = await client.request(
			'GET',
			`${encodeURIComponent(databaseName(org, 'partners'))}/_all_docs?include_docs=true`
		);
		if (reply.status === 404) return null;
		if (reply.status !== 200) throw couchError(reply, `Reading the partners of ${org}`);
		const row = reply.body.rows.find((/** @type {any} */ r) => r.doc?.isOwnOrganisation === true);
		return row?.doc ?? null;
	}

	/**
	 * The MPN ID of an organisation: its own partner record's, else its members record's.
	 * @param {string} org
	 */
	async function mpnIdOf(org) {
		const own = await ownPartner(org);
		if (own?.mpnId) return String(own.mpnId);
		const record = await organisation(org);
		return record?.mpnId ? String(record.mpnId) : '';
	}

	/** Indexes one partnership of a provider's database. @param {string} org @param {any} doc */
	async function indexPartnership(org, doc) {
		if (!doc || doc._id.startsWith('_design/') || typeof doc.invitationToken !== 'string') return;
		const record = await organisation(org);
		if (record?.kind !== 'indirect-provider') return;
		const partners = databaseName(org, 'partners');
		const reseller = await readDoc(client, partners, String(doc.resellerId));
		const provider = await readDoc(client, partners, String(doc.providerId));
		const hash = tokenHash(doc.invitationToken);
		const requestedMs = Date.parse(doc.requestedAt);
		const known = await readDoc(client, STATE_DB, `token:${hash}`);
		// The reseller organisation on CSP Field with the MPN ID the provider entered gets the
		// request on its Indirect providers page (a read-only copy it answers: answerFromCopy).
		const offeredTo =
			known?.offeredTo ??
			(doc.status === 'requested' && !known?.answer
				? await resellerOrgByMpnId(String(reseller?.mpnId ?? ''))
				: null);
		const next = (/** @type {any} */ current) => ({
			type: 'partnership-token',
			providerOrg: org,
			partnershipId: doc._id,
			resellerPartnerId: String(doc.resellerId),
			resellerName: String(reseller?.name ?? ''),
			resellerMpnId: String(reseller?.mpnId ?? ''),
			providerName: String(provider?.name ?? record.name ?? org),
			// The organisation record when the provider's own partner record is not on the server
			// yet (the demo's requests, made before a device loaded the demo data).
			providerMpnId: String(provider?.mpnId ?? record.mpnId ?? ''),
			providerCountry: String(provider?.country ?? record.country ?? ''),
			requestedAt: String(doc.requestedAt),
			expiresAt: new Date(
				(Number.isFinite(requestedMs) ? requestedMs : 0) + TOKEN_LIFETIME_DAYS * DAY_MS
			).toISOString(),
			status: doc.status,
			acceptedAt: doc.acceptedAt ?? null,
			removedAt: doc.removedAt ?? null,
			// Set when the reseller answered in CSP Field (applyEvent).
			resellerOrg: current?.resellerOrg ?? null,
			answer: current?.answer ?? null,
			offeredTo: current?.offeredTo ?? offeredTo ?? null
		});
		// The copies first: once the token record is there, the reseller's side is too.
		const planned = next(known);
		if (mirrorTarget(planned)) {
			await mirrorToReseller({ ...planned, hash }, doc, provider, { announce: true });
		}
		const stored = await update(client, STATE_DB, `token:${hash}`, next);
		await recordShare(stored);
	}

	/**
	 * The reseller organisation whose copies follow a request: the one that answered it, else
	 * the one it was offered to; the copies of a request declined through the link, never
	 * offered, are not made.
	 * @param {any} token
	 * @returns {string | null}
	 */
	function mirrorTarget(token) {
		if (token?.resellerOrg && (token.answer === 'accept' || token.offeredTo)) {
			return String(token.resellerOrg);
		}
		return token?.offeredTo ? String(token.offeredTo) : null;
	}

	/** @type {Map<string, string> | null} MPN ID → reseller org */
	let mpnIndex = null;
	let mpnIndexAt = 0;
	/** How often (at most) an unknown MPN ID makes the service list the organisations again. */
	const MPN_INDEX_REFRESH_MS = 60_000;

	/**
	 * The indirect reseller organisation with this MPN ID (its own partner record's, else its
	 * members record's), or null. The index is built from the members databases and built again
	 * when an MPN ID is not in it, at most once a minute.
	 * @param {string} mpnId
	 */
	async function resellerOrgByMpnId(mpnId) {
		if (!mpnId) return null;
		if (!mpnIndex || (!mpnIndex.has(mpnId) && Date.now() - mpnIndexAt > MPN_INDEX_REFRESH_MS)) {
			const all = await client.request('GET', '_all_dbs');
			if (all.status !== 200) throw couchError(all, 'Listing the databases');
			/** @type {Map<string, string>} */
			const index = new Map();
			for (const name of /** @type {string[]} */ (all.body).sort()) {
				const org = /^csp-([a-z][a-z0-9-]{0,39})-members$/.exec(name)?.[1];
				if (!org) continue;
				organisations.delete(org);
				const record = await organisation(org);
				if (record?.kind !== 'indirect-reseller') continue;
				const own = await mpnIdOf(org);
				if (own && !index.has(own)) index.set(own, org);
			}
			mpnIndex = index;
			mpnIndexAt = Date.now();
		}
		return mpnIndex.get(mpnId) ?? null;
	}

	/**
	 * The reseller's read-only copies: the provider (a partner) and the partnership. With
	 * `announce` (a change the provider made: a new request, a removal, an acceptance it
	 * recorded), a status change of the copy also gets an Activity entry in the reseller's
	 * organisation, written after the copy. Besides telling the reseller's people, that entry is
	 * what wakes the reseller's devices: they long-poll only their Activity database
	 * (src/lib/sync/long-poll-gate.ts), so a copy changed without one would reach them only at
	 * the 30-second fallback. Answers (applyEvent) and refused answers write their own entries.
	 * @param {any} token @param {any} partnership @param {any} provider
	 * @param {{ announce?: boolean }} [options]
	 */
	async function mirrorToReseller(token, partnership, provider, { announce = false } = {}) {
		const resellerOrg = mirrorTarget(token);
		if (!resellerOrg) return;
		const own = await ownPartner(resellerOrg);
		const providerPartnerId = `rel-${shortHash(`partner:${token.providerOrg}`)}`;
		const at = String(partnership.updatedAt ?? partnership.requestedAt);
		const meta = {
			createdAt: String(partnership.requestedAt),
			createdBy: SERVICE_DEVICE,
			updatedAt: at,
			updatedBy: SERVICE_DEVICE,
			deviceId: SERVICE_DEVICE
		};
		await update(client, databaseName(resellerOrg, 'partners'), providerPartnerId, (current) => ({
			id: providerPartnerId,
			name: token.providerName || token.providerOrg,
			nameLower: String(token.providerName || token.providerOrg).toLowerCase(),
			mpnId: token.providerMpnId,
			kind: 'indirect-provider',
			isOwnOrganisation: false,
			country: token.providerCountry || own?.country || 'HU',
			email: String(provider?.email ?? ''),
			mpaSigned: provider?.mpaSigned === true,
			...meta,
			// The provider's record, not the partnership's change: one copy for every partnership.
			updatedAt: String(provider?.updatedAt ?? current?.updatedAt ?? meta.updatedAt),
			createdAt: current?.createdAt ?? meta.createdAt
		}));
		const id = `rel-${shortHash(`partnership:${token.providerOrg}:${token.partnershipId}`)}`;
		// Which request a copy stands for, when the reseller answers on it (answerFromCopy).
		await createOnce(client, STATE_DB, {
			_id: `copy:${resellerOrg}:${id}`,
			type: 'partnership-copy',
			tokenHash: String(token.hash ?? tokenHash(partnership.invitationToken))
		});
		/** @type {string | null} */
		let statusBefore = null;
		const copy = await update(client, databaseName(resellerOrg, 'partnerships'), id, (current) => {
			statusBefore = current?.status ?? null;
			// The reseller's answer or removal on the copy, not read yet (answerFromCopy reads it
			// after the provider's databases): it is not overwritten by the provider's state here;
			// answerFromCopy applies it or puts the copy back.
			if (announce && current && current.deviceId !== SERVICE_DEVICE) return null;
			return {
				id,
				providerId: providerPartnerId,
				resellerId: String(own?._id ?? `org-${resellerOrg}`),
				status: partnership.status,
				requestedBy: String(partnership.requestedBy),
				requestedAt: String(partnership.requestedAt),
				// The token stays with the provider: the copy carries none that could be used.
				invitationToken: `shared-${id}`,
				invitationLink: '',
				emailDraft: '',
				...(partnership.acceptedAt ? { acceptedAt: partnership.acceptedAt } : {}),
				...(partnership.acceptedRecordedBy
					? { acceptedRecordedBy: partnership.acceptedRecordedBy }
					: {}),
				...(partnership.removedAt ? { removedAt: partnership.removedAt } : {}),
				...(partnership.removedBy ? { removedBy: partnership.removedBy } : {}),
				...(partnership.removalAttested !== undefined
					? { removalAttested: partnership.removalAttested }
					: {}),
				...meta
			};
		});
		// The service's own change of the provider's partnership (an answer) has its entries.
		if (
			announce &&
			copy &&
			statusBefore !== copy.status &&
			partnership.deviceId !== SERVICE_DEVICE
		) {
			await announceToReseller(resellerOrg, token, partnership, id);
		}
	}

	/** What the provider did, as the reseller's Activity says it. */
	const PROVIDER_ACTIONS = /** @type {Record<string, [string, string]>} */ ({
		requested: ['partnership.requested', 'asked for a partnership with this organisation'],
		active: ['partnership.accepted', 'recorded the partnership as accepted'],
		removed: ['partnership.removed', 'removed the partnership']
	});

	/**
	 * The reseller's Activity entry for a change of the provider's partnership; its id comes from
	 * the provider's revision, so reading the change again writes nothing new.
	 * @param {string} resellerOrg @param {any} token @param {any} partnership @param {string} copyId
	 */
	async function announceToReseller(resellerOrg, token, partnership, copyId) {
		const action = PROVIDER_ACTIONS[String(partnership.status)];
		if (!action) return;
		const user = String(partnership.updatedBy ?? partnership.requestedBy ?? '');
		const member = user
			? await readDoc(client, databaseName(token.providerOrg, 'members'), `member:${user}`)
			: null;
		const userName = String(member?.displayName ?? user);
		const providerName = String(token.providerName || token.providerOrg);
		const id = `rel-${shortHash(`announce:${copyId}:${partnership._rev ?? partnership.status}`)}`;
		const from = partnership.status === 'requested' ? '' : 'requested';
		await createOnce(client, databaseName(resellerOrg, 'activity'), {
			_id: id,
			id,
			at: String(partnership.updatedAt ?? partnership.requestedAt ?? now().toISOString()),
			actorId: user || SERVICE_DEVICE,
			actorName: (userName || providerName).slice(0, 100),
			deviceId: SERVICE_DEVICE,
			recordType: 'partnerships',
			action: action[0],
			summary:
				`${userName ? `${userName} (${user}) of ` : ''}${providerName} ${action[1]} in CSP Field (from the other organisation)`.slice(
					0,
					500
				),
			documentId: copyId,
			changes: [{ field: 'status', from, to: String(partnership.status) }]
		});
	}

	/** Applies one answer of the invitations API. @param {any} event */
	async function applyEvent(event) {
		if (!event || event.type !== 'partnership-answer' || event.appliedAt) return;
		const token = await readDoc(client, STATE_DB, `token:${event.tokenHash}`);
		if (!token) return;
		const providerDb = databaseName(token.providerOrg, 'partnerships');
		const accept = event.answer === 'accept';
		let outcome = 'applied';
		const partnership = await update(client, providerDb, token.partnershipId, (current) => {
			if (!current) return null;
			if (current.status !== 'requested') {
				// Applied before (a restart), or removed by the provider meanwhile.
				const mine = accept
					? current.acceptedRecordedBy === event.user && current.acceptedAt === event.at
					: current.removedBy === event.user && current.removedAt === event.at;
				if (!mine) outcome = `not applied: the request is ${current.status}`;
				return null;
			}
			const meta = { updatedAt: event.at, updatedBy: event.user, deviceId: SERVICE_DEVICE };
			return accept
				? {
						...current,
						status: 'active',
						acceptedAt: event.at,
						acceptedRecordedBy: event.user,
						...meta
					}
				: {
						...current,
						status: 'removed',
						removedAt: event.at,
						removedBy: event.user,
						removalAttested: false,
						...meta
					};
		});
		if (outcome === 'applied' && partnership) {
			const who = `${event.userName} (${event.user}) of ${event.orgName}`;
			const summary = accept
				? `${who} accepted the partnership request of ${token.providerName} in CSP Field (from the other organisation)`
				: `${who} declined the partnership request of ${token.providerName} in CSP Field (from the other organisation)`;
			const entry = {
				at: event.at,
				actorId: event.user,
				actorName: String(event.userName).slice(0, 100),
				deviceId: SERVICE_DEVICE,
				recordType: 'partnerships',
				action: accept ? 'partnership.accepted' : 'partnership.declined',
				summary: summary.slice(0, 500),
				changes: [{ field: 'status', from: 'requested', to: accept ? 'active' : 'removed' }]
			};
			const base = `rel-${event.tokenHash.slice(0, 40)}`;
			await createOnce(client, databaseName(token.providerOrg, 'activity'), {
				_id: `${base}-p`,
				id: `${base}-p`,
				...entry,
				documentId: token.partnershipId
			});
			await createOnce(client, databaseName(event.org, 'activity'), {
				_id: `${base}-r`,
				id: `${base}-r`,
				...entry,
				documentId: `rel-${shortHash(`partnership:${token.providerOrg}:${token.partnershipId}`)}`
			});
		}
		const updatedToken = await update(client, STATE_DB, `token:${event.tokenHash}`, (current) =>
			current && outcome === 'applied'
				? {
						...current,
						resellerOrg: event.org,
						answer: event.answer,
						status: partnership?.status ?? current.status
					}
				: null
		);
		if (outcome === 'applied' && partnership && (accept || updatedToken?.offeredTo)) {
			const provider = await readDoc(
				client,
				databaseName(token.providerOrg, 'partners'),
				String(partnership.providerId)
			);
			await mirrorToReseller({ ...updatedToken, hash: event.tokenHash }, partnership, provider);
			await recordShare(updatedToken);
		}
		await update(client, STATE_DB, event._id, (current) =>
			current && !current.appliedAt ? { ...current, appliedAt: now().toISOString(), outcome } : null
		);
		applied += 1;
	}

	/**
	 * Whether `user` (a reseller's, named on its copy) may answer for `org`: a Global admin or an
	 * Admin agent of it, not deactivated, as `_users` has the roles now.
	 * @param {string} user @param {string} org
	 */
	async function mayAnswerFor(user, org) {
		const account = user
			? await readDoc(client, '_users', `org.couchdb.user:${user}`).catch(() => null)
			: null;
		const roles = /** @type {string[]} */ (account?.roles ?? []);
		return (
			roles.includes(`org:${org}`) &&
			!roles.includes('csp:deactivated') &&
			roles.some((role) => role === 'role:global-admin' || role === 'role:admin-agent')
		);
	}

	/**
	 * The reseller's Activity entry saying why its change on a copy was not applied (the copy goes
	 * back); `id` comes from the refused revision, so reading it again writes nothing new.
	 * @param {string} org @param {string} id @param {string} documentId
	 * @param {{ action: string, summary: string, change: { field: string, from: string, to: string } }} entry
	 */
	async function refusedOnCopy(org, id, documentId, { action, summary, change }) {
		await createOnce(client, databaseName(org, 'activity'), {
			_id: id,
			id,
			at: now().toISOString(),
			actorId: SERVICE_DEVICE,
			actorName: 'CSP Field',
			deviceId: SERVICE_DEVICE,
			recordType: 'partnerships',
			action,
			summary,
			documentId,
			changes: [change]
		});
	}

	/**
	 * A reseller's answer given on its copy of a request (Indirect providers, on the device,
	 * perhaps offline; the server's validate_doc_update let only a Global admin or an Admin agent
	 * change only the answer of a still requested copy). Checked again here — the request still
	 * open and not expired, the user's roles, the organisation's MPN ID — and applied as an
	 * answer of the invitations API would be; refused, the copy goes back to the provider's state
	 * and the reseller's Activity says why.
	 * @param {string} org @param {any} doc
	 */
	async function answerFromCopy(org, doc) {
		if (doc.deviceId === SERVICE_DEVICE) return;
		const link = await readDoc(client, STATE_DB, `copy:${org}:${doc._id}`);
		const token = link ? await readDoc(client, STATE_DB, `token:${link.tokenHash}`) : null;
		if (!token) return;
		const hash = String(link.tokenHash);
		const restore = async () => {
			const partnership = await readDoc(
				client,
				databaseName(token.providerOrg, 'partnerships'),
				token.partnershipId
			);
			if (!partnership) return;
			const provider = await readDoc(
				client,
				databaseName(token.providerOrg, 'partners'),
				String(partnership.providerId)
			);
			const current = await readDoc(client, STATE_DB, `token:${hash}`);
			await mirrorToReseller({ ...current, hash }, partnership, provider);
		};
		if (doc.status === 'removed' && token.status === 'active') {
			await removalFromCopy(org, doc, token, hash, restore);
			return;
		}
		const answer = doc.status === 'active' ? 'accept' : doc.status === 'removed' ? 'decline' : null;
		if (!answer) {
			await restore();
			return;
		}
		const existing = await readDoc(client, STATE_DB, `event:${hash}`);
		if (existing) {
			// Answered already (through the link, or this answer before a restart).
			if (!existing.appliedAt) await applyEvent(existing);
			await restore();
			return;
		}
		const user = String((answer === 'accept' ? doc.acceptedRecordedBy : doc.removedBy) ?? '');
		const answersFor = await mayAnswerFor(user, org);
		const nowMs = now().getTime();
		/** @type {string | null} */
		let refusal = null;
		if (token.status !== 'requested') refusal = 'the request was already answered or removed';
		else if (Date.parse(token.expiresAt) < nowMs) refusal = 'the request had expired';
		else if (!answersFor) {
			refusal = 'only a Global admin or an Admin agent can accept or decline it';
		} else if ((await mpnIdOf(org)) !== token.resellerMpnId) {
			refusal = `it was sent to MPN ID ${token.resellerMpnId}, which is not this organisation's`;
		}
		if (refusal) {
			const id = `rel-${hash.slice(0, 24)}-x${shortHash(String(doc._rev)).slice(0, 12)}`;
			await refusedOnCopy(org, id, doc._id, {
				action: 'partnership.answer-refused',
				summary: `The answer to the partnership request of ${token.providerName} was not applied: ${refusal}.`,
				change: { field: 'status', from: doc.status, to: 'requested' }
			});
			await restore();
			return;
		}
		const record = await organisation(org);
		const member = await readDoc(client, databaseName(org, 'members'), `member:${user}`);
		const answeredMs = Date.parse(answer === 'accept' ? doc.acceptedAt : doc.removedAt);
		const requestedMs = Date.parse(token.requestedAt);
		const at =
			Number.isFinite(answeredMs) && answeredMs >= requestedMs && answeredMs <= nowMs
				? new Date(answeredMs).toISOString()
				: now().toISOString();
		const event = {
			_id: `event:${hash}`,
			type: 'partnership-answer',
			tokenHash: hash,
			answer,
			org,
			orgName: String(record?.name ?? org),
			user,
			userName: String(member?.displayName ?? user),
			at,
			via: 'indirect-providers'
		};
		if (await createOnce(client, STATE_DB, event)) {
			await applyEvent(await readDoc(client, STATE_DB, event._id));
		} else await restore();
	}

	/**
	 * The reseller removed an active partnership on its copy (Indirect providers, perhaps
	 * offline; validate_doc_update let only a Global admin or an Admin agent remove it, attested,
	 * naming themselves). Checked again here (the user's roles in `_users`, the organisation the
	 * partnership is shared with) and applied to the provider's partnership: removed, removedAt /
	 * removedBy = the reseller's user, with an Activity entry in both organisations (the
	 * provider's after its partnership: its devices long-poll their Activity). Refused, the copy
	 * goes back to the provider's state and the reseller's Activity says why. Applying it again
	 * (a restart) finds the provider's partnership removed by that user and writes nothing new.
	 * @param {string} org @param {any} doc @param {any} token @param {string} hash
	 * @param {() => Promise<void>} restore
	 */
	async function removalFromCopy(org, doc, token, hash, restore) {
		const user = String(doc.removedBy ?? '');
		const answersFor = await mayAnswerFor(user, org);
		/** @type {string | null} */
		let refusal = null;
		if (mirrorTarget(token) !== org)
			refusal = 'the partnership is not shared with this organisation';
		else if (!answersFor) {
			refusal = 'only a Global admin or an Admin agent can remove a partnership';
		} else if (doc.removalAttested !== true) refusal = 'the removal was not attested';
		const base = `rel-${hash.slice(0, 40)}-rm`;
		if (refusal) {
			const id = `${base}-x${shortHash(String(doc._rev)).slice(0, 12)}`;
			await refusedOnCopy(org, id, doc._id, {
				action: 'partnership.removal-refused',
				summary: `The removal of the partnership with ${token.providerName} was not applied: ${refusal}.`,
				change: { field: 'status', from: 'removed', to: 'active' }
			});
			await restore();
			return;
		}
		const nowMs = now().getTime();
		const removedMs = Date.parse(doc.removedAt);
		const providerDb = databaseName(token.providerOrg, 'partnerships');
		let mine = false;
		const partnership = await update(client, providerDb, token.partnershipId, (current) => {
			if (!current) return null;
			if (current.status !== 'active') {
				// Applied before (a restart), or removed by the provider meanwhile.
				mine =
					current.status === 'removed' &&
					current.removedBy === user &&
					current.deviceId === SERVICE_DEVICE;
				return null;
			}
			const acceptedMs = Date.parse(current.acceptedAt ?? current.requestedAt);
			const at =
				Number.isFinite(removedMs) && removedMs >= acceptedMs && removedMs <= nowMs
					? new Date(removedMs).toISOString()
					: now().toISOString();
			mine = true;
			return {
				...current,
				status: 'removed',
				removedAt: at,
				removedBy: user,
				removalAttested: true,
				updatedAt: at,
				updatedBy: user,
				deviceId: SERVICE_DEVICE
			};
		});
		if (mine && partnership) {
			const record = await organisation(org);
			const member = await readDoc(client, databaseName(org, 'members'), `member:${user}`);
			const userName = String(member?.displayName ?? user);
			const entry = {
				at: String(partnership.removedAt),
				actorId: user,
				actorName: userName.slice(0, 100),
				deviceId: SERVICE_DEVICE,
				recordType: 'partnerships',
				action: 'partnership.removed',
				summary:
					`${userName} (${user}) of ${String(record?.name ?? org)} removed the partnership with ${token.providerName} in CSP Field (from the other organisation)`.slice(
						0,
						500
					),
				changes: [{ field: 'status', from: 'active', to: 'removed' }]
			};
			await createOnce(client, databaseName(token.providerOrg, 'activity'), {
				_id: `${base}-p`,
				id: `${base}-p`,
				...entry,
				documentId: token.partnershipId
			});
			await createOnce(client, databaseName(org, 'activity'), {
				_id: `${base}-r`,
				id: `${base}-r`,
				...entry,
				documentId: doc._id
			});
			await update(client, STATE_DB, `token:${hash}`, (current) =>
				current ? { ...current, status: 'removed', removedAt: partnership.removedAt } : null
			);
			applied += 1;
		}
		await restore();
	}

	// ---- Shared customers and subscriptions (issue 12). A provider's customers whose indirect
	// reseller accepted a partnership in CSP Field (active now, or once: a removal does not
	// remove customers) appear in that reseller organisation's Customers, with their
	// subscriptions credited to it, as read-only copies. Copy ids: `rel-<owner key>-<record
	// key>`, where `rel-<owner key>` is the reseller's copy of the provider (shared/ownership.ts
	// reads the owner from it).

	/** @type {Map<string, string | null>} `<providerOrg>:<reseller partner id>` → reseller org */
	const shares = new Map();
	/** @type {Map<string, string>} org → the id of its own partner record */
	const ownIds = new Map();
	/** @type {Map<string, string>} provider org → its name */
	const providerNames = new Map();

	/** @param {string} providerOrg */
	const ownerKey = (providerOrg) => shortHash(`partner:${providerOrg}`);
	/** @param {string} providerOrg @param {'customer' | 'subscription'} kind @param {string} id */
	const copyIdOf = (providerOrg, kind, id) =>
		`rel-${ownerKey(providerOrg)}-${shortHash(`${kind}:${providerOrg}:${id}`).slice(0, 27)}`;

	/** The reseller organisation a provider's reseller partner stands for, or null. */
	async function shareTarget(/** @type {string} */ providerOrg, /** @type {string} */ partnerId) {
		if (!partnerId) return null;
		const key = `${providerOrg}:${partnerId}`;
		if (!shares.has(key)) {
			const doc = await readDoc(client, STATE_DB, `share:${key}`);
			shares.set(key, doc?.resellerOrg ?? null);
		}
		return shares.get(key) ?? null;
	}

	/**
	 * After an acceptance in CSP Field: the reseller partner stands for the organisation that
	 * accepted (`share:<providerOrg>:<partner id>`), and what the provider has for it already is
	 * shared. `backfilled` is set once that is done, so a restart in between does it again.
	 * @param {any} token
	 */
	async function recordShare(token) {
		if (!token || token.answer !== 'accept' || !token.resellerOrg) return;
		const key = `${token.providerOrg}:${token.resellerPartnerId}`;
		const current = await readDoc(client, STATE_DB, `share:${key}`);
		if (current?.resellerOrg === token.resellerOrg && current.backfilled) {
			shares.set(key, current.resellerOrg);
			return;
		}
		const share = {
			type: 'share',
			providerOrg: token.providerOrg,
			resellerPartnerId: token.resellerPartnerId,
			resellerOrg: token.resellerOrg
		};
		await update(client, STATE_DB, `share:${key}`, () => ({ ...share, backfilled: false }));
		shares.set(key, token.resellerOrg);
		for (const collection of /** @type {const} */ (['customers', 'subscriptions'])) {
			for await (const doc of allDocs(databaseName(token.providerOrg, collection))) {
				if (doc.resellerId !== token.resellerPartnerId) continue;
				if (collection === 'customers') await shareCustomer(token.providerOrg, doc);
				else await shareSubscription(token.providerOrg, doc);
			}
		}
		await update(client, STATE_DB, `share:${key}`, () => ({ ...share, backfilled: true }));
	}

	/**
	 * Every document of a database (design documents and copies aside), 500 at a time.
	 * @param {string} db @param {{ copies?: boolean }} [options] copies: only the `rel-…` ones
	 * @returns {AsyncGenerator<any>}
	 */
	async function* allDocs(db, { copies = false } = {}) {
		let startkey = copies ? 'rel-' : '';
		let skip = 0;
		for (;;) {
			const range = `startkey=${encodeURIComponent(JSON.stringify(startkey))}${copies ? `&endkey=${encodeURIComponent(JSON.stringify('rel-\ufff0'))}` : ''}`;
			const reply = await client.request(
				'GET',
				`${encodeURIComponent(db)}/_all_docs?include_docs=true&limit=500&skip=${skip}&${range}`
			);
			if (reply.status === 404) return;
			if (reply.status !== 200) throw couchError(reply, `Reading ${db}`);
			const rows = /** @type {any[]} */ (reply.body.rows ?? []);
			for (const row of rows) {
				const doc = row.doc;
				if (!doc || doc._id.startsWith('_design/')) continue;
				if (copies !== doc._id.startsWith('rel-')) continue;
				yield doc;
			}
			if (rows.length < 500) return;
			startkey = rows[rows.length - 1].id;
			skip = 1;
		}
	}

	/** The id of an organisation's own partner record (`org-<org>` until its device made one). */
	async function ownIdOf(/** @type {string} */ org) {
		if (!ownIds.has(org)) {
			const own = await ownPartner(org);
			if (!own) return `org-${org}`;
			ownIds.set(org, String(own._id));
		}
		return /** @type {string} */ (ownIds.get(org));
	}

	async function providerNameOf(/** @type {string} */ providerOrg) {
		if (!providerNames.has(providerOrg)) {
			const own = await ownPartner(providerOrg);
			const record = await organisation(providerOrg);
			providerNames.set(providerOrg, String(own?.name ?? record?.name ?? providerOrg));
		}
		return /** @type {string} */ (providerNames.get(providerOrg));
	}

	/**
	 * What the reseller gets of a provider's customer: every field (a customer has no internal
	 * notes), its reseller being the reseller organisation itself; who changed it stays with
	 * the provider (the service is named instead).
	 * @param {any} customer @param {string} id @param {string} ownId
	 */
	function customerCopy(customer, id, ownId) {
		return defined({
			id,
			companyName: customer.companyName,
			nameLower: customer.nameLower,
			domainPrefix: customer.domainPrefix,
			address: customer.address,
			contact: customer.contact,
			organisationRegistrationNumber: customer.organisationRegistrationNumber,
			cloud: customer.cloud,
			resellerId: ownId,
			providerRelationship: customer.providerRelationship,
			resellerRelationship: customer.resellerRelationship,
			delegatedAdminPrivileges: customer.delegatedAdminPrivileges,
			customerAgreementAccepted: customer.customerAgreementAccepted,
			adminUserName: customer.adminUserName,
			createdAt: customer.createdAt,
			createdBy: SERVICE_DEVICE,
			updatedAt: customer.updatedAt,
			updatedBy: SERVICE_DEVICE,
			deviceId: SERVICE_DEVICE
		});
	}

	/**
	 * What the reseller gets of a subscription credited to it: the offer, quantity, terms and
	 * states, not the suspension note (the provider's own words); the reseller and a support
	 * contact that is the reseller become the reseller organisation, any other support contact
	 * and every user who changed it become the provider (its copy).
	 * @param {any} sub @param {string} id @param {string} customerId @param {string} ownId
	 * @param {string} ownerId
	 */
	function subscriptionCopy(sub, id, customerId, ownId, ownerId) {
		const by = (/** @type {unknown} */ value) => (value === undefined ? undefined : ownerId);
		return defined({
			id,
			customerId,
			offerId: sub.offerId,
			quantity: sub.quantity,
			status: sub.status,
			billingCycle: sub.billingCycle,
			termDuration: sub.termDuration,
			resellerId: ownId,
			supportContactId: sub.supportContactId === sub.resellerId ? ownId : ownerId,
			startDate: sub.startDate,
			endDate: sub.endDate,
			termStartDate: sub.termStartDate,
			autoRenew: sub.autoRenew,
			scheduledChanges: sub.scheduledChanges
				? defined({ ...sub.scheduledChanges, scheduledBy: ownerId })
				: undefined,
			suspendedAt: sub.suspendedAt,
			suspendedBy: by(sub.suspendedBy),
			suspensionReason: sub.suspensionReason,
			cancelledAt: sub.cancelledAt,
			cancelledBy: by(sub.cancelledBy),
			upgradedFromOfferId: sub.upgradedFromOfferId,
			createdAt: sub.createdAt,
			createdBy: SERVICE_DEVICE,
			updatedAt: sub.updatedAt,
			updatedBy: SERVICE_DEVICE,
			deviceId: SERVICE_DEVICE
		});
	}

	/**
	 * The reseller's Activity entry for a copy the service wrote (it wakes the reseller's
	 * devices, which long-poll only their Activity); its id comes from the original's revision.
	 * @param {string} org @param {string} recordType @param {string} copyId @param {string} rev
	 * @param {string} action @param {string} summary
	 */
	async function announceCopy(org, recordType, copyId, rev, action, summary) {
		const id = `rel-${shortHash(`shared:${org}:${copyId}:${rev}`)}`;
		await createOnce(client, databaseName(org, 'activity'), {
			_id: id,
			id,
			at: now().toISOString(),
			actorId: SERVICE_DEVICE,
			actorName: 'CSP Field',
			deviceId: SERVICE_DEVICE,
			recordType,
			action,
			summary: `${summary} (from the other organisation)`.slice(0, 500),
			documentId: copyId,
			changes: []
		});
	}

	/**
	 * A provider's customer changed: its copy follows in the reseller organisation it is shared
	 * with (`shared:<providerOrg>:customer:<id>` lists where it went). Moved to another reseller,
	 * the copy it had keeps its last content with the reseller relationship removed, so the
	 * former reseller learns nothing of the new one.
	 * @param {string} providerOrg @param {any} customer
	 */
	async function shareCustomer(providerOrg, customer) {
		const target = await shareTarget(providerOrg, String(customer.resellerId ?? ''));
		const copyId = copyIdOf(providerOrg, 'customer', customer._id);
		const trackId = `shared:${providerOrg}:customer:${customer._id}`;
		const track = await readDoc(client, STATE_DB, trackId);
		const providerName = await providerNameOf(providerOrg);
		for (const former of /** @type {string[]} */ (track?.orgs ?? [])) {
			if (former === target) continue;
			const before = await readDoc(client, databaseName(former, 'customers'), copyId);
			const after = await update(client, databaseName(former, 'customers'), copyId, (current) =>
				current && current.resellerRelationship !== 'removed'
					? { ...current, resellerRelationship: 'removed', updatedAt: customer.updatedAt }
					: null
			);
			if (after && after !== before && after._rev !== before?._rev) {
				await announceCopy(
					former,
					'customers',
					copyId,
					String(customer._rev),
					'customer.unshared',
					`${providerName} no longer shares the customer ${before?.companyName ?? ''} with this organisation`
				);
			}
		}
		if (!target) return;
		if (!track?.orgs?.includes(target)) {
			await update(client, STATE_DB, trackId, (current) => ({
				type: 'shared-customer',
				orgs: [...new Set([...(current?.orgs ?? []), target])]
			}));
		}
		const ownId = await ownIdOf(target);
		/** @type {any} */
		let before = null;
		const copy = await update(client, databaseName(target, 'customers'), copyId, (current) => {
			before = current;
			return customerCopy(customer, copyId, ownId);
		});
		if (copy !== before) {
			await announceCopy(
				target,
				'customers',
				copyId,
				String(customer._rev),
				before ? 'customer.changed-by-owner' : 'customer.shared',
				before
					? `${providerName} changed the customer ${customer.companyName} in CSP Field`
					: `${providerName} shared the customer ${customer.companyName} with this organisation in CSP Field`
			);
		}
		// Subscriptions that came before their customer.
		const waiting = await readDoc(client, STATE_DB, `waiting:${providerOrg}:${customer._id}`);
		if (waiting?.subscriptions?.length) {
			for (const subscriptionId of /** @type {string[]} */ (waiting.subscriptions)) {
				const sub = await readDoc(
					client,
					databaseName(providerOrg, 'subscriptions'),
					subscriptionId
				);
				if (sub) await shareSubscription(providerOrg, sub);
			}
			await update(client, STATE_DB, waiting._id, (current) =>
				current ? { ...current, subscriptions: [] } : null
			);
		}
	}

	/**
	 * A provider's subscription changed: credited to a reseller organisation whose customer it is
	 * for, its copy follows there. One no longer credited to it keeps the copy it had, as it was.
	 * @param {string} providerOrg @param {any} sub
	 */
	async function shareSubscription(providerOrg, sub) {
		const target = await shareTarget(providerOrg, String(sub.resellerId ?? ''));
		if (!target) return;
		const customers = databaseName(providerOrg, 'customers');
		const customer = await readDoc(client, customers, String(sub.customerId));
		if (!customer) {
			// Pushed before its customer (each database syncs on its own): shared with it.
			await update(client, STATE_DB, `waiting:${providerOrg}:${sub.customerId}`, (current) =>
				current?.subscriptions?.includes(sub._id)
					? null
					: {
							type: 'waiting-subscriptions',
							subscriptions: [...(current?.subscriptions ?? []), sub._id]
						}
			);
			return;
		}
		if ((await shareTarget(providerOrg, String(customer.resellerId ?? ''))) !== target) return;
		const customerCopyId = copyIdOf(providerOrg, 'customer', customer._id);
		if (!(await readDoc(client, databaseName(target, 'customers'), customerCopyId))) {
			await shareCustomer(providerOrg, customer);
		}
		const copyId = copyIdOf(providerOrg, 'subscription', sub._id);
		const ownId = await ownIdOf(target);
		const ownerId = `rel-${ownerKey(providerOrg)}`;
		/** @type {any} */
		let before = null;
		const copy = await update(client, databaseName(target, 'subscriptions'), copyId, (current) => {
			before = current;
			return subscriptionCopy(sub, copyId, customerCopyId, ownId, ownerId);
		});
		if (copy !== before) {
			const providerName = await providerNameOf(providerOrg);
			await announceCopy(
				target,
				'subscriptions',
				copyId,
				String(sub._rev),
				before ? 'subscription.changed-by-owner' : 'subscription.shared',
				before
					? `${providerName} changed a subscription of ${customer.companyName} in CSP Field`
					: `${providerName} shared a subscription of ${customer.companyName} with this organisation in CSP Field`
			);
		}
	}

	/**
	 * A reseller organisation's own partner record appeared (its first device set it up) or is
	 * another one: the copies it got name it as their reseller.
	 * @param {string} org @param {any} own
	 */
	async function ownPartnerChanged(org, own) {
		const ownId = String(own._id);
		ownIds.set(org, ownId);
		let changed = false;
		for (const collection of ['customers', 'subscriptions', 'partnerships']) {
			const db = databaseName(org, collection);
			for await (const copy of allDocs(db, { copies: true })) {
				if (copy.resellerId === ownId) continue;
				const wasOwn = copy.supportContactId === copy.resellerId;
				await update(client, db, copy._id, (current) =>
					current
						? {
								...current,
								resellerId: ownId,
								...(collection === 'subscriptions' && wasOwn ? { supportContactId: ownId } : {})
							}
						: null
				);
				changed = true;
			}
		}
		if (changed) {
			await announceCopy(
				org,
				'partners',
				ownId,
				String(own._rev),
				'partner.shared-records-linked',
				'The records other organisations share with this one now name it'
			);
		}
	}

	/** Reads one database from its checkpoint to its end. @param {string} db */
	async function processDatabase(db) {
		const shared = orgDatabase(db);
		const org = partnershipsOrg(db) ?? shared?.org ?? null;
		if (db !== STATE_DB && !org) return;
		// Customers and subscriptions are shared from providers; a reseller's own partner record
		// is the reseller id of the copies it gets.
		if (shared) {
			const kind = (await organisation(shared.org))?.kind;
			if (kind !== (shared.collection === 'partners' ? 'indirect-reseller' : 'indirect-provider')) {
				return;
			}
		}
		const checkpointId = `checkpoint:${db}`;
		const checkpoint = await readDoc(client, CHECKPOINT_DB, checkpointId);
		let since = checkpoint?.seq ?? 0;
		for (;;) {
			const reply = await client.request(
				'GET',
				`${encodeURIComponent(db)}/_changes?include_docs=true&limit=${BATCH}&since=${encodeURIComponent(String(since))}`
			);
			if (reply.status === 404) return;
			if (reply.status !== 200) throw couchError(reply, `Reading the changes of ${db}`);
			const results = /** @type {any[]} */ (reply.body.results ?? []);
			for (const row of results) {
				if (!row.doc || row.deleted) continue;
				if (db === STATE_DB) {
					if (row.doc._id.startsWith('event:')) await applyEvent(row.doc);
				} else if (shared) {
					if (row.doc._id.startsWith('rel-') || row.doc._id.startsWith('_design/')) continue;
					if (shared.collection === 'customers') await shareCustomer(shared.org, row.doc);
					else if (shared.collection === 'subscriptions') {
						await shareSubscription(shared.org, row.doc);
					} else if (row.doc.isOwnOrganisation === true) {
						await ownPartnerChanged(shared.org, row.doc);
					}
				} else if (row.doc._id.startsWith('rel-')) {
					await answerFromCopy(/** @type {string} */ (org), row.doc);
				} else await indexPartnership(/** @type {string} */ (org), row.doc);
			}
			const last = reply.body.last_seq;
			if (results.length > 0 && JSON.stringify(last) !== JSON.stringify(since)) {
				await update(client, CHECKPOINT_DB, checkpointId, () => ({ seq: last }));
			}
			since = last;
			if (results.length < BATCH) return;
		}
	}

	/** Databases of the service's interest among names. @param {string[]} names */
	function watched(names) {
		const set = new Set(
			names.filter((name) => name === STATE_DB || partnershipsOrg(name) || orgDatabase(name))
		);
		// Providers' requests first, so an answer finds its token.
		return [...set].sort((a, b) => (a === STATE_DB ? 1 : b === STATE_DB ? -1 : a.localeCompare(b)));
	}

	/** One pass: the changed databases since the feed's checkpoint, then the checkpoint. */
	async function pass() {
		const checkpoint = await readDoc(client, CHECKPOINT_DB, 'checkpoint:_db_updates');
		const stored = checkpoint?.since ?? '0';
		const since = feedSince ?? stored;
		polling = new AbortController();
		const timeout = nudged ? 0 : pollTimeoutMs;
		nudged = false;
		/** @type {{ names: string[], last: unknown } | null} */
		let changed = null;
		try {
			const response = await fetch(
				`${client.url}/_db_updates?feed=${timeout > 0 ? 'longpoll' : 'normal'}&timeout=${timeout}&since=${encodeURIComponent(String(since))}`,
				{ headers: { accept: 'application/json', authorization }, signal: polling.signal }
			);
			if (response.ok) {
				const body = await response.json();
				changed = {
					names: (body.results ?? []).map((/** @type {any} */ r) => String(r.db_name)),
					last: body.last_seq
				};
			} else if (!warnedNoFeed) {
				warnedNoFeed = true;
				log(`_db_updates answered ${response.status}; following _all_dbs instead.`);
			}
		} catch (error) {
			if (!running) return;
			if (/** @type {any} */ (error)?.name !== 'AbortError') throw error;
			// nudge(): the API wrote an answer; read it now.
			changed = { names: [STATE_DB], last: since };
		} finally {
			polling = null;
		}
		if (!changed) {
			const all = await client.request('GET', '_all_dbs');
			if (all.status !== 200) throw couchError(all, 'Listing the databases');
			changed = { names: all.body, last: since };
			await sleep(Math.min(pollTimeoutMs, 1000));
		}
		const changedWatched = watched(changed.names);
		for (const db of changedWatched) await processDatabase(db);
		feedSince = changed.last;
		if (changedWatched.length > 0 && JSON.stringify(changed.last) !== JSON.stringify(stored)) {
			await update(client, CHECKPOINT_DB, 'checkpoint:_db_updates', () => ({
				since: changed.last
			}));
		}
	}

	async function run() {
		let delay = 500;
		while (running) {
			try {
				await pass();
				delay = 500;
			} catch (error) {
				if (!running) break;
				log(error instanceof Error ? error.message : String(error));
				await sleep(delay);
				delay = Math.min(delay * 2, 30_000);
			}
			const waiters = idleWaiters;
			idleWaiters = [];
			for (const resolveIdle of waiters) resolveIdle();
		}
	}

	return {
		/** Starts following (resolves once its databases exist). */
		async start() {
			await ensureServiceDatabases(client);
			running = true;
			loop = run();
		},
		async stop() {
			running = false;
			polling?.abort();
			await loop;
		},
		/** Reads everything now instead of waiting for the feed (the API's answers). */
		nudge() {
			nudged = true;
			polling?.abort();
		},
		/** Resolves after the next complete pass. */
		settled() {
			const done = new Promise((resolveIdle) => idleWaiters.push(() => resolveIdle(undefined)));
			nudged = true;
			polling?.abort();
			return done;
		},
		/** One pass, for tests without start(). */
		async runOnce() {
			await ensureServiceDatabases(client);
			const wasRunning = running;
			running = true;
			nudged = true;
			try {
				await pass();
			} finally {
				running = wasRunning;
			}
		},
		get applied() {
			return applied;
		},
		client,
		mpnIdOf,
		organisation
	};
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
