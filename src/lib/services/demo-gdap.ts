import { addDays } from '$lib/domain/shared/dates';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, entraRoles } from '$lib/domain/gdap/roles';
import type { GdapRelationship } from '$lib/domain/gdap/schema';
import type { Actor } from '$lib/domain/shared/schema';
import { createdMeta } from './changes';

/*
 * The demo organisation's GDAP relationships, relative to `now`, in every state: approval
 * pending, active (with and without auto-extend), expiring (ends within 30 days), expired and
 * terminated. Customers are the demo customers (`demo-customer-<n>`, see demo-data.ts).
 */

const role = (name: string): string => {
	const found = entraRoles.find((r) => r.name === name);
	if (!found) throw new Error(`Unknown Microsoft Entra role ${name}`);
	return found.id;
};

interface Seed {
	customer: number;
	displayName: string;
	durationDays: number;
	roles: string[];
	autoExtend: boolean;
	requestedDaysAgo: number;
	/** Approved this many days ago; absent while approval is pending. */
	approvedDaysAgo?: number;
	terminatedDaysAgo?: number;
}

const seeds: Seed[] = [
	{
		customer: 1,
		displayName: 'Kovacs - helpdesk and licences',
		durationDays: 730,
		roles: ['Helpdesk Administrator', 'User Administrator', 'License Administrator'],
		autoExtend: true,
		requestedDaysAgo: 2
	},
	{
		customer: 1,
		displayName: 'Kovacs - security monitoring',
		durationDays: 730,
		roles: ['Security Reader', 'Global Reader'],
		autoExtend: false,
		requestedDaysAgo: 300,
		approvedDaysAgo: 298
	},
	{
		customer: 2,
		displayName: 'Debreceni Pekseg - support',
		durationDays: 365,
		roles: ['Service Support Administrator', 'Helpdesk Administrator', 'Directory Readers'],
		autoExtend: true,
		requestedDaysAgo: 402,
		approvedDaysAgo: 400
	},
	{
		customer: 13,
		displayName: 'Severny Veter - tenant setup',
		durationDays: 730,
		roles: ['Global Administrator'],
		autoExtend: false,
		requestedDaysAgo: 712,
		approvedDaysAgo: 710
	},
	{
		customer: 7,
		displayName: 'Mazowsze - Exchange and Teams',
		durationDays: 180,
		roles: ['Exchange Administrator', 'Teams Administrator'],
		autoExtend: false,
		requestedDaysAgo: 205,
		approvedDaysAgo: 200
	},
	{
		customer: 3,
		displayName: 'Szegedi - migration project',
		durationDays: 90,
		roles: ['SharePoint Administrator', 'Exchange Administrator', 'User Administrator'],
		autoExtend: false,
		requestedDaysAgo: 61,
		approvedDaysAgo: 60,
		terminatedDaysAgo: 10
	}
];

/** The demo GDAP relationships, by the given actor at `now`. */
export function buildDemoGdap(actor: Actor, now: string): GdapRelationship[] {
	const meta = createdMeta(actor, now);
	const daysAgo = (days: number) => addDays(Date.parse(now), -days);
	return seeds.map((seed, index) => {
		const roleIds = seed.roles.map(role);
		if (seed.autoExtend && roleIds.includes(GLOBAL_ADMINISTRATOR_ROLE_ID)) {
			throw new Error('Demo data: no auto-extend with Global Administrator');
		}
		const approved = seed.approvedDaysAgo;
		const base: GdapRelationship = {
			id: `demo-gdap-${index + 1}`,
			customerId: `demo-customer-${seed.customer}`,
			displayName: seed.displayName,
			displayNameLower: seed.displayName.toLowerCase(),
			durationDays: seed.durationDays,
			roleIds,
			autoExtend: seed.autoExtend,
			status: 'approval-pending',
			requestedAt: daysAgo(seed.requestedDaysAgo),
			requestedBy: actor.userId,
			...meta
		};
		if (approved === undefined) return base;
		const active: GdapRelationship = {
			...base,
			status: 'active',
			approvedAt: daysAgo(approved),
			endAt: daysAgo(approved - seed.durationDays)
		};
		if (seed.terminatedDaysAgo === undefined) return active;
		return {
			...active,
			status: 'terminated',
			terminatedAt: daysAgo(seed.terminatedDaysAgo),
			terminatedBy: actor.userId
		};
	});
}
