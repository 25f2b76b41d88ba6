#!/usr/bin/env node
// The setup command of the replication endpoint: organisations, their databases and users.
// It speaks only CouchDB's HTTP API, so it works the same against the embedded PouchDB Server
// (server/endpoint.js), Apache CouchDB 3 and Cloudant, given a URL and server-admin
// credentials. Every step is idempotent: it reads first and writes only what differs, so a
// second run changes nothing.
//
// Per organisation <org> (lower case letters, digits, '-'):
//   csp-<org>-partners, -partnerships, -customers, -subscriptions, -activity
//     one database per replicated collection; _security members.roles = ['org:<org>'],
//     admins empty (server admins only); _design/csp with the validate_doc_update of
//     validation.js (PRODUCT.md's role table and the integrity rules).
//   csp-<org>-members
//     readable by the organisation's members, written only by server admins (this command):
//     { _id: 'organisation', type, org, name, kind } and one
//     { _id: 'member:<name>', type: 'member', name, roles: ['sales-agent', …], displayName }
//     per user, so the app can show who is in the organisation and with which roles.
// Users live in _users as org.couchdb.user:<name>, roles ['org:<org>', 'role:<role>', …].
//
// CLI (credentials also from COUCH_URL and COUCH_ADMIN=name:password):
//   node server/setup.js --url http://127.0.0.1:5984 --admin admin:secret <command>
//     org create <org> --name "Contoso Distribution CEE" --kind indirect-provider
//     user add <org> <name> --roles global-admin,sales-agent [--password …] [--display-name …]
//     user roles <org> <name> --roles admin-agent
//     user reset-password <org> <name> [--password …]   (prints the new password)
//     user list <org>
//     demo                                                (the demo organisations and users)
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	REPLICATED_COLLECTIONS,
	ROLE_LABELS,
	ROLES,
	membersValidateDocUpdateSource,
	validateDocUpdateSource
} from './validation.js';

/** @typedef {import('./validation.js').Role} Role */

export const PARTNER_KINDS = /** @type {const} */ (['indirect-provider', 'indirect-reseller']);
export const DESIGN_DOC_ID = '_design/csp';
/** Bumped when the design documents change shape (they are compared field by field anyway). */
export const DESIGN_VERSION = 2;

const ORG_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
const USER_PATTERN = /^[a-z0-9][a-z0-9._@+-]{0,63}$/;

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

/** A random password: 16 characters of base64url. */
export function generatePassword() {
	return randomBytes(12).toString('base64url');
}

/**
 * @typedef {object} CouchResponse
 * @property {number} status
 * @property {any} body
 *
 * @typedef {object} CouchClient
 * @property {string} url the server's base URL, without credentials or trailing slash
 * @property {(method: string, path: string, body?: unknown, options?: { auth?: boolean }) => Promise<CouchResponse>} request
 */

/**
 * An HTTP client with server-admin credentials (Basic auth). The URL may carry the credentials
 * itself (http://admin:secret@host:5984).
 * @param {{ url: string, adminName?: string, adminPassword?: string }} options
 * @returns {CouchClient}
 */
