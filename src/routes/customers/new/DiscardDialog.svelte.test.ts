import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
// A real Escape: only that closes a native modal <dialog>.
import { userEvent as keyboard } from 'vitest/browser';
import DiscardDialog from './DiscardDialog.svelte';

function renderDialog() {
	const ondiscard = vi.fn();
	const onkeep = vi.fn();
	render(DiscardDialog, { open: true, ondiscard, onkeep });
	return { ondiscard, onkeep };
}

describe('DiscardDialog', () => {
	it('asks before the new customer is dropped, and says what is lost', () => {
		renderDialog();
		const dialog = screen.getByRole('dialog', { name: 'Discard this new customer?' });
		expect(dialog).toHaveTextContent(
			'Nothing will be saved: the details and offers you entered are dropped.'
		);
	});

	it('discards on Discard', async () => {
		const { ondiscard, onkeep } = renderDialog();
		await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
		expect(ondiscard).toHaveBeenCalledOnce();
		expect(onkeep).not.toHaveBeenCalled();
	});

	it('keeps editing on Keep editing and on Escape', async () => {
		const { ondiscard, onkeep } = renderDialog();
		await userEvent.click(screen.getByRole('button', { name: 'Keep editing' }));
		expect(onkeep).toHaveBeenCalledOnce();
		await keyboard.keyboard('{Escape}');
		expect(onkeep).toHaveBeenCalledTimes(2);
		expect(ondiscard).not.toHaveBeenCalled();
	});
});
