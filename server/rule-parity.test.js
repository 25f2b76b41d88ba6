// The client's rules and the server's rules cannot drift apart (issue 10, "Every integrity rule
// on the server too"):
//   (a) the client's role table (src/lib/app/permissions.ts) and the server's PERMISSIONS give
//       the same roles for each mapped permission, and every key on each side is mapped;
//   (b) every exported function of src/lib/domain that decides whether a replicated document (or
//       a change of one) is valid is either tied to a server code, with a document the domain
//       rule refuses and checkDocument refuses with that code and one both accept, or marked
//       client-only with the reason;
//   (c) the test enumerates every function exported by src/lib/domain: one that is in neither
//       list nor among the helpers (formatters, builders, derived views) fails, so a new rule
//       must be placed;
//   (d) the server's copy of the static domain data (offers, Entra roles, countries, limits)
//       equals the domain's.
import { describe, expect, it } from 'vitest';
import { table as clientPermissions } from '../src/lib/app/permissions';
import { countries } from '../src/lib/domain/customer/countries';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, entraRoles } from '../src/lib/domain/gdap/roles';
import {
	GDAP_DISPLAY_NAME_MAX_LENGTH,
	GDAP_MAX_DURATION_DAYS,
	GDAP_MIN_DURATION_DAYS
} from '../src/lib/domain/gdap/schema';
import { INVITATION_VALIDITY_DAYS } from '../src/lib/domain/invitation/rules';
import { offerCatalog } from '../src/lib/domain/offer/catalog';
import { INVITATION_PLACEHOLDERS } from '../src/lib/domain/organisation-settings/rules';
import { INVITATION_TEMPLATE_MAX_LENGTH } from '../src/lib/domain/organisation-settings/schema';
import { EMAIL_DRAFT_MAX_LENGTH } from '../src/lib/domain/partnership/rules';
import { PERMISSIONS, RULE_DATA, parseRefusal, validateDocUpdateSource } from './validation.js';

/** Every module of src/lib/domain but tests and test fixtures, keyed 'area/file'. */
const modules = /** @type {Record<string, Record<string, unknown>>} */ (
	Object.fromEntries(
		Object.entries(
			import.meta.glob(['../src/lib/domain/**/*.ts', '!**/*.test.ts', '!**/*.fixtures.ts'], {
				eager: true
			})
		).map(([path, module]) => [
			path.replace('../src/lib/domain/', '').replace(/\.ts$/, ''),
			/** @type {Record<string, unknown>} */ (module)
		])
	)
);

/**
 * The domain export named 'area/file#name'.
 * @param {string} ref
 * @returns {any}
 */
function domain(ref) {
	const [path, name] = ref.split('#');
	const module = modules[path];
	if (!module || !(name in module)) throw new Error(`No export ${ref}`);
	return module[name];
}

// ---------------------------------------------------------------------------------------------
// (a) The role tables.

/** Client permission → the server permissions it stands for. */
const PERMISSION_MAP = {
	requestPartnership: ['requestPartnership', 'recordAcceptance'],
	removePartnership: ['removePartnership'],
	editCustomersAndSubscriptions: ['writeData'],
	manageCustomerRelationship: ['requestCustomerRelationship', 'removeCustomerRelationship'],
	manageGdap: ['manageGdap'],
	manageOrganisationSettings: ['manageOrganisationSettings'],
	manageUsers: ['manageUsers'],
	manageSubscriptionLifecycle: ['manageSubscriptionLifecycle']
};

describe('(a) the role tables', () => {
	it('map every client and every server permission', () => {
		expect(Object.keys(PERMISSION_MAP).sort()).toEqual(Object.keys(clientPermissions).sort());
		expect(Object.values(PERMISSION_MAP).flat().sort()).toEqual(Object.keys(PERMISSIONS).sort());
	});

	it.each(Object.entries(PERMISSION_MAP))(
		'%s gives the same roles on both sides',
		(client, server) => {
			const roles = [.../** @type {Record<string, string[]>} */ (clientPermissions)[client]].sort();
			for (const permission of server) {
				expect([...PERMISSIONS[permission]].sort(), `${client} ↔ ${permission}`).toEqual(roles);
			}
		}
	);
});

// ---------------------------------------------------------------------------------------------
// Running the server's rules as CouchDB does, on documents in the app's shape.

const ORG = 'acme';
const AT = '2026-03-01T09:00:00.000Z';
const LATER = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;
/** @param {number} days */
const daysAfter = (days, from = AT) => new Date(Date.parse(from) + days * DAY).toISOString();

/** @param {string} name @param {string} role */
const userCtx = (name, role) => ({ db: 'x', name, roles: [`org:${ORG}`, `role:${role}`] });
const ADMIN = userCtx('gus', 'global-admin');

/** @type {Map<string, Function>} */
const compiled = new Map();
/**
 * checkDocument's verdict on writing `doc` over `old` (documents in the app's shape, with `id`):
 * 'ok', or the code of the refusal.
 * @param {string} collection
 * @param {any} doc
 * @param {any} [old]
 * @param {any} [user]
 */
function serverVerdict(collection, doc, old = null, user = ADMIN) {
	if (!compiled.has(collection)) {
		const source = validateDocUpdateSource(ORG, /** @type {any} */ (collection));
		compiled.set(collection, new Function(`return (${source});`)());
	}
	/** @param {any} d */
	const couch = (d) => {
		const { id, ...rest } = d;
		return { _id: id, ...rest };
	};
	const fn = /** @type {Function} */ (compiled.get(collection));
	try {
		fn(couch(doc), old && couch(old), user, {});
		return 'ok';
	} catch (error) {
		const reason = /** @type {any} */ (error).forbidden ?? /** @type {any} */ (error).unauthorized;
		if (typeof reason !== 'string') throw error;
		return parseRefusal(reason).code;
	}
}

/** @param {string} by */
const meta = (by = 'gus', at = AT) => ({
	createdAt: at,
	createdBy: by,
	updatedAt: at,
	updatedBy: by,
	deviceId: 'device-1'
});
/** An update by the Global admin: `doc` with `fields` changed. @param {any} doc @param {any} fields */
const edit = (doc, fields) => ({ ...doc, updatedAt: LATER, updatedBy: 'gus', ...fields });

const LINK = 'https://csp-field.example/invitations/partnership/token-token-token-token';
const INVITATION_LINK =
	'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f&msppId=0&DAP=true#/BillingAccounts/partner-invitation';
const HELPDESK_ROLE = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

