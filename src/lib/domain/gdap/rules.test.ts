import { describe, expect, it } from 'vitest';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from './roles';
import {
	GDAP_AUTO_EXTEND_DAYS,
	GDAP_EXPIRING_DAYS,
	approveGdap,
	displayNameError,
	durationError,
	effectiveEndAt,
	effectiveGdapStatus,
	gdapActions,
	gdapDaysLeft,
	gdapExpiringSoon,
	hasGlobalAdministrator,
	newGdapRelationship,
	setGdapAutoExtend,
	gdapEndDate,
	sortGdapByEndDate,
	terminateGdap,
	validateGdapRequest,
	type GdapRequestInput
} from './rules';
import { gdapRelationshipSchema, type GdapRelationship } from './schema';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const REQUESTED = '2026-01-01T00:00:00.000Z';
const APPROVED = '2026-01-02T00:00:00.000Z';
const DAY = 86_400_000;
const at = (base: string, days: number) => new Date(Date.parse(base) + days * DAY).toISOString();

const meta = {
	createdAt: REQUESTED,
	createdBy: 'u1',
	updatedAt: REQUESTED,
	updatedBy: 'u1',
	deviceId: 'd1'
};

function pending(overrides: Partial<GdapRelationship> = {}): GdapRelationship {
	return {
		id: 'g1',
		customerId: 'c1',
		displayName: 'Contoso helpdesk',
		displayNameLower: 'contoso helpdesk',
		durationDays: 365,
		roleIds: [HELPDESK],
		autoExtend: false,
		status: 'approval-pending',
		requestedAt: REQUESTED,
		requestedBy: 'u1',
		...meta,
		...overrides
	};
}

/** Approved on APPROVED, ends `days` later. */
function active(days = 365, overrides: Partial<GdapRelationship> = {}): GdapRelationship {
	return approveGdap(pending({ durationDays: days, ...overrides }), {
		approvedAt: APPROVED,
		now: APPROVED
	});
}

function domainError(code: string, message?: string) {
	return expect.objectContaining({ name: 'DomainError', code, ...(message ? { message } : {}) });
}

const request = (overrides: Partial<GdapRequestInput> = {}): GdapRequestInput => ({
	customerId: 'c1',
	displayName: 'Contoso helpdesk',
	durationDays: 365,
	roleIds: [HELPDESK],
	autoExtend: true,
	...overrides
});

describe('constants', () => {
	it('extend by 180 days and warn 30 days ahead', () => {
		expect(GDAP_AUTO_EXTEND_DAYS).toBe(180);
		expect(GDAP_EXPIRING_DAYS).toBe(30);
		expect(gdapActions.requested).toBe('gdap.requested');
	});
});

describe('displayNameError', () => {
	it('accepts a name of 1 to 50 characters', () => {
		expect(displayNameError('A')).toBeUndefined();
		expect(displayNameError('x'.repeat(50))).toBeUndefined();
		expect(displayNameError(`  ${'x'.repeat(50)}  `)).toBeUndefined();
	});

	it('refuses an empty or long name', () => {
		expect(displayNameError('  ')).toBe('Enter a name for the GDAP relationship.');
		expect(displayNameError('x'.repeat(51))).toBe(
			'The name can be at most 50 characters (now 51).'
		);
	});

	it('refuses control characters', () => {
		expect(displayNameError('Contoso\nhelpdesk')).toBe(
			'The name cannot contain line breaks or tabs.'
		);
		expect(displayNameError('Contoso\thelpdesk')).toBe(
			'The name cannot contain line breaks or tabs.'
		);
	});

	it('is unique among the organisation’s relationships, in any case', () => {
		expect(displayNameError(' CONTOSO Helpdesk ', ['contoso helpdesk'])).toBe(
			'You already have a GDAP relationship named CONTOSO Helpdesk. Choose another name.'
		);
		expect(displayNameError('Contoso helpdesk 2', ['contoso helpdesk'])).toBeUndefined();
	});
});

describe('durationError', () => {
	it.each([1, 2, 90, 365, 730, '1', ' 730 '])('accepts %j days', (days) => {
		expect(durationError(days)).toBeUndefined();
	});

	it.each([0, -1, 731, 1000, '0', '731', '-5'])('refuses %j days as out of range', (days) => {
		expect(durationError(days)).toBe('The duration must be from 1 to 730 (2 years) days.');
	});

	it.each([1.5, Number.NaN, Infinity, '1.5', '1e2', 'abc', '12 days'])(
		'refuses %j as not a whole number',
		(days) => {
			expect(durationError(days)).toBe(
				'Enter the duration as a whole number of days, from 1 to 730 (2 years).'
			);
		}
	);

	it('asks for a duration when empty', () => {
		expect(durationError(' ')).toBe('Enter the duration in days, from 1 to 730 (2 years).');
	});
});

