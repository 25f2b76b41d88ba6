/**
 * The reseller's side of a personalised partnership link (issue 12), through the server's
 * partnership invitations API (`/api/partnership-invitations/<token>`,
 * server/api/partnership-invitations.js). Only the server knows what a token stands for, so
 * this needs a network; the answer is applied by the relationship service.
 */

export type InvitationState = 'pending' | 'accepted' | 'declined' | 'removed';

export interface PartnershipInvitation {
	state: InvitationState;
	provider: { name: string; mpnId: string; country: string };
	reseller: { name: string; mpnId: string };
	requestedAt: string;
	expiresAt: string;
	canAnswer: boolean;
	refusal: { code: 'role' | 'wrong-mpn-id' | 'used'; reason: string } | null;
}

/** Why a link cannot be shown: the server's refusal code, or `network` (it was not reached). */
export type InvitationProblem =
	| 'unauthorized'
	| 'unknown'
	| 'expired'
	| 'provider-user'
	| 'role'
	| 'wrong-mpn-id'
	| 'used'
	| 'throttled'
	| 'network'
	| 'unavailable';

export type InvitationResult<T> =
	{ ok: true; value: T } | { ok: false; problem: InvitationProblem };

type Fetch = typeof fetch;

const KNOWN_PROBLEMS: InvitationProblem[] = [
	'unauthorized',
	'unknown',
	'expired',
	'provider-user',
	'role',
	'wrong-mpn-id',
	'used',
	'throttled'
];

async function call<T>(
	path: string,
	method: 'GET' | 'POST',
	fetchImpl: Fetch
): Promise<InvitationResult<T>> {
	let response: Response;
	try {
		response = await fetchImpl(path, {
			method,
			credentials: 'same-origin',
			headers: { accept: 'application/json' }
		});
	} catch {
		return { ok: false, problem: 'network' };
	}
	const body = (await response.json().catch(() => null)) as { error?: string } | null;
	if (response.ok && body) return { ok: true, value: body as T };
	const code = body?.error as InvitationProblem | undefined;
	return { ok: false, problem: code && KNOWN_PROBLEMS.includes(code) ? code : 'unavailable' };
}

const invitationPath = (token: string) =>
	`/api/partnership-invitations/${encodeURIComponent(token)}`;

/** What the token stands for, and whether the signed-in user may answer. */
export function lookUpPartnershipInvitation(
	token: string,
	fetchImpl: Fetch = (input, init) => fetch(input, init)
): Promise<InvitationResult<PartnershipInvitation>> {
	return call(invitationPath(token), 'GET', fetchImpl);
}

/** Accepts or declines; resolves once the server has applied it (or took it to apply soon). */
export function answerPartnershipInvitation(
	token: string,
	answer: 'accept' | 'decline',
	fetchImpl: Fetch = (input, init) => fetch(input, init)
): Promise<InvitationResult<{ state: 'accepted' | 'declined'; applied: string }>> {
	return call(`${invitationPath(token)}/${answer}`, 'POST', fetchImpl);
}
