/**
 * The signed-in user: CouchDB `_session` cookie sign-in through the app's own origin
 * (`/db/_session`), and the last user kept in localStorage so the app opens offline for them.
 */

export const SESSION_KEY = 'csp-field:session';

export type OrganisationRole =
	'global-admin' | 'user-management-admin' | 'admin-agent' | 'sales-agent';

export interface SignedInUser {
	name: string;
	displayName: string;
	org: string;
	roles: OrganisationRole[];
}

export type SignInResult =
	| { ok: true; user: SignedInUser }
	| {
			ok: false;
			reason:
				'credentials' | 'network' | 'no-organisation' | 'server' | 'throttled' | 'password-change';
			message: string;
	  };

type Fetch = typeof fetch;

export interface SessionOptions {
	fetch?: Fetch;
	storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
	/** The endpoint's base, e.g. '/db' (default). */
	base?: string;
}

function options(opts: SessionOptions = {}) {
	return {
		fetch: opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
		storage: opts.storage ?? localStorage,
		base: opts.base ?? '/db'
	};
}

const roleNames: OrganisationRole[] = [
	'global-admin',
	'user-management-admin',
	'admin-agent',
	'sales-agent'
];

/** Reads the organisation and the app roles from CouchDB roles (`org:<org>`, `role:<role>`). */
export function parseRoles(roles: string[]): { org: string | null; roles: OrganisationRole[] } {
	const org = roles.find((role) => role.startsWith('org:'))?.slice(4) ?? null;
	const appRoles = roles
		.filter((role) => role.startsWith('role:'))
		.map((role) => role.slice(5))
		.filter((role): role is OrganisationRole => roleNames.includes(role as OrganisationRole));
	return { org, roles: appRoles };
}

/**
 * Whether the user may set up the organisation's data on an empty server: its own organisation
 * record and, for the demo organisations, their demo data (the server lets Global admins and
 * Admin agents write them).
 */
export function canSetUpOrganisation(user: Pick<SignedInUser, 'roles'> | null): boolean {
	return user?.roles.some((role) => role === 'global-admin' || role === 'admin-agent') ?? false;
}

/** The last signed-in user of this browser, also when offline. */
export function storedUser(opts?: SessionOptions): SignedInUser | null {
	const { storage } = options(opts);
	try {
		const raw = storage.getItem(SESSION_KEY);
		if (!raw) return null;
		const user = JSON.parse(raw) as SignedInUser;
		return typeof user?.name === 'string' && typeof user.org === 'string' ? user : null;
	} catch {
		return null;
	}
}