describe('validateGdapRequest', () => {
	it('returns the request normalised', () => {
		expect(
			validateGdapRequest(
				request({
					customerId: ' c1 ',
					displayName: ' Contoso helpdesk ',
					durationDays: ' 730 ',
					roleIds: [USER_ADMIN.toUpperCase(), HELPDESK, USER_ADMIN]
				}),
				{ existingDisplayNames: [] }
			)
		).toEqual({
			ok: true,
			value: {
				customerId: 'c1',
				displayName: 'Contoso helpdesk',
				durationDays: 730,
				roleIds: [USER_ADMIN, HELPDESK],
				autoExtend: true
			}
		});
	});

	it('allows Global Administrator without auto-extend', () => {
		const result = validateGdapRequest(
			request({ roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID], autoExtend: false }),
			{ existingDisplayNames: [] }
		);
		expect(result.ok).toBe(true);
	});

	it('refuses auto-extend with Global Administrator', () => {
		expect(
			validateGdapRequest(request({ roleIds: [HELPDESK, GLOBAL_ADMINISTRATOR_ROLE_ID] }), {
				existingDisplayNames: []
			})
		).toEqual({
			ok: false,
			errors: {
				autoExtend:
					'Auto-extend is not available when Global Administrator is among the roles. Remove Global Administrator or turn off auto-extend.'
			}
		});
	});

	it('needs at least one role, from the list', () => {
		expect(validateGdapRequest(request({ roleIds: [] }), { existingDisplayNames: [] })).toEqual({
			ok: false,
			errors: { roleIds: 'Choose at least one Microsoft Entra role.' }
		});
		expect(
			validateGdapRequest(
				request({ roleIds: [HELPDESK, '11111111-2222-3333-4444-555555555555'] }),
				{
					existingDisplayNames: []
				}
			)
		).toEqual({
			ok: false,
			errors: { roleIds: 'Choose the roles from the list of Microsoft Entra roles.' }
		});
	});

	it('reports every wrong field', () => {
		const result = validateGdapRequest(
			request({ customerId: '', displayName: 'Taken', durationDays: 0, roleIds: [] }),
			{ existingDisplayNames: ['TAKEN'] }
		);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(Object.keys(result.errors).sort()).toEqual([
				'customerId',
				'displayName',
				'durationDays',
				'roleIds'
			]);
		}
	});
});

describe('newGdapRelationship', () => {
	it('waits for approval, with the lower-cased name', () => {
		const valid = validateGdapRequest(request({ displayName: 'Contoso Helpdesk' }), {
			existingDisplayNames: []
		});
		if (!valid.ok) throw new Error('expected a valid request');
		const rel = newGdapRelationship(valid.value, {
			id: 'g1',
			requestedBy: 'u1',
			requestedAt: '2026-01-01T01:00:00+01:00',
			meta
		});
		expect(rel).toEqual({
			id: 'g1',
			customerId: 'c1',
			displayName: 'Contoso Helpdesk',
			displayNameLower: 'contoso helpdesk',
			durationDays: 365,
			roleIds: [HELPDESK],
			autoExtend: true,
			status: 'approval-pending',
			requestedAt: REQUESTED,
			requestedBy: 'u1',
			...meta
		});
		expect(gdapRelationshipSchema.safeParse(rel).success).toBe(true);
		expect(effectiveGdapStatus(rel, '2030-01-01T00:00:00.000Z')).toBe('approval-pending');
		expect(() =>
			newGdapRelationship(valid.value, { id: 'g1', requestedBy: 'u1', requestedAt: 'x', meta })
		).toThrowError(domainError('gdap/invalid-requested-at'));
	});
});

