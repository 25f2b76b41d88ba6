import { describe, expect, it } from 'vitest';
import { customerSchema } from '../customer/schema';
import { customer } from '../invitation/rules.fixtures';
import {
	isOnResellerCustomersList,
	removeCustomerRelationship,
	removeCustomerRelationshipAttestation,
	removeCustomerRelationshipConsequences,
	removeCustomerRelationshipQuestion,
	supportResponsibilityReminder
} from './removal';

const active = () =>
	customer({
		resellerId: 'reseller1',
		resellerRelationship: 'active',
		delegatedAdminPrivileges: true,
		customerAgreementAccepted: true
	});

const input = {
	removedBy: 'u1',
	removedAt: '2026-03-01T12:00:00+01:00',
	confirmed: true,
	attested: true
};

function domainError(code: string, message?: string) {
	return expect.objectContaining({ name: 'DomainError', code, ...(message ? { message } : {}) });
}

describe('removeCustomerRelationship', () => {
	it('marks the relationship removed and keeps everything else', () => {
		const before = active();
		const { customer: after, removal } = removeCustomerRelationship(before, input);
		expect(after).toEqual({ ...before, resellerRelationship: 'removed' });
		expect(after.delegatedAdminPrivileges).toBe(true);
		expect(after.resellerId).toBe('reseller1');
		expect(after.providerRelationship).toBe(before.providerRelationship);
		expect(removal).toEqual({
			removedBy: 'u1',
			removedAt: '2026-03-01T11:00:00.000Z',
			attested: true
		});
		expect(before.resellerRelationship).toBe('active');
		expect(customerSchema.safeParse(after).success).toBe(true);
	});

	it('keeps delegated admin privileges unchanged also when none were granted', () => {
		const { customer: after } = removeCustomerRelationship(
			customer({ ...active(), delegatedAdminPrivileges: false }),
			input
		);
		expect(after.delegatedAdminPrivileges).toBe(false);
	});

	it('needs Yes and the attestation', () => {
		expect(() => removeCustomerRelationship(active(), { ...input, confirmed: false })).toThrowError(
			domainError(
				'customer-relationship/confirmation-required',
				'Answer Yes to remove the customer relationship.'
			)
		);
		expect(() => removeCustomerRelationship(active(), { ...input, attested: false })).toThrowError(
			domainError(
				'customer-relationship/attestation-required',
				'Confirm that you remove this customer relationship in good faith, for a legitimate business purpose and in line with your agreement with the customer.'
			)
		);
	});

	it('refuses a relationship that is not active', () => {
		expect(() =>
			removeCustomerRelationship(customer({ resellerRelationship: 'removed' }), input)
		).toThrowError(
			domainError(
				'customer-relationship/already-removed',
				'The relationship with this customer was already removed.'
			)
		);
		for (const status of ['none', 'invited'] as const) {
			expect(() =>
				removeCustomerRelationship(customer({ resellerRelationship: status }), input)
			).toThrowError(domainError('customer-relationship/not-active'));
		}
	});

	it('refuses an invalid time', () => {
		expect(() =>
			removeCustomerRelationship(active(), { ...input, removedAt: 'today' })
		).toThrowError(domainError('customer-relationship/invalid-removed-at'));
	});
});

describe('isOnResellerCustomersList', () => {
	it('lists customers with an active relationship with this reseller only', () => {
		expect(isOnResellerCustomersList(active(), 'reseller1')).toBe(true);
		expect(isOnResellerCustomersList(active(), 'reseller2')).toBe(false);
		const { customer: removed } = removeCustomerRelationship(active(), input);
		expect(isOnResellerCustomersList(removed, 'reseller1')).toBe(false);
		expect(
			isOnResellerCustomersList(
				customer({ resellerId: 'reseller1', resellerRelationship: 'invited' }),
				'reseller1'
			)
		).toBe(false);
	});
});

describe('texts', () => {
	it('ask the question with the customer’s name', () => {
		expect(removeCustomerRelationshipQuestion(' Contoso Kft. ')).toBe(
			'Do you want to remove the customer relationship with Contoso Kft.?'
		);
	});

	it('say that nothing is sent and privileges stay unchanged', () => {
		const text = removeCustomerRelationshipConsequences.join(' ');
		expect(text).toContain('Delegated admin privileges granted by the customer stay unchanged.');
		expect(text).toContain('No notice is sent to the customer.');
		expect(text).toContain('stays in the history');
		expect(removeCustomerRelationshipAttestation).toMatch(
			/good faith, for a legitimate business purpose and in line with my agreement/
		);
	});

	it('remind that the partner stays responsible for support', () => {
		expect(supportResponsibilityReminder).toContain(
			'Until you have a new agreement with the customer, you remain responsible for supporting the customer'
		);
		expect(supportResponsibilityReminder).toContain(
			'even if the customer removes your admin privileges'
		);
	});
});
