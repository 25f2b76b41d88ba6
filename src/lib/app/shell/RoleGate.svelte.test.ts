import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import RoleGateHost from './RoleGateHost.test.svelte';
import { buildSignedInUser, signInAs } from './signed-in-user.test-factory';

afterEach(() => signInAs(null));

describe('RoleGate', () => {
	it('shows the page to the field user of a device nobody signed in on', () => {
		render(RoleGateHost, { permission: 'manageCustomerRelationship' });
		expect(screen.getByRole('button', { name: 'Send invitation' })).toBeVisible();
		expect(screen.queryByText(/You cannot/)).not.toBeInTheDocument();
	});

	it('shows the page to a user whose roles allow the action', () => {
		signInAs(buildSignedInUser(['sales-agent', 'admin-agent']));
		render(RoleGateHost, { permission: 'manageCustomerRelationship' });
		expect(screen.getByRole('button', { name: 'Send invitation' })).toBeVisible();
	});

	it('tells a user without the role what they cannot do, who can, and where to go on', () => {
		signInAs(buildSignedInUser(['sales-agent']));
		render(RoleGateHost, { permission: 'manageCustomerRelationship' });
		expect(screen.getByRole('heading', { level: 1, name: 'Invite new customers' })).toBeVisible();
		expect(
			screen.getByText(
				'You cannot invite new customers with your roles (Sales agent). Only a Global admin or an Admin agent can request or remove a customer relationship.'
			)
		).toBeVisible();
		expect(screen.getByText(/can change your roles/)).toBeVisible();
		expect(screen.getByRole('link', { name: 'Back to Indirect providers' })).toHaveAttribute(
			'href',
			'/providers'
		);
		expect(screen.queryByRole('button', { name: 'Send invitation' })).not.toBeInTheDocument();
	});

	it('names a user without any role as such', () => {
		signInAs(buildSignedInUser([]));
		render(RoleGateHost, { permission: 'manageUsers' });
		expect(
			screen.getByText(/You cannot invite new customers with your roles \(no roles\)\./)
		).toBeVisible();
		expect(screen.queryByRole('button')).not.toBeInTheDocument();
	});
});
