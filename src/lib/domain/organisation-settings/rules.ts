import { invalid, valid, type FieldErrors, type Validation } from '../shared/result';
import {
	INVITATION_TEMPLATE_MAX_LENGTH,
	type OrganisationSettings,
	type ProviderTenant
} from './schema';

/*
 * Rules of the organisation settings: the own Microsoft tenant ID (in the reseller-relationship
 * link) and the link template of **Invite new customers** (Partner Center does not document that
 * link, so the organisation keeps it as a template with placeholders).
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_GUID = '00000000-0000-0000-0000-000000000000';

/** A tenant ID as stored: outer spaces and curly brackets removed, lower case. */
export function normaliseTenantId(text: string): string {
	const value = text.trim().toLowerCase();
	return value.startsWith('{') && value.endsWith('}') ? value.slice(1, -1).trim() : value;
}

/** Whether the text is a tenant ID (a GUID other than all zeros), in any case, with or without {}. */
export function isTenantId(text: string): boolean {
	const value = normaliseTenantId(text);
	return GUID.test(value) && value !== NIL_GUID;
}

/**
 * What is wrong with a tenant ID, or `undefined`. `whose` names the organisation in the message
 * ("your organisation's" by default).
 */
export function tenantIdError(text: string, whose = "your organisation's"): string | undefined {
	const value = normaliseTenantId(text);
	if (value === '') {
		return `Enter ${whose} Microsoft tenant ID. You find it in Partner Center under Account settings → Organization profile.`;
	}
	if (value === NIL_GUID) {
		return 'A tenant ID cannot be all zeros. Copy the tenant ID from Partner Center.';
	}
	if (!GUID.test(value)) {
		return 'A tenant ID has 32 letters a–f and digits in five groups, like 0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f.';
	}
	return undefined;
}

/** The placeholders an invitation link template may use. */
export const INVITATION_PLACEHOLDERS = [
	'resellerTenantId',
	'resellerMpnId',
	'providerTenantId',
	'providerMpnId',
	'dap'
] as const;
export type InvitationPlaceholder = (typeof INVITATION_PLACEHOLDERS)[number];

/**
 * The template suggested for **Invite new customers**: the link Partner Center gives an indirect
 * reseller, with the reseller's tenant ID and MPN ID and the provider's tenant ID.
 */
export const DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE =
	'https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId={resellerTenantId}&msppId={resellerMpnId}&indirectCSPId={providerTenantId}&DAP={dap}#/BillingAccounts/partner-invitation';

const PLACEHOLDER = /\{([^{}]*)\}/g;

const placeholderList = INVITATION_PLACEHOLDERS.map((name) => `{${name}}`).join(', ');

function isPlaceholder(name: string): name is InvitationPlaceholder {
	return (INVITATION_PLACEHOLDERS as readonly string[]).includes(name);
}

/** The names inside curly brackets in a template, in order of first appearance, once each. */
export function placeholdersIn(template: string): string[] {
	return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Values that stand in for the placeholders when the template is checked as a URL. */
const SAMPLE_VALUES: Record<InvitationPlaceholder, string> = {
	resellerTenantId: '11111111-1111-4111-8111-111111111111',
	resellerMpnId: '1234567',
	providerTenantId: '22222222-2222-4222-8222-222222222222',
	providerMpnId: '7654321',
	dap: 'true'
};

function fill(template: string, values: Record<InvitationPlaceholder, string>): string {
	return template.replace(PLACEHOLDER, (_, name: string) =>
		isPlaceholder(name) ? encodeURIComponent(values[name]) : `{${name}}`
	);
}

/** Whether a URL is an https address with a host name (and no user name or password in it). */
function isHttpsUrl(text: string): boolean {
	if (/\s/u.test(text)) return false;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return false;
	}
	return (
		url.protocol === 'https:' &&
		url.hostname.includes('.') &&
		url.username === '' &&
		url.password === ''
	);
}

/**
 * What is wrong with an invitation link template, or `undefined`. A template is an https web
 * address with the placeholders {resellerTenantId}, {dap} and the provider's {providerTenantId} or
 * {providerMpnId}; {resellerMpnId} may be used too. No other names in curly brackets.
 */
export function invitationTemplateError(template: string): string | undefined {
	const value = template.trim();
	if (value === '') {
		return `Enter the link template of Invite new customers, for example ${DEFAULT_NEW_CUSTOMER_INVITATION_TEMPLATE}`;
	}
	if (value.length > INVITATION_TEMPLATE_MAX_LENGTH) {
		return `The link template is too long: keep it to ${INVITATION_TEMPLATE_MAX_LENGTH.toLocaleString('en-US')} characters at most.`;
	}
	if (value.replace(PLACEHOLDER, '').match(/[{}]/)) {
		return 'Write each placeholder as a name in curly brackets, like {resellerTenantId}: a bracket is missing or extra.';
	}
	const names = placeholdersIn(value);
	const unknown = names.filter((name) => !isPlaceholder(name));
	if (unknown.length > 0) {
		const listed = unknown.map((name) => `{${name}}`).join(', ');
		return unknown.length === 1
			? `${listed} is not a placeholder the app can fill. Use only ${placeholderList} (the names are case-sensitive).`
			: `${listed} are not placeholders the app can fill. Use only ${placeholderList} (the names are case-sensitive).`;
	}
	const missing: string[] = [];
	if (!names.includes('resellerTenantId')) missing.push('{resellerTenantId}');
	if (!names.includes('providerTenantId') && !names.includes('providerMpnId')) {
		missing.push('{providerTenantId} or {providerMpnId}');
	}
	if (!names.includes('dap')) missing.push('{dap}');
	if (missing.length > 0) {
		return `The link template must contain ${missing.join(', ')}, so that the link names the reseller, the indirect provider and whether delegated admin privileges are asked for.`;
	}
	if (!isHttpsUrl(fill(value, SAMPLE_VALUES))) {
		return 'The link template must be a web address that starts with https://, without spaces.';
	}
	return undefined;
}

