import { describe, expect, it } from 'vitest';
import { DomainError } from './result';
import {
	assertOwnCustomerForSubscription,
	assertOwnRecord,
	isSharedRecord,
	sharedOwnerId
} from './ownership';

const OWNER = 'rel-0123456789abcdef0123456789abcdef';
const SHARED = `${OWNER}-0123456789abcdef0123456789a`;

describe('records another organisation shares', () => {
	it('are the rel- copies; their owner is the partner copy named in the id', () => {
		expect(isSharedRecord({ id: SHARED })).toBe(true);
		expect(isSharedRecord({ id: 'c-1' })).toBe(false);
		expect(sharedOwnerId({ id: SHARED })).toBe(OWNER);
		// An own record, and a shared partnership (its id names no owner).
		expect(sharedOwnerId({ id: 'c-1' })).toBeUndefined();
		expect(sharedOwnerId({ id: OWNER })).toBeUndefined();
	});

	it('a shared customer or subscription is read-only; a shared partnership follows its own rules', () => {
		for (const collection of ['customers', 'subscriptions']) {
			expect(() => assertOwnRecord(collection, { id: SHARED })).toThrow(DomainError);
			expect(() => assertOwnRecord(collection, { id: 'c-1' })).not.toThrow();
		}
		expect(() => assertOwnRecord('partnerships', { id: OWNER })).not.toThrow();
	});

	it('a new subscription is for one of the organisation’s own customers', () => {
		expect(() => assertOwnCustomerForSubscription(SHARED)).toThrow(
			'This customer is owned by another organisation: only its owner can add subscriptions for it.'
		);
		expect(() => assertOwnCustomerForSubscription('c-1')).not.toThrow();
	});
});
