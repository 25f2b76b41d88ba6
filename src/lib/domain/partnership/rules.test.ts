import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/result';
import {
	acceptPartnership,
	activePartnershipOf,
	answerPartnershipRequest,
	isSharedCopy,
	canAddCustomerForReseller,
	canRequestPartnership,
	latestPartnershipOf,
	removePartnership,
	removeSharedPartnership
} from './rules';
import { partnershipSchema, type Partnership } from './schema';

function partnership(overrides: Partial<Partnership> = {}): Partnership {
	return {
		id: 'p-1',
		providerId: 'provider',
		resellerId: 'reseller-a',
		status: 'requested',
		requestedBy: 'user-1',
		requestedAt: '2025-03-10T09:00:00.000Z',
		invitationToken: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
		invitationLink: 'https://field.example/invitations/partnership/abc',
		emailDraft: 'Hello',
		createdAt: '2025-03-10T09:00:00.000Z',
		createdBy: 'user-1',
		updatedAt: '2025-03-10T09:00:00.000Z',
		updatedBy: 'user-1',
		deviceId: 'device-1',
		...overrides
	};
}

function domainErrorOf(action: () => unknown): DomainError {
	try {
		action();
	} catch (error) {
		if (error instanceof DomainError) return error;
		throw error;
	}
	throw new Error('expected a DomainError');
}

describe('canRequestPartnership', () => {
	it('allows the first request', () => {
		expect(canRequestPartnership([])).toEqual({ ok: true });
	});

	it('allows a new request when every earlier one was removed', () => {
		expect(canRequestPartnership([{ status: 'removed' }, { status: 'removed' }])).toEqual({
			ok: true
		});
	});

	it('refuses while a request is waiting', () => {
		const result = canRequestPartnership([{ status: 'removed' }, { status: 'requested' }]);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(/already waiting to be accepted/);
	});

	it('refuses while the partnership is active', () => {
		const result = canRequestPartnership([{ status: 'active' }]);
		expect(result).toEqual({
			ok: false,
			reason: 'You already have an active partnership with this reseller.'
		});
	});

	it('names the active partnership first when both exist', () => {
		const result = canRequestPartnership([{ status: 'requested' }, { status: 'active' }]);
		expect(result.ok === false && result.reason).toMatch(/active partnership/);
	});
});

describe('canAddCustomerForReseller', () => {
	it.each([
		[[], false],
		[[{ status: 'requested' }], false],
		[[{ status: 'removed' }], false],
		[[{ status: 'removed' }, { status: 'requested' }], false],
		[[{ status: 'active' }], true],
		[[{ status: 'removed' }, { status: 'active' }], true]
	] as const)('%j → %s', (list, expected) => {
		expect(canAddCustomerForReseller([...list])).toBe(expected);
	});
});

