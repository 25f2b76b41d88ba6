// Rules that need other documents of the organisation (issue 10: "every integrity rule on the
// server too"), which validate_doc_update cannot read, since it sees one document:
//   domain-prefix-taken  a customer's domain prefix (customer/rules.ts domainPrefixError with
//                        the known prefixes), any case;
//   mpn-id-taken         a partner's MPN ID among the partners of its kind (the service
//                        requestPartnership reuses the reseller with that MPN ID);
//   partnership-open     a new partnership while one with the same provider and reseller is
//                        requested or active (partnership/rules.ts canRequestPartnership);
//   invitation-open      a new invitation to a customer while one to it is still open
//                        (reseller-relationship/rules.ts canRequestResellerRelationship);
//   gdap-name-taken      a GDAP relationship's display name, any case (gdap/rules.ts
//                        displayNameError with the existing names).
// Each is a key a document holds (uniqueKeys); the databases' `_design/csp` has a view `unique`
// made from the same function. The gateway (gateway.js) checks each `_bulk_docs` row and
// document PUT that takes a key the document did not hold before against that view (with the
// member's own session: members read their databases) and against the rows before it in the
// batch; a taken key refuses that row as validate_doc_update would (403 `forbidden`,
// `[csp:<code>] <sentence>`, and `holders`: the ids of the documents that hold the key), the
// other rows go on to the endpoint. The checked writes of one
// database are serialised in the gateway (a check and its write are not overtaken by another
// write of the same database through the same gateway), so two devices racing for one key get
// one acceptance and one refusal. Only keys within one database are checked: a rule that reads
// another database (a customer's relationship for an invitation, the partnership for a new
// customer) stays on the device, since the device pushes each database on its own and such a
// check could refuse a valid write whose companion is still on its way.

/** The view of `_design/csp` that lists the keys (see uniqueViewSource). */
export const UNIQUE_VIEW = 'unique';

/** The collections with a rule here. */
export const UNIQUE_COLLECTIONS = /** @type {const} */ ([
	'customers',
	'partners',
	'partnerships',
	'invitations',
	'gdap'
]);

/** Days an invitation stays open (invitation/rules.ts INVITATION_VALIDITY_DAYS; rule-parity.test.js). */
export const INVITATION_OPEN_DAYS = 90;

/**
 * The unique keys a document holds: `[code, key, value]` each. ES5 (it also runs as the view's
 * map function in couchjs and PouchDB Server).
 * @param {string} collection
 * @param {any} doc
 * @returns {[string, string, unknown][]}
 */
export function uniqueKeys(collection, doc) {
	/** @type {[string, string, unknown][]} */
	var keys = [];
	/** @param {unknown} value */
	function text(value) {
		return typeof value === 'string' ? value.replace(/^\s+|\s+$/g, '') : '';
	}
	if (!doc || typeof doc !== 'object' || doc._deleted === true) return keys;
	if (String(doc._id).indexOf('_design/') === 0) return keys;
	if (collection === 'customers') {
		var prefix = text(doc.domainPrefix).toLowerCase();
		if (prefix !== '') keys.push(['domain-prefix-taken', prefix, null]);
	} else if (collection === 'partners') {
		var mpnId = text(doc.mpnId);
		if (mpnId !== '' && typeof doc.kind === 'string') {
			keys.push(['mpn-id-taken', doc.kind + ' ' + mpnId, null]);
		}
	} else if (collection === 'partnerships') {
		if (doc.status === 'requested' || doc.status === 'active') {
			keys.push([
				'partnership-open',
				text(doc.providerId) + ' ' + text(doc.resellerId),
				doc.status
			]);
		}
	} else if (collection === 'invitations') {
		var customerId = text(doc.customerId);
		if (doc.status === 'sent' && customerId !== '') {
			keys.push(['invitation-open', customerId, typeof doc.sentAt === 'string' ? doc.sentAt : '']);
		}
	} else if (collection === 'gdap') {
		var name = text(doc.displayName).toLowerCase();
		if (name !== '') keys.push(['gdap-name-taken', name, null]);
	}
	return keys;
}

/**
 * The map function of the `unique` view of one collection's database; `more` are ES5 functions
 * of the document giving further `[key, value]` rows (relation-rules.js: the partnerships that
 * are or were active).
 * @param {string} collection
 * @param {((doc: any) => [[string, string], unknown][])[]} [more]
 */