/** @param {any} [fields] */
const partner = (fields = {}) => ({
	id: 'reseller-1',
	name: 'Tisza Informatika Bt.',
	nameLower: 'tisza informatika bt.',
	mpnId: '6789016',
	kind: 'indirect-reseller',
	isOwnOrganisation: false,
	country: 'HU',
	email: 'partners@tisza.example',
	mpaSigned: true,
	...meta(),
	...fields
});
/** @param {any} [fields] */
const partnership = (fields = {}) => ({
	id: 'p1',
	providerId: 'own',
	resellerId: 'reseller-1',
	status: 'requested',
	requestedBy: 'gus',
	requestedAt: AT,
	invitationToken: 'token-token-token-token',
	invitationLink: LINK,
	emailDraft: `Please accept:\n${LINK}\n`,
	...meta(),
	...fields
});
/** @param {any} [fields] */
const customer = (fields = {}) => ({
	id: 'c1',
	companyName: 'Kovács és Társa Kft.',
	nameLower: 'kovács és társa kft.',
	domainPrefix: 'kovacsestarsa',
	address: {
		line1: 'Váci utca 1.',
		line2: '',
		city: 'Budapest',
		state: '',
		postalCode: '1052',
		country: 'HU'
	},
	contact: {
		firstName: 'Anna',
		lastName: 'Kovács',
		email: 'anna@kovacs.hu',
		phone: '+36 1 555 0101'
	},
	organisationRegistrationNumber: '01-09-123456',
	cloud: 'public',
	resellerId: 'reseller-1',
	providerRelationship: 'active',
	resellerRelationship: 'active',
	delegatedAdminPrivileges: true,
	customerAgreementAccepted: true,
	adminUserName: 'admin@kovacsestarsa.onmicrosoft.com',
	...meta(),
	...fields
});
/** @param {any} [fields] */
const subscription = (fields = {}) => ({
	id: 's1',
	customerId: 'c1',
	offerId: 'microsoft-365-business-basic',
	quantity: 5,
	status: 'active',
	billingCycle: 'monthly',
	termDuration: 'P1Y',
	resellerId: 'reseller-1',
	supportContactId: 'own',
	startDate: AT,
	endDate: daysAfter(365),
	...meta(),
	...fields
});
/** A subscription bought an hour ago (inside its cancellation window on the real clock). */
const recentSubscription = () => {
	const start = new Date(Date.now() - 3_600_000).toISOString();
	return subscription({ startDate: start, endDate: daysAfter(365, start), ...meta('gus', start) });
};
/** @param {any} [fields] */
const invitation = (fields = {}) => ({
	id: 'inv1',
	kind: 'reseller-relationship',
	resellerId: 'own',
	providerId: '',
	customerId: 'c1',
	companyName: 'Kovács és Társa Kft.',
	contactName: 'Anna Kovács',
	email: 'anna@kovacs.hu',
	country: 'HU',
	cloud: 'public',
	delegatedAdminPrivileges: true,
	link: INVITATION_LINK,
	emailDraft: `Hello Anna,\n\n${INVITATION_LINK}\n`,
	status: 'sent',
	sentAt: AT,
	sentBy: 'gus',
	...meta(),
	...fields
});
/** @param {any} [fields] */
const gdap = (fields = {}) => ({
	id: 'g1',
	customerId: 'c1',
	displayName: 'Helpdesk for Kovács',
	displayNameLower: 'helpdesk for kovács',
	durationDays: 730,
	roleIds: [HELPDESK_ROLE],
	autoExtend: false,
	status: 'approval-pending',
	requestedAt: AT,
	requestedBy: 'gus',
	...meta(),
	...fields
});
/** @param {any} [fields] */
const settings = (fields = {}) => ({
	id: 'settings',
	partnerId: 'own',
	tenantId: '0b6c3f1e-7d2a-4b8e-9f10-2a3b4c5d6e7f',
	newCustomerInvitationTemplate: '',
	providerTenants: [],
	...meta(),
	...fields
});

/** @param {() => unknown} fn */
function throws(fn) {
	try {
		fn();
		return false;
	} catch {
		return true;
	}
}
/**
 * The `domain` of an accepting case whose document is the domain rule's own output (built when
 * this list is: the rule would have thrown there if it refused).
 */
const OWN_OUTPUT = () => undefined;

/**
 * What a rule's answer means: refused (true) or accepted (false). An answer is an error text or
 * undefined, a Validation, or a boolean (true: refused, as from `throws`).
 * @param {unknown} answer
 */
function refused(answer) {
	if (answer === undefined) return false;
	if (typeof answer === 'boolean' || typeof answer === 'string') return answer !== false;
	if (typeof answer === 'object' && answer !== null && 'ok' in answer) return !answer.ok;
	throw new Error(`Not a rule's answer: ${JSON.stringify(answer)}`);
}

const gdapRequest = (/** @type {any} */ fields = {}) => ({
	customerId: 'c1',
	displayName: 'Helpdesk for Kovács',
	durationDays: 730,
	roleIds: [HELPDESK_ROLE],
	autoExtend: false,
	...fields
});
/** The form input of Add new customer for `customer()`. @param {any} [fields] */
const customerDetails = (fields = {}) => {
	const c = customer();
	return {
		companyName: c.companyName,
		domainPrefix: c.domainPrefix,
		address: c.address,
		contact: c.contact,
		organisationRegistrationNumber: c.organisationRegistrationNumber,
		cloud: c.cloud,
		...fields
	};
};
const customerRules = { knownDomainPrefixes: [], partnerEmailDomains: [] };
const accepting = {
	acceptedBy: { name: 'Anna Kovács', email: 'anna@kovacs.hu', isGlobalAdmin: true },
	acceptedAt: LATER,
	mcaAccepted: true,
	mcaAcceptedBefore: false,
	recordedBy: 'gus',
	now: LATER
};
const approved = (/** @type {any} */ fields = {}) =>
	gdap({ status: 'active', approvedAt: LATER, endAt: daysAfter(730, LATER), ...fields });
const template =
	'https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId={resellerTenantId}&msppId={resellerMpnId}&indirectCSPId={providerTenantId}&DAP={dap}#/BillingAccounts/partner-invitation';

// ---------------------------------------------------------------------------------------------
// (b) The rules the server enforces too.

/**
 * @typedef {{ domain: () => unknown, collection: string, doc: any, old?: any }} Case
 *   `domain` returns the rule's answer (an error text, a Validation, or what `throws` says).
 * @typedef {{ rule: string, code: string, refuses: Case, accepts: Case, partly?: string }} ServerRule
 *   `partly`: what of the rule stays on the device, and why.
 */

