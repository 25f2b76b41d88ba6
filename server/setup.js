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
//     { _id: 'organisation', type, org, name, kind, country } and one
//     { _id: 'member:<name>', type: 'member', name, roles: ['sales-agent', …], displayName }
//     per user, so the app can show who is in the organisation and with which roles.
// Users live in _users as org.couchdb.user:<name>, roles ['org:<org>', 'role:<role>', …].
//
// CLI (credentials also from COUCH_URL and COUCH_ADMIN=name:password):
//   node server/setup.js --url http://127.0.0.1:5984 --admin admin:secret <command>
//     org create <org> --name "Contoso Distribution CEE" --kind indirect-provider --country HU
//     user add <org> <name> --roles global-admin,sales-agent [--password …] [--display-name …]
//     user roles <org> <name> --roles admin-agent
//     user reset-password <org> <name> [--password …]   (prints the new password)
//     user list <org>
//     demo                                                (the demo organisations and users)
//
// The steps live in couch-client.js (HTTP), organisations.js (databases, _security, design
// documents), users.js (users and members) and demo.js; this file is the CLI and re-exports them.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCouchClient } from './couch-client.js';
import { setupDemo } from './demo.js';
import { ensureOrganisation } from './organisations.js';
import { listMembers, resetPassword, setUserRoles, ensureUser } from './users.js';
import { ROLE_LABELS, ROLES } from './validation.js';

export * from './couch-client.js';
export * from './demo.js';
export * from './organisations.js';
export * from './users.js';

/** @import { Role } from './validation.js' */

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
  org create <org> --name "<display name>" --kind indirect-provider|indirect-reseller --country <ISO code>
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
				kind: /** @type {any} */ (options.kind),
				country: options.country
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
		log(
			`${organisation.name} (${organisation.org}, ${organisation.kind}, ${organisation.country})`
		);
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
