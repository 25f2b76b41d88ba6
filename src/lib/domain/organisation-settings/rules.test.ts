import { describe, expect, it } from 'vitest';
import {
	DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE,
	INVITATION_PLACEHOLDERS,
	fillInvitationTemplate,
	invitationTemplateError,
	isTenantId,
	normaliseTenantId,
	placeholdersIn,
	providerTenantIdOf,
	tenantIdError,
	validateOrganisationSettings,
	type InvitationTemplateValues
} from './rules';
import { organisationSettingsSchema, type OrganisationSettings } from './schema';

const TENANT = '0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f';
const PROVIDER_TENANT = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('normaliseTenantId / isTenantId', () => {
	it.each([
		[TENANT, TENANT],
		[TENANT.toUpperCase(), TENANT],
		[`  ${TENANT}  `, TENANT],
		[`{${TENANT}}`, TENANT],
		[`{ ${TENANT.toUpperCase()} }`, TENANT]
	])('reads %j', (text, id) => {
		expect(normaliseTenantId(text)).toBe(id);
		expect(isTenantId(text)).toBe(true);
		expect(tenantIdError(text)).toBeUndefined();
	});

	it.each([
		'',
		'   ',
		'contoso.onmicrosoft.com',
		'0b6c3f1e7d2a4b8e9f102a3b4c5d6e7f',
		'0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7',
		'0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f0',
		'0b6c3f1g-7d2a-4b8e-9f10-2a3b4c5d6e7f',
		'00000000-0000-0000-0000-000000000000'
	])('refuses %j', (text) => {
		expect(isTenantId(text)).toBe(false);
		expect(tenantIdError(text)).toEqual(expect.any(String));
	});

	it('says what to enter and where to find it', () => {
		expect(tenantIdError('')).toBe(
			"Enter your organisation's Microsoft tenant ID. You find it in Partner Center under Account settings → Organization profile."
		);
		expect(tenantIdError('', "the indirect provider's")).toMatch(
			/^Enter the indirect provider's Microsoft tenant ID/
		);
		expect(tenantIdError('00000000-0000-0000-0000-000000000000')).toBe(
			'A tenant ID cannot be all zeros. Copy the tenant ID from Partner Center.'
		);
		expect(tenantIdError('abc')).toMatch(/^A tenant ID has 32 letters a–f and digits/);
	});
});

describe('placeholdersIn', () => {
	it('lists each name once, in order', () => {
		expect(placeholdersIn('https://x.example/{a}/{b}?c={a}&d={}')).toEqual(['a', 'b', '']);
		expect(placeholdersIn(DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE)).toEqual([
			'resellerTenantId',
			'resellerMpnId',
			'providerTenantId',
			'dap'
		]);
		expect(placeholdersIn('no placeholders')).toEqual([]);
	});
});

