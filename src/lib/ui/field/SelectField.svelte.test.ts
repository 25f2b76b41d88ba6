import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SelectField from './SelectField.svelte';

const options = [
	{ value: '', label: 'No reseller (direct)' },
	{ value: 'r1', label: 'Budapest Cloud Partners Kft.' },
	{ value: 'r2', label: 'Danube Managed Services — partnership not active', disabled: true }
];

type Props = Parameters<typeof render<typeof SelectField>>[1];

function renderSelect(props: Partial<Props> = {}) {
	render(SelectField, { label: 'Indirect reseller', value: '', options, ...props });
	return screen.getByRole('combobox', { name: 'Indirect reseller' });
}

describe('SelectField', () => {
	it('offers its options, the disabled ones not selectable', async () => {
		const select = renderSelect();
		expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(
			options.map((o) => o.label)
		);
		expect(screen.getByRole('option', { name: /Danube/ })).toBeDisabled();
		await userEvent.selectOptions(select, 'Budapest Cloud Partners Kft.');
		expect(select).toHaveDisplayValue('Budapest Cloud Partners Kft.');
	});

	it('shows the error next to the field, marks it invalid and describes it with the error', () => {
		const select = renderSelect({
			hint: 'Only active partnerships.',
			error: 'Choose a reseller.'
		});
		expect(select).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByRole('alert')).toHaveTextContent('Choose a reseller.');
		expect(select).toHaveAccessibleDescription('Choose a reseller. Only active partnerships.');
	});

	it('is not marked invalid without an error', () => {
		const select = renderSelect({ hint: 'Only active partnerships.' });
		expect(select).not.toHaveAttribute('aria-invalid');
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
		expect(select).toHaveAccessibleDescription('Only active partnerships.');
	});
});
