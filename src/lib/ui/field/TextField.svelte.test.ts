import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import TextField from './TextField.svelte';

type Props = Parameters<typeof render<typeof TextField>>[1];

function renderField(props: Partial<Props> = {}) {
	render(TextField, { label: 'Company name', value: '', ...props });
	return screen.getByRole('textbox', { name: 'Company name' });
}

describe('TextField', () => {
	it('is named by its label and takes what is typed', async () => {
		const input = renderField();
		await userEvent.type(input, 'Contoso Kft.');
		expect(input).toHaveValue('Contoso Kft.');
		expect(input).toBeValid();
		expect(input).not.toHaveAttribute('aria-invalid');
	});

	it('shows the hint as the description of the field', () => {
		const input = renderField({ hint: 'As registered' });
		expect(input).toHaveAccessibleDescription('As registered');
	});

	it('shows the error next to the field, marks it invalid and describes it with the error', () => {
		const input = renderField({ hint: 'As registered', error: 'Enter the company name.' });
		expect(input).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByRole('alert')).toHaveTextContent('Enter the company name.');
		expect(input).toHaveAccessibleDescription('Enter the company name. As registered');
	});

	it('passes other input attributes on', () => {
		const input = renderField({ required: true, autocomplete: 'organization' });
		expect(input).toBeRequired();
		expect(input).toHaveAttribute('autocomplete', 'organization');
	});
});
