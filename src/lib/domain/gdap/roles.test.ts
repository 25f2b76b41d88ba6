import { describe, expect, it } from 'vitest';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, entraRoles, findEntraRole, roleNames } from './roles';

describe('entraRoles', () => {
	it('has real role template IDs: lower-case GUIDs, each once', () => {
		const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
		expect(entraRoles.every((role) => guid.test(role.id))).toBe(true);
		expect(new Set(entraRoles.map((role) => role.id)).size).toBe(entraRoles.length);
		expect(new Set(entraRoles.map((role) => role.name)).size).toBe(entraRoles.length);
	});

	it('is sorted by name', () => {
		const names = entraRoles.map((role) => role.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
	});

	it.each([
		['Global Administrator', '62e90394-69f5-4237-9190-012177145e10'],
		['Helpdesk Administrator', '729827e3-9c14-49f7-bb1b-9608f156bbb8'],
		['User Administrator', 'fe930be7-5e62-47db-91af-98c3a49a38b1'],
		['License Administrator', '4d6ac14f-3453-41d0-bef9-a3e0c569773a'],
		['Exchange Administrator', '29232cdf-9323-42fd-ade2-1d097af3e4de'],
		['SharePoint Administrator', 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c'],
		['Teams Administrator', '69091246-20e8-4a56-aa4d-066075b2a7a8'],
		['Billing Administrator', 'b0f54661-2d74-4c50-afa3-1ec803f12efe'],
		['Global Reader', 'f2ef992c-3afb-46b9-b7cf-a126ee74c451'],
		['Security Administrator', '194ae4cb-b126-40b2-bd5b-6091b380977d'],
		['Security Reader', '5d6b6bb7-de71-4623-b4af-96380a352509'],
		['Service Support Administrator', 'f023fd81-a637-4b56-95fd-791ac0226033'],
		['Directory Readers', '88d8e3e3-8f55-4a1e-953a-9b9898b8876b'],
		['Privileged Role Administrator', 'e8611ab8-c189-46e8-94e1-60213ab1f814'],
		['Intune Administrator', '3a2c62db-5318-420d-8d74-23affee5d9d5'],
		['Cloud Application Administrator', '158c047a-c907-4556-b7ef-446551a6b5f7'],
		['Application Administrator', '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3'],
		['Authentication Administrator', 'c4e39bd9-1100-46d3-8c65-fb160da0071f'],
		['Compliance Administrator', '17315797-102d-40b4-93e0-432062caca18'],
		['Reports Reader', '4a5d8f65-41da-4de4-8968-e035b65339cf']
	])('has %s as %s', (name, id) => {
		expect(findEntraRole(id)).toEqual({ id, name });
	});

	it('finds roles in any case and not unknown ones', () => {
		expect(findEntraRole(` ${GLOBAL_ADMINISTRATOR_ROLE_ID.toUpperCase()} `)?.name).toBe(
			'Global Administrator'
		);
		expect(findEntraRole('00000000-0000-0000-0000-000000000000')).toBeUndefined();
	});
});

describe('roleNames', () => {
	it('names roles in list order, unknown IDs as they are, each once', () => {
		expect(
			roleNames([
				'fe930be7-5e62-47db-91af-98c3a49a38b1',
				'unknown-id',
				'729827E3-9C14-49F7-BB1B-9608F156BBB8',
				'fe930be7-5e62-47db-91af-98c3a49a38b1'
			])
		).toEqual(['Helpdesk Administrator', 'User Administrator', 'unknown-id']);
		expect(roleNames([])).toEqual([]);
	});
});