/** @type {ServerRule[]} */
const SERVER_RULES = [
	{
		rule: 'customer/rules#companyNameError',
		code: 'company-name',
		partly:
			'only a legal form or one character 3 times in a row is checked on the device only: typing-mistake heuristics over Unicode classes (\\p{L}, \\p{Nd}) and a list of legal forms, not integrity; the server also counts any non-ASCII character as a letter',
		refuses: {
			domain: () => domain('customer/rules#companyNameError')('1234 / 56'),
			collection: 'customers',
			doc: customer({ companyName: '1234 / 56' })
		},
		accepts: {
			domain: () => domain('customer/rules#companyNameError')('Kovács és Társa Kft.'),
			collection: 'customers',
			doc: customer()
		}
	},
	{
		rule: 'customer/rules#domainPrefixError',
		code: 'domain-prefix',
		partly:
			'that the prefix is not taken needs every other customer document, which validate_doc_update cannot read',
		refuses: {
			domain: () => domain('customer/rules#domainPrefixError')('kovacs-tarsa'),
			collection: 'customers',
			doc: customer({ domainPrefix: 'kovacs-tarsa' })
		},
		accepts: {
			domain: () => domain('customer/rules#domainPrefixError')('kovacsestarsa'),
			collection: 'customers',
			doc: customer()
		}
	},
	{
		rule: 'customer/rules#phoneError',
		code: 'phone',
		refuses: {
			domain: () => domain('customer/rules#phoneError')('555-12'),
			collection: 'customers',
			doc: customer({ contact: { ...customer().contact, phone: '555-12' } })
		},
		accepts: {
			domain: () => domain('customer/rules#phoneError')('+36 1 555 0101'),
			collection: 'customers',
			doc: customer()
		}
	},
	{
		rule: 'customer/countries#isKnownCountry',
		code: 'country',
		refuses: {
			domain: () => (domain('customer/countries#isKnownCountry')('XX') ? undefined : 'unknown'),
			collection: 'customers',
			doc: customer({ address: { ...customer().address, country: 'XX' } })
		},
		accepts: {
			domain: () => (domain('customer/countries#isKnownCountry')('HU') ? undefined : 'unknown'),
			collection: 'invitations',
			doc: invitation()
		}
	},
	{
		rule: 'customer/rules#validateCustomerDetails',
		code: 'email',
		partly:
			"the contact's email outside the partner's own domains needs the partner documents; the postal code format, the state code, the placeholder names and the phone and registration number required in some countries are not on the server (see checkPostalCode, findStateCode, isPlaceholderName, requiresPhoneAndRegistration)",
		refuses: {
			domain: () =>
				domain('customer/rules#validateCustomerDetails')(
					customerDetails({ contact: { ...customer().contact, email: 'anna@kovacs' } }),
					customerRules
				),
			collection: 'customers',
			doc: customer({ contact: { ...customer().contact, email: 'anna@kovacs' } })
		},
		accepts: {
			domain: () =>
				domain('customer/rules#validateCustomerDetails')(customerDetails(), customerRules),
			collection: 'customers',
			doc: customer()
		}
	},
	{
		rule: 'partner/rules#isValidEmail',
		code: 'email',
		partly: 'the server takes any letter beyond ASCII in the top-level domain (no \\p{L} in ES5)',
		refuses: {
			domain: () =>
				domain('partner/rules#isValidEmail')('partners@tisza') ? undefined : 'invalid',
			collection: 'partners',
			doc: partner({ email: 'partners@tisza' })
		},
		accepts: {
			domain: () =>
				domain('partner/rules#isValidEmail')('partners@tisza.example') ? undefined : 'invalid',
			collection: 'partners',
			doc: partner()
		}
	},
	{
		rule: 'partner/rules#mpnIdError',
		code: 'mpn-id',
		partly: "an empty MPN ID is allowed in a stored partner ('empty until known', partnerSchema)",
		refuses: {
			domain: () => domain('partner/rules#mpnIdError')('61-23450'),
			collection: 'partners',
			doc: partner({ mpnId: '61-23450' })
		},
		accepts: {
			domain: () => domain('partner/rules#mpnIdError')('6789016'),
			collection: 'partners',
			doc: partner()
		}
	},
	{
		rule: 'partner/rules#validateResellerInvite',
		code: 'mpn-id',
		partly:
			'that the reseller has an MPN ID before a partnership is requested ties the partnership document to the partner document: two documents',
		refuses: {
			domain: () =>
				domain('partner/rules#validateResellerInvite')({
					name: 'Tisza Informatika Bt.',
					email: 'partners@tisza.example',
					mpnId: 'MPN6789016'
				}),
			collection: 'partners',
			doc: partner({ mpnId: 'MPN6789016' })
		},
		accepts: {
			domain: () =>
				domain('partner/rules#validateResellerInvite')({
					name: 'Tisza Informatika Bt.',
					email: 'partners@tisza.example',
					mpnId: '6789016'
				}),
			collection: 'partners',
			doc: partner()
		}
	},
	{
		rule: 'partnership/rules#acceptPartnership',
		code: 'partnership-acceptance',
		partly:
			"'not in the future' is checked against the device's clock only: an offline device records acceptances that reach the server later",
		refuses: {
			domain: () =>
				throws(() =>
					domain('partnership/rules#acceptPartnership')(partnership(), {
						acceptedAt: '2026-02-01T09:00:00.000Z',
						recordedBy: 'gus',
						now: LATER
					})
				) || undefined,
			collection: 'partnerships',
			doc: edit(partnership(), {
				status: 'active',
				acceptedAt: '2026-02-01T09:00:00.000Z',
				acceptedRecordedBy: 'gus'
			}),
			old: partnership()
		},
		accepts: {
			domain: () =>
				domain('partnership/rules#acceptPartnership')(partnership(), {
					acceptedAt: LATER,
					recordedBy: 'gus',
					now: LATER
				}) && undefined,
			collection: 'partnerships',
			doc: edit(
				domain('partnership/rules#acceptPartnership')(partnership(), {
					acceptedAt: LATER,
					recordedBy: 'gus',
					now: LATER
				}),
				{}
			),
			old: partnership()
		}
	},
	{
		rule: 'partnership/rules#acceptPartnership',
		code: 'partnership-removed',
		refuses: {
			domain: () =>
				throws(() =>
					domain('partnership/rules#acceptPartnership')(
						partnership({
							status: 'removed',
							removedBy: 'gus',
							removedAt: AT,
							removalAttested: true
						}),
						{ acceptedAt: LATER, recordedBy: 'gus', now: LATER }
					)
				) || undefined,
			collection: 'partnerships',
			doc: edit(
				partnership({ status: 'removed', removedBy: 'gus', removedAt: AT, removalAttested: true }),
				{ status: 'active', acceptedAt: LATER }
			),
			old: partnership({
				status: 'removed',
				removedBy: 'gus',
				removedAt: AT,
				removalAttested: true
			})
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'partnerships',
			doc: edit(
				domain('partnership/rules#acceptPartnership')(partnership(), {
					acceptedAt: LATER,
					recordedBy: 'gus',
					now: LATER
				}),
				{}
			),
			old: partnership()
		}
	},
	{
		rule: 'partnership/rules#removePartnership',
		code: 'attestation',
		refuses: {
			domain: () =>
				throws(() =>
					domain('partnership/rules#removePartnership')(partnership(), {
						removedBy: 'gus',
						removedAt: LATER,
						attested: false
					})
				) || undefined,
			collection: 'partnerships',
			doc: edit(partnership(), {
				status: 'removed',
				removedBy: 'gus',
				removedAt: LATER,
				removalAttested: false
			}),
			old: partnership()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'partnerships',
			doc: edit(
				domain('partnership/rules#removePartnership')(partnership(), {
					removedBy: 'gus',
					removedAt: LATER,
					attested: true
				}),
				{}
			),
			old: partnership()
		}
	},
	...['draftKeepsLink', 'validateEmailDraft', 'validatePartnershipDraft'].map(
		(name) =>
			/** @type {ServerRule} */ ({
				rule: `partnership/rules#${name}`,
				code: 'email-draft',
				refuses: {
					domain: () => {
						const answer = domain(`partnership/rules#${name}`)(
							`Please accept: ${LINK}abc`,
							LINK,
							'reseller'
						);
						return typeof answer === 'boolean' ? (answer ? undefined : 'no link') : answer;
					},
					collection: 'partnerships',
					doc: partnership({ emailDraft: `Please accept: ${LINK}abc` })
				},
				accepts: {
					domain: () => {
						const answer = domain(`partnership/rules#${name}`)(
							`Please accept:\n${LINK}\n`,
							LINK,
							'reseller'
						);
						return typeof answer === 'boolean' ? (answer ? undefined : 'no link') : answer;
					},
					collection: 'partnerships',
					doc: partnership()
				}
			})
	),
	{
		rule: 'reseller-relationship/rules#validateInvitationDraft',
		code: 'email-draft',
		refuses: {
			domain: () =>
				domain('reseller-relationship/rules#validateInvitationDraft')(
					'Hello Anna',
					INVITATION_LINK
				),
			collection: 'invitations',
			doc: invitation({ emailDraft: 'Hello Anna' })
		},
		accepts: {
			domain: () =>
				domain('reseller-relationship/rules#validateInvitationDraft')(
					invitation().emailDraft,
					INVITATION_LINK
				),
			collection: 'invitations',
			doc: invitation()
		}
	},
	{
		rule: 'reseller-relationship/rules#validateInvitationRecipient',
		code: 'email',
		partly: 'the company name has its own entry (companyNameError, code company-name)',
		refuses: {
			domain: () =>
				domain('reseller-relationship/rules#validateInvitationRecipient')({
					companyName: 'Kovács és Társa Kft.',
					contactName: 'Anna Kovács',
					email: 'anna kovacs@kovacs.hu'
				}),
			collection: 'invitations',
			doc: invitation({ email: 'anna kovacs@kovacs.hu' })
		},
		accepts: {
			domain: () =>
				domain('reseller-relationship/rules#validateInvitationRecipient')({
					companyName: 'Kovács és Társa Kft.',
					contactName: 'Anna Kovács',
					email: 'anna@kovacs.hu'
				}),
			collection: 'invitations',
			doc: invitation()
		}
	},
	...['mustKeepDelegatedAdminPrivileges', 'checkResellerRelationshipRequest'].map(
		(name) =>
			/** @type {ServerRule} */ ({
				rule: `reseller-relationship/rules#${name}`,
				code: 'us-government-dap',
				partly:
					name === 'checkResellerRelationshipRequest'
						? 'its country/region part is client-only (see countryError)'
						: undefined,
				refuses: {
					domain: () =>
						name === 'mustKeepDelegatedAdminPrivileges'
							? domain(`reseller-relationship/rules#${name}`)('us-government')
								? 'must keep'
								: undefined
							: domain(`reseller-relationship/rules#${name}`)({
									customer: { companyName: 'Kovács', country: 'HU', cloud: 'us-government' },
									partnerCountry: 'HU',
									delegatedAdminPrivileges: false
								}),
					collection: 'invitations',
					doc: invitation({ cloud: 'us-government', delegatedAdminPrivileges: false })
				},
				accepts: {
					domain: () =>
						name === 'mustKeepDelegatedAdminPrivileges'
							? domain(`reseller-relationship/rules#${name}`)('public')
								? 'must keep'
								: undefined
							: domain(`reseller-relationship/rules#${name}`)({
									customer: { companyName: 'Kovács', country: 'HU', cloud: 'public' },
									partnerCountry: 'HU',
									delegatedAdminPrivileges: false
								}),
					collection: 'invitations',
					doc: invitation({ cloud: 'public', delegatedAdminPrivileges: false })
				}
			})
	),
	{
		rule: 'reseller-relationship/removal#removeCustomerRelationship',
		code: 'customer-relationship-status',
		partly:
			'the Yes and the attestation are not in the customer document (the attestation goes to the activity entry, another document)',
		refuses: {
			domain: () =>
				throws(() =>
					domain('reseller-relationship/removal#removeCustomerRelationship')(
						customer({ resellerRelationship: 'invited' }),
						{ removedBy: 'gus', removedAt: LATER, confirmed: true, attested: true }
					)
				) || undefined,
			collection: 'customers',
			doc: edit(customer({ resellerRelationship: 'invited' }), { resellerRelationship: 'removed' }),
			old: customer({ resellerRelationship: 'invited' })
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'customers',
			doc: edit(
				domain('reseller-relationship/removal#removeCustomerRelationship')(customer(), {
					removedBy: 'gus',
					removedAt: LATER,
					confirmed: true,
					attested: true
				}).customer,
				{}
			),
			old: customer()
		}
	},
	{
		rule: 'reseller-relationship/removal#removeCustomerRelationship',
		code: 'dap-unchanged',
		refuses: {
			// The rule never touches delegated admin privileges: a removal that does is not its output.
			domain: () =>
				domain('reseller-relationship/removal#removeCustomerRelationship')(customer(), {
					removedBy: 'gus',
					removedAt: LATER,
					confirmed: true,
					attested: true
				}).customer.delegatedAdminPrivileges === false
					? undefined
					: 'keeps them',
			collection: 'customers',
			doc: edit(customer(), { resellerRelationship: 'removed', delegatedAdminPrivileges: false }),
			old: customer()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'customers',
			doc: edit(
				domain('reseller-relationship/removal#removeCustomerRelationship')(customer(), {
					removedBy: 'gus',
					removedAt: LATER,
					confirmed: true,
					attested: true
				}).customer,
				{}
			),
			old: customer()
		}
	},
	{
		rule: 'offer/catalog#findOffer',
		code: 'offer',
		refuses: {
			domain: () =>
				domain('offer/catalog#findOffer')(offerCatalog, 'm365-basic') ? undefined : 'unknown',
			collection: 'subscriptions',
			doc: subscription({ offerId: 'm365-basic' })
		},
		accepts: {
			domain: () =>
				domain('offer/catalog#findOffer')(offerCatalog, 'microsoft-365-business-basic')
					? undefined
					: 'unknown',
			collection: 'subscriptions',
			doc: subscription()
		}
	},
	{
		rule: 'subscription/rules#validateQuantity',
		code: 'quantity',
		refuses: {
			domain: () =>
				domain('subscription/rules#validateQuantity')(
					domain('offer/catalog#findOffer')(offerCatalog, 'microsoft-365-business-basic'),
					301
				),
			collection: 'subscriptions',
			doc: subscription({ quantity: 301 })
		},
		accepts: {
			domain: () =>
				domain('subscription/rules#validateQuantity')(
					domain('offer/catalog#findOffer')(offerCatalog, 'microsoft-365-business-basic'),
					300
				),
			collection: 'subscriptions',
			doc: subscription({ quantity: 300 })
		}
	},
	{
		rule: 'subscription/rules#validateSubscription',
		code: 'quantity',
		partly:
			'that the credited reseller and the designated support contact have an active partnership needs the partnership documents',
		refuses: {
			domain: () =>
				domain('subscription/rules#validateSubscription')(
					{ offerId: 'azure-plan', quantity: 2, resellerId: '', supportContactId: 'own' },
					{ offers: offerCatalog, activeResellerIds: [], providerId: 'own' }
				),
			collection: 'subscriptions',
			doc: subscription({ offerId: 'azure-plan', quantity: 2, resellerId: '' })
		},
		accepts: {
			domain: () =>
				domain('subscription/rules#validateSubscription')(
					{ offerId: 'azure-plan', quantity: 1, resellerId: '', supportContactId: 'own' },
					{ offers: offerCatalog, activeResellerIds: [], providerId: 'own' }
				),
			collection: 'subscriptions',
			doc: subscription({ offerId: 'azure-plan', quantity: 1, resellerId: '' })
		}
	},
	{
		rule: 'subscription/lifecycle#cancelSubscription',
		code: 'subscription-cancel-window',
		partly:
			"the server reads the window on its own clock from the term start the document names; that a renewal's term start is real is checked too (subscription-renewal)",
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#cancelSubscription')(subscription(), {
						now: daysAfter(8),
						by: 'gus'
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), { status: 'cancelled', cancelledAt: LATER, cancelledBy: 'gus' }),
			old: subscription()
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#cancelSubscription')(recentSubscription(), {
						now: new Date().toISOString(),
						by: 'gus'
					})
				),
			collection: 'subscriptions',
			doc: edit(recentSubscription(), { status: 'cancelled' }),
			old: recentSubscription()
		}
	},
	{
		rule: 'subscription/lifecycle#upgradeSubscription',
		code: 'subscription-offer-change',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#upgradeSubscription')(
						subscription({ offerId: 'microsoft-365-business-premium' }),
						{
							now: LATER,
							by: 'gus',
							offerId: 'microsoft-365-business-basic',
							catalog: offerCatalog
						}
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ offerId: 'microsoft-365-business-premium' }), {
				offerId: 'microsoft-365-business-basic'
			}),
			old: subscription({ offerId: 'microsoft-365-business-premium' })
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#upgradeSubscription')(subscription(), {
						now: LATER,
						by: 'gus',
						offerId: 'microsoft-365-business-standard',
						catalog: offerCatalog
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), { offerId: 'microsoft-365-business-standard' }),
			old: subscription()
		}
	},
	{
		rule: 'offer/upgrade-paths#isUpgradePath',
		code: 'subscription-offer-change',
		refuses: {
			domain: () =>
				domain('offer/upgrade-paths#isUpgradePath')(offerCatalog, 'power-bi-pro', 'visio-plan-2')
					? undefined
					: 'no path',
			collection: 'subscriptions',
			doc: edit(subscription({ offerId: 'power-bi-pro' }), { offerId: 'visio-plan-2' }),
			old: subscription({ offerId: 'power-bi-pro' })
		},
		accepts: {
			domain: () =>
				domain('offer/upgrade-paths#isUpgradePath')(
					offerCatalog,
					'office-365-e1',
					'microsoft-365-e5'
				)
					? undefined
					: 'no path',
			collection: 'subscriptions',
			doc: edit(subscription({ offerId: 'office-365-e1' }), { offerId: 'microsoft-365-e5' }),
			old: subscription({ offerId: 'office-365-e1' })
		}
	},
	{
		rule: 'subscription/lifecycle#reactivateSubscription',
		code: 'subscription-cancelled',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#reactivateSubscription')(
						subscription({ status: 'cancelled' }),
						{ now: LATER, by: 'gus' }
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ status: 'cancelled' }), { status: 'active' }),
			old: subscription({ status: 'cancelled' })
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#reactivateSubscription')(
						subscription({ status: 'suspended' }),
						{ now: LATER, by: 'gus' }
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ status: 'suspended' }), { status: 'active' }),
			old: subscription({ status: 'suspended' })
		}
	},
	{
		rule: 'subscription/lifecycle#changeLicences',
		code: 'quantity',
		partly:
			'the bounds of the offer; that a decrease falls in the cancellation window is checked on the device only (not on the server yet: issue 15)',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#changeLicences')(subscription(), {
						now: LATER,
						by: 'gus',
						quantity: 301,
						catalog: offerCatalog
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), { quantity: 301 }),
			old: subscription()
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#changeLicences')(subscription(), {
						now: LATER,
						by: 'gus',
						quantity: 15,
						catalog: offerCatalog
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), { quantity: 15 }),
			old: subscription()
		}
	},
	{
		rule: 'subscription/bulk-reseller-change#previewBulkResellerChange',
		code: 'subscription-cancelled',
		partly: 'the single-subscription checks it repeats have their entries above',
		refuses: {
			domain: () => {
				const preview = domain('subscription/bulk-reseller-change#previewBulkResellerChange')(
					[subscription({ status: 'cancelled' })],
					'reseller-2',
					{
						offers: offerCatalog,
						activeResellerIds: ['reseller-1', 'reseller-2'],
						providerId: 'own'
					}
				);
				return preview.ok && preview.value.counts.refuse === 1 ? 'refused' : undefined;
			},
			collection: 'subscriptions',
			doc: edit(subscription({ status: 'cancelled' }), { resellerId: 'reseller-2' }),
			old: subscription({ status: 'cancelled' })
		},
		accepts: {
			domain: () => {
				const preview = domain('subscription/bulk-reseller-change#previewBulkResellerChange')(
					[subscription()],
					'reseller-2',
					{
						offers: offerCatalog,
						activeResellerIds: ['reseller-1', 'reseller-2'],
						providerId: 'own'
					}
				);
				return preview.ok && preview.value.counts.change === 1 ? undefined : 'refused';
			},
			collection: 'subscriptions',
			doc: edit(subscription(), { resellerId: 'reseller-2' }),
			old: subscription()
		}
	},
	{
		rule: 'invitation/rules#acceptInvitation',
		code: 'invitation-expired',
		partly:
			"that the customer accepted the Microsoft Customer Agreement before (mcaAcceptedBefore) is in the customer document, not the invitation; 'not in the future' uses the device's clock",
		refuses: {
			domain: () =>
				throws(() =>
					domain('invitation/rules#acceptInvitation')(invitation(), {
						...accepting,
						acceptedAt: daysAfter(90),
						now: daysAfter(91)
					})
				) || undefined,
			collection: 'invitations',
			doc: edit(invitation(), {
				status: 'accepted',
				acceptedAt: daysAfter(90),
				acceptedBy: accepting.acceptedBy,
				mcaAccepted: true,
				acceptedRecordedBy: 'gus'
			}),
			old: invitation()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'invitations',
			doc: edit(
				domain('invitation/rules#acceptInvitation')(invitation(), {
					...accepting,
					acceptedAt: daysAfter(89),
					now: daysAfter(89)
				}),
				{}
			),
			old: invitation()
		}
	},
	{
		rule: 'invitation/rules#acceptInvitation',
		code: 'invitation-acceptance',
		refuses: {
			domain: () =>
				throws(() =>
					domain('invitation/rules#acceptInvitation')(invitation(), {
						...accepting,
						acceptedBy: { ...accepting.acceptedBy, name: ' ' }
					})
				) || undefined,
			collection: 'invitations',
			doc: edit(invitation(), {
				status: 'accepted',
				acceptedAt: LATER,
				acceptedBy: { ...accepting.acceptedBy, name: ' ' },
				mcaAccepted: true,
				acceptedRecordedBy: 'gus'
			}),
			old: invitation()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'invitations',
			doc: edit(domain('invitation/rules#acceptInvitation')(invitation(), accepting), {}),
			old: invitation()
		}
	},
	{
		rule: 'invitation/rules#acceptInvitation',
		code: 'invitation-global-admin',
		refuses: {
			domain: () =>
				throws(() =>
					domain('invitation/rules#acceptInvitation')(invitation(), {
						...accepting,
						acceptedBy: { ...accepting.acceptedBy, isGlobalAdmin: false }
					})
				) || undefined,
			collection: 'invitations',
			doc: edit(invitation(), {
				status: 'accepted',
				acceptedAt: LATER,
				acceptedBy: { ...accepting.acceptedBy, isGlobalAdmin: false },
				mcaAccepted: true,
				acceptedRecordedBy: 'gus'
			}),
			old: invitation()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'invitations',
			doc: edit(domain('invitation/rules#acceptInvitation')(invitation(), accepting), {}),
			old: invitation()
		}
	},
	{
		rule: 'invitation/rules#withdrawInvitation',
		code: 'invitation-withdrawal',
		refuses: {
			domain: () =>
				throws(() =>
					domain('invitation/rules#withdrawInvitation')(invitation(), {
						withdrawnBy: 'gus',
						withdrawnAt: '2026-02-01T09:00:00.000Z',
						now: LATER
					})
				) || undefined,
			collection: 'invitations',
			doc: edit(invitation(), {
				status: 'withdrawn',
				withdrawnAt: '2026-02-01T09:00:00.000Z',
				withdrawnBy: 'gus'
			}),
			old: invitation()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'invitations',
			doc: edit(
				domain('invitation/rules#withdrawInvitation')(invitation(), {
					withdrawnBy: 'gus',
					withdrawnAt: LATER,
					now: LATER
				}),
				{}
			),
			old: invitation()
		}
	},
	{
		rule: 'invitation/rules#withdrawInvitation',
		code: 'invitation-closed',
		refuses: {
			domain: () =>
				throws(() =>
					domain('invitation/rules#withdrawInvitation')(
						invitation({ status: 'withdrawn', withdrawnAt: LATER, withdrawnBy: 'gus' }),
						{ withdrawnBy: 'gus', withdrawnAt: LATER, now: LATER }
					)
				) || undefined,
			collection: 'invitations',
			doc: edit(invitation({ status: 'withdrawn', withdrawnAt: LATER, withdrawnBy: 'gus' }), {
				status: 'sent'
			}),
			old: invitation({ status: 'withdrawn', withdrawnAt: LATER, withdrawnBy: 'gus' })
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'invitations',
			doc: edit(
				domain('invitation/rules#withdrawInvitation')(invitation(), {
					withdrawnBy: 'gus',
					withdrawnAt: LATER,
					now: LATER
				}),
				{}
			),
			old: invitation()
		}
	},
	{
		rule: 'gdap/rules#displayNameError',
		code: 'gdap-display-name',
		partly:
			'that the name is unique among the organisation’s relationships needs the other GDAP documents',
		refuses: {
			domain: () => domain('gdap/rules#displayNameError')('Helpdesk\tfor Kovács'),
			collection: 'gdap',
			doc: gdap({ displayName: 'Helpdesk\tfor Kovács' })
		},
		accepts: {
			domain: () => domain('gdap/rules#displayNameError')('Helpdesk for Kovács'),
			collection: 'gdap',
			doc: gdap()
		}
	},
	{
		rule: 'gdap/rules#durationError',
		code: 'gdap-duration',
		refuses: {
			domain: () => domain('gdap/rules#durationError')(731),
			collection: 'gdap',
			doc: gdap({ durationDays: 731 })
		},
		accepts: {
			domain: () => domain('gdap/rules#durationError')(730),
			collection: 'gdap',
			doc: gdap()
		}
	},
	{
		rule: 'gdap/roles#findEntraRole',
		code: 'gdap-roles',
		refuses: {
			domain: () =>
				domain('gdap/roles#findEntraRole')('00000000-1111-2222-3333-444444444444')
					? undefined
					: 'unknown',
			collection: 'gdap',
			doc: gdap({ roleIds: ['00000000-1111-2222-3333-444444444444'] })
		},
		accepts: {
			domain: () => (domain('gdap/roles#findEntraRole')(HELPDESK_ROLE) ? undefined : 'unknown'),
			collection: 'gdap',
			doc: gdap()
		}
	},
	{
		rule: 'gdap/rules#validateGdapRequest',
		code: 'gdap-roles',
		partly: 'the display name and duration parts have their own entries',
		refuses: {
			domain: () =>
				domain('gdap/rules#validateGdapRequest')(gdapRequest({ roleIds: [] }), {
					existingDisplayNames: []
				}),
			collection: 'gdap',
			doc: gdap({ roleIds: [] })
		},
		accepts: {
			domain: () =>
				domain('gdap/rules#validateGdapRequest')(gdapRequest(), { existingDisplayNames: [] }),
			collection: 'gdap',
			doc: gdap()
		}
	},
	...['hasGlobalAdministrator', 'validateGdapRequest'].map(
		(name) =>
			/** @type {ServerRule} */ ({
				rule: `gdap/rules#${name}`,
				code: 'gdap-auto-extend-global-admin',
				refuses: {
					domain: () =>
						name === 'hasGlobalAdministrator'
							? domain(`gdap/rules#${name}`)([GLOBAL_ADMINISTRATOR_ROLE_ID])
								? 'global admin'
								: undefined
							: domain(`gdap/rules#${name}`)(
									gdapRequest({ roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID], autoExtend: true }),
									{ existingDisplayNames: [] }
								),
					collection: 'gdap',
					doc: gdap({ roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID], autoExtend: true })
				},
				accepts: {
					domain: () =>
						name === 'hasGlobalAdministrator'
							? domain(`gdap/rules#${name}`)([HELPDESK_ROLE])
								? 'global admin'
								: undefined
							: domain(`gdap/rules#${name}`)(gdapRequest({ autoExtend: true }), {
									existingDisplayNames: []
								}),
					collection: 'gdap',
					doc: gdap({ autoExtend: true })
				}
			})
	),
	{
		rule: 'gdap/rules#setGdapAutoExtend',
		code: 'gdap-auto-extend-global-admin',
		partly:
			"that an expired relationship's auto-extend does not change depends on the time of the change (the device's clock)",
		refuses: {
			domain: () =>
				throws(() =>
					domain('gdap/rules#setGdapAutoExtend')(
						approved({ roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID] }),
						{
							autoExtend: true,
							now: daysAfter(10)
						}
					)
				) || undefined,
			collection: 'gdap',
			doc: edit(approved({ roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID] }), { autoExtend: true }),
			old: approved({ roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID] })
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'gdap',
			doc: edit(
				domain('gdap/rules#setGdapAutoExtend')(approved(), {
					autoExtend: true,
					now: daysAfter(10)
				}),
				{}
			),
			old: approved()
		}
	},
	{
		rule: 'gdap/rules#setGdapAutoExtend',
		code: 'gdap-terminated',
		refuses: {
			domain: () =>
				throws(() =>
					domain('gdap/rules#setGdapAutoExtend')(
						approved({ status: 'terminated', terminatedAt: daysAfter(5), terminatedBy: 'gus' }),
						{ autoExtend: true, now: daysAfter(10) }
					)
				) || undefined,
			collection: 'gdap',
			doc: edit(
				approved({ status: 'terminated', terminatedAt: daysAfter(5), terminatedBy: 'gus' }),
				{
					autoExtend: true
				}
			),
			old: approved({ status: 'terminated', terminatedAt: daysAfter(5), terminatedBy: 'gus' })
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'gdap',
			doc: edit(
				domain('gdap/rules#setGdapAutoExtend')(approved(), {
					autoExtend: true,
					now: daysAfter(10)
				}),
				{}
			),
			old: approved()
		}
	},
	{
		rule: 'gdap/rules#approveGdap',
		code: 'gdap-status',
		partly: "'not in the future' uses the device's clock",
		refuses: {
			domain: () =>
				throws(() =>
					domain('gdap/rules#approveGdap')(gdap(), {
						approvedAt: '2026-02-01T09:00:00.000Z',
						now: LATER
					})
				) || undefined,
			collection: 'gdap',
			doc: edit(gdap(), {
				status: 'active',
				approvedAt: '2026-02-01T09:00:00.000Z',
				endAt: daysAfter(730, '2026-02-01T09:00:00.000Z')
			}),
			old: gdap()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'gdap',
			doc: edit(domain('gdap/rules#approveGdap')(gdap(), { approvedAt: LATER, now: LATER }), {}),
			old: gdap()
		}
	},
	{
		rule: 'gdap/rules#terminateGdap',
		code: 'gdap-termination',
		partly: "'not in the future' uses the device's clock",
		refuses: {
			domain: () =>
				throws(() =>
					domain('gdap/rules#terminateGdap')(
						approved({ durationDays: 30, endAt: daysAfter(30, LATER) }),
						{
							terminatedBy: 'gus',
							terminatedAt: daysAfter(40),
							now: daysAfter(40)
						}
					)
				) || undefined,
			collection: 'gdap',
			doc: edit(approved({ durationDays: 30, endAt: daysAfter(30, LATER) }), {
				status: 'terminated',
				terminatedAt: daysAfter(40),
				terminatedBy: 'gus'
			}),
			old: approved({ durationDays: 30, endAt: daysAfter(30, LATER) })
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'gdap',
			doc: edit(
				domain('gdap/rules#terminateGdap')(approved(), {
					terminatedBy: 'gus',
					terminatedAt: daysAfter(40),
					now: daysAfter(40)
				}),
				{}
			),
			old: approved()
		}
	},
	...['isTenantId', 'tenantIdError'].map(
		(name) =>
			/** @type {ServerRule} */ ({
				rule: `organisation-settings/rules#${name}`,
				code: 'tenant-id',
				refuses: {
					domain: () => {
						const answer = domain(`organisation-settings/rules#${name}`)(
							'00000000-0000-0000-0000-000000000000'
						);
						return typeof answer === 'boolean' ? (answer ? undefined : 'invalid') : answer;
					},
					collection: 'settings',
					doc: settings({ tenantId: '00000000-0000-0000-0000-000000000000' })
				},
				accepts: {
					domain: () => {
						const answer = domain(`organisation-settings/rules#${name}`)(settings().tenantId);
						return typeof answer === 'boolean' ? (answer ? undefined : 'invalid') : answer;
					},
					collection: 'settings',
					doc: settings()
				}
			})
	),
	{
		rule: 'organisation-settings/rules#validateOrganisationSettings',
		code: 'tenant-id',
		partly: "the own tenant ID is required by the form, while a stored one is '' until entered",
		refuses: {
			domain: () =>
				domain('organisation-settings/rules#validateOrganisationSettings')({
					tenantId: settings().tenantId,
					newCustomerInvitationTemplate: '',
					providerTenants: [{ providerId: 'provider-1', tenantId: '1234' }]
				}),
			collection: 'settings',
			doc: settings({ providerTenants: [{ providerId: 'provider-1', tenantId: '1234' }] })
		},
		accepts: {
			domain: () =>
				domain('organisation-settings/rules#validateOrganisationSettings')({
					tenantId: settings().tenantId,
					newCustomerInvitationTemplate: '',
					providerTenants: [
						{ providerId: 'provider-1', tenantId: '22222222-2222-4222-8222-222222222222' }
					]
				}),
			collection: 'settings',
			doc: settings({
				providerTenants: [
					{ providerId: 'provider-1', tenantId: '22222222-2222-4222-8222-222222222222' }
				]
			})
		}
	},
	{
		rule: 'organisation-settings/rules#invitationTemplateError',
		code: 'invitation-template',
		partly: 'the https address is checked with a pattern on the server (no URL parser in couchjs)',
		refuses: {
			domain: () =>
				domain('organisation-settings/rules#invitationTemplateError')(
					template.replace('{dap}', 'true')
				),
			collection: 'settings',
			doc: settings({ newCustomerInvitationTemplate: template.replace('{dap}', 'true') })
		},
		accepts: {
			domain: () => domain('organisation-settings/rules#invitationTemplateError')(template),
			collection: 'settings',
			doc: settings({ newCustomerInvitationTemplate: template })
		}
	}
];

