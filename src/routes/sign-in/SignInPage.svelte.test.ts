import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signInUser } from '$lib/app/account';
import SignInPage from './+page.svelte';

// The session is a stand-in (a sign-in that succeeds reloads the app: the e2e specs cover it).
vi.mock('$lib/app/account', () => ({
	signInUser: vi.fn(),
	storedUser: () => null,
	hasLocalData: async () => false
}));

afterEach(() => vi.resetAllMocks());

/** Conditions waited on, with room for a loaded machine. */
const WAIT = { timeout: 10_000 };
const userName = () => screen.getByRole('textbox', { name: 'User name' });
const password = () => screen.getByLabelText('Password');
const signIn = () => userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

async function signInWith(name: string, secret: string) {
	await userEvent.type(userName(), name);
	await userEvent.type(password(), secret);
	await signIn();
}

describe('the sign-in page', () => {
	it('asks for the user name and the password before it asks the server', async () => {
		render(SignInPage);
		await signIn();
		await vi.waitFor(
			() => expect(userName()).toHaveAccessibleDescription('Enter your user name.'),
			WAIT
		);
		expect(password()).toHaveAccessibleDescription('Enter your password.');
		expect(signInUser).not.toHaveBeenCalled();
	});

	it('puts a wrong password under the password field', async () => {
		vi.mocked(signInUser).mockResolvedValue({
			ok: false,
			reason: 'credentials',
			message: 'The user name or the password is wrong.'
		});
		render(SignInPage);
		await signInWith('anna', 'not-the-password');
		await vi.waitFor(
			() =>
				expect(password()).toHaveAccessibleDescription('The user name or the password is wrong.'),
			WAIT
		);
		expect(signInUser).toHaveBeenCalledWith('anna', 'not-the-password');
		expect(screen.getAllByRole('alert')).toHaveLength(1);
	});

	it('says any other refusal for the whole form, and a failure in words', async () => {
		vi.mocked(signInUser).mockResolvedValueOnce({
			ok: false,
			reason: 'throttled',
			message: 'Too many wrong passwords: try again in 10 minutes.'
		});
		render(SignInPage);
		await signInWith('anna', 'not-the-password');
		await vi.waitFor(
			() =>
				expect(screen.getByRole('alert')).toHaveTextContent(
					'Too many wrong passwords: try again in 10 minutes.'
				),
			WAIT
		);
		vi.mocked(signInUser).mockRejectedValueOnce(new Error('IndexedDB is closed'));
		await signIn();
		await vi.waitFor(
			() =>
				expect(screen.getByRole('alert')).toHaveTextContent(
					'Signing in failed: IndexedDB is closed'
				),
			WAIT
		);
	});

	it('asks for a new password first after a sign-in with a temporary one', async () => {
		vi.mocked(signInUser).mockResolvedValue({
			ok: false,
			reason: 'password-change',
			message: 'Choose a new password first: you signed in with a temporary one.'
		});
		render(SignInPage);
		await signInWith('anna', 'Tmp-4hQ2-v8Rk-Zp1');
		await vi.waitFor(
			() => expect(screen.getByRole('heading', { name: 'Choose a new password' })).toBeVisible(),
			WAIT
		);
		expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument();
	});
});
