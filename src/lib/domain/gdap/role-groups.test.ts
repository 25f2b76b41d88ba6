import { describe, expect, it } from 'vitest';
import { entraRoleGroups, groupedRoleNames, searchEntraRoles } from './role-groups';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, entraRoles } from './roles';

describe('entraRoleGroups', () => {
	it('puts every Microsoft Entra role of the list in exactly one group', () => {
		const grouped = entraRoleGroups.flatMap((group) => group.roles.map((role) => role.id));
		expect(grouped).toHaveLength(entraRoles.length);
		expect(new Set(grouped)).toEqual(new Set(entraRoles.map((role) => role.id)));
	});

	it('names only roles of the list (no misspelt name drops a role)', () => {
		const names = new Set(entraRoles.map((role) => role.name));
		expect(groupedRoleNames.filter((name) => !names.has(name))).toEqual([]);
	});

	it('has no empty group and unique group ids', () => {
		expect(entraRoleGroups.every((group) => group.roles.length > 0)).toBe(true);
		expect(new Set(entraRoleGroups.map((g) => g.id)).size).toBe(entraRoleGroups.length);
	});

	it('keeps Global Administrator among the highly privileged roles', () => {
		const privileged = entraRoleGroups.find((group) => group.id === 'privileged');
		expect(privileged?.roles.map((role) => role.id)).toContain(GLOBAL_ADMINISTRATOR_ROLE_ID);
	});
});

describe('searchEntraRoles', () => {
	it('gives every group for an empty search', () => {
		expect(searchEntraRoles('  ').map((g) => g.id)).toEqual(entraRoleGroups.map((g) => g.id));
	});

	it('finds roles by words of their name, in any order and case', () => {
		const groups = searchEntraRoles('ADMIN exchange');
		expect(groups.flatMap((g) => g.roles.map((r) => r.name))).toEqual([
			'Exchange Administrator',
			'Exchange Recipient Administrator'
		]);
		expect(groups.map((g) => g.id)).toEqual(['microsoft-365-services']);
	});

	it("finds the roles of a group by the group's name", () => {
		const groups = searchEntraRoles('devices');
		expect(groups.flatMap((g) => g.roles.map((r) => r.name))).toEqual([
			'Cloud Device Administrator',
			'Intune Administrator',
			'Windows 365 Administrator'
		]);
	});

	it('finds a group by the words the UI gives for it (its name in the active language)', () => {
		const inHungarian = (group: { id: string; name: string }) =>
			group.id === 'devices' ? `${group.name} Eszközök` : group.name;
		const groups = searchEntraRoles('eszközök', inHungarian);
		expect(groups.map((g) => g.id)).toEqual(['devices']);
		expect(groups[0].roles).toHaveLength(3);
		// English words still find it.
		expect(searchEntraRoles('devices', inHungarian).map((g) => g.id)).toEqual(['devices']);
	});

	it('gives nothing when no role matches', () => {
		expect(searchEntraRoles('payroll')).toEqual([]);
	});
});