// ---------------------------------------------------------------------------------------------
// Rules that stay on the device, with the reason.

const OTHER_DOCUMENTS = 'needs other documents, which validate_doc_update cannot read';
const USERS_API =
	'enforced by the users API (server/api/user-rules.js, tied to this rule case for case by server/api/user-rules.test.js), not by validate_doc_update: users live in _users, which only the server writes';

/** @type {Record<string, string>} */
const CLIENT_ONLY = {
	'reseller-relationship/rules#countryError':
		"the invitation carries the customer's country/region but not the partner's: that is in the own organisation's partner document. Enforcing it needs the relationship service of issue 12 (or a server-side lookup of the partner); a partner country copied into the invitation would only be the device's word",
	'reseller-relationship/rules#canRequestResellerRelationship': `${OTHER_DOCUMENTS} (the customer and its open invitations)`,
	'reseller-relationship/rules#canInviteWithProvider': `${OTHER_DOCUMENTS} (the partnership with the provider)`,
	'reseller-relationship/rules#newCustomerInvitationLink':
		'builds the link from the settings and partner documents; the invitation stores only the result (its draft must keep it: email-draft)',
	'partnership/rules#canRequestPartnership': `${OTHER_DOCUMENTS} (the other partnerships with the reseller)`,
	'partnership/rules#canAddCustomerForReseller': `${OTHER_DOCUMENTS} (the reseller's partnerships, for a customer document)`,
	'invitation/rules#customerAfterAcceptance':
		'changes the customer document from the accepted invitation: two documents, and validate_doc_update sees one',
	'organisation-settings/rules#fillInvitationTemplate':
		'fills the template with tenant and MPN IDs from the settings and partner documents; only the result is stored, in the invitation',
	'customer/rules#requiresPhoneAndRegistration':
		'Microsoft asks for them when a customer is created with Add new customer; a customer recorded from an accepted invitation (customerFromInvitation) has neither, so a stored customer may lack them',
	'customer/legal-forms#isOnlyLegalForm':
		'a typing-mistake heuristic of companyNameError (a list of legal forms in many languages, matched with Unicode case folding), not integrity',
	'customer/names#isPlaceholderName':
		'a heuristic of the contact form (names such as Test or N/A), not integrity',
	'customer/postal-codes#checkPostalCode':
		'not on the server yet: per-country patterns over a normalised value (upper case, single spaces); the table could go into config like the offers',
	'customer/states#findStateCode':
		'not on the server yet: the state lists of the countries that need one; they could go into config like the countries',
	'subscription/lifecycle#suspendSubscription':
		'not on the server yet (issue 15): its reason and note; the server checks that only Global admins and Admin agents change the status (manageSubscriptionLifecycle)',
	'subscription/lifecycle#setAutoRenew':
		'not on the server yet (issue 15): auto-renew of a suspended or ended subscription; the field itself is checked as a boolean',
	'subscription/lifecycle#scheduleChanges':
		'not on the server yet (issue 15): the scheduled quantity, term, billing and offer against the catalog; they take effect only at a renewal, whose offer change the server checks (subscription-offer-change)',
	'subscription/lifecycle#cancelScheduledChanges':
		'not on the server yet (issue 15): that there were scheduled changes to cancel; removing them changes nothing else',
	'subscription/lifecycle#billingFitsTerm':
		'not on the server yet (issue 15): the billing frequency that goes with the term, as scheduleChanges uses it',
	'user/rules#checkUserChange': USERS_API,
	'user/rules#userNameProblem': USERS_API,
	'user/rules#newUserErrors': USERS_API,
	'user/rules#passwordProblem': USERS_API
};

