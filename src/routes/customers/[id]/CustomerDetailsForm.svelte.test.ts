import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Customer } from '$lib/domain/customer/schema';
import type { ServiceContext } from '$lib/services/context';
import { buildCustomer, buildProvider, seed } from '$lib/services/test-factories';
import { createTestContext } from '$lib/services/test-support';
import CustomerDetailsForm from './CustomerDetailsForm.svelte';

// The form saves through the services on this browser's database: here, a memory database.
const test = vi.hoisted(() => ({ ctx: undefined as ServiceContext | undefined }));
vi.mock('$lib/app/context', () => ({ appContext: async () => test.ctx }));

let ctx: ServiceContext;
let customer: Customer;

beforeEach(async () => {
	localStorage.clear();
	ctx = test.ctx = await createTestContext({ demo: false });
	customer = buildCustomer({ companyName: 'Kovács és Társa Kft.', domainPrefix: 'kovacs' });
	await seed(ctx, { partners: [buildProvider()], customers: [customer] });
});

afterEach(async () => {
	await ctx.db.close();
	localStorage.clear();
});

const field = (name: string) => screen.getByRole('textbox', { name });
const save = () => userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
const stored = async () => (await ctx.db.customers.findOne(customer.id).exec(true)).toJSON();

describe('CustomerDetailsForm', () => {
	it('shows the stored details, and says when there is nothing to save', async () => {
		render(CustomerDetailsForm, { customer });
		expect(screen.getByRole('form', { name: 'Edit details' })).toBeVisible();
		expect(field('Company name')).toHaveValue('Kovács és Társa Kft.');
		expect(screen.getByText('kovacs.onmicrosoft.com')).toBeVisible();
		await save();
		expect(screen.getByRole('status')).toHaveTextContent('There are no changes to save.');
	});

	it('shows what is wrong next to each field, moves the focus there and saves nothing', async () => {
		render(CustomerDetailsForm, { customer });
		await userEvent.clear(field('Company name'));
		await userEvent.clear(field('Email'));
		await userEvent.type(field('Email'), 'not an address');
		expect(screen.getByText(/You have unsaved changes/)).toBeVisible();
		await save();

		const company = field('Company name');
		await vi.waitFor(() => expect(company).toHaveAttribute('aria-invalid', 'true'));
		expect(company).toHaveFocus();
		expect(company).toHaveAccessibleDescription(/.+/);
		expect(field('Email')).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getAllByRole('alert')).toHaveLength(2);
		expect((await stored()).companyName).toBe('Kovács és Társa Kft.');
	});

	it('saves a valid change and says so', async () => {
		render(CustomerDetailsForm, { customer });
		await userEvent.clear(field('City'));
		await userEvent.type(field('City'), 'Debrecen');
		await save();
		await vi.waitFor(() =>
			expect(screen.getByRole('status')).toHaveTextContent('The changes were saved.')
		);
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
		expect((await stored()).address.city).toBe('Debrecen');
	});

	it('puts the saved details back on Discard changes', async () => {
		render(CustomerDetailsForm, { customer });
		await userEvent.type(field('Company name'), ' Holding');
		await userEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
		expect(field('Company name')).toHaveValue('Kovács és Társa Kft.');
		expect(screen.getByRole('status')).toHaveTextContent('Your changes were discarded.');
	});

	it('only shows the details, disabled, to a user who may not change them', () => {
		render(CustomerDetailsForm, { customer, readOnly: true });
		expect(screen.getByRole('form', { name: 'Details (read only)' })).toBeVisible();
		expect(field('Company name')).toBeDisabled();
		expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
	});
});
