import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ChangeRolesDialog from './ChangeRolesDialog.svelte';
import { buildOrganisationUser, reply } from './organisation-user.test-factory';

afterEach(() => vi.restoreAllMocks());

const anna = buildOrganisationUser();
const saveRoles = () => userEvent.click(screen.getByRole('button', { name: 'Save roles' }));

describe('ChangeRolesDialog', () => {
	it('asks for at least one role, without asking the server', async () => {
		const fetch = vi.spyOn(window, 'fetch');
		const onchanged = vi.fn();
		render(ChangeRolesDialog, { user: anna, globalAdmin: false, onclose: vi.fn(), onchanged });
		await userEvent.click(screen.getByRole('checkbox', { name: 'Sales agent' }));
		await saveRoles();
		expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one role.');
		expect(fetch).not.toHaveBeenCalled();
		expect(onchanged).not.toHaveBeenCalled();
	});

	it('saves the roles and gives the page the user as the server has it', async () => {
		const changed = { ...anna, roles: ['admin-agent' as const, 'sales-agent' as const] };
		const fetch = vi.spyOn(window, 'fetch').mockResolvedValue(reply(200, { user: changed }));
		const onchanged = vi.fn();
		render(ChangeRolesDialog, { user: anna, globalAdmin: false, onclose: vi.fn(), onchanged });
		expect(screen.getByRole('checkbox', { name: 'Global admin' })).toBeDisabled();
		await userEvent.click(screen.getByRole('checkbox', { name: 'Admin agent' }));
		await saveRoles();
		expect(onchanged).toHaveBeenCalledWith(changed);
		const [path, init] = fetch.mock.calls[0];
		expect(path).toBe('/api/users/anna/roles');
		expect(JSON.parse(String(init?.body))).toEqual({ roles: ['admin-agent', 'sales-agent'] });
	});

	it("says the server's reason when it refuses", async () => {
		vi.spyOn(window, 'fetch').mockResolvedValue(reply(401, { reason: 'You are not signed in.' }));
		render(ChangeRolesDialog, {
			user: anna,
			globalAdmin: false,
			onclose: vi.fn(),
			onchanged: vi.fn()
		});
		await saveRoles();
		expect(screen.getByRole('alert')).toHaveTextContent('Your session has ended: sign in again.');
	});
});
