import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import RoleNote from './RoleNote.svelte';
import { buildSignedInUser, signInAs } from './signed-in-user.test-factory';

afterEach(() => signInAs(null));

describe('RoleNote', () => {
	it('tells which actions of the page the roles do not allow', () => {
		signInAs(buildSignedInUser(['sales-agent']));
		render(RoleNote, { permissions: ['requestPartnership', 'removePartnership'] });
		expect(
			screen.getByText(
				'Your roles (Sales agent) do not allow every action here. Only a Global admin or an Admin agent can remove a partnership.'
			)
		).toBeVisible();
	});

	it('says nothing when every action is allowed, or nobody signed in', () => {
		signInAs(buildSignedInUser(['global-admin']));
		const { unmount } = render(RoleNote, { permissions: ['removePartnership'] });
		expect(screen.queryByText(/Your roles/)).not.toBeInTheDocument();
		unmount();
		signInAs(null);
		render(RoleNote, { permissions: ['removePartnership'] });
		expect(screen.queryByText(/Your roles/)).not.toBeInTheDocument();
	});
});
