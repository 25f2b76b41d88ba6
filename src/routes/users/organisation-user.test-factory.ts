import type { OrganisationUser } from '$lib/services/users';

/** A user of the organisation as the users API lists it: an active Sales agent. */
export function buildOrganisationUser(overrides: Partial<OrganisationUser> = {}): OrganisationUser {
	return {
		name: 'anna',
		displayName: 'Anna Kovács',
		email: 'anna@contoso.example',
		roles: ['sales-agent'],
		active: true,
		lastSignInAt: null,
		temporaryPassword: false,
		...overrides
	};
}

/** The users API's reply: JSON with a status (what server/api/users.js sends). */
export function reply(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}
