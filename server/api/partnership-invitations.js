// The partnership invitations API (issue 12): what the token of a personalised link stands for,
// and the reseller's answer, under the app's origin (routed by scripts/start.js).
//
//   GET  /api/partnership-invitations/<token>          who invites, what accepting means, and
//                                                      whether the signed-in user may answer
//   POST /api/partnership-invitations/<token>/accept   the reseller accepts
//   POST /api/partnership-invitations/<token>/decline  the reseller declines
//
// Every call needs the AuthSession cookie (checked at the endpoint's `_session` and against the
// gateway's ended sessions); the organisation and roles come from there. Refusals are
// `{error, reason}` with a 4xx: 401 signed out; 404 `unknown` (no such token, or it is not a
// token at all); 410 `expired` (TOKEN_LIFETIME_DAYS after the request); 403 `provider-user` (a
// provider's users do not answer requests); an answer also gets 403 `role` (only a Global
// admin or an Admin agent), 403 `wrong-mpn-id` (the organisation's MPN ID is not the one the
// provider entered), 409 `used` (accepted, declined or removed already). GET answers 200 for
// these last three with `refusal` set, so the page can show who invites and why nothing can
// be done. Lookups are throttled (30 a minute per user, 60 per address: 429 with Retry-After)
// and take the same time whether the token is known or not: the token is hashed (SHA-256) and
// looked up by that id, and every reply waits until LOOKUP_FLOOR_MS after the request began.
// An answer is an event in `csp--relationships` under the token's hash, so a token is
// answered once (a second answer is 409); the relationship service applies it (the reply waits
// up to 5 s for that and says whether it happened).
import { createRequire } from 'node:module';
import { databaseName } from '../organisations.js';
import { authSessionCookie, send } from './replies.js';
import { STATE_DB, createOnce, readDoc, tokenHash } from '../relationships/store.js';

/** @import { CouchClient } from '../couch-client.js' */

/** @type {{ RateLimiterMemory: new (options: { points: number, duration: number }) => any }} */
const { RateLimiterMemory } = createRequire(import.meta.url)('rate-limiter-flexible');

const PREFIX = '/api/partnership-invitations';
/** Every lookup's reply waits until this long after the request began. */
export const LOOKUP_FLOOR_MS = 300;
const ANSWER_ROLES = ['global-admin', 'admin-agent'];
const DEACTIVATED_ROLE = 'csp:deactivated';
const PASSWORD_CHANGE_ROLE = 'csp:password-change';

class ApiError extends Error {
	/** @param {number} status @param {string} error @param {string} reason */
	constructor(status, error, reason) {
		super(reason);
		this.status = status;
		this.error = error;
	}
}

/**
 * @param {{
 *   client: CouchClient,
 *   sessions: { isEnded: (cookie: string) => boolean },
 *   service: { nudge: () => void, mpnIdOf: (org: string) => Promise<string> },
 *   now?: () => Date,
 *   limits?: { perUser?: number, perAddress?: number },
 *   trustProxy?: boolean
 * }} options
 */