describe('approveGdap', () => {
	it('starts the relationship and sets its end to approval + duration', () => {
		const rel = approveGdap(pending({ durationDays: 730 }), {
			approvedAt: '2026-01-02T01:00:00+01:00',
			now: APPROVED
		});
		expect(rel.status).toBe('active');
		expect(rel.approvedAt).toBe(APPROVED);
		expect(rel.endAt).toBe('2028-01-02T00:00:00.000Z');
		expect(gdapRelationshipSchema.safeParse(rel).success).toBe(true);
		expect(
			approveGdap(pending({ durationDays: 1 }), { approvedAt: APPROVED, now: APPROVED }).endAt
		).toBe('2026-01-03T00:00:00.000Z');
	});

	it('refuses a relationship that is not pending', () => {
		expect(() => approveGdap(active(), { approvedAt: APPROVED, now: APPROVED })).toThrowError(
			domainError('gdap/not-pending', 'This GDAP relationship is already approved.')
		);
		expect(() =>
			approveGdap(pending({ status: 'terminated' }), { approvedAt: APPROVED, now: APPROVED })
		).toThrowError(
			domainError(
				'gdap/not-pending',
				'This GDAP relationship was terminated. Request a new one instead.'
			)
		);
	});

	it('refuses an approval in the future, before the request or at an invalid time', () => {
		expect(() =>
			approveGdap(pending(), { approvedAt: '2026-01-03T00:00:00.000Z', now: APPROVED })
		).toThrowError(domainError('gdap/approved-in-future'));
		expect(() =>
			approveGdap(pending(), { approvedAt: '2025-12-31T23:59:59.000Z', now: APPROVED })
		).toThrowError(domainError('gdap/approved-before-request'));
		expect(() => approveGdap(pending(), { approvedAt: 'x', now: APPROVED })).toThrowError(
			domainError('gdap/invalid-approved-at')
		);
		expect(() => approveGdap(pending(), { approvedAt: APPROVED, now: 'x' })).toThrowError(
			domainError('gdap/invalid-now')
		);
	});
});

describe('effectiveGdapStatus / gdapDaysLeft', () => {
	const end = at(APPROVED, 365);

	it.each([
		[APPROVED, 'active', 365],
		[at(end, -31), 'active', 31],
		[at(end, -30), 'expiring', 30],
		[new Date(Date.parse(end) - 1).toISOString(), 'expiring', 1],
		[end, 'expired', 0],
		[at(end, 400), 'expired', 0]
	])('at %s it is %s with %i days left', (now, status, days) => {
		expect(effectiveGdapStatus(active(), now)).toBe(status);
		expect(gdapDaysLeft(active(), now)).toBe(days);
	});

	it('has no days left while pending or after termination', () => {
		expect(gdapDaysLeft(pending(), APPROVED)).toBeUndefined();
		const terminated = terminateGdap(active(), {
			terminatedBy: 'u2',
			terminatedAt: at(APPROVED, 10),
			now: at(APPROVED, 10)
		});
		expect(effectiveGdapStatus(terminated, at(APPROVED, 11))).toBe('terminated');
		expect(gdapDaysLeft(terminated, at(APPROVED, 11))).toBeUndefined();
		expect(effectiveEndAt(terminated, at(APPROVED, 800))).toBe(end);
	});

	it('moves the end of an auto-extending relationship by 180 days, again and again', () => {
		const rel = active(365, { autoExtend: true });
		expect(effectiveEndAt(rel, at(end, -1))).toBe(end);
		expect(effectiveGdapStatus(rel, at(end, -10))).toBe('active');
		expect(effectiveEndAt(rel, end)).toBe(at(end, 180));
		expect(effectiveGdapStatus(rel, end)).toBe('active');
		expect(gdapDaysLeft(rel, end)).toBe(180);
		expect(effectiveEndAt(rel, at(end, 179))).toBe(at(end, 180));
		expect(effectiveEndAt(rel, at(end, 180))).toBe(at(end, 360));
		expect(effectiveEndAt(rel, at(end, 1000))).toBe(at(end, 1080));
		expect(effectiveGdapStatus(rel, at(end, 5000))).toBe('active');
	});

	it('has no end while pending, and none for an unreadable end', () => {
		expect(effectiveEndAt(pending(), APPROVED)).toBeUndefined();
		const broken = { ...active(), endAt: 'not-a-timestamp-at-all' };
		expect(effectiveEndAt(broken, APPROVED)).toBeUndefined();
		expect(effectiveGdapStatus(broken, APPROVED)).toBe('active');
		expect(gdapDaysLeft(broken, APPROVED)).toBeUndefined();
	});

	it('needs a valid now', () => {
		expect(() => effectiveGdapStatus(active(), 'soon')).toThrowError(
			domainError('gdap/invalid-now')
		);
	});
});