/** What fills the placeholders of a template. '' for a value that is not known. */
export interface InvitationTemplateValues {
	resellerTenantId: string;
	resellerMpnId: string;
	providerTenantId: string;
	providerMpnId: string;
	delegatedAdminPrivileges: boolean;
}

const missingValueMessages: Record<Exclude<InvitationPlaceholder, 'dap'>, string> = {
	resellerTenantId: "Enter your organisation's Microsoft tenant ID in the settings first.",
	resellerMpnId:
		"Your organisation's MPN ID is missing. Enter it in your organisation's details first.",
	providerTenantId:
		"Enter the indirect provider's Microsoft tenant ID in the settings first: the invitation link needs it.",
	providerMpnId:
		"The indirect provider's MPN ID is missing. Add it to the provider's details first."
};

/**
 * The invitation link made from a template: each placeholder replaced by its value (percent-encoded;
 * {dap} is `true` or `false`). Refused, with a message per placeholder (keyed by its name), when
 * the template is not valid or a value the template uses is missing or not valid.
 */
export function fillInvitationTemplate(
	template: string,
	values: InvitationTemplateValues
): Validation<string> {
	const templateError = invitationTemplateError(template);
	if (templateError) return invalid({ newCustomerInvitationTemplate: templateError });
	const value = template.trim();
	const filled: Record<InvitationPlaceholder, string> = {
		resellerTenantId: normaliseTenantId(values.resellerTenantId),
		resellerMpnId: values.resellerMpnId.trim(),
		providerTenantId: normaliseTenantId(values.providerTenantId),
		providerMpnId: values.providerMpnId.trim(),
		dap: values.delegatedAdminPrivileges ? 'true' : 'false'
	};
	const errors: FieldErrors = {};
	for (const name of placeholdersIn(value)) {
		if (!isPlaceholder(name) || name === 'dap') continue;
		if (filled[name] === '') {
			errors[name] = missingValueMessages[name];
		} else if (name === 'resellerTenantId' || name === 'providerTenantId') {
			const error = tenantIdError(
				filled[name],
				name === 'resellerTenantId' ? "your organisation's" : "the indirect provider's"
			);
			if (error) errors[name] = error;
		} else if (!/^[0-9]+$/.test(filled[name])) {
			errors[name] = 'An MPN ID has digits only (0–9).';
		}
	}
	return Object.keys(errors).length > 0 ? invalid(errors) : valid(fill(value, filled));
}

/** The tenant ID kept for an indirect provider, or '' when none is kept. */
export function providerTenantIdOf(
	settings: Pick<OrganisationSettings, 'providerTenants'> | undefined,
	providerId: string
): string {
	return settings?.providerTenants.find((p) => p.providerId === providerId)?.tenantId ?? '';
}

export interface OrganisationSettingsInput {
	tenantId: string;
	newCustomerInvitationTemplate: string;
	providerTenants: ProviderTenant[];
}

/**
 * Checks the settings form and returns the values as stored: tenant IDs in lower case without
 * brackets, the template trimmed, provider rows without a tenant ID left out. The tenant ID is
 * required; the template may stay empty (Invite new customers is then unavailable) and must be
 * valid otherwise. Provider rows are keyed `providerTenants.<index>`.
 */
export function validateOrganisationSettings(
	input: OrganisationSettingsInput
): Validation<OrganisationSettingsInput> {
	const errors: FieldErrors = {};
	const tenantId = normaliseTenantId(input.tenantId);
	const tenantError = tenantIdError(tenantId);
	if (tenantError) errors.tenantId = tenantError;

	const template = input.newCustomerInvitationTemplate.trim();
	if (template !== '') {
		const templateError = invitationTemplateError(template);
		if (templateError) errors.newCustomerInvitationTemplate = templateError;
	}

	const providerTenants: ProviderTenant[] = [];
	const seen = new Set<string>();
	input.providerTenants.forEach((row, index) => {
		const providerTenantId = normaliseTenantId(row.tenantId);
		if (providerTenantId === '') return;
		const error = tenantIdError(providerTenantId, "the indirect provider's");
		if (error) {
			errors[`providerTenants.${index}`] = error;
		} else if (seen.has(row.providerId)) {
			errors[`providerTenants.${index}`] =
				'This indirect provider already has a tenant ID above. Keep one row per provider.';
		} else {
			seen.add(row.providerId);
			providerTenants.push({ providerId: row.providerId, tenantId: providerTenantId });
		}
	});

	if (Object.keys(errors).length > 0) return invalid(errors);
	return valid({ tenantId, newCustomerInvitationTemplate: template, providerTenants });
}
