import { render, screen } from '@testing-library/svelte';
import { NEVER, of, type Observable } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { Partner } from '$lib/domain/partner/schema';
import { buildProvider, buildReseller } from '$lib/services/test-factories';
import KindGateHost from './KindGateHost.test.svelte';

// The gate reads the own organisation from the browser's database: here, from the test.
const own = vi.hoisted(() => ({
	organisation$: undefined as Observable<Partner | undefined> | undefined
}));
vi.mock('$lib/app/queries', () => ({ queries: { ownOrganisation$: () => own.organisation$ } }));

function renderGate(organisation$: Observable<Partner | undefined>) {
	own.organisation$ = organisation$;
	render(KindGateHost);
}

describe('KindGate', () => {
	it('says the database is opening until the own organisation is known', () => {
		renderGate(NEVER);
		expect(screen.getByText('Opening the local database…')).toBeVisible();
		expect(screen.queryByRole('heading')).not.toBeInTheDocument();
	});

	it('shows the page to the kind of organisation it is for', () => {
		renderGate(
			of(buildReseller({ isOwnOrganisation: true, name: 'Budapest Cloud Partners Kft.' }))
		);
		expect(screen.getByRole('heading', { name: 'Indirect providers' })).toBeVisible();
		expect(screen.getByText('The providers you work with.')).toBeVisible();
	});

	it('tells a provider the page is not for it and links to its own home', () => {
		renderGate(of(buildProvider({ name: 'Contoso Distribution' })));
		expect(screen.getByRole('heading', { level: 1, name: 'Indirect providers' })).toBeVisible();
		expect(
			screen.getByText(
				'Indirect providers is a page for indirect resellers. Contoso Distribution is an indirect provider, so there is nothing for you here.'
			)
		).toBeVisible();
		expect(screen.getByText('Your resellers are on Indirect resellers.')).toBeVisible();
		expect(screen.getByRole('link', { name: 'Go to Indirect resellers' })).toHaveAttribute(
			'href',
			'/resellers'
		);
		expect(screen.queryByText('The providers you work with.')).not.toBeInTheDocument();
	});

	it('shows the page while the device has no organisation yet (first run)', () => {
		renderGate(of(undefined));
		expect(screen.getByText('The providers you work with.')).toBeVisible();
	});
});