export async function signIn(
	name: string,
	password: string,
	opts?: SessionOptions
): Promise<SignInResult> {
	const { fetch, storage, base } = options(opts);
	let response: Response;
	try {
		response = await fetch(`${base}/_session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			credentials: 'same-origin',
			body: JSON.stringify({ name: name.trim(), password })
		});
	} catch {
		return {
			ok: false,
			reason: 'network',
			message: 'No network: signing in needs a connection to the server. Try again when online.'
		};
	}
	if (response.status === 401) {
		const refused = (await response.json().catch(() => ({}))) as { reason?: string };
		const deactivated = 'This account is deactivated: ask your User management admin.';
		return {
			ok: false,
			reason: 'credentials',
			message: refused.reason === deactivated ? deactivated : 'The user name or password is wrong.'
		};
	}
	if (response.status === 429) {
		return {
			ok: false,
			reason: 'throttled',
			message: `Too many sign-in attempts. Try again in ${retryAfterSeconds(response)} seconds.`
		};
	}
	if (!response.ok) {
		return {
			ok: false,
			reason: response.status >= 500 ? 'network' : 'server',
			message: `The server is not available (${response.status}). Try again later.`
		};
	}
	const body = (await response.json().catch(() => ({}))) as { name?: string; roles?: string[] };
	const userName = body.name ?? name.trim();
	const parsed = parseRoles(body.roles ?? []);
	if ((body.roles ?? []).includes(PASSWORD_CHANGE_ROLE)) {
		// A temporary password (a new user, or reset): the server lets the session do nothing
		// else until a new password is chosen (server/api/users.js).
		return {
			ok: false,
			reason: 'password-change',
			message: 'You signed in with a temporary password: choose a new password first.'
		};
	}
	if (!parsed.org) {
		return {
			ok: false,
			reason: 'no-organisation',
			message: 'This user belongs to no organisation: ask your User management admin.'
		};
	}
	// The display name from the organisation's members database (setup keeps it there), which
	// every user of the organisation may read on PouchDB Server and Apache CouchDB alike; CouchDB
	// 3 keeps `_users` to server admins, so the user's own `_users` document cannot be read there.
	let displayName = userName;
	try {
		const memberDoc = await fetch(
			`${base}/csp-${parsed.org}-members/${encodeURIComponent(`member:${userName}`)}`,
			{ credentials: 'same-origin', headers: { accept: 'application/json' } }
		);
		if (memberDoc.ok) {
			const doc = (await memberDoc.json()) as { displayName?: string };
			if (doc.displayName) displayName = doc.displayName;
		}
	} catch {
		// The display name is a nicety: the user name stands in for it.
	}
	const user: SignedInUser = { name: userName, displayName, org: parsed.org, roles: parsed.roles };
	storage.setItem(SESSION_KEY, JSON.stringify(user));
	return { ok: true, user };
}

/** Dispatched on window when the stored user's roles changed (pages then render again). */
export const ROLES_CHANGED_EVENT = 'csp-field:roles-changed';

/** The role the server gives a user whose password is temporary. */
export const PASSWORD_CHANGE_ROLE = 'csp:password-change';

/**
 * Brings the stored user's roles up to date with the server's (`/db/_session`), e.g. after a
 * User management admin changed them. Resolves true when they changed.
 */
export async function refreshStoredRoles(opts?: SessionOptions): Promise<boolean> {
	const { fetch, storage, base } = options(opts);
	const user = storedUser(opts);
	if (!user) return false;
	try {
		const response = await fetch(`${base}/_session`, {
			credentials: 'same-origin',
			headers: { accept: 'application/json' }
		});
		if (!response.ok) return false;
		const body = (await response.json()) as {
			userCtx?: { name?: string | null; roles?: string[] };
		};
		if (body.userCtx?.name !== user.name) return false;
		const parsed = parseRoles(body.userCtx.roles ?? []);
		if (parsed.org !== user.org || parsed.roles.join() === user.roles.join()) return false;
		storage.setItem(SESSION_KEY, JSON.stringify({ ...user, roles: parsed.roles }));
		return true;
	} catch {
		return false;
	}
}

/** The server's Retry-After in whole seconds (at least 1; 60 when it sent none or a date). */
function retryAfterSeconds(response: Response): number {
	const seconds = Number(response.headers.get('retry-after'));
	return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}

export type SessionState = 'valid' | 'expired' | 'offline';

/** Whether the server still knows the stored user's cookie. */
export async function currentSession(opts?: SessionOptions): Promise<SessionState> {
	const { fetch, base } = options(opts);
	const user = storedUser(opts);
	try {
		const response = await fetch(`${base}/_session`, {
			credentials: 'same-origin',
			headers: { accept: 'application/json' }
		});
		if (response.status >= 500) return 'offline';
		const body = (await response.json()) as { userCtx?: { name?: string | null } };
		return body.userCtx?.name && body.userCtx.name === user?.name ? 'valid' : 'expired';
	} catch {
		return 'offline';
	}
}

/** Ends the server session (when reachable) and forgets the stored user. */
export async function signOut(opts?: SessionOptions): Promise<void> {
	const { fetch, storage, base } = options(opts);
	storage.removeItem(SESSION_KEY);
	try {
		await fetch(`${base}/_session`, { method: 'DELETE', credentials: 'same-origin' });
	} catch {
		// Offline: the cookie expires on its own.
	}
}
