// The users API (issue 14): a small JSON API under the app's origin, routed by scripts/serve.js
// (`handleApiRequest`), through which the Global admins and User management admins of an
// organisation manage its users, and every user changes their own temporary password.
//
//   GET    /api/users                       everyone of the organisation: the users
//   POST   /api/users                       add {name, displayName, email, roles} → password once
//   PUT    /api/users/<name>/roles          {roles}
//   POST   /api/users/<name>/password       reset → a new temporary password, once
//   POST   /api/users/<name>/deactivate     the user cannot sign in; their sessions end at once
//   POST   /api/users/<name>/reactivate
//   DELETE /api/users/<name>
//   POST   /api/users/_self/password        {currentPassword, newPassword}: the own password
//
// Every call: the AuthSession cookie, checked at the endpoint's `_session` and against the
// gateway's ended sessions (`sessions.isEnded`); the organisation and the roles come from
// there, never from the request. The rules are user-rules.js (the app's rules.ts twin). The
// writes use the server admin (`client`): `_users/org.couchdb.user:<name>` and
// `csp-<org>-members/member:<name>`, and an entry in `csp-<org>-activity` (who did what to
// whom, never a password). Replies are JSON with the gateway's headers; refusals are
// `{error, reason}` (4xx), with `field` when one field of the form is wrong; bodies are at most
// 16 KiB and must arrive within 15 s.
//
// How a user's state is kept in `_users` (the gateway reads it from `_session`'s roles):
// - `csp:password-change` (and `passwordTemporary: true`): signed in with a temporary
//   password; the gateway lets such a session do nothing but `_session` until it is changed;
// - deactivated: the roles are only `org:<org>` and `csp:deactivated` (the member record keeps
//   the organisation roles for the reactivation); the gateway refuses the session and the sign-in.
import { randomBytes, randomUUID } from 'node:crypto';
import getRawBody from 'raw-body';
import { databaseName } from '../organisations.js';
import { authSessionCookie, send } from './replies.js';
import { ROLE_LABELS } from '../validation.js';
import { checkUserChange, newUserErrors, passwordProblem, userNameProblem } from './user-rules.js';

/** @import { CouchClient } from '../couch-client.js' */

export const DEACTIVATED_ROLE = 'csp:deactivated';
export const PASSWORD_CHANGE_ROLE = 'csp:password-change';
const MAX_BODY = 16 * 1024;
const BODY_TIMEOUT_MS = 15_000;

/**
 * What the users API needs of the gateway's sessions.
 * @typedef {object} SessionControl
 * @property {(cookie: string) => boolean} isEnded the cookie's session was ended
 * @property {(name: string) => void} endUser ends every session of the user made until now
 */

/**
 * @typedef {object} Member
 * @property {string} name
 * @property {string} displayName
 * @property {string} email
 * @property {string[]} roles
 * @property {boolean} active
 * @property {string | null} lastSignInAt
 * @property {boolean} temporaryPassword
 */

class ApiError extends Error {
	/** @param {number} status @param {string} error @param {string} reason @param {string} [field] */
	constructor(status, error, reason, field) {
		super(reason);
		this.status = status;
		this.error = error;
		this.field = field;
	}
}

/** A temporary password: 16 characters of base64url (about 96 bits). */
const temporaryPassword = () => randomBytes(12).toString('base64url');

