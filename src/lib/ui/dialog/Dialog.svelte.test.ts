import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
// Real key presses (Playwright's keyboard): the native <dialog> closes on a real Escape only,
// and only a real Tab honours the inert page behind a modal dialog.
import { userEvent as keyboard } from 'vitest/browser';
import DialogHost from './DialogHost.test.svelte';

async function openDialog() {
	render(DialogHost);
	const opener = screen.getByRole('button', { name: 'Remove reseller' });
	await userEvent.click(opener);
	return { opener, dialog: screen.getByRole('dialog', { name: 'Remove the partnership?' }) };
}

describe('Dialog', () => {
	it('opens as a modal named by its title, with the focus inside', async () => {
		const { dialog } = await openDialog();
		expect(dialog).toBeVisible();
		expect(screen.getByRole('textbox', { name: 'Reason' })).toHaveFocus();
	});

	it('keeps the focus inside while it is open', async () => {
		const { dialog, opener } = await openDialog();
		const reached = new Set<Element | null>();
		for (let i = 0; i < 6; i++) {
			await keyboard.keyboard('{Tab}');
			reached.add(document.activeElement);
		}
		expect(reached).toContain(screen.getByRole('button', { name: 'Cancel' }));
		expect(reached).not.toContain(opener);
		expect(reached).not.toContain(screen.getByRole('button', { name: 'Before' }));
		expect([...reached].every((el) => el === document.body || dialog.contains(el))).toBe(true);
	});

	it('closes on Escape and gives the focus back to the button that opened it', async () => {
		const { dialog, opener } = await openDialog();
		await keyboard.keyboard('{Escape}');
		expect(dialog).not.toBeVisible();
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
		expect(screen.getByRole('status')).toHaveTextContent('Closed');
		expect(opener).toHaveFocus();
	});

	it('closes after its confirm action, which runs once', async () => {
		const { opener } = await openDialog();
		await userEvent.click(screen.getByRole('button', { name: 'Remove' }));
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
		expect(screen.getByRole('status')).toHaveTextContent('Removed');
		expect(opener).toHaveFocus();
	});

	it('closes after Cancel without confirming', async () => {
		await openDialog();
		await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
		expect(screen.getByRole('status')).toHaveTextContent('Kept');
	});
});
