import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AddUserDialog from './AddUserDialog.svelte';
import { buildOrganisationUser, reply } from './organisation-user.test-factory';

afterEach(() => vi.restoreAllMocks());

const field = (name: string) => screen.getByRole('textbox', { name });
const addUser = () => userEvent.click(screen.getByRole('button', { name: 'Add user' }));

async function fillIn() {
	await userEvent.type(field('User name'), 'anna');
	await userEvent.type(field('Display name'), 'Anna Kovács');
	await userEvent.type(field('Email'), 'anna@contoso.example');
	await userEvent.click(screen.getByRole('checkbox', { name: 'Sales agent' }));
}

describe('AddUserDialog', () => {
	it('shows what is missing next to each field and asks the server nothing', async () => {
		const fetch = vi.spyOn(window, 'fetch');
		render(AddUserDialog, { open: true, globalAdmin: false, onclose: vi.fn(), onadded: vi.fn() });
		await addUser();
		expect(field('User name')).toHaveAccessibleDescription(/Enter a user name\./);
		expect(field('Email')).toHaveAccessibleDescription(/Enter the email address\./);
		expect(screen.getByText('Choose at least one role.')).toBeVisible();
		expect(fetch).not.toHaveBeenCalled();
	});

	it("puts the server's refusal of a field next to that field", async () => {
		vi.spyOn(window, 'fetch').mockResolvedValue(
			reply(409, { reason: 'The user name anna is taken: choose another.', field: 'name' })
		);
		const onadded = vi.fn();
		render(AddUserDialog, { open: true, globalAdmin: false, onclose: vi.fn(), onadded });
		await fillIn();
		await addUser();
		expect(field('User name')).toHaveAccessibleDescription(
			/The user name anna is taken: choose another\./
		);
		// The field's message only: no message for the whole form.
		expect(screen.getAllByRole('alert')).toHaveLength(1);
		expect(onadded).not.toHaveBeenCalled();
	});

	it("says the server's reason for the whole form when no field has it", async () => {
		vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
		render(AddUserDialog, { open: true, globalAdmin: false, onclose: vi.fn(), onadded: vi.fn() });
		await fillIn();
		await addUser();
		expect(screen.getByRole('alert')).toHaveTextContent(
			'No network: changes to users need a connection to the server. Try again when online.'
		);
		expect(field('User name')).toHaveValue('anna');
	});

	it('shows the temporary password once the user is added', async () => {
		const anna = buildOrganisationUser({ temporaryPassword: true });
		const fetch = vi
			.spyOn(window, 'fetch')
			.mockResolvedValue(reply(201, { user: anna, password: 'Tmp-9f2k-Qx7w-3Lz' }));
		const onadded = vi.fn();
		render(AddUserDialog, { open: true, globalAdmin: false, onclose: vi.fn(), onadded });
		await fillIn();
		await addUser();
		expect(screen.getByText('anna was added.')).toBeVisible();
		expect(screen.getByTestId('temporary-password')).toHaveTextContent('Tmp-9f2k-Qx7w-3Lz');
		expect(onadded).toHaveBeenCalledWith(anna);
		const [, init] = fetch.mock.calls[0];
		expect(JSON.parse(String(init?.body))).toEqual({
			name: 'anna',
			displayName: 'Anna Kovács',
			email: 'anna@contoso.example',
			roles: ['sales-agent']
		});
	});
});
