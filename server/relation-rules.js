// Rules that need a document of another database of the organisation (issue 10: "every
// integrity rule on the server too"): a record names a reseller (or provider) the organisation
// has a partnership with.
//   partnership-not-active           a new customer, or one moved to another reseller, names a
//                                    reseller the organisation has no partnership with (the
//                                    server's side of partnership/rules.ts
//                                    canAddCustomerForReseller);
//   subscription-reseller-not-active a subscription credited to such a reseller
//                                    (subscription/rules.ts validateSubscription);
//   support-contact-not-active       a subscription whose designated support contact is neither
//                                    the organisation nor such a reseller (the same rule);
//   provider-partnership-not-active  an Invite new customers invitation with a provider the
//                                    reseller has no partnership with
//                                    (reseller-relationship/rules.ts canInviteWithProvider).
// The codes and reasons are the device's rules (active partnerships), which the app translates.
// The organisation's own partner record (`isOwnOrganisation`: a reseller organisation's own
// customers and subscriptions) needs no partnership. Only what a write changes is checked: a
// record keeps the reseller it had when its partnership was removed (removal keeps customers).
//
// Offline, a device knows only the partnerships it pulled, and what it believes may not hold
// on the server: one device may add a customer for a reseller while another removes that
// partnership, or its own offline Record acceptance may lose to another device's removal of the
// request. Both acted on what they knew. So the server asks for a weaker thing than the device:
// that the organisation has a partnership with that reseller at all (requested, active or
// removed). A removal or a lost acceptance never makes work done offline fail, and a reseller the
// organisation never asked can be named by nothing. (What the server cannot tell apart: a device
// that names a reseller whose partnership is not active on purpose. The device refuses that.)
//
// A device pushes each database on its own, so a write can reach the gateway before the
// partnership that allows it (a request, its Record acceptance and a new customer, all offline).
// A row whose partnership is not there yet is therefore asked about again every `pollMs` for `waitMs`
// (default 10 s) before it is refused; the rest of its batch waits with it. A crafted write
// waits as long and is refused all the same.
//
// Partnerships are read from the `unique` view of the partnerships database, which also lists
// every partnership by reseller and by provider and reseller (partnershipActivityKeys).

/** The collections with a rule here. */
export const RELATION_COLLECTIONS = /** @type {const} */ ([
	'customers',
	'subscriptions',
	'invitations'
]);

/**
 * The view rows of a partnership, `[[code, key], status]` each, whatever its status.
 * ES5 (it also runs as part of the partnerships database's `unique` view).
 * @param {any} doc
 * @returns {[[string, string], string][]}
 */
export function partnershipActivityKeys(doc) {
	/** @type {[[string, string], string][]} */
	var rows = [];
	if (!doc || typeof doc !== 'object' || doc._deleted === true) return rows;
	if (String(doc._id).indexOf('_design/') === 0) return rows;
	var value = typeof doc.status === 'string' ? doc.status : '';
	var provider = typeof doc.providerId === 'string' ? doc.providerId : '';
	var reseller = typeof doc.resellerId === 'string' ? doc.resellerId : '';
	if (reseller === '') return rows;
	rows.push([['partnership-reseller', reseller], value]);
	if (provider !== '') rows.push([['partnership-pair', provider + ' ' + reseller], value]);
	return rows;
}

/**
 * @typedef {{ code: string, partnerId: string, key: [string, string] }} Need one partnership a
 *   row needs: the partner it names (exempt when it is the organisation's own) and the view key
 *   of the active partnership that allows it
 */

/** @param {unknown} value */
const text = (value) => (typeof value === 'string' ? value.trim() : '');

/**
 * The partnerships a row needs that its stored version did not (a new record needs all).
 * @param {string} collection @param {any} doc @param {any} [stored] its stored winning version
 * @returns {Need[]}
 */
