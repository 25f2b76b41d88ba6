import { describe, expect, it } from 'vitest';
import type { OrganisationSettings } from '$lib/domain/organisation-settings/schema';
import { emptySettingsForm, settingsFormFor } from './settings-form';

const stored = {
	tenantId: 't1',
	newCustomerInvitationTemplate: 'tpl',
	providerTenants: [{ providerId: 'p1', tenantId: 'pt1' }]
} as OrganisationSettings;

describe('settingsFormFor', () => {
	it('fills the form from the stored settings, one row per provider', () => {
		expect(settingsFormFor(emptySettingsForm, stored, [{ id: 'p1' }, { id: 'p2' }])).toEqual({
			edited: false,
			tenantId: 't1',
			newCustomerInvitationTemplate: 'tpl',
			providerTenants: [
				{ providerId: 'p1', tenantId: 'pt1' },
				{ providerId: 'p2', tenantId: '' }
			]
		});
	});

	it('keeps unsaved edits and adds rows for new providers', () => {
		const edited = {
			edited: true,
			tenantId: 'typed',
			newCustomerInvitationTemplate: '',
			providerTenants: [{ providerId: 'p1', tenantId: 'typed-p1' }]
		};
		expect(settingsFormFor(edited, stored, [{ id: 'p1' }, { id: 'p2' }])).toEqual({
			...edited,
			providerTenants: [
				{ providerId: 'p1', tenantId: 'typed-p1' },
				{ providerId: 'p2', tenantId: '' }
			]
		});
	});

	it('starts empty without stored settings', () => {
		expect(settingsFormFor(emptySettingsForm, undefined, [])).toEqual(emptySettingsForm);
	});
});
