import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import DraftEmailFlowHost from './DraftEmailFlowHost.test.svelte';

const createDraft = () =>
	userEvent.click(screen.getByRole('button', { name: 'Create draft email' }));
const draftHeading = () => screen.queryByRole('heading', { name: '2. The draft email' });

describe('DraftEmailFlow', () => {
	it('shows the form with Create draft email and Cancel, and no draft yet', () => {
		render(DraftEmailFlowHost);
		expect(screen.getByRole('heading', { level: 1, name: 'Request a partnership' })).toBeVisible();
		expect(screen.getByRole('form', { name: '1. The reseller' })).toBeVisible();
		expect(screen.getByRole('button', { name: 'Cancel' })).toBeVisible();
		expect(draftHeading()).not.toBeInTheDocument();
		expect(screen.queryByRole('button', { name: 'Done' })).not.toBeInTheDocument();
	});

	it('writes the draft, moves the focus to it, and offers Open in email, Copy to clipboard and Done', async () => {
		render(DraftEmailFlowHost);
		await createDraft();
		expect(draftHeading()).toHaveFocus();
		expect(screen.getByText('Send this email to reseller@example.test.')).toBeVisible();
		expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveValue(
			'Partnership with Contoso'
		);
		expect(screen.getByRole('textbox', { name: 'Email message' })).toHaveValue(
			'Dear Contoso,\n\nhttps://example.test/accept/abc'
		);
		const open = screen.getByRole('link', { name: 'Open in email' });
		expect(open.getAttribute('href')).toMatch(
			/^mailto:reseller@example\.test\?subject=Partnership/
		);
		expect(screen.getByRole('button', { name: 'Copy to clipboard' })).toBeVisible();
		expect(screen.queryByRole('button', { name: 'Create draft email' })).not.toBeInTheDocument();
	});

	it('keeps the form when the draft is refused', async () => {
		render(DraftEmailFlowHost, { writes: false });
		await createDraft();
		expect(draftHeading()).not.toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Create draft email' })).toBeVisible();
	});

	it('copies the message and says where to paste it', async () => {
		const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
		render(DraftEmailFlowHost);
		await createDraft();
		await userEvent.click(screen.getByRole('button', { name: 'Copy to clipboard' }));
		expect(writeText).toHaveBeenCalledWith('Dear Contoso,\n\nhttps://example.test/accept/abc');
		expect(screen.getByRole('status')).toHaveTextContent(
			'Copied. Paste the message into an email to the reseller.'
		);
		writeText.mockRestore();
	});

	it('stores on Done and leaves on Cancel', async () => {
		const ondone = vi.fn();
		const oncancel = vi.fn();
		render(DraftEmailFlowHost, { ondone, oncancel });
		await createDraft();
		await userEvent.click(screen.getByRole('button', { name: 'Done' }));
		expect(ondone).toHaveBeenCalledOnce();
		await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
		expect(oncancel).toHaveBeenCalledOnce();
	});

	it('shows why Done failed, and disables the buttons while it runs', async () => {
		render(DraftEmailFlowHost, { failure: 'The device storage is full.', busy: true });
		await createDraft();
		expect(screen.getByRole('alert')).toHaveTextContent('The device storage is full.');
		expect(screen.getByRole('button', { name: 'Done' })).toBeDisabled();
		expect(screen.getByRole('button', { name: 'Change the details' })).toBeDisabled();
		expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
	});

	it('goes back to the form on Change the details, focused on its first field', async () => {
		render(DraftEmailFlowHost);
		await createDraft();
		await userEvent.click(screen.getByRole('button', { name: 'Change the details' }));
		expect(draftHeading()).not.toBeInTheDocument();
		expect(screen.getByRole('textbox', { name: 'Reseller name' })).toHaveFocus();
	});

	it('offers no Change the details where the page has none', async () => {
		render(DraftEmailFlowHost, { changeable: false });
		await createDraft();
		expect(screen.queryByRole('button', { name: 'Change the details' })).not.toBeInTheDocument();
	});
});