export function createCouchClient({ url, adminName, adminPassword }) {
	const parsed = new URL(url);
	const name = adminName ?? decodeURIComponent(parsed.username);
	const password = adminPassword ?? decodeURIComponent(parsed.password);
	parsed.username = '';
	parsed.password = '';
	const base = parsed.href.replace(/\/+$/, '');
	const authorization = name
		? `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`
		: undefined;
	return {
		url: base,
		async request(method, path, body, options = {}) {
			/** @type {Record<string, string>} */
			const headers = { accept: 'application/json' };
			if (authorization && options.auth !== false) headers.authorization = authorization;
			if (body !== undefined) headers['content-type'] = 'application/json';
			const response = await fetch(`${base}/${path.replace(/^\//, '')}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			const text = await response.text();
			let parsedBody;
			try {
				parsedBody = text ? JSON.parse(text) : null;
			} catch {
				parsedBody = text;
			}
			return { status: response.status, body: parsedBody };
		}
	};
}

/**
 * @param {CouchResponse} response
 * @param {string} what
 */
function fail(response, what) {
	const reason =
		response.body && typeof response.body === 'object'
			? `${response.body.error}: ${response.body.reason}`
			: String(response.body);
	return new Error(`${what} failed with HTTP ${response.status} (${reason})`);
}

/** @param {string} id */
function docPath(id) {
	return id.startsWith('_design/')
		? `_design/${encodeURIComponent(id.slice(8))}`
		: encodeURIComponent(id);
}

/**
 * Same content, ignoring _rev, and treating missing and undefined alike.
 * @param {unknown} a
 * @param {unknown} b
 */
function sameContent(a, b) {
	/** @param {unknown} value @returns {unknown} */
	const normal = (value) => {
		if (Array.isArray(value)) return value.map(normal);
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.keys(value)
					.filter((key) => key !== '_rev' && /** @type {any} */ (value)[key] !== undefined)
					.sort()
					.map((key) => [key, normal(/** @type {any} */ (value)[key])])
			);
		}
		return value;
	};
	return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

/**
 * Checks that the credentials are a server admin's.
 * @param {CouchClient} client
 */
export async function checkServerAdmin(client) {
	const response = await client.request('GET', '_session');
	if (response.status !== 200) throw fail(response, `Reading the session on ${client.url}`);
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
	if (existing.status !== 404) throw fail(existing, `Reading database ${db}`);
	const created = await client.request('PUT', encodeURIComponent(db));
	if (created.status === 201 || created.status === 202) return true;
	if (created.status === 412) return false;
	throw fail(created, `Creating database ${db}`);
}

/**
 * Sets a database's _security unless it is already that. Returns whether it wrote it.
 * @param {CouchClient} client
 * @param {string} db
 * @param {object} security
 */
export async function ensureSecurity(client, db, security) {
	const current = await client.request('GET', `${encodeURIComponent(db)}/_security`);
	if (current.status !== 200) throw fail(current, `Reading _security of ${db}`);
	const normalise = (/** @type {any} */ sec) => ({
		admins: { names: sec?.admins?.names ?? [], roles: sec?.admins?.roles ?? [] },
		members: { names: sec?.members?.names ?? [], roles: sec?.members?.roles ?? [] }
	});
	if (sameContent(normalise(current.body), normalise(security))) return false;
	const written = await client.request('PUT', `${encodeURIComponent(db)}/_security`, security);
	if (written.status !== 200) throw fail(written, `Writing _security of ${db}`);
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
		throw fail(current, `Reading ${db}/${doc._id}`);
	if (current.status === 200 && sameContent(current.body, doc)) return 'unchanged';
	const body = current.status === 200 ? { ...doc, _rev: current.body._rev } : doc;
	const written = await client.request('PUT', path, body);
	if (written.status !== 201 && written.status !== 202)
		throw fail(written, `Writing ${db}/${doc._id}`);
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
	await checkServerAdmin(client);
	/** @type {string[]} */
	const changes = [];
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
			validate_doc_update: validateDocUpdateSource(org, collection),
			csp: { org, collection, version: DESIGN_VERSION }
		});
		if (design !== 'unchanged') changes.push(`${design} ${db}/${DESIGN_DOC_ID}`);
	}
	const members = databases.members;
	if (await ensureDatabase(client, members)) changes.push(`created database ${members}`);
	if (await ensureSecurity(client, members, security)) changes.push(`set _security of ${members}`);
	const design = await ensureDocument(client, members, {
		_id: DESIGN_DOC_ID,
		language: 'javascript',
		validate_doc_update: membersValidateDocUpdateSource(),
		csp: { org, collection: 'members', version: DESIGN_VERSION }
	});
	if (design !== 'unchanged') changes.push(`${design} ${members}/${DESIGN_DOC_ID}`);

	const current = await client.request('GET', `${encodeURIComponent(members)}/organisation`);
	const organisation = await ensureDocument(client, members, {
		_id: 'organisation',
		type: 'organisation',
		org,
		name: input.name ?? (current.status === 200 ? current.body.name : org),
		kind: input.kind ?? (current.status === 200 ? current.body.kind : 'indirect-provider')
	});
	if (organisation !== 'unchanged')
		changes.push(`${organisation} the organisation record of ${org}`);
	return changes;
}

/**
 * @param {CouchClient} client
 * @param {string} org
 */
async function requireOrganisation(client, org) {
	const response = await client.request(
		'GET',
		`${encodeURIComponent(databaseName(org, 'members'))}/organisation`
	);
	if (response.status === 404) {
		throw new Error(`Organisation "${org}" does not exist: run \`org create ${org}\` first.`);
	}
	if (response.status !== 200) throw fail(response, `Reading organisation ${org}`);
	return response.body;
}

/** @param {string[]} roles */
function checkRoles(roles) {
	if (roles.length === 0) throw new Error(`Give at least one role: ${ROLES.join(', ')}.`);
	for (const role of roles) {
		if (!(/** @type {readonly string[]} */ (ROLES).includes(role))) {
			throw new Error(`Unknown role "${role}": use ${ROLES.join(', ')}.`);
		}
	}
	return [...new Set(roles)].sort(
		(a, b) => ROLES.indexOf(/** @type {Role} */ (a)) - ROLES.indexOf(/** @type {Role} */ (b))
	);
}

/**
 * Whether a user can sign in with this password (POST /_session, without admin credentials).
 * @param {CouchClient} client
 * @param {string} name
 * @param {string} password
 */
export async function passwordWorks(client, name, password) {
	const response = await client.request('POST', '_session', { name, password }, { auth: false });
	return response.status === 200 && response.body?.ok === true;
}

/** @param {string} name */
function userDocPath(name) {
	return `_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
}

/**
 * @typedef {object} UserInput
 * @property {string} org
 * @property {string} name the user name people sign in with (lower case, up to 64 characters)
 * @property {string[]} [roles] the organisation roles (ROLES); required for a new user
 * @property {string} [password] default: kept for an existing user, generated for a new one
 * @property {string} [displayName] default: kept, or the name
 *
 * @typedef {object} UserResult
 * @property {string} name
 * @property {Role[]} roles
 * @property {string} displayName
 * @property {boolean} created
 * @property {string | undefined} password set when this call set a password (new or reset)
 * @property {string[]} changes
 */

/**
 * Adds a user to an organisation or brings an existing one to the given roles, display name
 * and password. Changes nothing when all is already so.
 * @param {CouchClient} client
 * @param {UserInput & { resetPassword?: boolean }} input
 * @returns {Promise<UserResult>}
 */
export async function ensureUser(client, input) {
	const { org, name } = input;
	if (!USER_PATTERN.test(name)) {
		throw new Error(
			`Invalid user name "${name}": use up to 64 lower-case letters, digits and . _ @ + - (starting with a letter or digit).`
		);
	}
	await requireOrganisation(client, org);
	/** @type {string[]} */
	const changes = [];
	const current = await client.request('GET', userDocPath(name));
	if (current.status !== 200 && current.status !== 404) throw fail(current, `Reading user ${name}`);
	const existing = current.status === 200 ? current.body : null;
	if (existing) {
		const otherOrg = (existing.roles ?? []).find(
			(/** @type {string} */ role) => role.startsWith('org:') && role !== `org:${org}`
		);
		if (otherOrg) {
			throw new Error(
				`User "${name}" belongs to organisation "${otherOrg.slice(4)}", not "${org}".`
			);
		}
	} else if (!input.roles) {
		throw new Error(`User "${name}" does not exist in "${org}": add it with --roles.`);
	}
	const previousRoles = (existing?.roles ?? [])
		.filter((/** @type {string} */ role) => role.startsWith('role:'))
		.map((/** @type {string} */ role) => role.slice(5));
	const roles = /** @type {Role[]} */ (checkRoles(input.roles ?? previousRoles));
	const otherRoles = (existing?.roles ?? []).filter(
		(/** @type {string} */ role) => !role.startsWith('org:') && !role.startsWith('role:')
	);
	const couchRoles = [`org:${org}`, ...roles.map((role) => `role:${role}`), ...otherRoles];
	const displayName = input.displayName ?? existing?.displayName ?? name;

	let password;
	if (!existing) password = input.password ?? generatePassword();
	else if (input.resetPassword) password = input.password ?? generatePassword();
	else if (input.password !== undefined && !(await passwordWorks(client, name, input.password))) {
		password = input.password;
	}

	const userDoc = {
		...(existing ?? {}),
		_id: `org.couchdb.user:${name}`,
		name,
		type: 'user',
		roles: couchRoles,
		displayName,
		org,
		...(password !== undefined ? { password } : {})
	};
	if (!existing || password !== undefined || !sameContent(existing, userDoc)) {
		const written = await client.request('PUT', userDocPath(name), userDoc);
		if (written.status !== 201 && written.status !== 202)
			throw fail(written, `Writing user ${name}`);
		if (!existing) changes.push(`created user ${name}`);
		else {
			if (!sameContent(existing.roles, couchRoles)) changes.push(`set the roles of ${name}`);
			if (existing.displayName !== displayName) changes.push(`set the display name of ${name}`);
			if (password !== undefined) changes.push(`set the password of ${name}`);
		}
	}
	const member = await ensureDocument(client, databaseName(org, 'members'), {
		_id: `member:${name}`,
		type: 'member',
		name,
		roles,
		displayName
	});
	if (member !== 'unchanged') changes.push(`${member} the member record of ${name}`);
	return { name, roles, displayName, created: !existing, password, changes };
}

/**
 * Changes the roles of an existing user of the organisation.
 * @param {CouchClient} client
 * @param {string} org
 * @param {string} name
 * @param {string[]} roles
 */
export async function setUserRoles(client, org, name, roles) {
	await requireExistingUser(client, org, name);
	return ensureUser(client, { org, name, roles });
}

/**
 * Sets a new password (the given one, or a generated one) and returns it.
 * @param {CouchClient} client
 * @param {string} org
 * @param {string} name
 * @param {string} [password]
 */
export async function resetPassword(client, org, name, password) {
	await requireExistingUser(client, org, name);
	const result = await ensureUser(client, { org, name, password, resetPassword: true });
	return /** @type {string} */ (result.password);
}

/**
 * @param {CouchClient} client
 * @param {string} org
 * @param {string} name
 */
async function requireExistingUser(client, org, name) {
	const current = await client.request('GET', userDocPath(name));
	if (current.status === 404) throw new Error(`User "${name}" does not exist.`);
	if (current.status !== 200) throw fail(current, `Reading user ${name}`);
	if (!(current.body.roles ?? []).includes(`org:${org}`)) {
		throw new Error(`User "${name}" is not in organisation "${org}".`);
	}
}

/**
 * The organisation and its members, as the members database holds them.
 * @param {CouchClient} client
 * @param {string} org
 * @returns {Promise<{ organisation: { org: string, name: string, kind: string }, members: { name: string, roles: Role[], displayName: string }[] }>}
 */
export async function listMembers(client, org) {
	const organisation = await requireOrganisation(client, org);
	const response = await client.request(
		'GET',
		`${encodeURIComponent(databaseName(org, 'members'))}/_all_docs?include_docs=true&startkey=%22member%3A%22&endkey=%22member%3A%EF%BF%BF%22`
	);
	if (response.status !== 200) throw fail(response, `Listing the members of ${org}`);
	return {
		organisation: { org, name: organisation.name, kind: organisation.kind },
		members: response.body.rows.map((/** @type {any} */ row) => ({
			name: row.doc.name,
			roles: row.doc.roles,
			displayName: row.doc.displayName
		}))
	};
}

/**
 * The demo: organisation 'demo' (the indirect provider of the app's demo data) and organisation
 * 'demo-reseller' (the indirect reseller of the reseller demo data), each with one user per role,
 * and organisation 'demo-other' (a reseller) with one Global admin, to see that organisations
 * cannot see each other. The passwords are fixed and printed by `npm start`.
 */
export const DEMO = {
	organisations: [
		{
			org: 'demo',
			name: 'Contoso Distribution CEE',
			kind: /** @type {const} */ ('indirect-provider')
		},
		{
			org: 'demo-reseller',
			name: 'Budapest Cloud Partners Kft.',
			kind: /** @type {const} */ ('indirect-reseller')
		},
		{
			org: 'demo-other',
			name: 'Fabrikam Reseller Kft.',
			kind: /** @type {const} */ ('indirect-reseller')
		}
	],
	users: [
		{
			org: 'demo',
			name: 'demo-global-admin',
			displayName: 'Anna Kovács',
			roles: ['global-admin'],
			password: 'global-admin-demo'
		},
		{
			org: 'demo',
			name: 'demo-user-admin',
			displayName: 'Bence Tóth',
			roles: ['user-management-admin'],
			password: 'user-admin-demo'
		},
		{
			org: 'demo',
			name: 'demo-admin-agent',
			displayName: 'Csilla Nagy',
			roles: ['admin-agent'],
			password: 'admin-agent-demo'
		},
		{
			org: 'demo',
			name: 'demo-sales-agent',
			displayName: 'Dávid Szabó',
			roles: ['sales-agent'],
			password: 'sales-agent-demo'
		},
		{
			org: 'demo-reseller',
			name: 'reseller-global-admin',
			displayName: 'Réka Balogh',
			roles: ['global-admin'],
			password: 'reseller-global-admin-demo'
		},
		{
			org: 'demo-reseller',
			name: 'reseller-user-admin',
			displayName: 'Sándor Fekete',
			roles: ['user-management-admin'],
			password: 'reseller-user-admin-demo'
		},
		{
			org: 'demo-reseller',
			name: 'reseller-admin-agent',
			displayName: 'Tünde Vass',
			roles: ['admin-agent'],
			password: 'reseller-admin-agent-demo'
		},
		{
			org: 'demo-reseller',
			name: 'reseller-sales-agent',
			displayName: 'Ubul Kerekes',
			roles: ['sales-agent'],
			password: 'reseller-sales-agent-demo'
		},
		{
			org: 'demo-other',
			name: 'other-global-admin',
			displayName: 'Eszter Molnár',
			roles: ['global-admin'],
			password: 'other-admin-demo'
		}
	]
};

/**
 * Sets up the demo organisations and users. Returns the users (with their passwords) and the
 * changes made.
 * @param {CouchClient} client
 */
export async function setupDemo(client) {
	/** @type {string[]} */
	const changes = [];
	for (const organisation of DEMO.organisations) {
		changes.push(...(await ensureOrganisation(client, organisation)));
	}
	const users = [];
	for (const user of DEMO.users) {
		const result = await ensureUser(client, user);
		changes.push(...result.changes);
		users.push({
			...user,
			roleLabels: user.roles.map((role) => ROLE_LABELS[/** @type {Role} */ (role)])
		});
	}
	return { users, changes };
}

/**
 * Parses `--flag value` options and positional arguments.
 * @param {string[]} argv
 */
export function parseArguments(argv) {
	/** @type {Record<string, string>} */
	const options = {};
	/** @type {string[]} */
	const positional = [];
	for (let i = 0; i < argv.length; i++) {
		const argument = argv[i];
		if (argument.startsWith('--')) {
			const [key, inline] = argument.slice(2).split(/=(.*)/s);
			if (inline !== undefined) options[key] = inline;
			else {
				const value = argv[i + 1];
				if (value === undefined || value.startsWith('--'))
					throw new Error(`--${key} needs a value`);
				options[key] = value;
				i++;
			}
		} else positional.push(argument);
	}
	return { options, positional };
}

const USAGE = `Usage: node server/setup.js --url <couchdb-url> --admin <name:password> <command>

Commands:
  org create <org> --name "<display name>" --kind indirect-provider|indirect-reseller
  user add <org> <name> --roles <role,role> [--password <p>] [--display-name "<name>"]
  user roles <org> <name> --roles <role,role>
  user reset-password <org> <name> [--password <p>]
  user list <org>
  demo

Roles: ${ROLES.join(', ')}
--url and --admin default to the COUCH_URL and COUCH_ADMIN environment variables.`;

/**
 * Runs the CLI; returns the exit code.
 * @param {string[]} argv
 * @param {{ log?: (line: string) => void }} [io]
 */
export async function main(argv, io = {}) {
	const log = io.log ?? ((/** @type {string} */ line) => console.log(line));
	const { options, positional } = parseArguments(argv);
	if (options.help !== undefined || positional.length === 0) {
		log(USAGE);
		return positional.length === 0 && options.help === undefined ? 1 : 0;
	}
	const url = options.url ?? process.env.COUCH_URL;
	if (!url) throw new Error('Give the server with --url (or COUCH_URL).');
	const admin = options.admin ?? process.env.COUCH_ADMIN;
	const separator = admin ? admin.indexOf(':') : -1;
	const client = createCouchClient({
		url,
		adminName: admin ? admin.slice(0, separator < 0 ? undefined : separator) : undefined,
		adminPassword: admin && separator >= 0 ? admin.slice(separator + 1) : undefined
	});
	const roles = options.roles
		?.split(',')
		.map((role) => role.trim())
		.filter(Boolean);
	/** @param {string[]} changes */
	const report = (changes) =>
		log(changes.length ? changes.map((c) => `- ${c}`).join('\n') : 'Nothing to change.');
	const [group, command, org, name] = positional;

	if (group === 'demo') {
		const { users, changes } = await setupDemo(client);
		report(changes);
		for (const user of users) {
			log(`${user.org}\t${user.name}\t${user.password}\t${user.roleLabels.join(', ')}`);
		}
		return 0;
	}
	if (group === 'org' && command === 'create' && org) {
		report(
			await ensureOrganisation(client, {
				org,
				name: options.name,
				kind: /** @type {any} */ (options.kind)
			})
		);
		return 0;
	}
	if (group === 'user' && command === 'add' && org && name) {
		if (!roles) throw new Error('Give the roles with --roles.');
		const result = await ensureUser(client, {
			org,
			name,
			roles,
			password: options.password,
			displayName: options['display-name']
		});
		report(result.changes);
		if (result.created && options.password === undefined)
			log(`Password of ${name}: ${result.password}`);
		return 0;
	}
	if (group === 'user' && command === 'roles' && org && name) {
		if (!roles) throw new Error('Give the roles with --roles.');
		report((await setUserRoles(client, org, name, roles)).changes);
		return 0;
	}
	if (group === 'user' && command === 'reset-password' && org && name) {
		const password = await resetPassword(client, org, name, options.password);
		log(`New password of ${name}: ${password}`);
		return 0;
	}
	if (group === 'user' && command === 'list' && org) {
		const { organisation, members } = await listMembers(client, org);
		log(`${organisation.name} (${organisation.org}, ${organisation.kind})`);
		for (const member of members) {
			log(
				`${member.name}\t${member.displayName}\t${member.roles.map((/** @type {Role} */ r) => ROLE_LABELS[r]).join(', ')}`
			);
		}
		return 0;
	}
	log(USAGE);
	return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		}
	);
}
