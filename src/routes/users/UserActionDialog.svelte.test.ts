import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import UserActionDialog from './UserActionDialog.svelte';
import { buildOrganisationUser, reply } from './organisation-user.test-factory';

afterEach(() => vi.restoreAllMocks());

const anna = buildOrganisationUser();

describe('UserActionDialog', () => {
	it('resets the password: the new temporary password is shown, and the page told', async () => {
		const reset = { ...anna, temporaryPassword: true };
		const fetch = vi
			.spyOn(window, 'fetch')
			.mockResolvedValue(reply(200, { user: reset, password: 'Tmp-4hQ2-v8Rk-Zp1' }));
		const ondone = vi.fn();
		render(UserActionDialog, {
			pending: { action: 'reset-password', user: anna },
			onclose: vi.fn(),
			ondone
		});
		expect(screen.getByText('Give Anna Kovács (anna) a new temporary password?')).toBeVisible();
		await userEvent.click(screen.getByRole('button', { name: 'Reset password' }));
		expect(screen.getByTestId('temporary-password')).toHaveTextContent('Tmp-4hQ2-v8Rk-Zp1');
		expect(ondone).toHaveBeenCalledWith('reset-password', reset);
		expect(fetch.mock.calls[0][0]).toBe('/api/users/anna/password');
	});

	it("keeps the question open with the server's reason when it refuses", async () => {
		vi.spyOn(window, 'fetch').mockResolvedValue(
			reply(403, { reason: 'anna is deactivated already.' })
		);
		const ondone = vi.fn();
		render(UserActionDialog, {
			pending: { action: 'deactivate', user: anna },
			onclose: vi.fn(),
			ondone
		});
		const deactivate = screen.getByRole('button', { name: 'Deactivate' });
		await userEvent.click(deactivate);
		expect(screen.getByRole('alert')).toHaveTextContent('anna is deactivated already.');
		expect(deactivate).toBeEnabled();
		expect(ondone).not.toHaveBeenCalled();
	});

	it('deletes: the page is told with the user as it was', async () => {
		vi.spyOn(window, 'fetch').mockResolvedValue(reply(200, { ok: true }));
		const ondone = vi.fn();
		render(UserActionDialog, {
			pending: { action: 'delete', user: anna },
			onclose: vi.fn(),
			ondone
		});
		await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
		expect(ondone).toHaveBeenCalledWith('delete', anna);
	});
});
