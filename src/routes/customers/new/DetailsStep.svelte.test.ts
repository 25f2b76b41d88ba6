import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { validateCustomerDetails } from '$lib/domain/customer/rules';
import type { FieldErrors } from '$lib/domain/shared/result';
import { buildResellerRow } from '$lib/services/test-factories';
import DetailsStep from './DetailsStep.svelte';
import { emptyDraft, type WizardDraft } from './wizard-draft';

const rows = [
	buildResellerRow({ name: 'Budapest Cloud Partners Kft.', mpnId: '6123450' }),
	buildResellerRow({ name: 'Alpine Systemhaus', mpnId: '6456783' }, { status: 'requested' })
];

/** The step as the wizard shows it: a draft in the country given, no errors yet. */
function renderStep(draft: WizardDraft = emptyDraft(), errors: FieldErrors = {}) {
	const state = $state({ draft, errors });
	const onnext = vi.fn();
	const oncancel = vi.fn();
	const view = render(DetailsStep, {
		get draft() {
			return state.draft;
		},
		set draft(next) {
			state.draft = next;
		},
		rows,
		resellerError: undefined,
		get errors() {
			return state.errors;
		},
		busy: false,
		onnext,
		oncancel
	});
	return { ...view, state, onnext, oncancel };
}

const inHungary = () => {
	const draft = emptyDraft();
	draft.details.address.country = 'HU';
	return draft;
};

describe('DetailsStep of the new-customer wizard', () => {
	it('offers a direct customer and the resellers with an active partnership only', () => {
		renderStep();
		const reseller = screen.getByRole('combobox', { name: 'Indirect reseller' });
		expect(reseller).toHaveDisplayValue('No reseller (direct)');
		const options = screen.getAllByRole('option').map((o) => o.textContent);
		expect(options).toContain('Budapest Cloud Partners Kft. (6123450)');
		expect(options.some((o) => o?.includes('Alpine'))).toBe(false);
	});

	it('shows the admin account that the domain will give as it is typed', async () => {
		renderStep();
		await userEvent.type(screen.getByRole('textbox', { name: 'Domain' }), 'Kovacs');
		expect(screen.getByText('admin@kovacs.onmicrosoft.com')).toBeVisible();
	});

	it('asks for the phone and the registration number in a country that needs them', () => {
		renderStep(inHungary());
		expect(screen.getByRole('textbox', { name: 'Phone (required)' })).toBeRequired();
		const registration = screen.getByRole('textbox', {
			name: 'Organisation registration number (required)'
		});
		expect(registration).toHaveAccessibleDescription('Required for Hungary');
	});

	it('marks them optional elsewhere', () => {
		const draft = emptyDraft();
		draft.details.address.country = 'DE';
		renderStep(draft);
		expect(screen.getByRole('textbox', { name: 'Phone (optional)' })).not.toBeRequired();
		expect(
			screen.getByRole('textbox', { name: 'Organisation registration number (optional)' })
		).toBeVisible();
	});

	it('goes on with Next, and shows each error of the details next to its field', async () => {
		const { state, onnext } = renderStep(inHungary());
		await userEvent.type(screen.getByRole('textbox', { name: 'Company name' }), 'K');
		await userEvent.click(screen.getByRole('button', { name: 'Next: Subscriptions' }));
		expect(onnext).toHaveBeenCalledOnce();

		// What the wizard does on Next: the domain rules' errors come back to the step.
		const checked = validateCustomerDetails(state.draft.details, {
			knownDomainPrefixes: [],
			partnerEmailDomains: []
		});
		expect(checked.ok).toBe(false);
		if (checked.ok) return;
		state.errors = checked.errors;
		await screen.findAllByRole('alert');

		const company = screen.getByRole('textbox', { name: 'Company name' });
		expect(company).toHaveAttribute('aria-invalid', 'true');
		expect(company).toHaveAccessibleDescription(checked.errors.companyName);
		expect(screen.getByRole('textbox', { name: 'Email' })).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByRole('textbox', { name: 'Phone (required)' })).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		expect(screen.getByRole('textbox', { name: 'Address line 2 (optional)' })).not.toHaveAttribute(
			'aria-invalid'
		);
	});

	it('cancels with Cancel', async () => {
		const { onnext, oncancel } = renderStep();
		await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
		expect(oncancel).toHaveBeenCalledOnce();
		expect(onnext).not.toHaveBeenCalled();
	});
});
