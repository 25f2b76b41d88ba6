import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { FieldErrors } from '$lib/domain/shared/result';
import type { SubscriptionLine } from '$lib/services/subscriptions';
import { catalogOffer } from '$lib/services/test-factories';
import SubscriptionsStep from './SubscriptionsStep.svelte';

const offers = [catalogOffer('microsoft-365-e3'), catalogOffer('microsoft-365-business-basic')];

function renderStep(options: { lines?: SubscriptionLine[]; offersLoaded?: boolean } = {}) {
	const state = $state({ lines: options.lines ?? [], errors: {} as FieldErrors });
	const handlers = { onback: vi.fn(), onnext: vi.fn(), oncancel: vi.fn() };
	render(SubscriptionsStep, {
		get lines() {
			return state.lines;
		},
		set lines(next) {
			state.lines = next;
		},
		offers,
		offersLoaded: options.offersLoaded ?? true,
		companyName: 'Kovács és Társa Kft.',
		partnerName: 'Budapest Cloud Partners Kft. (6123450)',
		get errors() {
			return state.errors;
		},
		busy: false,
		...handlers
	});
	return { state, ...handlers };
}

describe('SubscriptionsStep of the new-customer wizard', () => {
	it('names the customer and the partner credited', () => {
		renderStep();
		expect(screen.getByRole('heading', { name: 'Subscriptions' })).toBeVisible();
		expect(screen.getByText(/Choose the offers for Kovács és Társa Kft\./)).toBeVisible();
		expect(screen.getByText('Budapest Cloud Partners Kft. (6123450)')).toBeVisible();
	});

	it('says the offers are loading until they are', () => {
		renderStep({ offersLoaded: false });
		expect(screen.getByText('Loading the offers…')).toBeVisible();
		expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
	});

	it('asks for the number of licences of each offer chosen, from its minimum', async () => {
		const { state } = renderStep();
		const offers = screen.getByRole('group', { name: 'Offers' });
		await userEvent.click(within(offers).getByRole('checkbox', { name: /Microsoft 365 E3/ }));
		const quantity = screen.getByRole('textbox', { name: 'Number of licences' });
		expect(quantity).toHaveValue('1');
		await userEvent.clear(quantity);
		await userEvent.type(quantity, '25');
		expect(state.lines).toEqual([{ offerId: 'microsoft-365-e3', quantity: '25' }]);
		await userEvent.click(within(offers).getByRole('checkbox', { name: /Microsoft 365 E3/ }));
		expect(screen.queryByRole('textbox', { name: 'Number of licences' })).not.toBeInTheDocument();
	});

	it('shows a wrong number of licences next to its field', async () => {
		const { state } = renderStep({ lines: [{ offerId: 'microsoft-365-e3', quantity: '0' }] });
		state.errors = { 'subscriptions.0.quantity': 'Enter at least 1 licence.' };
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('Enter at least 1 licence.');
		const quantity = screen.getByRole('textbox', { name: 'Number of licences' });
		expect(quantity).toHaveAttribute('aria-invalid', 'true');
		expect(quantity).toHaveAccessibleDescription('Enter at least 1 licence.');
	});

	it('says when no offer is chosen', async () => {
		const { state } = renderStep();
		state.errors = { subscriptions: 'Choose at least one offer for the new customer.' };
		expect(await screen.findByRole('alert')).toHaveTextContent(
			'Choose at least one offer for the new customer.'
		);
	});

	it('goes back, on, or cancels with its buttons', async () => {
		const { onback, onnext, oncancel } = renderStep();
		await userEvent.click(screen.getByRole('button', { name: 'Back' }));
		await userEvent.click(screen.getByRole('button', { name: 'Next: Review' }));
		await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
		expect([onback, onnext, oncancel].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
	});
});