/** @param {string} name */
const userPath = (name) => `_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
/** @param {string} org @param {string} name */
const memberPath = (org, name) =>
	`${encodeURIComponent(databaseName(org, 'members'))}/${encodeURIComponent(`member:${name}`)}`;

/** @param {string[]} roles */
const roleList = (roles) =>
	roles.map((role) => /** @type {Record<string, string>} */ (ROLE_LABELS)[role] ?? role).join(', ');

/**
 * @param {{ client: CouchClient, sessions: SessionControl, reservedNames?: string[], now?: () => Date }} options
 *   `reservedNames`: taken although not in `_users` (the server admins)
 */
export function createUsersApi({ client, sessions, reservedNames = [], now = () => new Date() }) {
	/** Changes of one organisation, one at a time (the last Global admin rule reads, then writes). */
	/** @type {Map<string, Promise<unknown>>} */
	const queues = new Map();
	/** Failed current-password checks per user: at most 5 in 10 minutes. */
	/** @type {Map<string, number[]>} */
	const failedChecks = new Map();
	/** When each user's sign-in was last written, so a burst of sign-ins writes once. */
	/** @type {Map<string, number>} */
	const signInWritten = new Map();

	/**
	 * @template T
	 * @param {string} org @param {() => Promise<T>} work
	 * @returns {Promise<T>}
	 */
	function serialised(org, work) {
		const previous = queues.get(org) ?? Promise.resolve();
		const next = previous.then(work, work);
		const settled = next.catch(() => undefined);
		queues.set(org, settled);
		void settled.then(() => {
			if (queues.get(org) === settled) queues.delete(org);
		});
		return next;
	}

	/**
	 * The signed-in user behind the request's cookie.
	 * @param {import('node:http').IncomingMessage} request
	 * @param {{ allowPasswordChange?: boolean }} [options]
	 */
	async function identify(request, options = {}) {
		const cookie = authSessionCookie(request.headers.cookie);
		if (!cookie || sessions.isEnded(cookie)) {
			throw new ApiError(401, 'unauthorized', 'Sign in first.');
		}
		const reply = await fetch(`${client.url}/_session`, {
			headers: { accept: 'application/json', cookie: `AuthSession=${cookie}` }
		});
		if (reply.status >= 500) {
			throw new ApiError(503, 'unavailable', 'The server is not reachable; try again soon.');
		}
		/** @type {any} */
		const body = await reply.json().catch(() => null);
		const name = body?.userCtx?.name;
		/** @type {string[]} */
		const roles = Array.isArray(body?.userCtx?.roles) ? body.userCtx.roles.map(String) : [];
		if (typeof name !== 'string' || roles.includes(DEACTIVATED_ROLE)) {
			throw new ApiError(401, 'unauthorized', 'Sign in first.');
		}
		const org = roles.find((role) => role.startsWith('org:'))?.slice(4);
		if (!org) throw new ApiError(403, 'forbidden', 'You belong to no organisation.');
		if (roles.includes(PASSWORD_CHANGE_ROLE) && !options.allowPasswordChange) {
			throw new ApiError(
				403,
				'password_change_required',
				'Choose a new password first: you signed in with a temporary one.'
			);
		}
		const appRoles = roles.filter((role) => role.startsWith('role:')).map((role) => role.slice(5));
		return { name, org, roles: appRoles };
	}

	/** @param {string} org @returns {Promise<Member[]>} */
	async function listMembers(org) {
		const members = await client.request(
			'GET',
			`${encodeURIComponent(databaseName(org, 'members'))}/_all_docs?include_docs=true&startkey=%22member%3A%22&endkey=%22member%3A%EF%BF%BF%22`
		);
		if (members.status !== 200) throw unavailable();
		/** @type {any[]} */
		const docs = members.body.rows.map((/** @type {any} */ row) => row.doc).filter(Boolean);
		const users = await client.request('POST', '_users/_all_docs?include_docs=true', {
			keys: docs.map((doc) => `org.couchdb.user:${doc.name}`)
		});
		if (users.status !== 200) throw unavailable();
		/** @type {Map<string, any>} */
		const userDocs = new Map();
		for (const row of users.body.rows) if (row.doc) userDocs.set(row.doc.name, row.doc);
		return docs
			.filter((doc) => (userDocs.get(doc.name)?.roles ?? []).includes(`org:${org}`))
			.map((doc) => {
				const user = userDocs.get(doc.name);
				return {
					name: String(doc.name),
					displayName: String(doc.displayName ?? doc.name),
					email: String(doc.email ?? user.email ?? ''),
					roles: Array.isArray(doc.roles) ? doc.roles.map(String) : [],
					active: !(user.roles ?? []).includes(DEACTIVATED_ROLE),
					lastSignInAt: typeof doc.lastSignInAt === 'string' ? doc.lastSignInAt : null,
					temporaryPassword: user.passwordTemporary === true
				};
			})
			.sort((a, b) => a.name.localeCompare(b.name));
	}

	/** @param {string} org @param {Member[]} members @param {string} name */
	function memberNamed(org, members, name) {
		const member = members.find((candidate) => candidate.name === name);
		if (!member) {
			throw new ApiError(404, 'not_found', `There is no user ${name} in your organisation.`);
		}
		return member;
	}

	/** @param {string} name */
	async function readUser(name) {
		const reply = await client.request('GET', userPath(name));
		if (reply.status !== 200) throw unavailable();
		return reply.body;
	}

	/** @param {string} name @param {any} doc */
	async function writeUser(name, doc) {
		const reply = await client.request('PUT', userPath(name), doc);
		if (reply.status !== 201 && reply.status !== 202) throw unavailable();
	}

	/** @param {string} org @param {string} name @param {(doc: any) => any} change */
	async function updateMember(org, name, change) {
		const current = await client.request('GET', memberPath(org, name));
		if (current.status !== 200) throw unavailable();
		const reply = await client.request('PUT', memberPath(org, name), change(current.body));
		if (reply.status !== 201 && reply.status !== 202) throw unavailable();
	}

	/**
	 * @param {{ name: string, org: string }} actor
	 * @param {{ target: string, action: string, summary: string, changes?: { field: string, from: string, to: string }[] }} entry
	 */
	async function logActivity(actor, entry) {
		const actorDoc = await client.request('GET', memberPath(actor.org, actor.name));
		const reply = await client.request(
			'PUT',
			`${encodeURIComponent(databaseName(actor.org, 'activity'))}/${randomUUID()}`,
			{
				at: now().toISOString(),
				actorId: actor.name,
				actorName: String(actorDoc.body?.displayName ?? actor.name).slice(0, 100),
				deviceId: 'server',
				// The activity log's record types are the replicated collections; a user is a
				// member of the own organisation, so its entries are the organisation's (partners).
				recordType: 'partners',
				documentId: `member:${entry.target}`,
				action: entry.action,
				summary: entry.summary.slice(0, 500),
				changes: entry.changes ?? []
			}
		);
		if (reply.status !== 201 && reply.status !== 202) throw unavailable();
	}

	/**
	 * @param {{ name: string, org: string, roles: string[] }} actor
	 * @param {import('./user-rules.js').UserAction} action
	 * @param {Member} target
	 * @param {Member[]} members
	 * @param {string[]} [roles]
	 */
	function enforce(actor, action, target, members, roles) {
		const refused = checkUserChange({ actor, action, target, members, roles });
		if (refused) {
			throw new ApiError(
				refused.code === 'not-allowed' || refused.code === 'global-admin-only' ? 403 : 409,
				refused.code.replace(/-/g, '_'),
				refused.message,
				refused.code === 'no-roles' || refused.code === 'unknown-role' ? 'roles' : undefined
			);
		}
	}

	/** @param {unknown} value @param {string} field */
	function stringField(value, field) {
		if (typeof value !== 'string') {
			throw new ApiError(400, 'bad_request', `${field} must be a string.`, field);
		}
		return value;
	}

	/** @param {unknown} value */
	function rolesField(value) {
		if (!Array.isArray(value) || value.some((role) => typeof role !== 'string')) {
			throw new ApiError(400, 'bad_request', 'roles must be a list of role names.', 'roles');
		}
		return [...new Set(/** @type {string[]} */ (value))];
	}

	/** The organisation roles of a `_users` document, markers kept. @param {string} org @param {string[]} roles @param {boolean} temporary */
	const couchRoles = (org, roles, temporary) => [
		`org:${org}`,
		...roles.map((role) => `role:${role}`),
		...(temporary ? [PASSWORD_CHANGE_ROLE] : [])
	];

	/** @type {Record<string, (request: import('node:http').IncomingMessage, name: string | null) => Promise<[number, unknown]>>} */
	const routes = {
		async 'GET /api/users'(request) {
			const actor = await identify(request);
			const users = await listMembers(actor.org);
			return [200, { org: actor.org, users }];
		},

		async 'POST /api/users'(request) {
			const actor = await identify(request);
			const body = await readBody(request);
			const input = {
				name: stringField(body.name, 'name').trim(),
				displayName: stringField(body.displayName, 'displayName').trim(),
				email: stringField(body.email, 'email').trim(),
				roles: rolesField(body.roles)
			};
			return serialised(actor.org, async () => {
				const members = await listMembers(actor.org);
				const target = { name: input.name, roles: [], active: true };
				enforce(actor, 'add', /** @type {any} */ (target), members, input.roles);
				const errors = newUserErrors(input);
				const [field] = Object.keys(errors);
				if (field) throw new ApiError(400, 'invalid_field', errors[field], field);
				const existing = await client.request('GET', userPath(input.name));
				if (existing.status === 200 || reservedNames.includes(input.name)) {
					throw new ApiError(
						409,
						'name_taken',
						`The user name ${input.name} is taken: choose another.`,
						'name'
					);
				}
				if (existing.status !== 404) throw unavailable();
				const password = temporaryPassword();
				const created = await client.request('PUT', userPath(input.name), {
					_id: `org.couchdb.user:${input.name}`,
					type: 'user',
					name: input.name,
					roles: couchRoles(actor.org, input.roles, true),
					displayName: input.displayName,
					email: input.email,
					org: actor.org,
					passwordTemporary: true,
					password
				});
				if (created.status === 409) {
					throw new ApiError(
						409,
						'name_taken',
						`The user name ${input.name} is taken: choose another.`,
						'name'
					);
				}
				if (created.status !== 201 && created.status !== 202) throw unavailable();
				const memberReply = await client.request('PUT', memberPath(actor.org, input.name), {
					type: 'member',
					name: input.name,
					roles: input.roles,
					displayName: input.displayName,
					email: input.email,
					active: true
				});
				if (memberReply.status !== 201 && memberReply.status !== 202) throw unavailable();
				await logActivity(actor, {
					target: input.name,
					action: 'user.added',
					summary: `Added user ${input.name} (${input.displayName}) as ${roleList(input.roles)}`,
					changes: [{ field: 'roles', from: '', to: roleList(input.roles) }]
				});
				const user = memberNamed(actor.org, await listMembers(actor.org), input.name);
				return [201, { user, password }];
			});
		},

		async 'PUT /api/users/:name/roles'(request, name) {
			const actor = await identify(request);
			const body = await readBody(request);
			const roles = rolesField(body.roles);
			return serialised(actor.org, async () => {
				const members = await listMembers(actor.org);
				const target = memberNamed(actor.org, members, /** @type {string} */ (name));
				enforce(actor, 'change-roles', target, members, roles);
				const ordered = [
					'global-admin',
					'user-management-admin',
					'admin-agent',
					'sales-agent'
				].filter((role) => roles.includes(role));
				if (target.active) {
					const doc = await readUser(target.name);
					await writeUser(target.name, {
						...doc,
						roles: couchRoles(actor.org, ordered, doc.passwordTemporary === true)
					});
				}
				await updateMember(actor.org, target.name, (doc) => ({ ...doc, roles: ordered }));
				await logActivity(actor, {
					target: target.name,
					action: 'user.roles-changed',
					summary: `Changed the roles of ${target.name} to ${roleList(ordered)}`,
					changes: [{ field: 'roles', from: roleList(target.roles), to: roleList(ordered) }]
				});
				return [200, { user: memberNamed(actor.org, await listMembers(actor.org), target.name) }];
			});
		},

		async 'POST /api/users/:name/password'(request, name) {
			const actor = await identify(request);
			await readBody(request, true);
			return serialised(actor.org, async () => {
				const members = await listMembers(actor.org);
				const target = memberNamed(actor.org, members, /** @type {string} */ (name));
				enforce(actor, 'reset-password', target, members);
				const password = temporaryPassword();
				const doc = await readUser(target.name);
				const roles = (doc.roles ?? []).filter(
					(/** @type {string} */ role) => role !== PASSWORD_CHANGE_ROLE
				);
				await writeUser(target.name, {
					...doc,
					roles: target.active ? [...roles, PASSWORD_CHANGE_ROLE] : roles,
					passwordTemporary: true,
					password
				});
				sessions.endUser(target.name);
				await logActivity(actor, {
					target: target.name,
					action: 'user.password-reset',
					summary: `Reset the password of ${target.name}`
				});
				return [
					200,
					{ user: memberNamed(actor.org, await listMembers(actor.org), target.name), password }
				];
			});
		},

		async 'POST /api/users/:name/deactivate'(request, name) {
			const actor = await identify(request);
			await readBody(request, true);
			return serialised(actor.org, async () => {
				const members = await listMembers(actor.org);
				const target = memberNamed(actor.org, members, /** @type {string} */ (name));
				enforce(actor, 'deactivate', target, members);
				const doc = await readUser(target.name);
				await writeUser(target.name, { ...doc, roles: [`org:${actor.org}`, DEACTIVATED_ROLE] });
				sessions.endUser(target.name);
				await updateMember(actor.org, target.name, (member) => ({ ...member, active: false }));
				await logActivity(actor, {
					target: target.name,
					action: 'user.deactivated',
					summary: `Deactivated user ${target.name}`,
					changes: [{ field: 'active', from: 'true', to: 'false' }]
				});
				return [200, { user: memberNamed(actor.org, await listMembers(actor.org), target.name) }];
			});
		},

		async 'POST /api/users/:name/reactivate'(request, name) {
			const actor = await identify(request);
			await readBody(request, true);
			return serialised(actor.org, async () => {
				const members = await listMembers(actor.org);
				const target = memberNamed(actor.org, members, /** @type {string} */ (name));
				enforce(actor, 'reactivate', target, members);
				const doc = await readUser(target.name);
				await writeUser(target.name, {
					...doc,
					roles: couchRoles(actor.org, target.roles, doc.passwordTemporary === true)
				});
				await updateMember(actor.org, target.name, (member) => ({ ...member, active: true }));
				await logActivity(actor, {
					target: target.name,
					action: 'user.reactivated',
					summary: `Reactivated user ${target.name}`,
					changes: [{ field: 'active', from: 'false', to: 'true' }]
				});
				return [200, { user: memberNamed(actor.org, await listMembers(actor.org), target.name) }];
			});
		},

		async 'DELETE /api/users/:name'(request, name) {
			const actor = await identify(request);
			await readBody(request, true);
			return serialised(actor.org, async () => {
				const members = await listMembers(actor.org);
				const target = memberNamed(actor.org, members, /** @type {string} */ (name));
				enforce(actor, 'delete', target, members);
				const doc = await readUser(target.name);
				const removed = await client.request(
					'DELETE',
					`${userPath(target.name)}?rev=${encodeURIComponent(doc._rev)}`
				);
				if (removed.status !== 200 && removed.status !== 202) throw unavailable();
				sessions.endUser(target.name);
				const member = await client.request('GET', memberPath(actor.org, target.name));
				if (member.status === 200) {
					await client.request(
						'DELETE',
						`${memberPath(actor.org, target.name)}?rev=${encodeURIComponent(member.body._rev)}`
					);
				}
				await logActivity(actor, {
					target: target.name,
					action: 'user.deleted',
					summary: `Deleted user ${target.name} (${target.displayName})`,
					changes: [{ field: 'roles', from: roleList(target.roles), to: '' }]
				});
				return [200, { ok: true }];
			});
		},

		async 'POST /api/users/_self/password'(request) {
			const actor = await identify(request, { allowPasswordChange: true });
			const body = await readBody(request);
			const currentPassword = stringField(body.currentPassword, 'currentPassword');
			const newPassword = stringField(body.newPassword, 'newPassword');
			const problem = passwordProblem(newPassword, actor.name);
			if (problem) throw new ApiError(400, 'weak_password', problem, 'newPassword');
			if (newPassword === currentPassword) {
				throw new ApiError(
					400,
					'weak_password',
					'Choose a password other than the current one.',
					'newPassword'
				);
			}
			const recent = (failedChecks.get(actor.name) ?? []).filter((at) => at > Date.now() - 600_000);
			if (recent.length >= 5) {
				throw new ApiError(
					429,
					'too_many_requests',
					'Too many wrong passwords: try again in 10 minutes.'
				);
			}
			const check = await client.request(
				'POST',
				'_session',
				{ name: actor.name, password: currentPassword },
				{ auth: false }
			);
			if (check.status !== 200) {
				failedChecks.set(actor.name, [...recent, Date.now()]);
				throw new ApiError(
					400,
					'wrong_password',
					'The current password is wrong.',
					'currentPassword'
				);
			}
			return serialised(actor.org, async () => {
				const doc = await readUser(actor.name);
				await writeUser(actor.name, {
					...doc,
					roles: (doc.roles ?? []).filter(
						(/** @type {string} */ role) => role !== PASSWORD_CHANGE_ROLE
					),
					passwordTemporary: false,
					password: newPassword
				});
				await logActivity(actor, {
					target: actor.name,
					action: 'user.password-changed',
					summary: `${actor.name} changed their password`
				});
				return [200, { ok: true }];
			});
		}
	};

	/**
	 * Records a successful sign-in in the member record (at most once a minute per user).
	 * @param {string} name
	 */
	async function recordSignIn(name) {
		const last = signInWritten.get(name) ?? 0;
		if (Date.now() - last < 60_000) return;
		signInWritten.set(name, Date.now());
		if (signInWritten.size > 10_000) signInWritten.clear();
		const user = await client.request('GET', userPath(name));
		const org = (user.body?.roles ?? [])
			.find((/** @type {string} */ role) => role.startsWith('org:'))
			?.slice(4);
		if (user.status !== 200 || !org) return;
		const member = await client.request('GET', memberPath(org, name));
		if (member.status !== 200) return;
		await client.request('PUT', memberPath(org, name), {
			...member.body,
			lastSignInAt: now().toISOString()
		});
	}

	/**
	 * @param {import('node:http').IncomingMessage} request
	 * @param {import('node:http').ServerResponse} response
	 */
	async function handleApiRequest(request, response) {
		const raw = request.url ?? '/';
		const path = raw.split('?')[0];
		const method = (request.method ?? 'GET').toUpperCase();
		try {
			if (raw.includes('?')) {
				throw new ApiError(400, 'bad_request', 'This API takes no query parameters.');
			}
			const match =
				/^\/api\/users(?:\/([^/]+)(\/(?:roles|password|deactivate|reactivate))?)?$/.exec(path);
			if (!match) throw new ApiError(404, 'not_found', 'There is no such API.');
			let name = null;
			let key = '/api/users';
			if (match[1] !== undefined) {
				let decoded;
				try {
					decoded = decodeURIComponent(match[1]);
				} catch {
					throw new ApiError(400, 'bad_request', 'The user name in the path is not valid.');
				}
				if (decoded === '_self') key += '/_self';
				else {
					if (userNameProblem(decoded)) {
						throw new ApiError(
							404,
							'not_found',
							`There is no user ${decoded} in your organisation.`
						);
					}
					name = decoded;
					key += '/:name';
				}
				key += match[2] ?? '';
			}
			const route = routes[`${method} ${key}`];
			if (!route) {
				const allowed = Object.keys(routes)
					.filter((candidate) => candidate.endsWith(` ${key}`))
					.map((candidate) => candidate.split(' ')[0]);
				if (allowed.length === 0) throw new ApiError(404, 'not_found', 'There is no such API.');
				response.setHeader('allow', allowed.join(', '));
				throw new ApiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`);
			}
			const [status, body] = await route(request, name);
			send(response, status, body);
		} catch (error) {
			if (error instanceof ApiError) {
				send(
					response,
					error.status,
					{
						error: error.error,
						reason: error.message,
						...(error.field ? { field: error.field } : {})
					},
					error.status === 413 || error.status === 408 ? { connection: 'close' } : {}
				);
			} else {
				console.error('Users API:', error instanceof Error ? error.message : error);
				send(response, 502, {
					error: 'unavailable',
					reason: 'The server could not do this now; try again soon.'
				});
			}
		}
	}

	return { handleApiRequest, recordSignIn };
}