/** Exports that decide nothing about a stored document: formatters, builders, derived views. */
const HELPERS = {
	'conflict/losers': ['conflictId', 'deriveLostValues'],
	'customer/countries': ['countryName'],
	'customer/password': ['generateTemporaryPassword'],
	'customer/postal-codes': ['postalCodeRuleFor'],
	'customer/rules': ['domainName', 'adminUserName'],
	'customer/states': ['statesFor', 'stateLabel'],
	'gdap/role-groups': ['searchEntraRoles'],
	'gdap/roles': ['roleNames'],
	'gdap/rules': [
		'newGdapRelationship',
		'effectiveEndAt',
		'effectiveGdapStatus',
		'gdapDaysLeft',
		'gdapEndDate',
		'sortGdapByEndDate',
		'gdapExpiringSoon'
	],
	'invitation/new-customer': ['splitContactName', 'customerFromInvitation'],
	'invitation/rules': [
		'acceptancePortal',
		'whereToAcceptText',
		'invitationExpiresAt',
		'effectiveInvitationStatus',
		'isInvitationOpen',
		'invitationAgeDays',
		'invitationDaysLeft',
		'invitationAgeGroup',
		'countInvitationsByStatus'
	],
	'organisation-settings/rules': ['normaliseTenantId', 'placeholdersIn', 'providerTenantIdOf'],
	'overview/aggregate': [
		'sortByValue',
		'splitTop',
		'latestPartnerships',
		'customersPerReseller',
		'licencesPerOffer',
		'invitationsByStateAndAge',
		'partnershipsByState',
		'gdapOverview',
		'resellerCustomers',
		'resellerLicencesPerOffer',
		'customersByAdminAccess'
	],
	'partner/rules': ['emailDomain'],
	'partnership/latest': ['activePartnershipOf', 'latestPartnershipOf'],
	'partnership/rules': [
		'createInvitationToken',
		'invitationLink',
		'draftPartnershipEmail',
		'mailtoHref'
	],
	'refusal/schema': ['refusalId'],
	'reseller-relationship/removal': [
		'removeCustomerRelationshipQuestion',
		'isOnResellerCustomersList'
	],
	'reseller-relationship/rules': [
		'resellerRelationshipLink',
		'draftResellerRelationshipEmail',
		'draftNewCustomerInvitationEmail'
	],
	'sent-version/schema': ['sentVersionId'],
	'offer/upgrade-paths': ['upgradeTargets'],
	'shared/canonical': ['canonicalJson'],
	'shared/dates': ['parseIsoTimestamp', 'isIsoTimestamp', 'requireTimestamp', 'addDays', 'nowIso'],
	'shared/merge': ['jsonEqual', 'applyChanges'],
	'shared/result': ['valid', 'invalid', 'DomainError'],
	'shared/text': ['escapeRegExp', 'msg'],
	'subscription/lifecycle': [
		'renewsAutomatically',
		'subscriptionAt',
		'cancellationWindow',
		'midTermChangeDeletesScheduled',
		'coTermEndDates',
		'renewalsWithin'
	],
	'subscription/bulk-reseller-change': ['applyBulkResellerChange', 'resellerLabel'],
	'subscription/licences': ['licencesPerOffer'],
	'subscription/rules': ['termEndDate']
};

