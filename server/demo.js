// The demo organisations and users of `npm start` and the tests.
import { ensureOrganisation } from './organisations.js';
import { ensureUser } from './users.js';
import { ROLE_LABELS } from './validation.js';

/** @import { CouchClient } from './couch-client.js' */
/** @import { Role } from './validation.js' */

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
			kind: /** @type {const} */ ('indirect-provider'),
			mpnId: '5100001',
			country: 'HU'
		},
		{
			org: 'demo-reseller',
			name: 'Budapest Cloud Partners Kft.',
			kind: /** @type {const} */ ('indirect-reseller'),
			mpnId: '6123450',
			country: 'HU'
		},
		{
			org: 'demo-other',
			name: 'Fabrikam Reseller Kft.',
			kind: /** @type {const} */ ('indirect-reseller'),
			mpnId: '6900001',
			country: 'HU'
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
