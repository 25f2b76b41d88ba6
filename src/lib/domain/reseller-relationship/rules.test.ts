import { describe, expect, it } from 'vitest';
import { customer, invitation } from '../invitation/rules.fixtures';
import { DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE } from '../organisation-settings/rules';
import { invitationSchema } from '../invitation/schema';
import {
	canInviteWithProvider,
	canRequestResellerRelationship,
	checkResellerRelationshipRequest,
	countryError,
	defaultResellerRelationshipOptions,
	draftNewCustomerInvitationEmail,
	draftResellerRelationshipEmail,
	mustKeepDelegatedAdminPrivileges,
	newCustomerInvitationLink,
	resellerRelationshipLink,
	validateInvitationDraft,
	validateInvitationRecipient
} from './rules';

const TENANT = '0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f';
const PROVIDER_TENANT = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const NOW = '2026-02-01T10:00:00.000Z';

describe('options', () => {
	it('ask for delegated admin privileges by default', () => {
		expect(defaultResellerRelationshipOptions).toEqual({ delegatedAdminPrivileges: true });
	});

	it('keep delegated admin privileges only in Microsoft Cloud for US Government', () => {
		expect(mustKeepDelegatedAdminPrivileges('us-government')).toBe(true);
		expect(mustKeepDelegatedAdminPrivileges('public')).toBe(false);
		expect(mustKeepDelegatedAdminPrivileges('microsoft-cloud-germany')).toBe(false);
	});
});

describe('country/region', () => {
	it('allows customers in the partner’s own country/region, in any case', () => {
		expect(countryError('HU', 'HU')).toBeUndefined();
		expect(countryError(' hu ', 'HU')).toBeUndefined();
	});

	it('says where the partner and the customer are', () => {
		expect(countryError('PL', 'HU', 'Nowak Sp. z o.o.')).toBe(
			'You can request a reseller relationship only with customers in your own country/region (Hungary). Nowak Sp. z o.o. is in Poland.'
		);
		expect(countryError('XX', 'HU')).toBe(
			'You can request a reseller relationship only with customers in your own country/region (Hungary). This customer is in XX.'
		);
		expect(countryError('', '')).toBe(
			'You can request a reseller relationship only with customers in your own country/region (an unknown country/region). This customer is in an unknown country/region.'
		);
	});
});

describe('checkResellerRelationshipRequest', () => {
	const request = (
		country: string,
		cloud: 'public' | 'microsoft-cloud-germany' | 'us-government',
		delegatedAdminPrivileges: boolean
	) =>
		checkResellerRelationshipRequest({
			customer: { companyName: 'Contoso', country, cloud },
			partnerCountry: 'HU',
			delegatedAdminPrivileges
		});

	it('allows a customer in the same country with or without privileges', () => {
		expect(request('HU', 'public', true)).toEqual({
			ok: true,
			value: { delegatedAdminPrivileges: true }
		});
		expect(request('HU', 'microsoft-cloud-germany', false)).toEqual({
			ok: true,
			value: { delegatedAdminPrivileges: false }
		});
		expect(request('HU', 'us-government', true).ok).toBe(true);
	});

	it('refuses to clear delegated admin privileges in Microsoft Cloud for US Government', () => {
		expect(request('HU', 'us-government', false)).toEqual({
			ok: false,
			errors: {
				delegatedAdminPrivileges:
					'A customer in Microsoft Cloud for US Government cannot be invited without delegated admin privileges. Keep delegated admin privileges selected.'
			}
		});
	});

	it('refuses a customer in another country/region', () => {
		expect(request('PL', 'public', true)).toEqual({
			ok: false,
			errors: {
				country:
					'You can request a reseller relationship only with customers in your own country/region (Hungary). Contoso is in Poland.'
			}
		});
	});

	it('reports both problems at once', () => {
		const result = request('US', 'us-government', false);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(Object.keys(result.errors).sort()).toEqual(['country', 'delegatedAdminPrivileges']);
	});
});

describe('canRequestResellerRelationship', () => {
	it('allows a customer without a relationship or open invitation', () => {
		expect(canRequestResellerRelationship(customer(), [], NOW)).toEqual({ ok: true });
		expect(
			canRequestResellerRelationship(
				customer({ resellerRelationship: 'removed' }),
				[
					invitation({ status: 'withdrawn' }),
					invitation({ status: 'accepted' }),
					invitation({ sentAt: '2025-01-01T00:00:00.000Z' })
				],
				NOW
			)
		).toEqual({ ok: true });
	});

	it('refuses while the relationship is active', () => {
		expect(
			canRequestResellerRelationship(customer({ resellerRelationship: 'active' }), [], NOW)
		).toEqual({
			ok: false,
			reason: 'Kovács és Társa Kft. already has an active reseller relationship with you.'
		});
	});

	it('refuses while an invitation is open, and says until when', () => {
		expect(canRequestResellerRelationship(customer(), [invitation()], NOW)).toEqual({
			ok: false,
			reason:
				'An invitation to Kovács és Társa Kft. is still open until 2026-04-10. Send the same link again, or withdraw it before you send a new one.'
		});
	});
});

