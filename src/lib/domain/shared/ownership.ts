import { DomainError } from './result';

/*
 * Records another organisation shares (issue 12). The relationship service
 * (server/relationships/service.js) writes read-only copies of a provider's records into an
 * indirect reseller's databases under ids `rel-…`. A shared customer or subscription has one
 * owner, the provider: its id is `rel-<owner key>-<record key>`, where `rel-<owner key>` is the
 * id of the service's copy of the provider in the reseller's partners, so the record says whose
 * it is without a field of its own.
 */

/** The id prefix of every record the relationship service shares from another organisation. */
export const SHARED_ID_PREFIX = 'rel-';

/** Whether a record is another organisation's, shared with this one (a `rel-…` copy). */
export function isSharedRecord(record: { id: string }): boolean {
	return record.id.startsWith(SHARED_ID_PREFIX);
}

/**
 * The partner id of the organisation that owns a shared customer or subscription (its copy in
 * this organisation's partners), or undefined for the organisation's own records.
 */
export function sharedOwnerId(record: { id: string }): string | undefined {
	// The owner key has 32 hex digits (the partner copy's id is `rel-<owner key>`).
	const match = /^rel-([0-9a-f]{32})-[0-9a-f]+$/.exec(record.id);
	return match ? `${SHARED_ID_PREFIX}${match[1]}` : undefined;
}

/** The collections whose shared copies nobody in this organisation may change. */
const READ_ONLY_COLLECTIONS = new Set(['customers', 'subscriptions']);

/**
 * A shared customer or subscription is read-only for the organisation it is shared with: the
 * owner changes it, and the service brings the change. (A shared partnership is answered or
 * removed by its own rules, partnership/rules.ts.)
 */
export function assertOwnRecord(collection: string, record: { id: string }): void {
	if (READ_ONLY_COLLECTIONS.has(collection) && isSharedRecord(record)) {
		throw new DomainError(
			'This record is owned by another organisation and shared with yours: only its owner can change it.',
			'shared/read-only'
		);
	}
}

/**
 * A new subscription is the organisation's own, for one of its own customers: a shared customer
 * gets its subscriptions from its owner.
 */
export function assertOwnCustomerForSubscription(customerId: string): void {
	if (customerId.startsWith(SHARED_ID_PREFIX)) {
		throw new DomainError(
			'This customer is owned by another organisation: only its owner can add subscriptions for it.',
			'shared/customer-read-only'
		);
	}
}