export function uniqueViewSource(collection, more = []) {
	return [
		'function (doc) {',
		`  var keys = (${uniqueKeys.toString()})(${JSON.stringify(collection)}, doc);`,
		'  for (var i = 0; i < keys.length; i++) emit([keys[i][0], keys[i][1]], keys[i][2]);',
		...more.flatMap((source, n) => [
			`  var more${n} = (${source.toString()})(doc);`,
			`  for (var j${n} = 0; j${n} < more${n}.length; j${n}++) emit(more${n}[j${n}][0], more${n}[j${n}][1]);`
		]),
		'}'
	].join('\n');
}

/**
 * Whether a key found in the view still binds at `nowMs`: an invitation binds while it is open
 * (invitation/rules.ts isInvitationOpen: 90 days from sending, to the millisecond; a sending
 * time that cannot be read counts as expired).
 * @param {string} code @param {unknown} value @param {number} nowMs
 */
export function stillBinds(code, value, nowMs) {
	if (code !== 'invitation-open') return true;
	const sent = typeof value === 'string' ? Date.parse(value) : NaN;
	return !Number.isNaN(sent) && nowMs < sent + INVITATION_OPEN_DAYS * 86_400_000;
}

/**
 * The refusal reason of a taken key.
 * @param {string} code @param {any} doc
 */
export function takenReason(code, doc) {
	/** @param {unknown} value */
	const text = (value) => (typeof value === 'string' ? value.trim() : '');
	switch (code) {
		case 'domain-prefix-taken':
			return `[csp:${code}] ${text(doc.domainPrefix).toLowerCase()}.onmicrosoft.com is already taken. Choose another domain prefix.`;
		case 'mpn-id-taken':
			return `[csp:${code}] Another ${doc.kind === 'indirect-provider' ? 'indirect provider' : 'indirect reseller'} has the MPN ID ${text(doc.mpnId)} already.`;
		case 'partnership-open':
			return `[csp:${code}] A partnership request to this reseller is already waiting to be accepted, or the partnership is active.`;
		case 'invitation-open':
			return `[csp:${code}] An invitation to ${text(doc.companyName) || 'this customer'} is still open. Send the same link again, or withdraw it before you send a new one.`;
		default:
			return `[csp:${code}] You already have a GDAP relationship named ${text(doc.displayName)}. Choose another name.`;
	}
}

/**
 * @typedef {{ id: string, key: [string, string], value: unknown }} ViewRow
 * @typedef {object} UniqueLookups how the check reads the database (the gateway asks the endpoint)
 * @property {(ids: string[]) => Promise<Map<string, any>>} current the stored (winning) version
 *   of each id that has one
 * @property {(keys: [string, string][]) => Promise<ViewRow[]>} taken the view's rows of the keys
 * @property {() => Promise<void>} [claiming] called once before `taken` when some row takes a
 *   new key (the gateway takes the database's lock there: rows that take none need no lock)
 * @property {(keys: [string, string][]) => string[]} [recent] ids of documents that took one
 *   of the keys a moment ago (`claimed`): a view on a CouchDB cluster may answer from a shard
 *   copy that has not got them yet. Each is read by id (`current`) and counts only if its
 *   stored version holds the key.
 * @property {(id: string, keys: [string, string][]) => void} [claimed] the keys a row the
 *   check lets through takes
 * @property {(index: number, holders: string[]) => void} [blocked] the ids of the documents
 *   holding the key a refused row wanted: the gateway names them in the row's answer, so a
 *   device that holds back a conflict of one of them knows the refusal may not last (the
 *   device's push, src/lib/sync/couch-fetch.ts)
 */

/**
 * Which rows of a write take a key another document holds. Rows that take no key they did not
 * hold before cost no request; rows without `_rev` count as new (one that exists anyway comes
 * back as a conflict from the endpoint).
 * @param {{ collection: string, docs: any[], newEdits?: boolean, now?: number }} write
 * @param {UniqueLookups} lookups
 * @returns {Promise<Map<number, string>>} row index → refusal reason
 */
