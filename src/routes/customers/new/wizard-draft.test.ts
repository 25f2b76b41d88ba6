import { describe, expect, it } from 'vitest';
import {
	draftOnOpen,
	emptyDraft,
	firstStepWithErrors,
	hasTypedContent,
	isWizardDraft,
	returnToFrom,
	type WizardDraft
} from './wizard-draft';

function typedDraft(overrides: Partial<WizardDraft> = {}): WizardDraft {
	const draft = emptyDraft('demo-reseller-1', '/resellers');
	draft.details.companyName = 'Kovács és Társa Kft.';
	return { ...draft, ...overrides };
}

describe('hasTypedContent', () => {
	it('is false for an empty draft, also with a country and a reseller chosen', () => {
		const draft = emptyDraft('demo-reseller-1');
		draft.details.address.country = 'HU';
		expect(hasTypedContent(draft)).toBe(false);
	});

	it('is true once a field, an offer or the agreement is filled in', () => {
		expect(hasTypedContent(typedDraft())).toBe(true);
		expect(hasTypedContent({ ...emptyDraft(), lines: [{ offerId: 'x', quantity: '1' }] })).toBe(
			true
		);
		expect(hasTypedContent({ ...emptyDraft(), customerAgreementAccepted: true })).toBe(true);
	});
});

describe('draftOnOpen', () => {
	it('starts afresh for the reseller of the link when nothing was typed', () => {
		const stored = { ...emptyDraft('demo-reseller-2'), step: 'subscriptions' as const };
		const opened = draftOnOpen(stored, 'demo-reseller-1');
		expect(opened.kept).toBe(false);
		expect(opened.draft).toEqual(emptyDraft('demo-reseller-1', '/resellers'));
		expect(draftOnOpen(stored, null).draft).toEqual(emptyDraft('', '/customers'));
	});

	it('keeps a typed draft and says when the link asked for another reseller', () => {
		const stored = typedDraft({ step: 'review' });
		const same = draftOnOpen(stored, 'demo-reseller-1');
		expect(same).toMatchObject({ kept: true, otherReseller: false });
		expect(same.draft.step).toBe('review');

		const other = draftOnOpen(stored, 'demo-reseller-2');
		expect(other).toMatchObject({ kept: true, otherReseller: true });
		expect(other.draft.resellerId).toBe('demo-reseller-1');

		expect(draftOnOpen(stored, null)).toMatchObject({ kept: true, otherReseller: false });
	});
});

describe('returnToFrom', () => {
	it('goes back to the resellers list when opened from there, otherwise to the customers', () => {
		expect(returnToFrom('/resellers')).toBe('/resellers');
		expect(returnToFrom('/customers')).toBe('/customers');
		expect(returnToFrom('/')).toBe('/customers');
	});
});

describe('isWizardDraft', () => {
	it('accepts a draft and rejects other stored values', () => {
		expect(isWizardDraft(emptyDraft())).toBe(true);
		expect(isWizardDraft(null)).toBe(false);
		expect(isWizardDraft({ step: 'confirmation', resellerId: '' })).toBe(false);
	});
});

describe('firstStepWithErrors', () => {
	it('sends field errors back to the step where the field is', () => {
		expect(firstStepWithErrors({})).toBeUndefined();
		expect(firstStepWithErrors({ 'subscriptions.0.quantity': 'x' })).toBe('subscriptions');
		expect(firstStepWithErrors({ subscriptions: 'x', 'contact.email': 'y' })).toBe('details');
		expect(firstStepWithErrors({ resellerId: 'x' })).toBe('details');
	});
});
