import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useLanguage } from '$lib/i18n';
import { refusalReason, refusalReasons } from './refusal-reasons';

afterEach(async () => {
	await useLanguage('en');
});

const roleRefusal = {
	code: 'role',
	reason: 'Only a Global admin or an Admin agent can request or change GDAP relationships.'
};

describe('refusalReason', () => {
	it("keeps the server's own words in English", () => {
		expect(refusalReason(roleRefusal)).toBe(roleRefusal.reason);
	});

	it('gives the meaning of the rule in another language', async () => {
		await useLanguage('hu');
		expect(refusalReason(roleRefusal)).toBe('A szerepkörei nem engedélyezik ezt a módosítást.');
		await useLanguage('ru');
		expect(
			refusalReason({
				code: 'gdap-terminated',
				reason: 'A terminated GDAP relationship stays terminated.'
			})
		).toBe('Прекращенная связь GDAP остается прекращенной.');
	});

	it("gives a subscription rule's meaning for the server's reason with its values", async () => {
		await useLanguage('pl');
		expect(
			refusalReason({
				code: 'subscription-cancel-window',
				reason:
					"A subscription can be cancelled only in the first 7 days (168 hours) of a term; this term's window closed on 2026-12-01."
			})
		).toBe('Subskrypcję można anulować tylko w pierwszych 7 dniach (168 godzinach) okresu.');
		expect(
			refusalReason({
				code: 'subscription-cancellation',
				reason:
					'A cancellation names who cancelled the subscription (the signed-in user, ada) and when; it has {"by":"gus"}.'
			})
		).toBe('Anulowanie wymaga podania, kto i kiedy anulował subskrypcję.');
	});

	it('says the server refused the change when the rule is unknown', async () => {
		await useLanguage('pl');
		expect(refusalReason({ code: 'refused', reason: 'Something new on the server.' })).toBe(
			'Serwer odrzucił tę zmianę.'
		);
	});

	it("has a reason for every code of the server's rules", () => {
		const rules = readFileSync('server/validation.js', 'utf8');
		const codes = new Set(
			[...rules.matchAll(/refuse\(\s*'([a-z-]+)'|requirePermission\([^,]+,\s*'([a-z-]+)'/g)].map(
				(match) => match[1] ?? match[2]
			)
		);
		expect([...codes].filter((code) => !(code in refusalReasons))).toEqual([]);
	});
});