describe('invitationTemplateError', () => {
	it('accepts the default template', () => {
		expect(invitationTemplateError(DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE)).toBeUndefined();
	});

	it.each([
		'https://invite.example/{resellerTenantId}?provider={providerMpnId}&dap={dap}',
		'https://invite.example/r/{resellerTenantId}/p/{providerTenantId}/{providerMpnId}/{resellerMpnId}?DAP={dap}',
		'  https://invite.example/?r={resellerTenantId}&p={providerTenantId}&d={dap}  ',
		'https://{resellerTenantId}.invite.example/?p={providerTenantId}&d={dap}'
	])('accepts %j', (template) => {
		expect(invitationTemplateError(template)).toBeUndefined();
	});

	it('asks for a template when empty', () => {
		expect(invitationTemplateError('  ')).toMatch(
			/^Enter the link template of Invite new customers, for example https:\/\/admin\.microsoft\.com/
		);
	});

	it('refuses a template longer than 1,000 characters', () => {
		const long = `https://x.example/?r={resellerTenantId}&p={providerTenantId}&d={dap}&pad=${'a'.repeat(1000)}`;
		expect(invitationTemplateError(long)).toBe(
			'The link template is too long: keep it to 1,000 characters at most.'
		);
	});

	it.each([
		'https://x.example/?r={resellerTenantId&p={providerTenantId}&d={dap}',
		'https://x.example/?r=resellerTenantId}&p={providerTenantId}&d={dap}',
		'https://x.example/?r={{resellerTenantId}}&p={providerTenantId}&d={dap}'
	])('refuses unbalanced brackets in %j', (template) => {
		expect(invitationTemplateError(template)).toBe(
			'Write each placeholder as a name in curly brackets, like {resellerTenantId}: a bracket is missing or extra.'
		);
	});

	it('names an unknown placeholder (names are case-sensitive)', () => {
		expect(
			invitationTemplateError(
				'https://x.example/?r={resellerTenantID}&p={providerTenantId}&d={dap}'
			)
		).toBe(
			'{resellerTenantID} is not a placeholder the app can fill. Use only {resellerTenantId}, {resellerMpnId}, {providerTenantId}, {providerMpnId}, {dap} (the names are case-sensitive).'
		);
		expect(
			invitationTemplateError('https://x.example/?r={resellerTenantId}&p={provider}&d={DAP}')
		).toMatch(/^\{provider\}, \{DAP\} are not placeholders the app can fill\./);
		expect(invitationTemplateError('https://x.example/{}')).toMatch(/^\{\} is not a placeholder/);
	});

	it('lists the required placeholders that are missing', () => {
		expect(invitationTemplateError('https://x.example/?p={providerTenantId}&d={dap}')).toBe(
			'The link template must contain {resellerTenantId}, so that the link names the reseller, the indirect provider and whether delegated admin privileges are asked for.'
		);
		expect(
			invitationTemplateError('https://x.example/?r={resellerTenantId}&m={resellerMpnId}')
		).toBe(
			'The link template must contain {providerTenantId} or {providerMpnId}, {dap}, so that the link names the reseller, the indirect provider and whether delegated admin privileges are asked for.'
		);
		expect(invitationTemplateError('https://x.example/')).toMatch(
			/must contain \{resellerTenantId\}, \{providerTenantId\} or \{providerMpnId\}, \{dap\},/
		);
	});

	it.each([
		'http://x.example/?r={resellerTenantId}&p={providerTenantId}&d={dap}',
		'ftp://x.example/?r={resellerTenantId}&p={providerTenantId}&d={dap}',
		'x.example/?r={resellerTenantId}&p={providerTenantId}&d={dap}',
		'https://x.example/ ?r={resellerTenantId}&p={providerTenantId}&d={dap}',
		'https://localhost/?r={resellerTenantId}&p={providerTenantId}&d={dap}',
		'https://user:pw@x.example/?r={resellerTenantId}&p={providerTenantId}&d={dap}',
		'{resellerTenantId}://x.example/?p={providerTenantId}&d={dap}',
		'javascript:alert(1)//{resellerTenantId}{providerTenantId}{dap}'
	])('refuses a link that is not a plain https address: %j', (template) => {
		expect(invitationTemplateError(template)).toBe(
			'The link template must be a web address that starts with https://, without spaces.'
		);
	});

	it('knows five placeholders', () => {
		expect(INVITATION_PLACEHOLDERS).toEqual([
			'resellerTenantId',
			'resellerMpnId',
			'providerTenantId',
			'providerMpnId',
			'dap'
		]);
	});
});

