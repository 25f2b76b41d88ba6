import { describe, expect, it } from 'vitest';
import { emptyInviteForm, invitingProviders, splitSettingErrors } from './invite-form';
import type { ProviderRow } from '$lib/services/reseller-read-models';

describe('invite form', () => {
	it('starts in the own country with privileges asked for and the provider chosen', () => {
		expect(emptyInviteForm('HU', 'p1')).toMatchObject({
			providerId: 'p1',
			country: 'HU',
			cloud: 'public',
			delegatedAdminPrivileges: true,
			draft: null
		});
	});

	it('offers only providers with an active partnership', () => {
		const rows = [
			{ status: 'active', provider: { id: 'a' } },
			{ status: 'requested', provider: { id: 'b' } },
			{ status: 'removed', provider: { id: 'c' } }
		] as ProviderRow[];
		expect(invitingProviders(rows).map((r) => r.provider.id)).toEqual(['a']);
	});

	it('tells setting errors from field errors', () => {
		expect(
			splitSettingErrors({
				providerTenantId: 'tenant missing',
				newCustomerInvitationTemplate: 'template missing',
				email: 'bad email'
			})
		).toEqual({
			settings: ['tenant missing', 'template missing'],
			fields: { email: 'bad email' }
		});
	});
});
