// User management: users in _users (org.couchdb.user:<name>, roles org:<org> and role:<role>)
// and their member records in the organisation's members database.
import { randomBytes } from 'node:crypto';
import { couchError, sameContent } from './couch-client.js';
import { databaseName, ensureDocument, requireOrganisation } from './organisations.js';
import { ROLES } from './validation.js';

/** @import { CouchClient } from './couch-client.js' */
/** @import { Role } from './validation.js' */

const USER_PATTERN = /^[a-z0-9][a-z0-9._@+-]{0,63}$/;

/** A random password: 16 characters of base64url. */
export function generatePassword() {
	return randomBytes(12).toString('base64url');
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
	if (current.status !== 200 && current.status !== 404)
		throw couchError(current, `Reading user ${name}`);
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
			throw couchError(written, `Writing user ${name}`);
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
	if (current.status !== 200) throw couchError(current, `Reading user ${name}`);
	if (!(current.body.roles ?? []).includes(`org:${org}`)) {
		throw new Error(`User "${name}" is not in organisation "${org}".`);
	}
}

/**
 * The organisation and its members, as the members database holds them.
 * @param {CouchClient} client
 * @param {string} org
 * @returns {Promise<{ organisation: { org: string, name: string, kind: string, country?: string }, members: { name: string, roles: Role[], displayName: string }[] }>}
 */
export async function listMembers(client, org) {
	const organisation = await requireOrganisation(client, org);
	const response = await client.request(
		'GET',
		`${encodeURIComponent(databaseName(org, 'members'))}/_all_docs?include_docs=true&startkey=%22member%3A%22&endkey=%22member%3A%EF%BF%BF%22`
	);
	if (response.status !== 200) throw couchError(response, `Listing the members of ${org}`);
	return {
		organisation: {
			org,
			name: organisation.name,
			kind: organisation.kind,
			country: organisation.country
		},
		members: response.body.rows.map((/** @type {any} */ row) => ({
			name: row.doc.name,
			roles: row.doc.roles,
			displayName: row.doc.displayName
		}))
	};
}
