import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ChangePasswordForm from './ChangePasswordForm.svelte';

afterEach(() => vi.restoreAllMocks());

/** Conditions waited on, with room for a loaded machine. */
const WAIT = { timeout: 10_000 };
const NEW_PASSWORD = 'Blue-Harbour-2026!';
const newPassword = () => screen.getByLabelText('New password');
const repeated = () => screen.getByLabelText('Repeat the new password');
const change = () => userEvent.click(screen.getByRole('button', { name: 'Change password' }));

function renderForm(onchanged = vi.fn()) {
	render(ChangePasswordForm, { userName: 'anna', currentPassword: 'Tmp-4hQ2-v8Rk-Zp1', onchanged });
	return onchanged;
}

describe('ChangePasswordForm', () => {
	it('says when the two passwords differ, and asks the server nothing', async () => {
		const fetch = vi.spyOn(window, 'fetch');
		const onchanged = renderForm();
		await userEvent.type(newPassword(), NEW_PASSWORD);
		await userEvent.type(repeated(), 'Blue-Harbour-2025!');
		await change();
		expect(repeated()).toHaveAccessibleDescription('The two passwords are not the same.');
		expect(fetch).not.toHaveBeenCalled();
		expect(onchanged).not.toHaveBeenCalled();
	});

	it("says the server's refusal of the current password for the whole form", async () => {
		vi.spyOn(window, 'fetch').mockResolvedValue(
			new Response(
				JSON.stringify({ reason: 'The current password is wrong.', field: 'currentPassword' }),
				{ status: 403, headers: { 'content-type': 'application/json' } }
			)
		);
		const onchanged = renderForm();
		await userEvent.type(newPassword(), NEW_PASSWORD);
		await userEvent.type(repeated(), NEW_PASSWORD);
		await change();
		expect(screen.getByRole('alert')).toHaveTextContent('The current password is wrong.');
		expect(onchanged).not.toHaveBeenCalled();
	});

	it('goes on with the new password once the server took it, busy until then', async () => {
		vi.spyOn(window, 'fetch').mockResolvedValue(
			new Response(JSON.stringify({ ok: true }), {
				status: 200,
				headers: { 'content-type': 'application/json' }
			})
		);
		let signedIn: () => void = () => {};
		const onchanged = renderForm(vi.fn(() => new Promise<void>((resolve) => (signedIn = resolve))));
		await userEvent.type(newPassword(), NEW_PASSWORD);
		await userEvent.type(repeated(), NEW_PASSWORD);
		await change();
		await vi.waitFor(() => expect(onchanged).toHaveBeenCalledWith(NEW_PASSWORD), WAIT);
		expect(screen.getByRole('button', { name: 'Change password' })).toBeDisabled();
		signedIn();
		await vi.waitFor(
			() => expect(screen.getByRole('button', { name: 'Change password' })).toBeEnabled(),
			WAIT
		);
	});
});