describe('acceptPartnership', () => {
	const now = '2025-03-12T12:00:00.000Z';

	it('turns a request into an active partnership', () => {
		const p = partnership();
		const accepted = acceptPartnership(p, {
			acceptedAt: '2025-03-11T08:30:00.000Z',
			recordedBy: 'user-2',
			now
		});
		expect(accepted).toEqual({
			...p,
			status: 'active',
			acceptedAt: '2025-03-11T08:30:00.000Z',
			acceptedRecordedBy: 'user-2'
		});
		expect(partnershipSchema.safeParse(accepted).success).toBe(true);
	});

	it('returns a new object and leaves the original unchanged', () => {
		const p = partnership();
		const snapshot = structuredClone(p);
		const accepted = acceptPartnership(p, { acceptedAt: now, recordedBy: 'user-2', now });
		expect(accepted).not.toBe(p);
		expect(p).toEqual(snapshot);
	});

	it('accepts at exactly the request time and at exactly now', () => {
		const p = partnership();
		expect(acceptPartnership(p, { acceptedAt: p.requestedAt, recordedBy: 'u', now }).status).toBe(
			'active'
		);
		expect(acceptPartnership(p, { acceptedAt: now, recordedBy: 'u', now }).acceptedAt).toBe(now);
	});

	it('normalises the acceptance time to UTC', () => {
		const accepted = acceptPartnership(partnership(), {
			acceptedAt: '2025-03-11T10:30:00+02:00',
			recordedBy: 'u',
			now
		});
		expect(accepted.acceptedAt).toBe('2025-03-11T08:30:00.000Z');
	});

	it('uses the current time when now is not given', () => {
		const p = partnership({ requestedAt: '2000-01-01T00:00:00.000Z' });
		const farFuture = new Date(Date.now() + 60 * 60 * 1000).toISOString();
		expect(
			acceptPartnership(p, { acceptedAt: '2001-01-01T00:00:00Z', recordedBy: 'u' }).status
		).toBe('active');
		expect(
			domainErrorOf(() => acceptPartnership(p, { acceptedAt: farFuture, recordedBy: 'u' })).code
		).toBe('partnership/accepted-in-future');
	});

	it.each(['active', 'removed'] as const)('refuses a partnership that is %s', (status) => {
		const error = domainErrorOf(() =>
			acceptPartnership(partnership({ status }), { acceptedAt: now, recordedBy: 'u', now })
		);
		expect(error.code).toBe('partnership/not-requested');
		expect(error.message).not.toBe('');
	});

	it('refuses an acceptance earlier than the request', () => {
		const error = domainErrorOf(() =>
			acceptPartnership(partnership(), {
				acceptedAt: '2025-03-10T08:59:59.999Z',
				recordedBy: 'u',
				now
			})
		);
		expect(error.code).toBe('partnership/accepted-before-request');
		expect(error.message).toBe('The acceptance cannot be earlier than the partnership request.');
	});

	it('refuses an acceptance in the future', () => {
		const error = domainErrorOf(() =>
			acceptPartnership(partnership(), {
				acceptedAt: '2025-03-12T12:00:00.001Z',
				recordedBy: 'u',
				now
			})
		);
		expect(error.code).toBe('partnership/accepted-in-future');
	});

	it.each(['', 'yesterday', '2025-03-11', '2025-02-30T10:00:00Z', '2025-03-11T10:00:00'])(
		'refuses an acceptance time that is not an ISO timestamp: %j',
		(acceptedAt) => {
			const error = domainErrorOf(() =>
				acceptPartnership(partnership(), { acceptedAt, recordedBy: 'u', now })
			);
			expect(error.code).toBe('partnership/invalid-accepted-at');
		}
	);

	it('refuses an invalid now', () => {
		const error = domainErrorOf(() =>
			acceptPartnership(partnership(), { acceptedAt: now, recordedBy: 'u', now: 'soon' })
		);
		expect(error.code).toBe('partnership/invalid-now');
	});

	it('checks the status before the dates', () => {
		const error = domainErrorOf(() =>
			acceptPartnership(partnership({ status: 'removed' }), {
				acceptedAt: 'garbage',
				recordedBy: 'u',
				now
			})
		);
		expect(error.code).toBe('partnership/not-requested');
	});
});

describe('removePartnership', () => {
	const input = { removedBy: 'user-3', removedAt: '2025-04-01T10:00:00.000Z', attested: true };

	it.each(['requested', 'active'] as const)('removes a %s partnership', (status) => {
		const p = partnership({ status });
		const removed = removePartnership(p, input);
		expect(removed).toEqual({
			...p,
			status: 'removed',
			removedBy: 'user-3',
			removedAt: '2025-04-01T10:00:00.000Z',
			removalAttested: true
		});
		expect(partnershipSchema.safeParse(removed).success).toBe(true);
	});

	it('keeps the acceptance details of an active partnership', () => {
		const p = partnership({
			status: 'active',
			acceptedAt: '2025-03-11T08:30:00.000Z',
			acceptedRecordedBy: 'user-2'
		});
		const removed = removePartnership(p, input);
		expect(removed.acceptedAt).toBe('2025-03-11T08:30:00.000Z');
		expect(removed.acceptedRecordedBy).toBe('user-2');
	});

	it('does not change the original', () => {
		const p = partnership({ status: 'active' });
		const snapshot = structuredClone(p);
		removePartnership(p, input);
		expect(p).toEqual(snapshot);
	});

	it('refuses to remove twice', () => {
		const once = removePartnership(partnership({ status: 'active' }), input);
		const error = domainErrorOf(() => removePartnership(once, input));
		expect(error.code).toBe('partnership/already-removed');
		expect(error.message).toBe('This partnership was already removed.');
	});

	it('refuses to remove twice even with an attestation missing', () => {
		const error = domainErrorOf(() =>
			removePartnership(partnership({ status: 'removed' }), { ...input, attested: false })
		);
		expect(error.code).toBe('partnership/already-removed');
	});

	it('requires the attestation', () => {
		const error = domainErrorOf(() =>
			removePartnership(partnership({ status: 'active' }), { ...input, attested: false })
		);
		expect(error.code).toBe('partnership/attestation-required');
		expect(error.message).toMatch(/good faith/);
		expect(error.message).toMatch(/legitimate business purpose/);
	});

	it('refuses a truthy value that is not true as attestation', () => {
		const error = domainErrorOf(() =>
			removePartnership(partnership({ status: 'active' }), {
				...input,
				attested: 'yes' as unknown as boolean
			})
		);
		expect(error.code).toBe('partnership/attestation-required');
	});

	it('refuses an invalid removal time', () => {
		const error = domainErrorOf(() =>
			removePartnership(partnership({ status: 'active' }), { ...input, removedAt: 'now' })
		);
		expect(error.code).toBe('partnership/invalid-removed-at');
	});

	it('never takes nor returns customers: delegated admin privileges stay as they are', () => {
		// Removing a partnership is about the partnership alone. Customers associated with the
		// reseller are not removed and their delegated admin privileges stay unchanged, so the
		// function has no way to reach them: two parameters, a partnership out.
		expect(removePartnership).toHaveLength(2);
		const removed = removePartnership(partnership({ status: 'active' }), input);
		expect(Object.keys(removed).sort()).toEqual(
			Object.keys(partnershipSchema.shape)
				.filter((key) => !['acceptedAt', 'acceptedRecordedBy'].includes(key))
				.sort()
		);
		expect(JSON.stringify(removed)).not.toMatch(/customer|delegatedAdmin/i);
	});
});