describe('fillInvitationTemplate', () => {
	const values: InvitationTemplateValues = {
		resellerTenantId: TENANT.toUpperCase(),
		resellerMpnId: ' 1234567 ',
		providerTenantId: `{${PROVIDER_TENANT}}`,
		providerMpnId: '7654321',
		delegatedAdminPrivileges: true
	};

	it('fills the default template', () => {
		expect(fillInvitationTemplate(DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE, values)).toEqual({
			ok: true,
			value: `https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId=${TENANT}&msppId=1234567&indirectCSPId=${PROVIDER_TENANT}&DAP=true#/BillingAccounts/partner-invitation`
		});
	});

	it('writes DAP=false and fills every occurrence', () => {
		const result = fillInvitationTemplate(
			'https://x.example/{resellerTenantId}/{resellerTenantId}?p={providerMpnId}&d={dap}',
			{ ...values, delegatedAdminPrivileges: false }
		);
		expect(result).toEqual({
			ok: true,
			value: `https://x.example/${TENANT}/${TENANT}?p=7654321&d=false`
		});
	});

	it('does not need values the template does not use', () => {
		const result = fillInvitationTemplate(
			'https://x.example/?r={resellerTenantId}&p={providerMpnId}&d={dap}',
			{ ...values, providerTenantId: '', resellerMpnId: '' }
		);
		expect(result.ok).toBe(true);
	});

	it('says which values are missing', () => {
		const result = fillInvitationTemplate(DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE, {
			resellerTenantId: '',
			resellerMpnId: '',
			providerTenantId: '',
			providerMpnId: '',
			delegatedAdminPrivileges: true
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				resellerTenantId: "Enter your organisation's Microsoft tenant ID in the settings first.",
				resellerMpnId:
					"Your organisation's MPN ID is missing. Enter it in your organisation's details first.",
				providerTenantId:
					"Enter the indirect provider's Microsoft tenant ID in the settings first: the invitation link needs it."
			}
		});
		const byMpn = fillInvitationTemplate(
			'https://x.example/?r={resellerTenantId}&p={providerMpnId}&d={dap}',
			{ ...values, providerMpnId: ' ' }
		);
		expect(byMpn).toEqual({
			ok: false,
			errors: {
				providerMpnId:
					"The indirect provider's MPN ID is missing. Add it to the provider's details first."
			}
		});
	});

	it('refuses values that are not valid', () => {
		const result = fillInvitationTemplate(DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE, {
			...values,
			resellerTenantId: 'contoso',
			providerTenantId: 'x',
			resellerMpnId: '12a'
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual([
			'providerTenantId',
			'resellerMpnId',
			'resellerTenantId'
		]);
		expect(result.errors.resellerMpnId).toBe('An MPN ID has digits only (0–9).');
		expect(result.errors.providerTenantId).toMatch(/^A tenant ID has 32/);
	});

	it('refuses an invalid template', () => {
		expect(fillInvitationTemplate('http://x.example/{resellerTenantId}', values)).toEqual({
			ok: false,
			errors: { newCustomerInvitationTemplate: expect.stringMatching(/must contain/) }
		});
	});

	it('keeps the result a single https URL', () => {
		const result = fillInvitationTemplate(DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE, values);
		expect(result.ok && new URL(result.value).protocol).toBe('https:');
	});
});

describe('providerTenantIdOf', () => {
	it('finds the tenant ID kept for a provider', () => {
		const settings = { providerTenants: [{ providerId: 'p1', tenantId: PROVIDER_TENANT }] };
		expect(providerTenantIdOf(settings, 'p1')).toBe(PROVIDER_TENANT);
		expect(providerTenantIdOf(settings, 'p2')).toBe('');
		expect(providerTenantIdOf(undefined, 'p1')).toBe('');
	});
});

describe('validateOrganisationSettings', () => {
	it('returns the values as stored', () => {
		expect(
			validateOrganisationSettings({
				tenantId: ` {${TENANT.toUpperCase()}} `,
				newCustomerInvitationTemplate: `  ${DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE}\n`,
				providerTenants: [
					{ providerId: 'p1', tenantId: PROVIDER_TENANT.toUpperCase() },
					{ providerId: 'p2', tenantId: '  ' }
				]
			})
		).toEqual({
			ok: true,
			value: {
				tenantId: TENANT,
				newCustomerInvitationTemplate: DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE,
				providerTenants: [{ providerId: 'p1', tenantId: PROVIDER_TENANT }]
			}
		});
	});

	it('lets the template stay empty', () => {
		const result = validateOrganisationSettings({
			tenantId: TENANT,
			newCustomerInvitationTemplate: ' ',
			providerTenants: []
		});
		expect(result).toEqual({
			ok: true,
			value: { tenantId: TENANT, newCustomerInvitationTemplate: '', providerTenants: [] }
		});
	});

	it('reports every wrong field', () => {
		const result = validateOrganisationSettings({
			tenantId: '',
			newCustomerInvitationTemplate: 'https://x.example/',
			providerTenants: [
				{ providerId: 'p1', tenantId: 'nope' },
				{ providerId: 'p2', tenantId: PROVIDER_TENANT },
				{ providerId: 'p2', tenantId: TENANT }
			]
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual([
			'newCustomerInvitationTemplate',
			'providerTenants.0',
			'providerTenants.2',
			'tenantId'
		]);
		expect(result.errors['providerTenants.2']).toBe(
			'This indirect provider already has a tenant ID above. Keep one row per provider.'
		);
		expect(result.errors['providerTenants.0']).toMatch(/^A tenant ID has 32/);
	});
});

describe('organisationSettingsSchema', () => {
	const settings: OrganisationSettings = {
		id: 'settings',
		partnerId: 'own',
		tenantId: TENANT,
		newCustomerInvitationTemplate: DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE,
		providerTenants: [{ providerId: 'p1', tenantId: PROVIDER_TENANT }],
		createdAt: '2026-01-01T00:00:00.000Z',
		createdBy: 'u1',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: 'u1',
		deviceId: 'd1'
	};

	it('accepts settings as the rules return them', () => {
		expect(organisationSettingsSchema.safeParse(settings).success).toBe(true);
		expect(organisationSettingsSchema.safeParse({ ...settings, tenantId: '' }).success).toBe(true);
	});

	it('refuses settings without the change metadata or with a too long tenant ID', () => {
		const { deviceId: _deviceId, ...withoutDevice } = settings;
		expect(organisationSettingsSchema.safeParse(withoutDevice).success).toBe(false);
		expect(
			organisationSettingsSchema.safeParse({ ...settings, tenantId: `${TENANT}0` }).success
		).toBe(false);
	});
});