describe('canInviteWithProvider', () => {
	it('needs an active partnership with the provider', () => {
		expect(canInviteWithProvider([{ status: 'active' }], 'Contoso Distribution')).toEqual({
			ok: true
		});
		expect(
			canInviteWithProvider(
				[{ status: 'requested' }, { status: 'removed' }],
				'Contoso Distribution'
			)
		).toEqual({
			ok: false,
			reason:
				'You can invite new customers together with Contoso Distribution only while your partnership with Contoso Distribution is active.'
		});
		expect(canInviteWithProvider([], 'X').ok).toBe(false);
	});
});

describe('resellerRelationshipLink', () => {
	it("uses Partner Center's exact format", () => {
		expect(resellerRelationshipLink(TENANT, true)).toBe(
			`https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${TENANT}&msppId=0&DAP=true#/BillingAccounts/partner-invitation`
		);
		expect(resellerRelationshipLink(` {${TENANT.toUpperCase()}} `, false)).toBe(
			`https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${TENANT}&msppId=0&DAP=false#/BillingAccounts/partner-invitation`
		);
	});

	it('parses as a URL with the expected parameters', () => {
		const url = new URL(resellerRelationshipLink(TENANT, false));
		expect(url.origin).toBe('https://admin.microsoft.com');
		expect(url.pathname).toBe('/Adminportal/Home');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			invType: 'ResellerRelationship',
			partnerId: TENANT,
			msppId: '0',
			DAP: 'false'
		});
		expect(url.hash).toBe('#/BillingAccounts/partner-invitation');
	});

	it('fits the stored link length', () => {
		expect(
			invitationSchema.shape.link.safeParse(resellerRelationshipLink(TENANT, true)).success
		).toBe(true);
	});

	it('refuses a missing or invalid tenant ID', () => {
		expect(() => resellerRelationshipLink('', true)).toThrowError(
			expect.objectContaining({
				code: 'reseller-relationship/tenant-id',
				message: expect.stringMatching(/^Enter your organisation's Microsoft tenant ID/)
			})
		);
		expect(() => resellerRelationshipLink('contoso', true)).toThrowError(
			expect.objectContaining({ code: 'reseller-relationship/tenant-id' })
		);
	});
});

describe('newCustomerInvitationLink', () => {
	const settings = {
		tenantId: TENANT,
		newCustomerInvitationTemplate: DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE,
		providerTenants: [{ providerId: 'p1', tenantId: PROVIDER_TENANT }]
	};

	it('fills the template with the reseller and the chosen provider', () => {
		expect(
			newCustomerInvitationLink({
				settings,
				reseller: { mpnId: '1234567' },
				provider: { id: 'p1', mpnId: '7654321' },
				delegatedAdminPrivileges: false
			})
		).toEqual({
			ok: true,
			value: `https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId=${TENANT}&msppId=1234567&indirectCSPId=${PROVIDER_TENANT}&DAP=false#/BillingAccounts/partner-invitation`
		});
	});

	it('asks for the template when there is none', () => {
		const expected = {
			ok: false,
			errors: {
				newCustomerInvitationTemplate:
					'Set up the link template of Invite new customers in the settings first.'
			}
		};
		const input = {
			reseller: { mpnId: '1' },
			provider: { id: 'p1', mpnId: '2' },
			delegatedAdminPrivileges: true
		};
		expect(newCustomerInvitationLink({ ...input, settings: undefined })).toEqual(expected);
		expect(
			newCustomerInvitationLink({
				...input,
				settings: { ...settings, newCustomerInvitationTemplate: ' ' }
			})
		).toEqual(expected);
	});

	it('asks for the tenant ID of a provider that has none', () => {
		const result = newCustomerInvitationLink({
			settings,
			reseller: { mpnId: '1234567' },
			provider: { id: 'p2', mpnId: '7654321' },
			delegatedAdminPrivileges: true
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				providerTenantId:
					"Enter the indirect provider's Microsoft tenant ID in the settings first: the invitation link needs it."
			}
		});
	});
});

