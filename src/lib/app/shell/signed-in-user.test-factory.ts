import { SESSION_KEY, type OrganisationRole, type SignedInUser } from '$lib/sync/session';

/** A signed-in user of the demo organisation with the given roles. */
export function buildSignedInUser(
	roles: OrganisationRole[],
	overrides: Partial<SignedInUser> = {}
): SignedInUser {
	return { name: 'maria', displayName: 'Maria Nagy', org: 'contoso', roles, ...overrides };
}

/** Makes the user the last one signed in on this browser (what the app reads at start). */
export function signInAs(user: SignedInUser | null): void {
	if (user) localStorage.setItem(SESSION_KEY, JSON.stringify(user));
	else localStorage.removeItem(SESSION_KEY);
}
