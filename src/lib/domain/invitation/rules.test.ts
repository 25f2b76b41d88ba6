import { describe, expect, it } from 'vitest';
import { customerSchema } from '../customer/schema';
import { customer, invitation, SENT_AT } from './rules.fixtures';
import {
	INVITATION_VALIDITY_DAYS,
	acceptInvitation,
	acceptancePortal,
	countInvitationsByStatus,
	customerAfterAcceptance,
	effectiveInvitationStatus,
	invitationAgeDays,
	invitationAgeGroup,
	invitationAgeGroups,
	invitationDaysLeft,
	invitationExpiresAt,
	isInvitationOpen,
	whereToAcceptText,
	withdrawInvitation,
	type AcceptInvitationInput
} from './rules';
import { invitationSchema, type Invitation } from './schema';

const EXPIRES_AT = '2026-04-10T09:00:00.000Z'; // 90 days after SENT_AT
const JUST_BEFORE = '2026-04-10T08:59:59.999Z';
const LATER = '2026-02-01T10:00:00.000Z';

const globalAdmin = { name: 'Anna Kovács', email: 'anna.kovacs@kovacs.hu', isGlobalAdmin: true };

function acceptInput(overrides: Partial<AcceptInvitationInput> = {}): AcceptInvitationInput {
	return {
		acceptedBy: globalAdmin,
		acceptedAt: LATER,
		mcaAccepted: true,
		mcaAcceptedBefore: false,
		recordedBy: 'u2',
		now: LATER,
		...overrides
	};
}

function domainError(code: string, message?: string | RegExp) {
	return expect.objectContaining({
		name: 'DomainError',
		code,
		...(message === undefined
			? {}
			: { message: typeof message === 'string' ? message : expect.stringMatching(message) })
	});
}

describe('where the customer accepts', () => {
	it('is the Microsoft 365 admin center in the public cloud', () => {
		expect(acceptancePortal('public')).toBe('Microsoft 365 admin center');
		expect(whereToAcceptText('public')).toBe(
			"The customer's Global admin accepts this invitation in the Microsoft 365 admin center (public cloud)."
		);
	});

	it('is the Microsoft Office admin portal in Microsoft Cloud Germany and US Government', () => {
		expect(acceptancePortal('microsoft-cloud-germany')).toBe('Microsoft Office admin portal');
		expect(acceptancePortal('us-government')).toBe('Microsoft Office admin portal');
		expect(whereToAcceptText('microsoft-cloud-germany')).toBe(
			"The customer's Global admin accepts this invitation in the Microsoft Office admin portal (Microsoft Cloud Germany)."
		);
		expect(whereToAcceptText('us-government')).toBe(
			"The customer's Global admin accepts this invitation in the Microsoft Office admin portal (Microsoft Cloud for US Government)."
		);
	});
});

describe('90-day expiry', () => {
	it('expires 90 days after sending', () => {
		expect(INVITATION_VALIDITY_DAYS).toBe(90);
		expect(invitationExpiresAt(invitation())).toBe(EXPIRES_AT);
		expect(invitationExpiresAt(invitation({ sentAt: '2026-01-10T10:00:00+01:00' }))).toBe(
			EXPIRES_AT
		);
	});

	it('is sent until the last millisecond, expired from then on', () => {
		expect(effectiveInvitationStatus(invitation(), SENT_AT)).toBe('sent');
		expect(effectiveInvitationStatus(invitation(), JUST_BEFORE)).toBe('sent');
		expect(effectiveInvitationStatus(invitation(), EXPIRES_AT)).toBe('expired');
		expect(effectiveInvitationStatus(invitation(), '2027-01-01T00:00:00Z')).toBe('expired');
		expect(isInvitationOpen(invitation(), JUST_BEFORE)).toBe(true);
		expect(isInvitationOpen(invitation(), EXPIRES_AT)).toBe(false);
	});

	it('keeps accepted, withdrawn and stored expired invitations as they are', () => {
		const far = '2030-01-01T00:00:00.000Z';
		expect(effectiveInvitationStatus(invitation({ status: 'accepted' }), far)).toBe('accepted');
		expect(effectiveInvitationStatus(invitation({ status: 'withdrawn' }), far)).toBe('withdrawn');
		expect(effectiveInvitationStatus(invitation({ status: 'expired' }), SENT_AT)).toBe('expired');
	});

	it('counts an unreadable sending time as expired', () => {
		expect(effectiveInvitationStatus(invitation({ sentAt: 'not a time at all!!' }), LATER)).toBe(
			'expired'
		);
	});

	it('needs a valid now', () => {
		expect(() => effectiveInvitationStatus(invitation(), 'now')).toThrowError(
			domainError('invitation/invalid-now')
		);
		expect(() => invitationExpiresAt({ sentAt: 'x' })).toThrowError(
			domainError('invitation/invalid-sent-at')
		);
	});
});