describe('(b) every domain rule that protects replicated data has its server counterpart', () => {
	it.each(SERVER_RULES.map((entry) => [`${entry.rule} → ${entry.code}`, entry]))(
		'%s',
		(_, /** @type {any} */ entry) => {
			const { refuses, accepts, code } = /** @type {ServerRule} */ (entry);
			expect(refused(refuses.domain()), 'the domain rule refuses').toBe(true);
			expect(serverVerdict(refuses.collection, refuses.doc, refuses.old)).toBe(code);
			expect(refused(accepts.domain()), 'the domain rule accepts').toBe(false);
			expect(serverVerdict(accepts.collection, accepts.doc, accepts.old)).toBe('ok');
		}
	);

	it('says why each client-only rule stays on the device', () => {
		for (const [rule, reason] of Object.entries(CLIENT_ONLY)) {
			expect(typeof domain(rule), rule).toBe('function');
			expect(reason.length, rule).toBeGreaterThan(40);
			expect(
				SERVER_RULES.some((entry) => entry.rule === rule),
				rule
			).toBe(false);
		}
	});
});

describe('(c) every exported domain function is placed', () => {
	/** @type {Map<unknown, string[]>} */
	const placed = new Map();
	/** @param {string} ref @param {string} where */
	const place = (ref, where) => {
		const fn = domain(ref);
		placed.set(fn, [...(placed.get(fn) ?? []), `${ref} (${where})`]);
	};
	for (const entry of SERVER_RULES) place(entry.rule, `server: ${entry.code}`);
	for (const rule of Object.keys(CLIENT_ONLY)) place(rule, 'client-only');
	for (const [path, names] of Object.entries(HELPERS)) {
		for (const name of names) place(`${path}#${name}`, 'helper');
	}

	it('finds the domain modules', () => {
		expect(Object.keys(modules).length).toBeGreaterThan(40);
		expect(modules['gdap/rules']).toBeDefined();
	});

	it('has no export of src/lib/domain in neither list', () => {
		const unplaced = [];
		for (const [path, module] of Object.entries(modules)) {
			for (const [name, value] of Object.entries(module)) {
				if (typeof value === 'function' && !placed.has(value)) unplaced.push(`${path}#${name}`);
			}
		}
		expect(
			unplaced,
			'Put each new exported function in SERVER_RULES (with a case), CLIENT_ONLY (with the reason) or HELPERS'
		).toEqual([]);
	});

	it('places a helper nowhere else', () => {
		for (const [fn, where] of placed) {
			const kinds = new Set(where.map((w) => (w.endsWith('(helper)') ? 'helper' : 'rule')));
			expect(kinds.size, `${String(/** @type {any} */ (fn).name)}: ${where.join(', ')}`).toBe(1);
		}
	});
});

