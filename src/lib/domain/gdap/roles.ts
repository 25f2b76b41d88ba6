/**
 * Microsoft Entra built-in roles a GDAP relationship can ask for, with their role template IDs
 * (the same in every tenant; from Microsoft's "Microsoft Entra built-in roles" reference). A
 * selection of the roles partners commonly request, sorted by name.
 */
export interface EntraRole {
	/** Role template ID. */
	id: string;
	name: string;
}

export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';

export const entraRoles: readonly EntraRole[] = [
	{ id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', name: 'Application Administrator' },
	{ id: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', name: 'Authentication Administrator' },
	{ id: 'b0f54661-2d74-4c50-afa3-1ec803f12efe', name: 'Billing Administrator' },
	{ id: '158c047a-c907-4556-b7ef-446551a6b5f7', name: 'Cloud Application Administrator' },
	{ id: '7698a772-787b-4ac8-901f-60d6b08affd2', name: 'Cloud Device Administrator' },
	{ id: '17315797-102d-40b4-93e0-432062caca18', name: 'Compliance Administrator' },
	{ id: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', name: 'Conditional Access Administrator' },
	{ id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', name: 'Directory Readers' },
	{ id: '9360feb5-f418-4baa-8175-e2a00bac4301', name: 'Directory Writers' },
	{ id: '44367163-eba1-44c3-98af-f5787879f96a', name: 'Dynamics 365 Administrator' },
	{ id: '29232cdf-9323-42fd-ade2-1d097af3e4de', name: 'Exchange Administrator' },
	{ id: '31392ffb-586c-42d1-9346-e59415a2cc4e', name: 'Exchange Recipient Administrator' },
	{ id: GLOBAL_ADMINISTRATOR_ROLE_ID, name: 'Global Administrator' },
	{ id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', name: 'Global Reader' },
	{ id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c', name: 'Groups Administrator' },
	{ id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', name: 'Helpdesk Administrator' },
	{ id: '3a2c62db-5318-420d-8d74-23affee5d9d5', name: 'Intune Administrator' },
	{ id: '4d6ac14f-3453-41d0-bef9-a3e0c569773a', name: 'License Administrator' },
	{ id: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b', name: 'Message Center Reader' },
	{ id: '2b745bdf-0803-4d80-aa65-822c4493daac', name: 'Office Apps Administrator' },
	{ id: '966707d0-3269-4727-9be2-8c3a10f19b9d', name: 'Password Administrator' },
	{ id: '11648597-926c-4cf3-9c36-bcebb0ba8dcc', name: 'Power Platform Administrator' },
	{ id: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', name: 'Privileged Authentication Administrator' },
	{ id: 'e8611ab8-c189-46e8-94e1-60213ab1f814', name: 'Privileged Role Administrator' },
	{ id: '4a5d8f65-41da-4de4-8968-e035b65339cf', name: 'Reports Reader' },
	{ id: '194ae4cb-b126-40b2-bd5b-6091b380977d', name: 'Security Administrator' },
	{ id: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f', name: 'Security Operator' },
	{ id: '5d6b6bb7-de71-4623-b4af-96380a352509', name: 'Security Reader' },
	{ id: 'f023fd81-a637-4b56-95fd-791ac0226033', name: 'Service Support Administrator' },
	{ id: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', name: 'SharePoint Administrator' },
	{ id: '69091246-20e8-4a56-aa4d-066075b2a7a8', name: 'Teams Administrator' },
	{ id: 'baf37b3a-610e-45da-9e62-d9d1e5e8914b', name: 'Teams Communications Administrator' },
	{ id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: 'User Administrator' },
	{ id: '11451d60-acb2-45eb-a7d6-43d0f0125c13', name: 'Windows 365 Administrator' }
];

const byId = new Map(entraRoles.map((role) => [role.id, role]));

/** The role with this template ID (any case), or `undefined` when it is not in the list. */
export function findEntraRole(id: string): EntraRole | undefined {
	return byId.get(id.trim().toLowerCase());
}

/** The role names of template IDs, in the list's order; unknown IDs are shown as they are. */
export function roleNames(ids: readonly string[]): string[] {
	const wanted = new Set(ids.map((id) => id.trim().toLowerCase()));
	const known = entraRoles.filter((role) => wanted.has(role.id)).map((role) => role.name);
	const unknown = [...wanted].filter((id) => !byId.has(id));
	return [...known, ...unknown];
}