export function createPartnershipInvitationsApi({
	client,
	sessions,
	service,
	now = () => new Date(),
	limits = {}
}) {
	const userLimiter = new RateLimiterMemory({ points: limits.perUser ?? 30, duration: 60 });
	const addressLimiter = new RateLimiterMemory({ points: limits.perAddress ?? 60, duration: 60 });

	/** @param {import('node:http').IncomingMessage} request */
	async function identify(request) {
		const cookie = authSessionCookie(request.headers.cookie);
		if (!cookie || sessions.isEnded(cookie))
			throw new ApiError(401, 'unauthorized', 'Sign in first.');
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
		if (roles.includes(PASSWORD_CHANGE_ROLE)) {
			throw new ApiError(
				403,
				'password_change_required',
				'Choose a new password first: you signed in with a temporary one.'
			);
		}
		const org = roles.find((role) => role.startsWith('org:'))?.slice(4);
		if (!org) throw new ApiError(403, 'forbidden', 'You belong to no organisation.');
		return {
			name,
			org,
			roles: roles.filter((role) => role.startsWith('role:')).map((role) => role.slice(5))
		};
	}

	/**
	 * The token's record and what the user may do with it.
	 * @param {string} token @param {{ name: string, org: string, roles: string[] }} user
	 */
	async function lookUp(token, user) {
		// Hashing first: the lookup is by the hash's id whether or not the token has the shape.
		const hash = tokenHash(token);
		const record = /^[A-Za-z0-9_-]{16,128}$/.test(token)
			? await readDoc(client, STATE_DB, `token:${hash}`)
			: null;
		if (!record) {
			throw new ApiError(
				404,
				'unknown',
				'This partnership link is not known. Check that the whole link was opened, or ask the indirect provider for a new one.'
			);
		}
		const organisation = await readDoc(client, databaseName(user.org, 'members'), 'organisation');
		if (organisation?.kind !== 'indirect-reseller') {
			throw new ApiError(
				403,
				'provider-user',
				'This link is for an indirect reseller. Sign in with a user of the reseller organisation to accept or decline it.'
			);
		}
		const answer = await readDoc(client, STATE_DB, `event:${hash}`);
		const expired = Date.parse(record.expiresAt) < now().getTime();
		/** @type {{ code: string, reason: string } | null} */
		let refusal = null;
		const state =
			record.status === 'active'
				? 'accepted'
				: record.status === 'removed'
					? record.answer === 'decline'
						? 'declined'
						: 'removed'
					: answer
						? answer.answer === 'accept'
							? 'accepted'
							: 'declined'
						: 'pending';
		if (state !== 'pending') {
			refusal = {
				code: 'used',
				reason:
					state === 'accepted'
						? 'This partnership request was already accepted.'
						: state === 'declined'
							? 'This partnership request was declined.'
							: 'This partnership request was removed by the indirect provider.'
			};
		} else if (expired) {
			throw new ApiError(
				410,
				'expired',
				'This partnership link has expired. Ask the indirect provider to send a new partnership request.'
			);
		} else if (!user.roles.some((role) => ANSWER_ROLES.includes(role))) {
			refusal = {
				code: 'role',
				reason:
					'Only a Global admin or an Admin agent of your organisation can accept or decline a partnership request.'
			};
		} else {
			const mpnId = await service.mpnIdOf(user.org);
			if (mpnId !== record.resellerMpnId) {
				refusal = {
					code: 'wrong-mpn-id',
					reason: `The indirect provider sent this request to MPN ID ${record.resellerMpnId}, and your organisation's MPN ID is ${mpnId || 'not set'}. Ask the provider to request the partnership with the MPN ID of your partner location account.`
				};
			}
		}
		return { hash, record, organisation, state, refusal };
	}

	/** @param {Awaited<ReturnType<typeof lookUp>>} found */
	function describe(found) {
		const { record, state, refusal } = found;
		return {
			state,
			provider: {
				name: record.providerName,
				mpnId: record.providerMpnId,
				country: record.providerCountry
			},
			reseller: { name: record.resellerName, mpnId: record.resellerMpnId },
			requestedAt: record.requestedAt,
			expiresAt: record.expiresAt,
			canAnswer: refusal === null,
			refusal
		};
	}

	/**
	 * @param {string} token @param {'accept' | 'decline'} answer
	 * @param {{ name: string, org: string, roles: string[] }} user
	 */
	async function respond(token, answer, user) {
		const found = await lookUp(token, user);
		if (found.refusal) {
			throw new ApiError(
				found.refusal.code === 'used' ? 409 : 403,
				found.refusal.code,
				found.refusal.reason
			);
		}
		const member = await readDoc(client, databaseName(user.org, 'members'), `member:${user.name}`);
		const id = `event:${found.hash}`;
		const created = await createOnce(client, STATE_DB, {
			_id: id,
			type: 'partnership-answer',
			tokenHash: found.hash,
			answer,
			org: user.org,
			orgName: String(found.organisation?.name ?? user.org),
			user: user.name,
			userName: String(member?.displayName ?? user.name),
			at: now().toISOString()
		});
		if (!created) {
			throw new ApiError(409, 'used', 'This partnership request was already answered.');
		}
		service.nudge();
		const deadline = Date.now() + 5000;
		while (Date.now() < deadline) {
			const event = await readDoc(client, STATE_DB, id);
			if (event?.appliedAt) {
				return { state: answer === 'accept' ? 'accepted' : 'declined', applied: event.outcome };
			}
			await new Promise((resolveWait) => setTimeout(resolveWait, 50));
		}
		return { state: answer === 'accept' ? 'accepted' : 'declined', applied: 'pending' };
	}

	/**
	 * Handles /api/partnership-invitations…; returns false for any other path.
	 * @param {import('node:http').IncomingMessage} request
	 * @param {import('node:http').ServerResponse} response
	 */
	async function handle(request, response) {
		const url = new URL(request.url ?? '/', 'http://localhost');
		if (url.pathname !== PREFIX && !url.pathname.startsWith(`${PREFIX}/`)) return false;
		const began = Date.now();
		/** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
		const reply = async (status, body, headers = {}) => {
			const wait = LOOKUP_FLOOR_MS - (Date.now() - began);
			if (wait > 0) await new Promise((resolveWait) => setTimeout(resolveWait, wait));
			send(response, status, body, headers);
		};
		try {
			const match = /^\/api\/partnership-invitations\/([^/]+)(?:\/(accept|decline))?$/.exec(
				url.pathname
			);
			if (!match) throw new ApiError(404, 'not_found', 'There is no such API.');
			const method = request.method ?? 'GET';
			if (match[2] ? method !== 'POST' : method !== 'GET') {
				response.setHeader('allow', match[2] ? 'POST' : 'GET');
				throw new ApiError(405, 'method_not_allowed', `Use ${match[2] ? 'POST' : 'GET'} here.`);
			}
			const user = await identify(request);
			const address = request.socket.remoteAddress ?? 'unknown';
			try {
				await userLimiter.consume(`${user.org}/${user.name}`);
				await addressLimiter.consume(address);
			} catch (/** @type {any} */ limited) {
				const seconds = Math.ceil((limited?.msBeforeNext ?? 60_000) / 1000);
				await reply(
					429,
					{ error: 'throttled', reason: `Too many link lookups; try again in ${seconds} s.` },
					{ 'retry-after': String(seconds) }
				);
				return true;
			}
			let token;
			try {
				token = decodeURIComponent(match[1]);
			} catch {
				token = '';
			}
			if (match[2]) {
				const result = await respond(token, /** @type {'accept' | 'decline'} */ (match[2]), user);
				await reply(200, result);
			} else {
				await reply(200, describe(await lookUp(token, user)));
			}
		} catch (error) {
			if (error instanceof ApiError) {
				await reply(error.status, { error: error.error, reason: error.message });
			} else {
				console.error(
					'Partnership invitations API:',
					error instanceof Error ? error.message : error
				);
				await reply(502, {
					error: 'unavailable',
					reason: 'The server could not do this now; try again soon.'
				});
			}
		}
		return true;
	}

	return { handle };
}