describe('invitationAgeDays / invitationDaysLeft / invitationAgeGroup', () => {
	it.each([
		[SENT_AT, 0],
		['2026-01-11T08:59:59.999Z', 0],
		['2026-01-11T09:00:00.000Z', 1],
		['2026-04-10T09:00:00.000Z', 90],
		['2026-01-01T00:00:00.000Z', 0]
	])('at %s the invitation is %i days old', (now, days) => {
		expect(invitationAgeDays(invitation(), now)).toBe(days);
	});

	it('counts the days left, a started day as a whole one', () => {
		expect(invitationDaysLeft(invitation(), SENT_AT)).toBe(90);
		expect(invitationDaysLeft(invitation(), '2026-01-10T09:00:00.001Z')).toBe(90);
		expect(invitationDaysLeft(invitation(), '2026-04-09T09:00:00.000Z')).toBe(1);
		expect(invitationDaysLeft(invitation(), JUST_BEFORE)).toBe(1);
		expect(invitationDaysLeft(invitation(), EXPIRES_AT)).toBe(0);
		expect(invitationDaysLeft(invitation({ status: 'accepted' }), LATER)).toBe(0);
	});

	it.each([
		[0, '0–7 days'],
		[7, '0–7 days'],
		[8, '8–30 days'],
		[30, '8–30 days'],
		[31, '31–60 days'],
		[60, '31–60 days'],
		[61, '61–90 days'],
		[89, '61–90 days'],
		[90, 'over 90 days'],
		[400, 'over 90 days']
	])('puts %i days in %s', (days, group) => {
		const now = new Date(Date.parse(SENT_AT) + days * 86_400_000).toISOString();
		expect(invitationAgeGroup(invitation(), now)).toBe(group);
		expect(invitationAgeGroups).toContain(group);
	});
});

describe('countInvitationsByStatus', () => {
	it('counts every state at now, with zeros', () => {
		const list: Invitation[] = [
			invitation({ id: 'a' }),
			invitation({ id: 'b', sentAt: '2025-01-01T00:00:00.000Z' }),
			invitation({ id: 'c', status: 'accepted' }),
			invitation({ id: 'd', status: 'withdrawn' }),
			invitation({ id: 'e' })
		];
		expect(countInvitationsByStatus(list, LATER)).toEqual({
			sent: 2,
			accepted: 1,
			expired: 1,
			withdrawn: 1
		});
		expect(countInvitationsByStatus([], LATER)).toEqual({
			sent: 0,
			accepted: 0,
			expired: 0,
			withdrawn: 0
		});
	});
});

