import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conflict } from '$lib/domain/conflict/schema';
import { invalid, valid } from '$lib/domain/shared/result';
import { dismissConflict, restoreConflict } from '$lib/services/conflicts';
import ConflictItem from './ConflictItem.svelte';

// The actions run on this browser's database in the app; here the services are stand-ins.
vi.mock('$lib/app/context', () => ({ appContext: async () => ({}) }));
vi.mock('$lib/services/conflicts', () => ({ restoreConflict: vi.fn(), dismissConflict: vi.fn() }));

afterEach(() => vi.resetAllMocks());

/** Conditions waited on, with room for a loaded machine. */
const WAIT = { timeout: 10_000 };

/** An open conflict on a customer's phone number. */
function buildConflict(overrides: Partial<Conflict> = {}): Conflict {
	return {
		id: 'conflict-1',
		recordType: 'customers',
		documentId: 'customer-kovacs',
		recordLabel: 'Kovács és Társa Kft.',
		field: 'Phone',
		lostValue: '"+36 1 555 0100"',
		keptValue: '"+36 1 555 0199"',
		lostAt: '2026-12-07T09:00:00.000Z',
		lostBy: 'Anna Kovács',
		lostDevice: 'tablet-1',
		keptAt: '2026-12-07T09:05:00.000Z',
		keptBy: 'Maria Nagy',
		keptDevice: 'tablet-2',
		detectedAt: '2026-12-07T09:06:00.000Z',
		status: 'open',
		settledAt: '',
		...overrides
	};
}

const restoreButton = () =>
	screen.getByRole('button', { name: 'Restore this value: Phone of Kovács és Társa Kft.' });
const keepButton = () =>
	screen.getByRole('button', { name: 'Keep current: Phone of Kovács és Társa Kft.' });

describe('ConflictItem', () => {
	it('shows the kept and the lost value with who changed them', () => {
		render(ConflictItem, { conflict: buildConflict(), onmessage: vi.fn() });
		expect(screen.getByRole('link', { name: 'Kovács és Társa Kft.' })).toBeVisible();
		expect(screen.getByText('+36 1 555 0199')).toBeVisible();
		expect(screen.getByText('+36 1 555 0100')).toBeVisible();
		expect(screen.getByText(/^by Anna Kovács on .*, device tablet-1$/)).toBeVisible();
	});

	it('restores the lost value and says so', async () => {
		vi.mocked(restoreConflict).mockResolvedValue(valid({}) as never);
		const onmessage = vi.fn();
		render(ConflictItem, { conflict: buildConflict(), onmessage });
		await userEvent.click(restoreButton());
		expect(restoreConflict).toHaveBeenCalledWith({}, 'conflict-1');
		await vi.waitFor(
			() => expect(onmessage).toHaveBeenLastCalledWith('Restored Phone of Kovács és Társa Kft..'),
			WAIT
		);
	});

	it('says why a restore was refused, and both buttons work again', async () => {
		vi.mocked(restoreConflict).mockResolvedValue(
			invalid({ conflict: 'This conflict is no longer open.' })
		);
		const onmessage = vi.fn();
		render(ConflictItem, { conflict: buildConflict(), onmessage });
		await userEvent.click(restoreButton());
		await vi.waitFor(
			() => expect(screen.getByRole('alert')).toHaveTextContent('This conflict is no longer open.'),
			WAIT
		);
		expect(onmessage).toHaveBeenLastCalledWith('');
		expect(restoreButton()).toBeEnabled();
		expect(keepButton()).toBeEnabled();
	});

	it('keeps the current value, and says a storage failure in words', async () => {
		vi.mocked(dismissConflict).mockResolvedValueOnce(undefined);
		const onmessage = vi.fn();
		render(ConflictItem, { conflict: buildConflict(), onmessage });
		await userEvent.click(keepButton());
		await vi.waitFor(
			() =>
				expect(onmessage).toHaveBeenLastCalledWith(
					'Kept the current Phone of Kovács és Társa Kft..'
				),
			WAIT
		);
		vi.mocked(dismissConflict).mockRejectedValueOnce(
			new DOMException('quota', 'QuotaExceededError')
		);
		await userEvent.click(keepButton());
		await vi.waitFor(
			() => expect(screen.getByRole('alert')).toHaveTextContent(/^The device storage is full/),
			WAIT
		);
	});
});
