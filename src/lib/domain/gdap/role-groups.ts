import { msg } from '../shared/text';
import { entraRoles, type EntraRole } from './roles';

/*
 * How the request form groups the Microsoft Entra roles: by what the partner's staff do with
 * them in the customer's tenant. Every role of `entraRoles` is in exactly one group (a test keeps
 * it so), groups in this order, roles in the list's (alphabetical) order. The group names are our
 * own words (marked for translation, shown with t()); the role names are Microsoft's and stay in
 * English, as Partner Center shows them.
 */

export interface EntraRoleGroup {
	/** A stable key, for the UI. */
	id: string;
	/** In English, marked with msg(): shown with t(). */
	name: string;
	roles: EntraRole[];
}

const groupNames: { id: string; name: string; roles: string[] }[] = [
	{
		id: 'read-only',
		name: msg('Read only'),
		roles: [
			'Directory Readers',
			'Global Reader',
			'Message Center Reader',
			'Reports Reader',
			'Security Reader'
		]
	},
	{
		id: 'users-and-support',
		name: msg('Users, passwords and support'),
		roles: [
			'Authentication Administrator',
			'Groups Administrator',
			'Helpdesk Administrator',
			'Password Administrator',
			'Service Support Administrator',
			'User Administrator'
		]
	},
	{
		id: 'licences-and-billing',
		name: msg('Licences and billing'),
		roles: ['Billing Administrator', 'License Administrator']
	},
	{
		id: 'microsoft-365-services',
		name: msg('Microsoft 365 services'),
		roles: [
			'Dynamics 365 Administrator',
			'Exchange Administrator',
			'Exchange Recipient Administrator',
			'Office Apps Administrator',
			'Power Platform Administrator',
			'SharePoint Administrator',
			'Teams Administrator',
			'Teams Communications Administrator'
		]
	},
	{
		id: 'devices',
		name: msg('Devices'),
		roles: ['Cloud Device Administrator', 'Intune Administrator', 'Windows 365 Administrator']
	},
	{
		id: 'security-and-compliance',
		name: msg('Security and compliance'),
		roles: [
			'Compliance Administrator',
			'Conditional Access Administrator',
			'Security Administrator',
			'Security Operator'
		]
	},
	{
		id: 'applications-and-directory',
		name: msg('Applications and directory'),
		roles: ['Application Administrator', 'Cloud Application Administrator', 'Directory Writers']
	},
	{
		id: 'privileged',
		name: msg('Highly privileged'),
		roles: [
			'Global Administrator',
			'Privileged Authentication Administrator',
			'Privileged Role Administrator'
		]
	}
];

/** The groups with their roles (roles in the list's order). */
export const entraRoleGroups: readonly EntraRoleGroup[] = groupNames.map((group) => ({
	id: group.id,
	name: group.name,
	roles: entraRoles.filter((role) => group.roles.includes(role.name))
}));

/** Role names of every group, as written above (for the test that none is misspelt). */
export const groupedRoleNames: readonly string[] = groupNames.flatMap((group) => group.roles);

/**
 * The groups whose roles match a search (words of the role's name or of its group's name, any
 * order, any case), each with only its matching roles; groups without a match are left out. An
 * empty search gives every group. `groupText` gives the words a group is found by (its English
 * name; the UI adds the name in the active language).
 */
export function searchEntraRoles(
	query: string,
	groupText: (group: EntraRoleGroup) => string = (group) => group.name
): EntraRoleGroup[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return entraRoleGroups.map((group) => ({ ...group }));
	return entraRoleGroups
		.map((group) => ({
			...group,
			roles: group.roles.filter((role) => {
				const text = `${role.name} ${groupText(group)}`.toLowerCase();
				return words.every((word) => text.includes(word));
			})
		}))
		.filter((group) => group.roles.length > 0);
}
