// Idempotent setup steps of an organisation: its databases (one per replicated collection, plus
// members), their _security and design documents (validate_doc_update from validation.js), and
// the _users database. Each step reads first and writes only what differs.
import { couchError, docPath, sameContent } from './couch-client.js';
import {
	REPLICATED_COLLECTIONS,
	RULE_DATA,
	membersValidateDocUpdateSource,
	validateDocUpdateSource
} from './validation.js';
import { partnershipActivityKeys } from './relation-rules.js';
import { UNIQUE_COLLECTIONS, UNIQUE_VIEW, uniqueViewSource } from './unique-rules.js';

/** @import { CouchClient } from './couch-client.js' */

export const PARTNER_KINDS = /** @type {const} */ (['indirect-provider', 'indirect-reseller']);
export const DESIGN_DOC_ID = '_design/csp';
/** Bumped when the design documents change shape (they are compared field by field anyway). */
export const DESIGN_VERSION = 3;

const ORG_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The database of one collection (or 'members') of an organisation.
 * @param {string} org
 * @param {string} collection
 */
export function databaseName(org, collection) {
	return `csp-${org}-${collection}`.toLowerCase();
}

/**
 * The database names of an organisation, by collection (and 'members').
 * @param {string} org
 * @returns {Record<import('./validation.js').ReplicatedCollection | 'members', string>}
 */
export function organisationDatabases(org) {
	return /** @type {any} */ ({
		...Object.fromEntries(REPLICATED_COLLECTIONS.map((c) => [c, databaseName(org, c)])),
		members: databaseName(org, 'members')
	});
}

/**
 * The `_security` object of every database of an organisation.
 * @param {string} org
 */
export function securityObject(org) {
	return {
		admins: { names: [], roles: [] },
		members: { names: [], roles: [`org:${org}`] }
	};
}

/**
 * Checks that the credentials are a server admin's.
 * @param {CouchClient} client
 */
export async function checkServerAdmin(client) {
	const response = await client.request('GET', '_session');
	if (response.status !== 200) throw couchError(response, `Reading the session on ${client.url}`);
	const roles = response.body?.userCtx?.roles ?? [];
	if (!roles.includes('_admin')) {
		throw new Error(
			`The credentials given for ${client.url} are not a server admin's (roles: ${JSON.stringify(roles)}).`
		);
	}
}

/**
 * Creates a database unless it exists. Returns whether it created it.
 * @param {CouchClient} client
 * @param {string} db
 */
export async function ensureDatabase(client, db) {
	const existing = await client.request('GET', encodeURIComponent(db));
	if (existing.status === 200) return false;
	if (existing.status !== 404) throw couchError(existing, `Reading database ${db}`);
	const created = await client.request('PUT', encodeURIComponent(db));
	if (created.status === 201 || created.status === 202) return true;
	if (created.status === 412) return false;
	throw couchError(created, `Creating database ${db}`);
}

/**
 * Sets a database's _security unless it is already that. Returns whether it wrote it.
 * @param {CouchClient} client
 * @param {string} db
 * @param {object} security
 */
export async function ensureSecurity(client, db, security) {
	const current = await client.request('GET', `${encodeURIComponent(db)}/_security`);
	if (current.status !== 200) throw couchError(current, `Reading _security of ${db}`);
	const normalise = (/** @type {any} */ sec) => ({
		admins: { names: sec?.admins?.names ?? [], roles: sec?.admins?.roles ?? [] },
		members: { names: sec?.members?.names ?? [], roles: sec?.members?.roles ?? [] }
	});
	if (sameContent(normalise(current.body), normalise(security))) return false;
	const written = await client.request('PUT', `${encodeURIComponent(db)}/_security`, security);
	if (written.status !== 200) throw couchError(written, `Writing _security of ${db}`);
	return true;
}

/**
 * Writes a document unless it already has exactly this content; an update uses the current
 * _rev. Returns 'created', 'updated' or 'unchanged'.
 * @param {CouchClient} client
 * @param {string} db
 * @param {{ _id: string } & Record<string, unknown>} doc
 * @returns {Promise<'created' | 'updated' | 'unchanged'>}
 */
export async function ensureDocument(client, db, doc) {
	const path = `${encodeURIComponent(db)}/${docPath(doc._id)}`;
	const current = await client.request('GET', path);
	if (current.status !== 200 && current.status !== 404)
		throw couchError(current, `Reading ${db}/${doc._id}`);
	if (current.status === 200 && sameContent(current.body, doc)) return 'unchanged';
	const body = current.status === 200 ? { ...doc, _rev: current.body._rev } : doc;
	const written = await client.request('PUT', path, body);
	if (written.status !== 201 && written.status !== 202)
		throw couchError(written, `Writing ${db}/${doc._id}`);
	return current.status === 200 ? 'updated' : 'created';
}

/**
 * The _users database exists on a CouchDB set up as a single node or cluster; make sure.
 * @param {CouchClient} client
 */
export async function ensureUsersDatabase(client) {
	return ensureDatabase(client, '_users');
}