describe('(d) the server’s copy of the static domain data', () => {
	it('has the offer catalog’s licence bounds', () => {
		expect(RULE_DATA.offers).toEqual(
			Object.fromEntries(
				offerCatalog.map((offer) => [offer.id, [offer.name, offer.minQuantity, offer.maxQuantity]])
			)
		);
	});

	it('has the Microsoft Entra roles and the countries/regions', () => {
		expect([...RULE_DATA.entraRoleIds].sort()).toEqual(entraRoles.map((role) => role.id).sort());
		expect(RULE_DATA.globalAdministratorRoleId).toBe(GLOBAL_ADMINISTRATOR_ROLE_ID);
		expect(RULE_DATA.countries.split(' ')).toEqual(countries.map((country) => country.code));
	});

	it('has the limits', () => {
		expect(RULE_DATA).toMatchObject({
			invitationValidityDays: INVITATION_VALIDITY_DAYS,
			gdapDisplayNameMaxLength: GDAP_DISPLAY_NAME_MAX_LENGTH,
			gdapMinDurationDays: GDAP_MIN_DURATION_DAYS,
			gdapMaxDurationDays: GDAP_MAX_DURATION_DAYS,
			emailDraftMaxLength: EMAIL_DRAFT_MAX_LENGTH,
			invitationTemplateMaxLength: INVITATION_TEMPLATE_MAX_LENGTH,
			invitationPlaceholders: [...INVITATION_PLACEHOLDERS]
		});
	});
});
