import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signOutUser } from '$lib/app/account';
import AccountMenu from './AccountMenu.svelte';
import { buildSignedInUser } from './signed-in-user.test-factory';

// Maria is signed in, with three changes this device has not synced yet. (A sign-out that
// succeeds reloads the app: tests/sync.spec.ts covers it.)
vi.mock('$lib/app/account', async () => {
	const { BehaviorSubject } = await import('rxjs');
	return {
		storedUser: () => buildSignedInUser(['sales-agent']),
		signOutUser: vi.fn(),
		syncStatus$: new BehaviorSubject({
			state: 'synced',
			waiting: 3,
			lastSyncedAt: null,
			error: ''
		})
	};
});

afterEach(() => vi.resetAllMocks());

const signOut = () => userEvent.click(screen.getByRole('button', { name: 'Sign out' }));

describe('AccountMenu', () => {
	it('asks before signing out with changes not synced, and Stay signed in keeps everything', async () => {
		render(AccountMenu);
		// The signed-in menu is its own chunk, loaded once someone is signed in.
		expect(await screen.findByText('Maria Nagy')).toBeVisible();
		await signOut();
		const dialog = screen.getByRole('dialog', { name: 'Sign out with changes not synced?' });
		expect(dialog).toHaveTextContent(
			'3 changes made on this device have not reached the server yet.'
		);
		await userEvent.click(screen.getByRole('button', { name: 'Stay signed in' }));
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
		expect(signOutUser).not.toHaveBeenCalled();
	});

	it('says why signing out failed, and lets the user try again', async () => {
		vi.mocked(signOutUser).mockRejectedValue(new Error('The database is locked'));
		render(AccountMenu);
		await screen.findByRole('button', { name: 'Sign out' });
		await signOut();
		const discard = screen.getByRole('button', { name: 'Sign out and discard' });
		await userEvent.click(discard);
		await vi.waitFor(
			() =>
				expect(screen.getByRole('alert')).toHaveTextContent(
					'Signing out failed: The database is locked'
				),
			{ timeout: 10_000 }
		);
		expect(discard).toBeEnabled();
		expect(signOutUser).toHaveBeenCalledTimes(1);
	});
});