describe('latestPartnershipOf and activePartnershipOf', () => {
	const list = [
		partnership({
			id: 'a1',
			resellerId: 'a',
			status: 'removed',
			requestedAt: '2024-01-01T00:00:00.000Z'
		}),
		partnership({
			id: 'a2',
			resellerId: 'a',
			status: 'active',
			requestedAt: '2024-06-01T00:00:00.000Z'
		}),
		partnership({
			id: 'b1',
			resellerId: 'b',
			status: 'removed',
			requestedAt: '2025-01-01T00:00:00.000Z'
		}),
		partnership({
			id: 'b2',
			resellerId: 'b',
			status: 'requested',
			requestedAt: '2025-02-01T00:00:00.000Z'
		}),
		partnership({
			id: 'c1',
			resellerId: 'c',
			status: 'active',
			requestedAt: '2023-01-01T00:00:00.000Z'
		}),
		partnership({
			id: 'c2',
			resellerId: 'c',
			status: 'removed',
			requestedAt: '2024-01-01T00:00:00.000Z'
		})
	];

	it('finds the latest request of a reseller, whatever its status', () => {
		expect(latestPartnershipOf(list, 'a')?.id).toBe('a2');
		expect(latestPartnershipOf(list, 'b')?.id).toBe('b2');
		expect(latestPartnershipOf(list, 'c')?.id).toBe('c2');
	});

	it("finds an indirect reseller's latest partnership with a provider", () => {
		const withProviders = [
			partnership({ id: 'p1', providerId: 'contoso', requestedAt: '2024-01-01T00:00:00.000Z' }),
			partnership({ id: 'p2', providerId: 'contoso', requestedAt: '2025-01-01T00:00:00.000Z' }),
			partnership({ id: 'p3', providerId: 'fabrikam', requestedAt: '2026-01-01T00:00:00.000Z' })
		];
		expect(latestPartnershipOf(withProviders, 'contoso', 'providerId')?.id).toBe('p2');
		expect(latestPartnershipOf(withProviders, 'northwind', 'providerId')).toBeUndefined();
	});

	it('does not depend on the order of the list', () => {
		expect(latestPartnershipOf([...list].reverse(), 'b')?.id).toBe('b2');
	});

	it('compares times, not strings', () => {
		const mixed = [
			partnership({ id: 'x', resellerId: 'z', requestedAt: '2025-01-01T10:00:00+02:00' }),
			partnership({ id: 'y', resellerId: 'z', requestedAt: '2025-01-01T09:00:00.000Z' })
		];
		expect(latestPartnershipOf(mixed, 'z')?.id).toBe('y');
	});

	it('breaks ties by id so that every device agrees', () => {
		const tie = [
			partnership({ id: 'm', resellerId: 't' }),
			partnership({ id: 'n', resellerId: 't' })
		];
		expect(latestPartnershipOf(tie, 't')?.id).toBe('n');
		expect(latestPartnershipOf([...tie].reverse(), 't')?.id).toBe('n');
	});

	it('returns undefined for an unknown reseller', () => {
		expect(latestPartnershipOf(list, 'nobody')).toBeUndefined();
		expect(latestPartnershipOf([], 'a')).toBeUndefined();
	});

	it('finds the active partnership', () => {
		expect(activePartnershipOf(list, 'a')?.id).toBe('a2');
		expect(activePartnershipOf(list, 'c')?.id).toBe('c1');
	});

	it('returns undefined when none is active', () => {
		expect(activePartnershipOf(list, 'b')).toBeUndefined();
		expect(activePartnershipOf(list, 'nobody')).toBeUndefined();
	});
});