export function neededPartnerships(collection, doc, stored) {
	if (!doc || typeof doc !== 'object' || doc._deleted === true) return [];
	if (String(doc._id).startsWith('_design/')) return [];
	const before = stored && stored._deleted !== true ? stored : undefined;
	/** @param {string} field */
	const changed = (field) => !before || text(before[field]) !== text(doc[field]);
	/** @type {Need[]} */
	const needs = [];
	/** @param {string} code @param {string} partnerId */
	const reseller = (code, partnerId) =>
		needs.push({ code, partnerId, key: ['partnership-reseller', partnerId] });
	if (collection === 'customers') {
		const resellerId = text(doc.resellerId);
		if (resellerId !== '' && changed('resellerId')) reseller('partnership-not-active', resellerId);
	} else if (collection === 'subscriptions') {
		const resellerId = text(doc.resellerId);
		if (resellerId !== '' && changed('resellerId')) {
			reseller('subscription-reseller-not-active', resellerId);
		}
		const contact = text(doc.supportContactId);
		if (contact !== '' && changed('supportContactId')) {
			reseller('support-contact-not-active', contact);
		}
	} else if (collection === 'invitations') {
		const providerId = text(doc.providerId);
		if (doc.kind === 'reseller-and-provider' && providerId !== '' && !before) {
			needs.push({
				code: 'provider-partnership-not-active',
				// The reseller of the invitation is the organisation itself; the provider never is.
				partnerId: '',
				key: ['partnership-pair', `${providerId} ${text(doc.resellerId)}`]
			});
		}
	}
	return needs;
}

/** The refusal reason of a need, with its code (the app words it in the user's language). */
const REASONS = {
	'partnership-not-active':
		'Customers can be added for this reseller only while the partnership is active.',
	'subscription-reseller-not-active':
		'Choose a reseller with an active partnership, or none. A reseller without an active partnership cannot be credited.',
	'support-contact-not-active':
		'The designated support contact must be your organisation or a reseller with an active partnership.',
	'provider-partnership-not-active':
		'You can invite new customers together with a provider only while your partnership with it is active.'
};

/** @param {string} code */
export function relationReason(code) {
	return `[csp:${code}] ${REASONS[/** @type {keyof typeof REASONS} */ (code)]}`;
}

/**
 * @typedef {object} RelationLookups how the check reads the organisation (the gateway asks the
 *   endpoint with the member's session)
 * @property {(ids: string[]) => Promise<Map<string, any>>} current the stored (winning) version
 *   of each id of the written database that has one
 * @property {(keys: [string, string][]) => Promise<{ key: [string, string], value: string | null }[]>} partnerships
 *   the view rows of the keys (partnershipActivityKeys)
 * @property {(ids: string[]) => Promise<Set<string>>} own which of the partner ids are the
 *   organisation's own partner record
 * @property {(ms: number) => Promise<void>} [sleep]
 */

/**
 * Which rows of a write name a partnership that is not active, as row index → refusal reason,
 * after waiting up to `waitMs` for partnerships still on their way.
 * @param {{ collection: string, docs: any[], waitMs?: number, pollMs?: number }} write
 * @param {RelationLookups} lookups
 * @returns {Promise<Map<number, string>>}
 */
export async function findInactivePartnerships(
	{ collection, docs, waitMs = 10_000, pollMs = 1000 },
	lookups
) {
	/** @type {Map<number, string>} */
	const refused = new Map();
	const written = docs
		.map((doc, index) => ({ doc, index }))
		.filter(({ doc }) => neededPartnerships(collection, doc).length > 0);
	if (written.length === 0) return refused;
	const stored = await lookups.current([...new Set(written.map(({ doc }) => String(doc._id)))]);
	let open = written.flatMap(({ doc, index }) =>
		neededPartnerships(collection, doc, stored.get(String(doc._id))).map((need) => ({
			index,
			need
		}))
	);
	if (open.length === 0) return refused;
	const sleep =
		lookups.sleep ?? ((/** @type {number} */ ms) => new Promise((done) => setTimeout(done, ms)));
	const deadline = Date.now() + waitMs;
	for (;;) {
		// The own partner record may be on its way too (a new organisation's first sync).
		const ownIds = [...new Set(open.map(({ need }) => need.partnerId).filter((id) => id !== ''))];
		const own = ownIds.length > 0 ? await lookups.own(ownIds) : new Set();
		open = open.filter(({ need }) => !own.has(need.partnerId));
		if (open.length === 0) return refused;
		const keys = new Map(open.map(({ need }) => [need.key.join('\u0000'), need.key]));
		const found = new Set(
			(await lookups.partnerships([...keys.values()])).map((row) => row.key.join('\u0000'))
		);
		open = open.filter(({ need }) => !found.has(need.key.join('\u0000')));
		if (open.length === 0 || Date.now() >= deadline) break;
		await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
	}
	for (const { index, need } of open) {
		if (!refused.has(index)) refused.set(index, relationReason(need.code));
	}
	return refused;
}
