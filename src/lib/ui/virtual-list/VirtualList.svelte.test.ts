import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
// Real key presses: scrolling with End is the browser's own behaviour.
import { userEvent as keyboard } from 'vitest/browser';
import VirtualListHost from './VirtualListHost.test.svelte';

function customers(count: number) {
	return Array.from({ length: count }, (_, i) => ({
		id: `customer-${i + 1}`,
		name: `Customer ${i + 1}`
	}));
}

function renderList(count: number) {
	const view = render(VirtualListHost, { customers: customers(count) });
	const list = screen.getByRole('list', { name: 'Customers' });
	return { ...view, list, rows: () => within(list).queryAllByRole('listitem') };
}

describe('VirtualList', () => {
	it('renders only the rows that fit, not all 1000', async () => {
		const { list, rows } = renderList(1000);
		await waitFor(() => expect(rows().length).toBeGreaterThan(0));
		expect(rows().length).toBeLessThan(60);
		expect(within(list).getByRole('link', { name: 'Customer 1' })).toBeVisible();
		expect(within(list).queryByRole('link', { name: 'Customer 500' })).not.toBeInTheDocument();
	});

	it('renders the rows scrolled to and drops those scrolled away', async () => {
		const { list } = renderList(1000);
		await waitFor(() =>
			expect(within(list).getByRole('link', { name: 'Customer 1' })).toBeVisible()
		);
		list.scrollTop = 499 * 40;
		await waitFor(() =>
			expect(within(list).getByRole('link', { name: 'Customer 500' })).toBeInTheDocument()
		);
		expect(within(list).queryByRole('link', { name: 'Customer 1' })).not.toBeInTheDocument();
	});

	it('shows every row of a short list', async () => {
		const { list, rows } = renderList(3);
		await waitFor(() => expect(rows()).toHaveLength(3));
		expect(
			within(list)
				.getAllByRole('link')
				.map((a) => a.textContent)
		).toEqual(['Customer 1', 'Customer 2', 'Customer 3']);
	});

	it('follows the keyboard: Tab goes from row to row, End scrolls to the last one', async () => {
		const { list } = renderList(1000);
		await waitFor(() =>
			expect(within(list).getByRole('link', { name: 'Customer 1' })).toBeVisible()
		);
		await userEvent.tab();
		expect(within(list).getByRole('link', { name: 'Customer 1' })).toHaveFocus();
		await userEvent.tab();
		expect(within(list).getByRole('link', { name: 'Customer 2' })).toHaveFocus();
		await keyboard.keyboard('{End}');
		await waitFor(() =>
			expect(within(list).getByRole('link', { name: 'Customer 1000' })).toBeVisible()
		);
	});

	it('shows the rows of new items when the list changes', async () => {
		const { list, rerender } = renderList(2);
		await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
		await rerender({ customers: [{ id: 'new', name: 'Newly added Kft.' }, ...customers(2)] });
		await waitFor(() =>
			expect(within(list).getAllByRole('link')[0]).toHaveTextContent('Newly added Kft.')
		);
		expect(within(list).getAllByRole('listitem')).toHaveLength(3);
	});
});