describe('answerPartnershipRequest (a provider’s request shared with the reseller)', () => {
	const copy = () => partnership({ id: 'rel-0123456789abcdef0123456789abcdef' });
	const at = '2025-03-12T10:00:00+01:00';

	it('accepting makes the copy active, with the time in UTC and who accepted', () => {
		const accepted = answerPartnershipRequest(copy(), { answer: 'accept', at, by: 'reka' });
		expect(accepted).toMatchObject({
			status: 'active',
			acceptedAt: '2025-03-12T09:00:00.000Z',
			acceptedRecordedBy: 'reka'
		});
		expect(partnershipSchema.safeParse(accepted).success).toBe(true);
	});

	it('declining removes it without an attestation', () => {
		const declined = answerPartnershipRequest(copy(), { answer: 'decline', at, by: 'reka' });
		expect(declined).toMatchObject({
			status: 'removed',
			removedAt: '2025-03-12T09:00:00.000Z',
			removedBy: 'reka',
			removalAttested: false
		});
		expect(declined.acceptedAt).toBeUndefined();
	});

	it('refuses a partnership that is not shared, one already answered, and an answer before the request', () => {
		expect(isSharedCopy(partnership())).toBe(false);
		expect(isSharedCopy(copy())).toBe(true);
		expect(
			domainErrorOf(() =>
				answerPartnershipRequest(partnership(), { answer: 'accept', at, by: 'reka' })
			).code
		).toBe('partnership/not-shared');
		const active = answerPartnershipRequest(copy(), { answer: 'accept', at, by: 'reka' });
		expect(
			domainErrorOf(() => answerPartnershipRequest(active, { answer: 'decline', at, by: 'reka' }))
				.code
		).toBe('partnership/not-requested');
		expect(
			domainErrorOf(() =>
				answerPartnershipRequest(copy(), {
					answer: 'accept',
					at: '2025-03-01T00:00:00.000Z',
					by: 'reka'
				})
			).code
		).toBe('partnership/answered-before-request');
	});
});

describe('removeSharedPartnership (the reseller removes an active partnership shared with it)', () => {
	const active = (overrides: Partial<Partnership> = {}) =>
		partnership({
			id: 'rel-0123456789abcdef0123456789abcdef',
			status: 'active',
			acceptedAt: '2025-03-11T09:00:00.000Z',
			acceptedRecordedBy: 'reka',
			...overrides
		});
	const input = { removedBy: 'tunde', removedAt: '2025-04-01T12:00:00+02:00', attested: true };

	it('removes it, attested, by the user, with the time in UTC', () => {
		const removed = removeSharedPartnership(active(), input);
		expect(removed).toMatchObject({
			status: 'removed',
			removedBy: 'tunde',
			removedAt: '2025-04-01T10:00:00.000Z',
			removalAttested: true,
			acceptedAt: '2025-03-11T09:00:00.000Z'
		});
		expect(partnershipSchema.safeParse(removed).success).toBe(true);
	});

	it('needs the attestation, a shared copy, an active partnership and a time after the acceptance', () => {
		expect(
			domainErrorOf(() => removeSharedPartnership(active(), { ...input, attested: false })).code
		).toBe('partnership/attestation-required');
		expect(domainErrorOf(() => removeSharedPartnership(active({ id: 'p-1' }), input)).code).toBe(
			'partnership/not-shared'
		);
		expect(
			domainErrorOf(() => removeSharedPartnership(active({ status: 'requested' }), input)).code
		).toBe('partnership/not-active');
		expect(
			domainErrorOf(() =>
				removeSharedPartnership(
					active({ status: 'removed', removedAt: '2025-03-20T00:00:00.000Z' }),
					input
				)
			).code
		).toBe('partnership/not-active');
		expect(
			domainErrorOf(() =>
				removeSharedPartnership(active(), { ...input, removedAt: '2025-03-11T08:59:59.000Z' })
			).code
		).toBe('partnership/removed-before-acceptance');
	});
});