describe('acceptInvitation', () => {
	it("records the customer's Global admin and the Microsoft Customer Agreement", () => {
		const before = invitation();
		const accepted = acceptInvitation(
			before,
			acceptInput({
				acceptedAt: '2026-02-01T11:00:00+01:00',
				acceptedBy: { name: ' Anna Kovács ', email: ' anna@kovacs.hu ', isGlobalAdmin: true }
			})
		);
		expect(accepted).toEqual({
			...before,
			status: 'accepted',
			acceptedAt: '2026-02-01T10:00:00.000Z',
			acceptedBy: { name: 'Anna Kovács', email: 'anna@kovacs.hu', isGlobalAdmin: true },
			mcaAccepted: true,
			acceptedRecordedBy: 'u2'
		});
		expect(before.status).toBe('sent');
		expect(invitationSchema.safeParse(accepted).success).toBe(true);
	});

	it('records that the agreement was not accepted then when it had been accepted before', () => {
		const accepted = acceptInvitation(
			invitation(),
			acceptInput({ mcaAccepted: false, mcaAcceptedBefore: true })
		);
		expect(accepted.mcaAccepted).toBe(false);
	});

	it('lets the email of the accepting person stay empty', () => {
		const accepted = acceptInvitation(
			invitation(),
			acceptInput({ acceptedBy: { name: 'Anna', email: '', isGlobalAdmin: true } })
		);
		expect(accepted.acceptedBy?.email).toBe('');
	});

	it('refuses anyone but a Global admin of the customer', () => {
		expect(() =>
			acceptInvitation(
				invitation(),
				acceptInput({ acceptedBy: { ...globalAdmin, isGlobalAdmin: false } })
			)
		).toThrowError(
			domainError(
				'invitation/not-global-admin',
				"Only a Global admin of the customer can accept the invitation. Ask the customer's Global admin to open the link and accept it."
			)
		);
	});

	it('refuses without the Microsoft Customer Agreement', () => {
		expect(() =>
			acceptInvitation(invitation(), acceptInput({ mcaAccepted: false, mcaAcceptedBefore: false }))
		).toThrowError(
			domainError(
				'invitation/customer-agreement-required',
				'The customer has not accepted the Microsoft Customer Agreement. The Global admin must accept it to accept the invitation.'
			)
		);
	});

	it('refuses an invitation that expired before the acceptance', () => {
		expect(() =>
			acceptInvitation(invitation(), acceptInput({ acceptedAt: EXPIRES_AT, now: EXPIRES_AT }))
		).toThrowError(
			domainError(
				'invitation/expired',
				'This invitation expired on 2026-04-10, 90 days after it was sent, so it cannot be accepted. Send a new invitation instead.'
			)
		);
		expect(() => acceptInvitation(invitation({ status: 'expired' }), acceptInput())).toThrowError(
			domainError('invitation/expired')
		);
		expect(() =>
			acceptInvitation(invitation({ sentAt: 'broken-broken-broken' }), acceptInput())
		).toThrowError(domainError('invitation/expired', /^This invitation expired, 90 days/));
	});

	it('accepts on the last moment, also when it is recorded later', () => {
		const accepted = acceptInvitation(
			invitation(),
			acceptInput({ acceptedAt: JUST_BEFORE, now: '2026-05-01T00:00:00.000Z' })
		);
		expect(accepted.status).toBe('accepted');
	});

	it('refuses an accepted or withdrawn invitation', () => {
		expect(() => acceptInvitation(invitation({ status: 'accepted' }), acceptInput())).toThrowError(
			domainError('invitation/already-accepted', 'This invitation was already accepted.')
		);
		expect(() => acceptInvitation(invitation({ status: 'withdrawn' }), acceptInput())).toThrowError(
			domainError(
				'invitation/withdrawn',
				'This invitation was withdrawn, so it cannot be accepted. Send a new invitation instead.'
			)
		);
	});

	it('refuses an acceptance before the sending or in the future', () => {
		expect(() =>
			acceptInvitation(invitation(), acceptInput({ acceptedAt: '2026-01-10T08:59:59.000Z' }))
		).toThrowError(
			domainError('invitation/before-sent', 'The invitation cannot be accepted before it was sent.')
		);
		expect(() =>
			acceptInvitation(
				invitation(),
				acceptInput({ acceptedAt: '2026-02-01T10:00:01.000Z', now: LATER })
			)
		).toThrowError(domainError('invitation/accepted-in-future'));
	});

	it('refuses invalid times and a missing or wrong person', () => {
		expect(() => acceptInvitation(invitation(), acceptInput({ acceptedAt: 'x' }))).toThrowError(
			domainError('invitation/invalid-accepted-at')
		);
		expect(() => acceptInvitation(invitation(), acceptInput({ now: '' }))).toThrowError(
			domainError('invitation/invalid-now')
		);
		expect(() =>
			acceptInvitation(invitation(), acceptInput({ acceptedBy: { ...globalAdmin, name: '  ' } }))
		).toThrowError(domainError('invitation/accepted-by-name'));
		expect(() =>
			acceptInvitation(
				invitation(),
				acceptInput({ acceptedBy: { ...globalAdmin, name: 'x'.repeat(101) } })
			)
		).toThrowError(domainError('invitation/accepted-by-name'));
		expect(() =>
			acceptInvitation(
				invitation(),
				acceptInput({ acceptedBy: { ...globalAdmin, email: 'anna@' } })
			)
		).toThrowError(domainError('invitation/accepted-by-email'));
	});
});