describe('terminateGdap', () => {
	it.each([
		['approval pending', () => pending(), APPROVED],
		['active', () => active(), at(APPROVED, 10)],
		['expiring', () => active(), at(APPROVED, 350)]
	])('terminates a relationship that is %s', (_, make, now) => {
		const rel = make();
		expect(terminateGdap(rel, { terminatedBy: 'u2', terminatedAt: now, now })).toEqual({
			...rel,
			status: 'terminated',
			terminatedAt: now,
			terminatedBy: 'u2'
		});
	});

	it('refuses an expired or terminated relationship', () => {
		const late = at(APPROVED, 400);
		expect(() =>
			terminateGdap(active(), { terminatedBy: 'u2', terminatedAt: late, now: late })
		).toThrowError(
			domainError(
				'gdap/expired',
				'This GDAP relationship has expired, so there is nothing to terminate.'
			)
		);
		const terminated = terminateGdap(active(), {
			terminatedBy: 'u2',
			terminatedAt: APPROVED,
			now: APPROVED
		});
		expect(() =>
			terminateGdap(terminated, { terminatedBy: 'u2', terminatedAt: APPROVED, now: APPROVED })
		).toThrowError(domainError('gdap/already-terminated'));
	});

	it('terminates an auto-extending relationship after its first end', () => {
		const late = at(APPROVED, 400);
		const rel = active(365, { autoExtend: true });
		expect(terminateGdap(rel, { terminatedBy: 'u2', terminatedAt: late, now: late }).status).toBe(
			'terminated'
		);
	});

	it('refuses a termination in the future, before the start or at an invalid time', () => {
		expect(() =>
			terminateGdap(active(), { terminatedBy: 'u2', terminatedAt: at(APPROVED, 2), now: APPROVED })
		).toThrowError(domainError('gdap/terminated-in-future'));
		expect(() =>
			terminateGdap(active(), { terminatedBy: 'u2', terminatedAt: REQUESTED, now: APPROVED })
		).toThrowError(domainError('gdap/terminated-before-start'));
		expect(() =>
			terminateGdap(pending(), {
				terminatedBy: 'u2',
				terminatedAt: '2025-12-31T00:00:00.000Z',
				now: APPROVED
			})
		).toThrowError(domainError('gdap/terminated-before-start'));
		expect(() =>
			terminateGdap(active(), { terminatedBy: 'u2', terminatedAt: '', now: APPROVED })
		).toThrowError(domainError('gdap/invalid-terminated-at'));
	});
});

describe('setGdapAutoExtend', () => {
	const end = at(APPROVED, 365);

	it('switches auto-extend on and off', () => {
		const on = setGdapAutoExtend(active(), { autoExtend: true, now: at(APPROVED, 10) });
		expect(on.autoExtend).toBe(true);
		expect(on.endAt).toBe(end);
		const off = setGdapAutoExtend(on, { autoExtend: false, now: at(APPROVED, 11) });
		expect(off.autoExtend).toBe(false);
	});

	it('keeps the extensions that already happened when switched off', () => {
		const rel = active(365, { autoExtend: true });
		const off = setGdapAutoExtend(rel, { autoExtend: false, now: at(end, 10) });
		expect(off.endAt).toBe(at(end, 180));
		expect(effectiveGdapStatus(off, at(end, 160))).toBe('expiring');
		expect(effectiveGdapStatus(off, at(end, 180))).toBe('expired');
	});

	it('works while approval is pending, without an end', () => {
		const on = setGdapAutoExtend(pending(), { autoExtend: true, now: APPROVED });
		expect(on.autoExtend).toBe(true);
		expect('endAt' in on).toBe(false);
	});

	it('refuses auto-extend with Global Administrator', () => {
		const rel = active(365, { roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID] });
		expect(() => setGdapAutoExtend(rel, { autoExtend: true, now: APPROVED })).toThrowError(
			domainError('gdap/auto-extend-global-admin')
		);
		expect(setGdapAutoExtend(rel, { autoExtend: false, now: APPROVED }).autoExtend).toBe(false);
	});

	it('refuses an expired or terminated relationship', () => {
		expect(() => setGdapAutoExtend(active(), { autoExtend: true, now: end })).toThrowError(
			domainError(
				'gdap/not-open',
				'This GDAP relationship has expired, so auto-extend cannot be changed.'
			)
		);
		expect(() =>
			setGdapAutoExtend(pending({ status: 'terminated' }), { autoExtend: true, now: APPROVED })
		).toThrowError(
			domainError(
				'gdap/not-open',
				'This GDAP relationship has been terminated, so auto-extend cannot be changed.'
			)
		);
	});
});