const unavailable = () =>
	new ApiError(502, 'unavailable', 'The server could not do this now; try again soon.');

/**
 * The request's JSON object body, at most 16 KiB, within 15 s.
 * @param {import('node:http').IncomingMessage} request
 * @param {boolean} [optional] an empty body stands for `{}`
 * @returns {Promise<Record<string, unknown>>}
 */
async function readBody(request, optional = false) {
	const length = request.headers['content-length'];
	const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'];
	if (!hasBody) {
		if (optional) return {};
		throw new ApiError(400, 'bad_request', 'Send a JSON body.');
	}
	const type = String(request.headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (type !== 'application/json') {
		throw new ApiError(415, 'bad_content_type', 'Only application/json is accepted.');
	}
	if (length !== undefined && Number(length) > MAX_BODY) {
		throw new ApiError(413, 'too_large', `The body is larger than ${MAX_BODY} bytes.`);
	}
	let text;
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	try {
		text = await Promise.race([
			getRawBody(request, { limit: MAX_BODY, encoding: 'utf8' }),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new ApiError(408, 'timeout', 'The body did not arrive in time.')),
					BODY_TIMEOUT_MS
				);
			})
		]);
	} catch (error) {
		if (error instanceof ApiError) throw error;
		if (/** @type {any} */ (error)?.type === 'entity.too.large') {
			throw new ApiError(413, 'too_large', `The body is larger than ${MAX_BODY} bytes.`);
		}
		throw new ApiError(400, 'bad_request', 'The body could not be read.');
	} finally {
		clearTimeout(timer);
	}
	let parsed;
	try {
		parsed = JSON.parse(/** @type {string} */ (text));
	} catch {
		throw new ApiError(400, 'bad_request', 'The body is not valid JSON.');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ApiError(400, 'bad_request', 'The body must be a JSON object.');
	}
	return parsed;
}