/**
 * @typedef {object} OrganisationInput
 * @property {string} org the organisation id: lower case letters, digits and '-'
 * @property {string} [name] its display name (default: kept, or the id)
 * @property {(typeof PARTNER_KINDS)[number]} [kind] default: kept, or 'indirect-provider'
 * @property {string} [mpnId] the MPN ID (default: kept, or none)
 * @property {string} [country] its country/region (ISO 3166-1 code), default: kept; required
 *   when the record has none. Reseller relationship requests stay within it (validation.js).
 */

/**
 * Creates or completes an organisation: its databases, _security, design documents and the
 * organisation record in its members database. Returns the list of changes made (empty when
 * everything was already in place).
 * @param {CouchClient} client
 * @param {OrganisationInput} input
 * @returns {Promise<string[]>}
 */
export async function ensureOrganisation(client, input) {
	const { org } = input;
	if (!ORG_PATTERN.test(org)) {
		throw new Error(
			`Invalid organisation id "${org}": use 1–40 lower-case letters, digits and '-', starting with a letter.`
		);
	}
	if (input.kind !== undefined && !PARTNER_KINDS.includes(input.kind)) {
		throw new Error(`Invalid kind "${input.kind}": use ${PARTNER_KINDS.join(' or ')}.`);
	}
	const country = input.country?.trim().toUpperCase();
	if (country !== undefined && !RULE_DATA.countries.split(' ').includes(country)) {
		throw new Error(
			`Invalid country/region "${input.country}": use an ISO 3166-1 code such as HU.`
		);
	}
	await checkServerAdmin(client);
	/** @type {string[]} */
	const changes = [];
	const members = organisationDatabases(org).members;
	const current = await client.request('GET', `${encodeURIComponent(members)}/organisation`);
	if (current.status !== 200 && current.status !== 404) {
		throw couchError(current, `Reading the organisation record of ${org}`);
	}
	const record = current.status === 200 ? current.body : null;
	const organisationCountry = country ?? record?.country;
	if (!organisationCountry) {
		throw new Error(
			`Give the country/region of organisation "${org}" with --country (an ISO 3166-1 code such as HU): reseller relationship requests stay within it.`
		);
	}
	if (await ensureUsersDatabase(client)) changes.push('created database _users');
	const databases = organisationDatabases(org);
	const security = securityObject(org);
	for (const collection of REPLICATED_COLLECTIONS) {
		const db = databases[collection];
		if (await ensureDatabase(client, db)) changes.push(`created database ${db}`);
		if (await ensureSecurity(client, db, security)) changes.push(`set _security of ${db}`);
		const design = await ensureDocument(client, db, {
			_id: DESIGN_DOC_ID,
			language: 'javascript',
			validate_doc_update: validateDocUpdateSource(org, collection, {
				country: organisationCountry
			}),
			// The keys the gateway checks across documents (unique-rules.js).
			...(UNIQUE_COLLECTIONS.includes(/** @type {any} */ (collection))
				? {
						views: {
							[UNIQUE_VIEW]: {
								map: uniqueViewSource(
									collection,
									collection === 'partnerships' ? [partnershipActivityKeys] : []
								)
							}
						}
					}
				: {}),
			csp: { org, collection, version: DESIGN_VERSION }
		});
		if (design !== 'unchanged') changes.push(`${design} ${db}/${DESIGN_DOC_ID}`);
	}
	if (await ensureDatabase(client, members)) changes.push(`created database ${members}`);
	if (await ensureSecurity(client, members, security)) changes.push(`set _security of ${members}`);
	const design = await ensureDocument(client, members, {
		_id: DESIGN_DOC_ID,
		language: 'javascript',
		validate_doc_update: membersValidateDocUpdateSource(),
		csp: { org, collection: 'members', version: DESIGN_VERSION }
	});
	if (design !== 'unchanged') changes.push(`${design} ${members}/${DESIGN_DOC_ID}`);

	const organisation = await ensureDocument(client, members, {
		_id: 'organisation',
		type: 'organisation',
		org,
		name: input.name ?? record?.name ?? org,
		kind: input.kind ?? record?.kind ?? 'indirect-provider',
		country: organisationCountry,
		// The partner location account's MPN ID (the relationship service compares it with the
		// one a provider's partnership request names), when known.
		...((input.mpnId ?? record?.mpnId) ? { mpnId: String(input.mpnId ?? record?.mpnId) } : {})
	});
	if (organisation !== 'unchanged')
		changes.push(`${organisation} the organisation record of ${org}`);
	return changes;
}

/**
 * @param {CouchClient} client
 * @param {string} org
 */
export async function requireOrganisation(client, org) {
	const response = await client.request(
		'GET',
		`${encodeURIComponent(databaseName(org, 'members'))}/organisation`
	);
	if (response.status === 404) {
		throw new Error(`Organisation "${org}" does not exist: run \`org create ${org}\` first.`);
	}
	if (response.status !== 200) throw couchError(response, `Reading organisation ${org}`);
	return response.body;
}
