import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import InvitationFieldsHost from './InvitationFieldsHost.test.svelte';

const provider = () => screen.getByRole('combobox', { name: 'Indirect provider' });
const companyName = () => screen.getByRole('textbox', { name: 'Company name' });

describe('InvitationFields', () => {
	it('gives the page the chosen provider and the recipient as typed', async () => {
		render(InvitationFieldsHost);
		await userEvent.selectOptions(provider(), 'provider-1');
		await userEvent.type(companyName(), 'Zalai Fatelep Kft.');
		expect(screen.getByTestId('chosen')).toHaveTextContent('provider-1|Zalai Fatelep Kft.');
	});

	it('shows each error under its field', () => {
		render(InvitationFieldsHost, {
			errors: { providerId: 'Choose an indirect provider.', companyName: 'Enter the company name.' }
		});
		expect(provider()).toHaveAccessibleDescription(/Choose an indirect provider\./);
		expect(companyName()).toHaveAccessibleDescription(/Enter the company name\./);
	});

	it('is read-only while a draft written from it is shown', () => {
		render(InvitationFieldsHost, { locked: true });
		expect(provider()).toBeDisabled();
		expect(companyName()).toBeDisabled();
		expect(screen.getByRole('textbox', { name: 'Contact email' })).toBeDisabled();
	});
});
