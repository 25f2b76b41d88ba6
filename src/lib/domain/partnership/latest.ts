import { parseIsoTimestamp } from '../shared/dates';
import type { Partnership } from './schema';

// Which partnership with a partner counts, apart from the other rules so that the lists the app
// shows first (the reseller rows) do not load them.

function requestedMsOf(p: Partnership): number {
	const ms = parseIsoTimestamp(p.requestedAt);
	return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Later request first; equal times are ordered by id so that every device picks the same one. */
function isLater(a: Partnership, b: Partnership): boolean {
	const diff = requestedMsOf(a) - requestedMsOf(b);
	return diff !== 0 ? diff > 0 : a.id > b.id;
}

/**
 * The most recently requested partnership with a partner, whatever its status: a reseller's by
 * default, a provider's (seen from an indirect reseller) with `side` 'providerId'.
 */
export function latestPartnershipOf(
	partnerships: Partnership[],
	partnerId: string,
	side: 'resellerId' | 'providerId' = 'resellerId'
): Partnership | undefined {
	let latest: Partnership | undefined;
	for (const p of partnerships) {
		if (p[side] !== partnerId) continue;
		if (latest === undefined || isLater(p, latest)) latest = p;
	}
	return latest;
}

/** The active partnership with a reseller (the latest, should two have been synced in). */
export function activePartnershipOf(
	partnerships: Partnership[],
	resellerId: string
): Partnership | undefined {
	return latestPartnershipOf(
		partnerships.filter((p) => p.status === 'active'),
		resellerId
	);
}