describe('validateInvitationRecipient', () => {
	it('returns the values trimmed', () => {
		expect(
			validateInvitationRecipient({
				companyName: ' Nowak Sp. z o.o. ',
				contactName: ' Jan Nowak ',
				email: ' jan@nowak.pl '
			})
		).toEqual({
			ok: true,
			value: { companyName: 'Nowak Sp. z o.o.', contactName: 'Jan Nowak', email: 'jan@nowak.pl' }
		});
		expect(
			validateInvitationRecipient({ companyName: 'Nowak', contactName: '', email: 'j@nowak.pl' }).ok
		).toBe(true);
	});

	it('reports each wrong field', () => {
		expect(
			validateInvitationRecipient({ companyName: 'Kft.', contactName: 'x'.repeat(101), email: '' })
		).toEqual({
			ok: false,
			errors: {
				companyName: 'Enter the full company name, not only its legal form (such as Ltd or Kft.).',
				contactName: "The contact's name can be at most 100 characters.",
				email: "Enter the email address of the customer's contact."
			}
		});
		const bad = validateInvitationRecipient({
			companyName: 'Nowak',
			contactName: '',
			email: 'jan@'
		});
		expect(bad).toEqual({
			ok: false,
			errors: { email: 'Enter a valid email address, like name@example.com.' }
		});
	});
});

describe('draft emails', () => {
	const link = resellerRelationshipLink(TENANT, true);
	const base = {
		resellerName: ' Budapest Cloud Kft. ',
		customerName: 'Kovács és Társa Kft.',
		contactName: 'Anna Kovács',
		link,
		delegatedAdminPrivileges: true,
		cloud: 'public' as const
	};

	it('invites to a reseller relationship, with the link on its own line', () => {
		const draft = draftResellerRelationshipEmail(base);
		expect(draft.subject).toBe(
			'Budapest Cloud Kft. invites Kovács és Társa Kft. to a reseller relationship'
		);
		const lines = draft.body.split('\n');
		expect(lines[0]).toBe('Hello Anna Kovács,');
		expect(lines).toContain(link);
		expect(draft.body).toContain('asks for delegated admin privileges');
		expect(draft.body).toContain('in the Microsoft 365 admin center:');
		expect(draft.body).toContain('Microsoft Customer Agreement');
		expect(draft.body).toContain('Global admin');
		expect(lines.at(-1)).toBe('Budapest Cloud Kft.');
		expect(validateInvitationDraft(draft.body, link)).toEqual({ ok: true, value: draft.body });
	});

	it('greets the company without a contact, says when no privileges are asked for, and names the portal of the cloud', () => {
		const draft = draftResellerRelationshipEmail({
			...base,
			contactName: ' ',
			delegatedAdminPrivileges: false,
			cloud: 'microsoft-cloud-germany'
		});
		expect(draft.body.split('\n')[0]).toBe('Hello Kovács és Társa Kft. team,');
		expect(draft.body).toContain('The invitation does not ask for delegated admin privileges.');
		expect(draft.body).toContain('in the Microsoft Office admin portal:');
	});

	it('invites a new customer to the reseller and the provider at once', () => {
		const draft = draftNewCustomerInvitationEmail({
			...base,
			providerName: ' Contoso Distribution ',
			cloud: 'us-government'
		});
		expect(draft.subject).toBe(
			'Budapest Cloud Kft. and Contoso Distribution invite Kovács és Társa Kft. to a reseller relationship'
		);
		expect(draft.body).toContain('together with our indirect provider Contoso Distribution');
		expect(draft.body).toContain('Contoso Distribution can place orders for you');
		expect(draft.body).toContain('in the Microsoft Office admin portal:');
		expect(draft.body.split('\n')).toContain(link);
	});
});

describe('validateInvitationDraft', () => {
	const link = resellerRelationshipLink(TENANT, true);

	it('keeps an edited draft that still has the link, trimmed', () => {
		expect(validateInvitationDraft(`  Hi!\n\n${link}.\n  `, link)).toEqual({
			ok: true,
			value: `Hi!\n\n${link}.`
		});
	});

	it.each([
		['', 'Write a message to the customer, with the personalised link in it.'],
		['  \n ', 'Write a message to the customer, with the personalised link in it.'],
		[
			'Hello, please accept.',
			'Keep the personalised link in the message: the customer needs it to accept.'
		],
		[
			link.replace('DAP=true', 'DAP=false'),
			'Keep the personalised link in the message: the customer needs it to accept.'
		],
		[`${link}x`, 'Keep the personalised link in the message: the customer needs it to accept.'],
		[
			link.slice(0, -1),
			'Keep the personalised link in the message: the customer needs it to accept.'
		]
	])('refuses %j', (draft, message) => {
		expect(validateInvitationDraft(draft, link)).toEqual({
			ok: false,
			errors: { emailDraft: message }
		});
	});

	it('refuses a draft over 10,000 characters', () => {
		expect(validateInvitationDraft(`${link}\n${'a'.repeat(10_000)}`, link)).toEqual({
			ok: false,
			errors: {
				emailDraft: 'The message is too long: keep it to 10,000 characters at most.'
			}
		});
	});
});