describe('hasGlobalAdministrator', () => {
	it('finds Global Administrator in any case', () => {
		expect(hasGlobalAdministrator([HELPDESK, GLOBAL_ADMINISTRATOR_ROLE_ID.toUpperCase()])).toBe(
			true
		);
		expect(hasGlobalAdministrator([HELPDESK])).toBe(false);
		expect(hasGlobalAdministrator([])).toBe(false);
	});
});

describe('sortGdapByEndDate / gdapExpiringSoon', () => {
	const now = at(APPROVED, 340); // 25 days before the end of a 365-day relationship
	const a = active(365, { id: 'a', displayName: 'A', displayNameLower: 'a' }); // ends in 25 days
	const b = active(100, { id: 'b', displayName: 'B', displayNameLower: 'b' }); // expired
	const c = active(730, { id: 'c', displayName: 'C', displayNameLower: 'c' }); // ends in 390 days
	const d = pending({ id: 'd', displayName: 'D', displayNameLower: 'd' }); // no end
	const e = active(300, { id: 'e', displayName: 'E', displayNameLower: 'e', autoExtend: true }); // extended
	const f = active(365, { id: 'f', displayName: 'F', displayNameLower: 'f' }); // same end as a
	const g = active(350, { id: 'g', displayName: 'G', displayNameLower: 'g' }); // ends in 10 days

	it('sorts by end at now, pending last, then by name', () => {
		expect(sortGdapByEndDate([d, c, f, a, b, g, e], now).map((r) => r.id)).toEqual([
			'b',
			'g',
			'a',
			'f',
			'e',
			'c',
			'd'
		]);
		expect(sortGdapByEndDate([d, c, f, a, b, g], now, 'desc').map((r) => r.id)).toEqual([
			'c',
			'a',
			'f',
			'g',
			'b',
			'd'
		]);
	});

	it('sorts a terminated relationship by its termination, not its planned end', () => {
		const t = terminateGdap(active(730, { id: 't', displayName: 'T', displayNameLower: 't' }), {
			terminatedBy: 'u2',
			terminatedAt: at(APPROVED, 5),
			now: at(APPROVED, 5)
		});
		expect(gdapEndDate(t, now)).toBe(at(APPROVED, 5));
		expect(gdapEndDate(c, now)).toBe(at(APPROVED, 730));
		expect(gdapEndDate(d, now)).toBeUndefined();
		expect(sortGdapByEndDate([c, d, t, a], now).map((r) => r.id)).toEqual(['t', 'a', 'c', 'd']);
	});

	it('orders equal names by id and does not change its argument', () => {
		const x = active(365, { id: 'x', displayNameLower: 'same' });
		const y = active(365, { id: 'y', displayNameLower: 'same' });
		const list = [y, x];
		expect(sortGdapByEndDate(list, now).map((r) => r.id)).toEqual(['x', 'y']);
		expect(list.map((r) => r.id)).toEqual(['y', 'x']);
		expect(sortGdapByEndDate([x, x], now)).toHaveLength(2);
	});

	it('lists the relationships expiring soon, soonest first', () => {
		expect(gdapExpiringSoon([a, b, c, d, e, f, g], now).map((r) => r.id)).toEqual(['g', 'a', 'f']);
		expect(gdapExpiringSoon([a, b, c, d, e, f, g], now, 15).map((r) => r.id)).toEqual(['g']);
		expect(gdapExpiringSoon([a, c, g], now, 400).map((r) => r.id)).toEqual(['g', 'a', 'c']);
		expect(gdapExpiringSoon([], now)).toEqual([]);
	});
});

describe('gdapRelationshipSchema', () => {
	it('refuses a duration out of range, no roles or a long name', () => {
		expect(gdapRelationshipSchema.safeParse(pending({ durationDays: 731 })).success).toBe(false);
		expect(gdapRelationshipSchema.safeParse(pending({ durationDays: 0 })).success).toBe(false);
		expect(gdapRelationshipSchema.safeParse(pending({ durationDays: 1.5 })).success).toBe(false);
		expect(gdapRelationshipSchema.safeParse(pending({ roleIds: [] })).success).toBe(false);
		expect(gdapRelationshipSchema.safeParse(pending({ displayName: 'x'.repeat(51) })).success).toBe(
			false
		);
		expect(gdapRelationshipSchema.safeParse(pending({ status: 'expired' as never })).success).toBe(
			false
		);
		expect(gdapRelationshipSchema.safeParse(pending()).success).toBe(true);
	});
});
