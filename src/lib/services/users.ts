/**
 * The users of the organisation (issue 14), through the server's users API (`/api/users…`,
 * server/api/users.js). Changes need a network; the list is kept in localStorage per
 * organisation (`csp-field:users:<org>`), so the Users page opens offline with what was last
 * fetched. Decision: a small cache rather than a replicated collection, since the members
 * database is not replicated (the gateway lets members read it by document only) and the list
 * is read-only on the device.
 *
 * Each action checks the same rules as the server first (src/lib/domain/user/rules.ts), so a
 * form shows the error next to its field without a round trip; the server checks them again.
 */
import {
	newUserErrors,
	passwordProblem,
	type NewUserInput,
	type UserRole
} from '$lib/domain/user/rules';
import type { FieldErrors } from '$lib/domain/shared/result';
import { msg } from '$lib/domain/shared/text';

export interface OrganisationUser {
	name: string;
	displayName: string;
	email: string;
	roles: UserRole[];
	active: boolean;
	lastSignInAt: string | null;
	temporaryPassword: boolean;
}

export interface UsersList {
	users: OrganisationUser[];
	/** When the server gave this list. */
	fetchedAt: string;
}

export type UsersResult<T> =
	| { ok: true; value: T }
	| {
			ok: false;
			/** Errors by form field (name, displayName, email, roles, currentPassword, newPassword). */
			errors: FieldErrors;
			/** A message for the whole form, empty when a field has it. */
			message: string;
			/** The request did not reach the server: nothing changed, try again online. */
			network: boolean;
	  };

type Fetch = typeof fetch;
const CACHE_PREFIX = 'csp-field:users:';

/** Messages the server words, so that the catalogs hold them (the server sends them in English). */
export const serverMessages = [
	msg('The user name {{name}} is taken: choose another.'),
	msg('The current password is wrong.'),
	msg('Choose a password other than the current one.'),
	msg('Too many wrong passwords: try again in 10 minutes.'),
	msg('There is no user {{name}} in your organisation.'),
	msg('Choose a new password first: you signed in with a temporary one.'),
	msg('This account is deactivated: ask your User management admin.')
];

const NETWORK = msg(
	'No network: changes to users need a connection to the server. Try again when online.'
);
const SIGNED_OUT = msg('Your session has ended: sign in again.');

function failure<T>(message: string, network = false, errors: FieldErrors = {}): UsersResult<T> {
	return { ok: false, errors, message, network };
}

async function call<T>(
	method: string,
	path: string,
	body: unknown,
	fetchImpl: Fetch = (input, init) => fetch(input, init)
): Promise<UsersResult<T>> {
	let response: Response;
	try {
		response = await fetchImpl(path, {
			method,
			credentials: 'same-origin',
			headers: {
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return failure(NETWORK, true);
	}
	const json = (await response.json().catch(() => null)) as
		(T & { error?: string; reason?: string; field?: string }) | null;
	if (response.ok && json) return { ok: true, value: json };
	if (response.status === 401) return failure(SIGNED_OUT);
	if (response.status >= 500 || !json) {
		return failure(json?.reason ?? msg('The server could not do this now; try again soon.'), true);
	}
	const reason = json.reason ?? msg('The server refused this change.');
	// A field's error goes next to the field only.
	return json.field ? failure('', false, { [json.field]: reason }) : failure(reason);
}

export function cachedUsers(
	org: string,
	storage: Pick<Storage, 'getItem'> = localStorage
): UsersList | null {
	try {
		const raw = storage.getItem(`${CACHE_PREFIX}${org}`);
		const list = raw ? (JSON.parse(raw) as UsersList) : null;
		return list && Array.isArray(list.users) ? list : null;
	} catch {
		return null;
	}
}

/** Forgets every cached list (on sign-out). */
export function forgetCachedUsers(storage: Storage = localStorage): void {
	for (let index = storage.length - 1; index >= 0; index--) {
		const key = storage.key(index);
		if (key?.startsWith(CACHE_PREFIX)) storage.removeItem(key);
	}
}

/** The users from the server, kept for offline use; the kept list when the server is out of reach. */
export async function loadUsers(
	org: string,
	options: { fetch?: Fetch; storage?: Pick<Storage, 'getItem' | 'setItem'>; now?: () => Date } = {}
): Promise<{ list: UsersList | null; fresh: boolean; message: string }> {
	const storage = options.storage ?? localStorage;
	const result = await call<{ org: string; users: OrganisationUser[] }>(
		'GET',
		'/api/users',
		undefined,
		options.fetch
	);
	if (result.ok && result.value.org === org) {
		const list = {
			users: result.value.users,
			fetchedAt: (options.now?.() ?? new Date()).toISOString()
		};
		storage.setItem(`${CACHE_PREFIX}${org}`, JSON.stringify(list));
		return { list, fresh: true, message: '' };
	}
	return {
		list: cachedUsers(org, storage),
		fresh: false,
		message: result.ok ? '' : result.message
	};
}

const userPath = (name: string) => `/api/users/${encodeURIComponent(name)}`;

export async function addUser(
	input: NewUserInput,
	fetchImpl?: Fetch
): Promise<UsersResult<{ user: OrganisationUser; password: string }>> {
	const cleaned = {
		name: input.name.trim(),
		displayName: input.displayName.trim(),
		email: input.email.trim(),
		roles: [...input.roles]
	};
	const errors = newUserErrors(cleaned);
	if (Object.keys(errors).length > 0) return failure('', false, errors);
	return call('POST', '/api/users', cleaned, fetchImpl);
}

export async function changeUserRoles(
	name: string,
	roles: readonly UserRole[],
	fetchImpl?: Fetch
): Promise<UsersResult<{ user: OrganisationUser }>> {
	if (roles.length === 0) return failure('', false, { roles: msg('Choose at least one role.') });
	return call('PUT', `${userPath(name)}/roles`, { roles }, fetchImpl);
}

export function resetUserPassword(
	name: string,
	fetchImpl?: Fetch
): Promise<UsersResult<{ user: OrganisationUser; password: string }>> {
	return call('POST', `${userPath(name)}/password`, undefined, fetchImpl);
}

export function setUserActive(
	name: string,
	active: boolean,
	fetchImpl?: Fetch
): Promise<UsersResult<{ user: OrganisationUser }>> {
	return call(
		'POST',
		`${userPath(name)}/${active ? 'reactivate' : 'deactivate'}`,
		undefined,
		fetchImpl
	);
}

export function deleteUser(name: string, fetchImpl?: Fetch): Promise<UsersResult<{ ok: true }>> {
	return call('DELETE', userPath(name), undefined, fetchImpl);
}

/** The own password, e.g. the temporary one after the first sign-in. */
export async function changeOwnPassword(
	userName: string,
	currentPassword: string,
	newPassword: string,
	confirmation: string,
	fetchImpl?: Fetch
): Promise<UsersResult<{ ok: true }>> {
	const problem = passwordProblem(newPassword, userName);
	if (problem) return failure('', false, { newPassword: problem });
	if (confirmation !== newPassword) {
		return failure('', false, { confirmation: msg('The two passwords are not the same.') });
	}
	return call('POST', '/api/users/_self/password', { currentPassword, newPassword }, fetchImpl);
}