describe('withdrawInvitation', () => {
	it('withdraws an open invitation', () => {
		const before = invitation();
		expect(
			withdrawInvitation(before, {
				withdrawnBy: 'u3',
				withdrawnAt: '2026-02-01T11:00:00+01:00',
				now: LATER
			})
		).toEqual({
			...before,
			status: 'withdrawn',
			withdrawnAt: '2026-02-01T10:00:00.000Z',
			withdrawnBy: 'u3'
		});
		expect(before.status).toBe('sent');
	});

	it('refuses an expired, accepted or withdrawn invitation', () => {
		const at = { withdrawnBy: 'u3', withdrawnAt: EXPIRES_AT, now: EXPIRES_AT };
		expect(() => withdrawInvitation(invitation(), at)).toThrowError(
			domainError(
				'invitation/expired',
				'This invitation expired on 2026-04-10, 90 days after it was sent, so it cannot be withdrawn. Send a new invitation instead.'
			)
		);
		const early = { withdrawnBy: 'u3', withdrawnAt: LATER, now: LATER };
		expect(() => withdrawInvitation(invitation({ status: 'accepted' }), early)).toThrowError(
			domainError(
				'invitation/already-accepted',
				'This invitation was already accepted, so it cannot be withdrawn. To end the relationship, use Remove customer relationship.'
			)
		);
		expect(() => withdrawInvitation(invitation({ status: 'withdrawn' }), early)).toThrowError(
			domainError('invitation/withdrawn', 'This invitation was already withdrawn.')
		);
	});

	it('refuses a withdrawal in the future, before the sending or at an invalid time', () => {
		expect(() =>
			withdrawInvitation(invitation(), {
				withdrawnBy: 'u3',
				withdrawnAt: '2026-02-02T00:00:00.000Z',
				now: LATER
			})
		).toThrowError(domainError('invitation/withdrawn-in-future'));
		expect(() =>
			withdrawInvitation(invitation(), {
				withdrawnBy: 'u3',
				withdrawnAt: '2026-01-01T00:00:00.000Z',
				now: LATER
			})
		).toThrowError(domainError('invitation/before-sent'));
		expect(() =>
			withdrawInvitation(invitation(), { withdrawnBy: 'u3', withdrawnAt: '?', now: LATER })
		).toThrowError(domainError('invitation/invalid-withdrawn-at'));
	});
});

describe('customerAfterAcceptance', () => {
	const accepted = (overrides: Partial<Invitation> = {}) =>
		acceptInvitation(invitation(overrides), acceptInput());

	it('makes the reseller relationship active with the privileges asked for', () => {
		const after = customerAfterAcceptance(customer(), accepted());
		expect(after).toEqual({
			...customer(),
			resellerId: 'reseller1',
			resellerRelationship: 'active',
			delegatedAdminPrivileges: true,
			customerAgreementAccepted: true
		});
		expect(customerSchema.safeParse(after).success).toBe(true);
	});

	it('also makes the provider relationship active for Invite new customers', () => {
		const after = customerAfterAcceptance(
			customer({ providerRelationship: 'none' }),
			accepted({ kind: 'reseller-and-provider', providerId: 'p1', customerId: '' })
		);
		expect(after.providerRelationship).toBe('active');
		expect(after.resellerRelationship).toBe('active');
	});

	it('never takes away privileges or the agreement granted before', () => {
		const after = customerAfterAcceptance(
			customer({ delegatedAdminPrivileges: true, customerAgreementAccepted: true }),
			acceptInvitation(
				invitation({ delegatedAdminPrivileges: false }),
				acceptInput({ mcaAccepted: false, mcaAcceptedBefore: true })
			)
		);
		expect(after.delegatedAdminPrivileges).toBe(true);
		expect(after.customerAgreementAccepted).toBe(true);
		const without = customerAfterAcceptance(
			customer(),
			accepted({ delegatedAdminPrivileges: false })
		);
		expect(without.delegatedAdminPrivileges).toBe(false);
	});

	it('refuses an invitation that is not accepted or for another customer', () => {
		expect(() => customerAfterAcceptance(customer(), invitation())).toThrowError(
			domainError('invitation/not-accepted')
		);
		expect(() => customerAfterAcceptance(customer({ id: 'c2' }), accepted())).toThrowError(
			domainError('invitation/other-customer', 'This invitation was sent to another customer.')
		);
	});
});

describe('invitationSchema', () => {
	it('accepts a sent invitation and refuses an unknown kind or status', () => {
		expect(invitationSchema.safeParse(invitation()).success).toBe(true);
		expect(invitationSchema.safeParse(invitation({ kind: 'other' as never })).success).toBe(false);
		expect(invitationSchema.safeParse(invitation({ status: 'open' as never })).success).toBe(false);
	});

	it('requires the change metadata', () => {
		const { updatedBy: _updatedBy, ...rest } = invitation();
		expect(invitationSchema.safeParse(rest).success).toBe(false);
	});
});