export async function findTakenKeys(
	{ collection, docs, newEdits = true, now = Date.now() },
	lookups
) {
	/** @type {Map<number, string>} */
	const refused = new Map();
	const candidates = docs
		.map((doc, index) => ({ doc, index, keys: uniqueKeys(collection, doc) }))
		.filter((row) => row.keys.length > 0);
	if (candidates.length === 0) return refused;
	const stored = await (async () => {
		const ids = candidates
			.filter(({ doc }) => typeof doc._rev === 'string' || newEdits === false)
			.map(({ doc }) => String(doc._id));
		return ids.length > 0 ? lookups.current([...new Set(ids)]) : new Map();
	})();
	const keyText = (/** @type {[string, string, unknown]} */ key) => `${key[0]}\u0000${key[1]}`;
	const claims = candidates
		.map((row) => {
			const before = new Set(uniqueKeys(collection, stored.get(String(row.doc._id))).map(keyText));
			return { ...row, claimed: row.keys.filter((key) => !before.has(keyText(key))) };
		})
		.filter((row) => row.claimed.length > 0);
	if (claims.length === 0) return refused;
	await lookups.claiming?.();
	/** The keys each document of the batch holds in its batch version. */
	const inBatch = new Map(
		docs.map((doc) => [String(doc?._id), new Set(uniqueKeys(collection, doc).map(keyText))])
	);
	/** @type {Map<string, [string, string]>} */
	const wanted = new Map();
	for (const row of claims) {
		for (const key of row.claimed) wanted.set(keyText(key), [key[0], key[1]]);
	}
	/** @type {Map<string, ViewRow[]>} */
	const holders = new Map();
	/** @param {ViewRow} row */
	const hold = (row) => {
		const text = `${row.key[0]}\u0000${row.key[1]}`;
		holders.set(text, [...(holders.get(text) ?? []), row]);
	};
	const keys = [...wanted.values()];
	const found = await lookups.taken(keys);
	for (const row of found) hold(row);
	const seen = new Set(found.map((row) => row.id));
	const recent = (lookups.recent?.(keys) ?? []).filter((id) => !seen.has(id));
	if (recent.length > 0) {
		for (const doc of (await lookups.current([...new Set(recent)])).values()) {
			for (const key of uniqueKeys(collection, doc)) {
				if (wanted.has(keyText(key)))
					hold({ id: String(doc._id), key: [key[0], key[1]], value: key[2] });
			}
		}
	}
	/** Keys taken by rows accepted before in this batch: key → document id. */
	const takenHere = new Map();
	for (const row of claims) {
		const id = String(row.doc._id);
		const binding = row.claimed.filter((key) => stillBinds(key[0], key[2], now));
		/** The other documents that hold `key` (a row before this one in the batch, or stored). */
		const holdersOf = (/** @type {[string, string, unknown]} */ key) => {
			const text = keyText(key);
			const here = takenHere.get(text);
			const stored = (holders.get(text) ?? []).filter(
				(holder) =>
					holder.id !== id &&
					stillBinds(key[0], holder.value, now) &&
					// A document this batch changes holds the key only if its new version still does.
					(!inBatch.has(holder.id) || inBatch.get(holder.id)?.has(text))
			);
			return [
				...(here !== undefined && here !== id ? [here] : []),
				...stored.map((holder) => holder.id)
			];
		};
		const clashes = binding.filter((key) => holdersOf(key).length > 0);
		if (clashes.length > 0) {
			refused.set(row.index, takenReason(clashes[0][0], row.doc));
			lookups.blocked?.(row.index, [...new Set(clashes.flatMap(holdersOf))]);
			continue;
		}
		// An invitation already expired when it arrives (sent long ago offline) blocks nothing.
		for (const key of binding) takenHere.set(keyText(key), id);
		lookups.claimed?.(
			id,
			row.claimed.map((key) => [key[0], key[1]])
		);
	}
	return refused;
}

/**
 * One lock per name (per database): `await acquire(name)` waits for the holders before it and
 * returns the function that releases it (calling it again does nothing).
 */
export function createLocks() {
	/** @type {Map<string, Promise<void>>} */
	const tails = new Map();
	/** @param {string} name @returns {Promise<() => void>} */
	return async function acquire(name) {
		const before = tails.get(name) ?? Promise.resolve();
		/** @type {() => void} */
		let open = () => undefined;
		const mine = new Promise((resolve) => (open = () => resolve(undefined)));
		const tail = before.then(() => mine);
		tails.set(name, tail);
		await before;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			open();
			if (tails.get(name) === tail) tails.delete(name);
		};
	};
}
