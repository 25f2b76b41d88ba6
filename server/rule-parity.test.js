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
//       equals the domain's;
//   (e) a rule that needs other documents of one database (uniqueness) is tied to the gateway's
//       check (server/unique-rules.js) the same way: a write over stored documents that the
//       domain rule refuses and the check refuses with that code, and one both accept.
import { describe, expect, it } from 'vitest';
import { table as clientPermissions } from '../src/lib/app/permissions';
import { countries } from '../src/lib/domain/customer/countries';
import {
	POSTAL_CODE_MAX_LENGTH,
	postalCodePatterns
} from '../src/lib/domain/customer/postal-codes';
import {
	STATE_MAX_LENGTH,
	countriesRequiringPhoneAndRegistration
} from '../src/lib/domain/customer/rules';
import { statesFor } from '../src/lib/domain/customer/states';
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
import { SUSPENSION_NOTE_MAX } from '../src/lib/domain/subscription/lifecycle';
import { suspensionReasons } from '../src/lib/domain/subscription/schema';
import { findInactivePartnerships, partnershipActivityKeys } from './relation-rules.js';
import { INVITATION_OPEN_DAYS, findTakenKeys, uniqueViewSource } from './unique-rules.js';
import {
	PERMISSIONS,
	PHONE_AND_REGISTRATION_COUNTRIES,
	RULE_DATA,
	parseRefusal,
	validateDocUpdateSource
} from './validation.js';

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
	manageSubscriptionLifecycle: ['manageSubscriptionLifecycle'],
	answerPartnershipRequest: ['answerPartnershipRequest']
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
/** The organisation's country/region, as its record on the server has it. */
const ORG_COUNTRY = 'HU';
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
		const source = validateDocUpdateSource(ORG, /** @type {any} */ (collection), {
			country: ORG_COUNTRY
		});
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
/** The relationship service's copy of a provider's request, on the reseller's side. @param {any} [fields] */
const sharedRequest = (fields = {}) =>
	partnership({
		id: 'rel-0123456789abcdef0123456789abcdef',
		requestedBy: 'provider-user',
		invitationToken: 'shared-rel-0123456789abcdef0123456789abcdef',
		invitationLink: '',
		emailDraft: '',
		...meta('relationship-service'),
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
/**
 * A term that has not ended on the server's real clock, however late these tests run (the
 * server refuses most changes of a term that ended without renewing: subscription-ended).
 */
const NOT_ENDED = { endDate: daysAfter(36_500) };
/** A first term (co-termed) that ended on 2026-09-17, before these tests were written. */
const ENDED = { endDate: daysAfter(200) };
/** Changes scheduled for the renewal of `subscription()`. */
const SCHEDULED = { quantity: 3, scheduledAt: LATER, scheduledBy: 'gus' };
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
			'that the prefix is not taken needs every other customer document: the gateway checks it (GATEWAY_RULES, domain-prefix-taken)',
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
		rule: 'reseller-relationship/rules#countryError',
		code: 'reseller-relationship-country',
		refuses: {
			domain: () => domain('reseller-relationship/rules#countryError')('AT', ORG_COUNTRY, 'Kovács'),
			collection: 'invitations',
			doc: invitation({ country: 'AT' })
		},
		accepts: {
			domain: () => domain('reseller-relationship/rules#countryError')('HU', ORG_COUNTRY, 'Kovács'),
			collection: 'invitations',
			doc: invitation()
		}
	},
	{
		rule: 'customer/postal-codes#checkPostalCode',
		code: 'postal-code',
		partly:
			"an empty postal code is accepted where the country needs one: a customer recorded from an accepted invitation has none until its address is completed (customerFromInvitation); the formatting (the country's separator) is the device's",
		refuses: {
			domain: () => domain('customer/postal-codes#checkPostalCode')('HU', '10115'),
			collection: 'customers',
			doc: customer({ address: { ...customer().address, postalCode: '10115' } })
		},
		accepts: {
			domain: () => domain('customer/postal-codes#checkPostalCode')('PL', '00-950'),
			collection: 'customers',
			doc: customer({ address: { ...customer().address, country: 'PL', postalCode: '00-950' } })
		}
	},
	{
		rule: 'customer/states#findStateCode',
		code: 'state',
		partly:
			'the server takes the code only, as validateCustomerDetails stores it (not the English name), and an empty state (a customer recorded from an accepted invitation)',
		refuses: {
			domain: () => (domain('customer/states#findStateCode')('US', 'XX') ? undefined : 'unknown'),
			collection: 'customers',
			doc: customer({
				address: { ...customer().address, country: 'US', postalCode: '98052', state: 'XX' }
			})
		},
		accepts: {
			domain: () => (domain('customer/states#findStateCode')('US', 'WA') ? undefined : 'unknown'),
			collection: 'customers',
			doc: customer({
				address: { ...customer().address, country: 'US', postalCode: '98052', state: 'WA' }
			})
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
			"the contact's email outside the partners' own domains stays on the device: a data-entry check against the partner documents, and refused on the server it would drop a whole customer added offline while another device added a partner with that domain; the placeholder names are not on the server (see isPlaceholderName); the postal code, state, phone and registration number are (see checkPostalCode, findStateCode, the entries below)",
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
		rule: 'customer/rules#validateCustomerDetails',
		code: 'phone-required',
		partly:
			'a customer recorded from an accepted invitation has no street address, phone or registration number until the staff complete it (customerFromInvitation): the server holds a customer to it once the street address is filled in, when it is created or its details change',
		refuses: {
			domain: () =>
				domain('customer/rules#validateCustomerDetails')(
					customerDetails({ contact: { ...customer().contact, phone: '' } }),
					customerRules
				),
			collection: 'customers',
			doc: customer({ contact: { ...customer().contact, phone: '' } })
		},
		accepts: {
			domain: () =>
				domain('customer/rules#validateCustomerDetails')(
					customerDetails({
						address: { ...customer().address, country: 'DE', postalCode: '10115' },
						contact: { ...customer().contact, phone: '' }
					}),
					customerRules
				),
			collection: 'customers',
			doc: customer({
				address: { ...customer().address, country: 'DE', postalCode: '10115' },
				contact: { ...customer().contact, phone: '' }
			})
		}
	},
	{
		rule: 'customer/rules#validateCustomerDetails',
		code: 'registration-required',
		partly: 'as for the phone number (phone-required)',
		refuses: {
			domain: () =>
				domain('customer/rules#validateCustomerDetails')(
					customerDetails({ organisationRegistrationNumber: '' }),
					customerRules
				),
			collection: 'customers',
			doc: customer({ organisationRegistrationNumber: '' })
		},
		accepts: {
			domain: () =>
				domain('customer/rules#validateCustomerDetails')(customerDetails(), customerRules),
			collection: 'customers',
			doc: customer()
		}
	},
	{
		rule: 'customer/rules#requiresPhoneAndRegistration',
		code: 'phone-required',
		partly: 'as for validateCustomerDetails (phone-required)',
		refuses: {
			domain: () => domain('customer/rules#requiresPhoneAndRegistration')('HU'),
			collection: 'customers',
			doc: customer({ contact: { ...customer().contact, phone: '' } })
		},
		accepts: {
			domain: () => domain('customer/rules#requiresPhoneAndRegistration')('DE'),
			collection: 'customers',
			doc: customer({
				address: { ...customer().address, country: 'DE', postalCode: '10115' },
				contact: { ...customer().contact, phone: '' },
				organisationRegistrationNumber: ''
			})
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
	// Issue 12 (rel12b): a reseller answers a provider's request shared with it.
	{
		rule: 'partnership/rules#answerPartnershipRequest',
		code: 'shared-copy-answered',
		refuses: {
			domain: () =>
				throws(() =>
					domain('partnership/rules#answerPartnershipRequest')(
						sharedRequest({ status: 'active', acceptedAt: AT, acceptedRecordedBy: 'gus' }),
						{ answer: 'decline', at: LATER, by: 'gus' }
					)
				),
			collection: 'partnerships',
			doc: edit(sharedRequest({ status: 'active', acceptedAt: AT, acceptedRecordedBy: 'gus' }), {
				status: 'removed',
				removedAt: LATER,
				removedBy: 'gus',
				removalAttested: false
			}),
			old: sharedRequest({ status: 'active', acceptedAt: AT, acceptedRecordedBy: 'gus' })
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'partnerships',
			doc: edit(
				domain('partnership/rules#answerPartnershipRequest')(sharedRequest(), {
					answer: 'decline',
					at: LATER,
					by: 'gus'
				}),
				{}
			),
			old: sharedRequest()
		}
	},
	{
		rule: 'partnership/rules#answerPartnershipRequest',
		code: 'partnership-acceptance',
		refuses: {
			domain: () =>
				throws(() =>
					domain('partnership/rules#answerPartnershipRequest')(sharedRequest(), {
						answer: 'accept',
						at: '2026-02-01T09:00:00.000Z',
						by: 'gus'
					})
				),
			collection: 'partnerships',
			doc: edit(sharedRequest(), {
				status: 'active',
				acceptedAt: '2026-02-01T09:00:00.000Z',
				acceptedRecordedBy: 'gus'
			}),
			old: sharedRequest()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'partnerships',
			doc: edit(
				domain('partnership/rules#answerPartnershipRequest')(sharedRequest(), {
					answer: 'accept',
					at: LATER,
					by: 'gus'
				}),
				{}
			),
			old: sharedRequest()
		}
	},
	// Issue 12: the reseller removes an active partnership shared with it.
	{
		rule: 'partnership/rules#removeSharedPartnership',
		code: 'shared-copy',
		refuses: {
			domain: () =>
				throws(() =>
					domain('partnership/rules#removeSharedPartnership')(sharedRequest(), {
						removedBy: 'gus',
						removedAt: LATER,
						attested: true
					})
				),
			collection: 'partnerships',
			doc: edit(sharedRequest(), {
				status: 'removed',
				removedAt: LATER,
				removedBy: 'gus',
				removalAttested: true
			}),
			old: sharedRequest()
		},
		accepts: {
			domain: OWN_OUTPUT,
			collection: 'partnerships',
			doc: edit(
				domain('partnership/rules#removeSharedPartnership')(
					sharedRequest({ status: 'active', acceptedAt: AT, acceptedRecordedBy: 'gus' }),
					{ removedBy: 'gus', removedAt: LATER, attested: true }
				),
				{}
			),
			old: sharedRequest({ status: 'active', acceptedAt: AT, acceptedRecordedBy: 'gus' })
		}
	},
	// Issue 12: a shared customer or subscription is changed by its owner only.
	{
		rule: 'shared/ownership#assertOwnRecord',
		code: 'shared-copy',
		refuses: {
			domain: () =>
				throws(() =>
					domain('shared/ownership#assertOwnRecord')('customers', {
						id: 'rel-0123456789abcdef0123456789abcdef-0123456789abcdef0123456789a'
					})
				),
			collection: 'customers',
			doc: edit(
				customer({ id: 'rel-0123456789abcdef0123456789abcdef-0123456789abcdef0123456789a' }),
				{
					companyName: 'Taken over Kft.'
				}
			),
			old: customer({ id: 'rel-0123456789abcdef0123456789abcdef-0123456789abcdef0123456789a' })
		},
		accepts: {
			domain: () =>
				throws(() => domain('shared/ownership#assertOwnRecord')('customers', { id: 'c1' })),
			collection: 'customers',
			doc: edit(customer(), {
				companyName: 'Kovács és Társa Zrt.',
				nameLower: 'kovács és társa zrt.'
			}),
			old: customer()
		}
	},
	{
		rule: 'shared/ownership#assertOwnCustomerForSubscription',
		code: 'shared-customer',
		refuses: {
			domain: () =>
				throws(() =>
					domain('shared/ownership#assertOwnCustomerForSubscription')(
						'rel-0123456789abcdef0123456789abcdef-0123456789abcdef0123456789a'
					)
				),
			collection: 'subscriptions',
			doc: subscription({
				customerId: 'rel-0123456789abcdef0123456789abcdef-0123456789abcdef0123456789a'
			})
		},
		accepts: {
			domain: () => throws(() => domain('shared/ownership#assertOwnCustomerForSubscription')('c1')),
			collection: 'subscriptions',
			doc: subscription()
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
						? 'its country/region part is the server rule reseller-relationship-country (see countryError)'
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
			doc: subscription({
				offerId: 'azure-plan',
				quantity: 1,
				resellerId: '',
				termDuration: 'none',
				endDate: undefined
			})
		}
	},
	{
		rule: 'subscription/lifecycle#newSubscriptionTerm',
		code: 'subscription-term',
		partly:
			"that a co-term date is the end of another of the customer's subscriptions needs those documents; the server checks that the first term ends a full term after its start or earlier, after the cancellation window",
		refuses: {
			domain: () =>
				domain('subscription/lifecycle#newSubscriptionTerm')({
					offer: offerCatalog.find((o) => o.id === 'microsoft-365-business-basic'),
					choice: { termDuration: 'P1Y', billingCycle: 'triennial' },
					start: AT,
					others: []
				}),
			collection: 'subscriptions',
			doc: subscription({ billingCycle: 'triennial' })
		},
		accepts: {
			domain: () =>
				domain('subscription/lifecycle#newSubscriptionTerm')({
					offer: offerCatalog.find((o) => o.id === 'microsoft-365-business-basic'),
					choice: { termDuration: 'P1Y', billingCycle: 'monthly' },
					start: AT,
					others: []
				}),
			collection: 'subscriptions',
			doc: subscription()
		}
	},
	{
		rule: 'subscription/lifecycle#newSubscriptionTerm',
		code: 'subscription-term',
		partly: 'the end of the first term: a full term from the start at most',
		refuses: {
			domain: () =>
				domain('subscription/lifecycle#newSubscriptionTerm')({
					offer: offerCatalog.find((o) => o.id === 'microsoft-365-business-basic'),
					choice: { termDuration: 'P1Y', billingCycle: 'monthly', endDate: daysAfter(400) },
					start: AT,
					others: []
				}),
			collection: 'subscriptions',
			doc: subscription({ endDate: daysAfter(400) })
		},
		accepts: {
			domain: () =>
				domain('subscription/lifecycle#newSubscriptionTerm')({
					offer: offerCatalog.find((o) => o.id === 'microsoft-365-business-basic'),
					choice: { termDuration: 'P1Y', billingCycle: 'monthly', endDate: daysAfter(200) },
					start: AT,
					others: [subscription({ id: 's2', endDate: daysAfter(200) })]
				}),
			collection: 'subscriptions',
			doc: subscription({ endDate: daysAfter(200) })
		}
	},
	{
		rule: 'subscription/lifecycle#setAutoRenew',
		code: 'subscription-ended',
		partly:
			'a term that ended without renewing, on the server clock: its status, offer, licences, term, auto-renew and scheduled changes stay as they were (its reseller and support contact may change)',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#setAutoRenew')(
						subscription({ ...ENDED, autoRenew: false }),
						{
							now: daysAfter(366),
							by: 'gus',
							autoRenew: true
						}
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ ...ENDED, autoRenew: false }), { autoRenew: true }),
			old: subscription({ ...ENDED, autoRenew: false })
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#setAutoRenew')(
						subscription({ ...NOT_ENDED, autoRenew: false }),
						{ now: daysAfter(366), by: 'gus', autoRenew: true }
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ ...NOT_ENDED, autoRenew: false }), { autoRenew: true }),
			old: subscription({ ...NOT_ENDED, autoRenew: false })
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
			doc: edit(recentSubscription(), {
				status: 'cancelled',
				cancelledAt: new Date().toISOString(),
				cancelledBy: 'gus'
			}),
			old: recentSubscription()
		}
	},
	{
		rule: 'subscription/lifecycle#cancelSubscription',
		code: 'subscription-cancellation',
		partly:
			'the device writes who and when from the signed-in user and its clock; the server checks that the cancellation names the signed-in user and a time',
		refuses: {
			domain: () =>
				domain('subscription/lifecycle#cancelSubscription')(recentSubscription(), {
					now: new Date().toISOString(),
					by: 'gus'
				}).subscription.cancelledBy === 'gus'
					? 'names gus, not sam'
					: undefined,
			collection: 'subscriptions',
			doc: edit(recentSubscription(), {
				status: 'cancelled',
				cancelledAt: new Date().toISOString(),
				cancelledBy: 'sam'
			}),
			old: recentSubscription()
		},
		accepts: {
			domain: () =>
				domain('subscription/lifecycle#cancelSubscription')(recentSubscription(), {
					now: new Date().toISOString(),
					by: 'gus'
				}).subscription.cancelledBy === 'gus'
					? undefined
					: 'another user',
			collection: 'subscriptions',
			doc: edit(recentSubscription(), {
				status: 'cancelled',
				cancelledAt: new Date().toISOString(),
				cancelledBy: 'gus'
			}),
			old: recentSubscription()
		}
	},
	{
		rule: 'subscription/lifecycle#changeLicences',
		code: 'subscription-cancelled',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#changeLicences')(
						subscription({ ...NOT_ENDED, status: 'cancelled' }),
						{ now: LATER, by: 'gus', quantity: 6, catalog: offerCatalog }
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ ...NOT_ENDED, status: 'cancelled' }), { quantity: 6 }),
			old: subscription({ ...NOT_ENDED, status: 'cancelled' })
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#changeLicences')(subscription(NOT_ENDED), {
						now: LATER,
						by: 'gus',
						quantity: 6,
						catalog: offerCatalog
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(NOT_ENDED), { quantity: 6 }),
			old: subscription(NOT_ENDED)
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
						subscription({ ...NOT_ENDED, status: 'suspended' }),
						{ now: LATER, by: 'gus' }
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ ...NOT_ENDED, status: 'suspended' }), { status: 'active' }),
			old: subscription({ ...NOT_ENDED, status: 'suspended' })
		}
	},
	{
		rule: 'subscription/lifecycle#changeLicences',
		code: 'quantity',
		partly:
			'the bounds of the offer here; that a decrease falls in the cancellation window is the next entry (subscription-decrease-window)',
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
		rule: 'subscription/lifecycle#changeLicences',
		code: 'subscription-decrease-window',
		partly:
			"the server reads the window on its own clock from the term start the document names (a renewal's term start is checked by subscription-renewal)",
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#changeLicences')(subscription(), {
						now: daysAfter(8),
						by: 'gus',
						quantity: 4,
						catalog: offerCatalog
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), { quantity: 4 }),
			old: subscription()
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#changeLicences')(recentSubscription(), {
						now: new Date().toISOString(),
						by: 'gus',
						quantity: 4,
						catalog: offerCatalog
					})
				),
			collection: 'subscriptions',
			doc: edit(recentSubscription(), { quantity: 4 }),
			old: recentSubscription()
		}
	},
	{
		rule: 'subscription/lifecycle#suspendSubscription',
		code: 'subscription-suspension',
		partly:
			'that the subscription is active and its term has not ended (read on the clock) stays on the device; who suspended, when, the reason and the note are checked on the server',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#suspendSubscription')(subscription(), {
						now: LATER,
						by: 'gus',
						reason: 'other',
						note: ' '
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), {
				status: 'suspended',
				suspendedAt: LATER,
				suspendedBy: 'gus',
				suspensionReason: 'other',
				suspensionNote: ' '
			}),
			old: subscription()
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#suspendSubscription')(subscription(), {
						now: LATER,
						by: 'gus',
						reason: 'fraud',
						note: ''
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), {
				status: 'suspended',
				suspendedAt: LATER,
				suspendedBy: 'gus',
				suspensionReason: 'fraud'
			}),
			old: subscription()
		}
	},
	{
		rule: 'subscription/lifecycle#setAutoRenew',
		code: 'subscription-suspended',
		partly:
			'the server refuses auto-renew changes of a suspended subscription; a term that ended is subscription-ended',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#setAutoRenew')(
						subscription({ ...NOT_ENDED, status: 'suspended' }),
						{
							now: LATER,
							by: 'gus',
							autoRenew: false
						}
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ ...NOT_ENDED, status: 'suspended' }), { autoRenew: false }),
			old: subscription({ ...NOT_ENDED, status: 'suspended' })
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#setAutoRenew')(subscription(), {
						now: LATER,
						by: 'gus',
						autoRenew: false
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), { autoRenew: false }),
			old: subscription()
		}
	},
	{
		rule: 'subscription/lifecycle#cancelScheduledChanges',
		code: 'subscription-suspended',
		partly:
			'that there were scheduled changes to cancel stays on the device: removing none changes nothing',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#cancelScheduledChanges')(
						subscription({ ...NOT_ENDED, status: 'suspended', scheduledChanges: SCHEDULED }),
						{ now: LATER, by: 'gus' }
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription({ ...NOT_ENDED, status: 'suspended' }), {}),
			old: subscription({ ...NOT_ENDED, status: 'suspended', scheduledChanges: SCHEDULED })
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#cancelScheduledChanges')(
						subscription({ scheduledChanges: SCHEDULED }),
						{ now: LATER, by: 'gus' }
					)
				),
			collection: 'subscriptions',
			doc: edit(subscription(), {}),
			old: subscription({ scheduledChanges: SCHEDULED })
		}
	},
	{
		rule: 'subscription/lifecycle#scheduleChanges',
		code: 'subscription-scheduled-changes',
		refuses: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#scheduleChanges')(subscription(), {
						now: LATER,
						by: 'gus',
						changes: { offerId: 'power-bi-pro' },
						catalog: offerCatalog
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), {
				scheduledChanges: { offerId: 'power-bi-pro', scheduledAt: LATER, scheduledBy: 'gus' }
			}),
			old: subscription()
		},
		accepts: {
			domain: () =>
				throws(() =>
					domain('subscription/lifecycle#scheduleChanges')(subscription(), {
						now: LATER,
						by: 'gus',
						changes: { offerId: 'microsoft-365-business-premium', quantity: 3 },
						catalog: offerCatalog
					})
				),
			collection: 'subscriptions',
			doc: edit(subscription(), {
				scheduledChanges: {
					offerId: 'microsoft-365-business-premium',
					quantity: 3,
					scheduledAt: LATER,
					scheduledBy: 'gus'
				}
			}),
			old: subscription()
		}
	},
	{
		rule: 'subscription/lifecycle#billingFitsTerm',
		code: 'subscription-scheduled-changes',
		refuses: {
			domain: () => !domain('subscription/lifecycle#billingFitsTerm')('annual', 'P1M'),
			collection: 'subscriptions',
			doc: edit(subscription(), {
				scheduledChanges: {
					termDuration: 'P1M',
					billingCycle: 'annual',
					scheduledAt: LATER,
					scheduledBy: 'gus'
				}
			}),
			old: subscription()
		},
		accepts: {
			domain: () => !domain('subscription/lifecycle#billingFitsTerm')('annual', 'P1Y'),
			collection: 'subscriptions',
			doc: edit(subscription(), {
				scheduledChanges: { billingCycle: 'annual', scheduledAt: LATER, scheduledBy: 'gus' }
			}),
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
			'that the name is unique among the organisation’s relationships needs the other GDAP documents: the gateway checks it (GATEWAY_RULES, gdap-name-taken)',
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
// (e) The rules the gateway checks across the documents of one database (server/unique-rules.js).

/** @param {any} d a document in the app's shape */
const couchDoc = (d) => {
	const { id, ...rest } = d;
	return { _id: id, ...rest };
};

/**
 * The gateway's verdict on writing `doc` (new) into a database holding `stored`, with the view
 * made from its map function: 'ok', or the code of the refusal.
 * @param {string} collection @param {any[]} stored @param {any} doc @param {string} [now]
 */
async function gatewayVerdict(collection, stored, doc, now = LATER) {
	const map = new Function('emit', `return (${uniqueViewSource(collection)});`);
	const docs = stored.map(couchDoc);
	const refused = await findTakenKeys(
		{ collection, docs: [couchDoc(doc)], now: Date.parse(now) },
		{
			current: async (ids) =>
				new Map(docs.filter((d) => ids.includes(d._id)).map((d) => [d._id, d])),
			taken: async (keys) => {
				/** @type {{ id: string, key: [string, string], value: unknown }[]} */
				const rows = [];
				for (const d of docs) {
					map((/** @type {[string, string]} */ key, /** @type {unknown} */ value) => {
						if (keys.some((k) => k[0] === key[0] && k[1] === key[1])) {
							rows.push({ id: d._id, key, value });
						}
					})(d);
				}
				return rows;
			}
		}
	);
	const reason = refused.get(0);
	return reason === undefined ? 'ok' : parseRefusal(reason).code;
}

/**
 * @typedef {{ domain: () => unknown, collection: string, stored: any[], doc: any }} GatewayCase
 * @typedef {{ rule: string, code: string, refuses: GatewayCase, accepts: GatewayCase, partly?: string }} GatewayRule
 */

const OTHER_DATABASE_SHORT = 'is in another database, which the gateway does not read';

/** @type {GatewayRule[]} */
const GATEWAY_RULES = [
	{
		rule: 'customer/rules#domainPrefixError',
		code: 'domain-prefix-taken',
		refuses: {
			domain: () => domain('customer/rules#domainPrefixError')('kovacsestarsa', ['KovacsEsTarsa']),
			collection: 'customers',
			stored: [customer({ id: 'c0', domainPrefix: 'KovacsEsTarsa' })],
			doc: customer()
		},
		accepts: {
			domain: () => domain('customer/rules#domainPrefixError')('kovacsestarsa', ['tisza']),
			collection: 'customers',
			stored: [customer({ id: 'c0', domainPrefix: 'tisza' })],
			doc: customer()
		}
	},
	{
		rule: 'gdap/rules#displayNameError',
		code: 'gdap-name-taken',
		refuses: {
			domain: () =>
				domain('gdap/rules#displayNameError')('Helpdesk for Kovács', ['HELPDESK FOR KOVÁCS']),
			collection: 'gdap',
			stored: [gdap({ id: 'g0', displayName: 'HELPDESK FOR KOVÁCS' })],
			doc: gdap()
		},
		accepts: {
			domain: () => domain('gdap/rules#displayNameError')('Helpdesk for Kovács', ['Billing']),
			collection: 'gdap',
			stored: [gdap({ id: 'g0', displayName: 'Billing' })],
			doc: gdap()
		}
	},
	{
		rule: 'partnership/rules#canRequestPartnership',
		code: 'partnership-open',
		refuses: {
			domain: () => domain('partnership/rules#canRequestPartnership')([{ status: 'requested' }]),
			collection: 'partnerships',
			stored: [partnership({ id: 'p0' })],
			doc: partnership()
		},
		accepts: {
			domain: () => domain('partnership/rules#canRequestPartnership')([{ status: 'removed' }]),
			collection: 'partnerships',
			stored: [
				partnership({
					id: 'p0',
					status: 'removed',
					removedBy: 'gus',
					removedAt: LATER,
					removalAttested: true
				})
			],
			doc: partnership()
		}
	},
	{
		rule: 'reseller-relationship/rules#canRequestResellerRelationship',
		code: 'invitation-open',
		partly: `that the customer's relationship is not active already ${OTHER_DATABASE_SHORT} (the customers database); "open" is judged by the server's clock`,
		refuses: {
			domain: () =>
				domain('reseller-relationship/rules#canRequestResellerRelationship')(
					customer({ resellerRelationship: 'none' }),
					[invitation({ id: 'inv0' })],
					LATER
				),
			collection: 'invitations',
			stored: [invitation({ id: 'inv0' })],
			doc: invitation()
		},
		accepts: {
			domain: () =>
				domain('reseller-relationship/rules#canRequestResellerRelationship')(
					customer({ resellerRelationship: 'none' }),
					[invitation({ id: 'inv0', sentAt: daysAfter(-INVITATION_OPEN_DAYS, LATER) })],
					LATER
				),
			collection: 'invitations',
			stored: [invitation({ id: 'inv0', sentAt: daysAfter(-INVITATION_OPEN_DAYS, LATER) })],
			doc: invitation()
		}
	}
];

// ---------------------------------------------------------------------------------------------
// Rules that stay on the device, with the reason.

const USERS_API =
	'enforced by the users API (server/api/user-rules.js, tied to this rule case for case by server/api/user-rules.test.js), not by validate_doc_update: users live in _users, which only the server writes';

/** @type {Record<string, string>} */
const CLIENT_ONLY = {
	'reseller-relationship/rules#newCustomerInvitationLink':
		'builds the link from the settings and partner documents; the invitation stores only the result (its draft must keep it: email-draft)',
	'invitation/rules#customerAfterAcceptance':
		'changes the customer document from the accepted invitation: two documents, and validate_doc_update sees one',
	'organisation-settings/rules#fillInvitationTemplate':
		'fills the template with tenant and MPN IDs from the settings and partner documents; only the result is stored, in the invitation',
	'customer/legal-forms#isOnlyLegalForm':
		'a typing-mistake heuristic of companyNameError (a list of legal forms in many languages, matched with Unicode case folding), not integrity',
	'customer/names#isPlaceholderName':
		'a heuristic of the contact form (names such as Test or N/A), not integrity',
	'user/rules#checkUserChange': USERS_API,
	'user/rules#userNameProblem': USERS_API,
	'user/rules#newUserErrors': USERS_API,
	'user/rules#passwordProblem': USERS_API
};

/** Exports that decide nothing about a stored document: formatters, builders, derived views. */
const HELPERS = {
	'conflict/history': ['changedPaths', 'touches'],
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
		'isSharedCopy',
		'createInvitationToken',
		'invitationLink',
		'draftPartnershipEmail',
		'mailtoHref'
	],
	'refusal/schema': ['refusalId'],
	'shared/ownership': ['isSharedRecord', 'sharedOwnerId'],
	'reseller-relationship/removal': [
		'removeCustomerRelationshipQuestion',
		'isOnResellerCustomersList'
	],
	'reseller-relationship/rules': [
		'resellerRelationshipLink',
		'draftResellerRelationshipEmail',
		'draftNewCustomerInvitationEmail'
	],
	'sent-version/ids': ['sentVersionId'],
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
				SERVER_RULES.some((entry) => entry.rule === rule) ||
					GATEWAY_RULES.some((entry) => entry.rule === rule) ||
					RELATION_RULES.some((entry) => entry.rule === rule),
				rule
			).toBe(false);
		}
	});
});

describe('(e) every domain rule across the documents of one database has the gateway’s check', () => {
	it.each(GATEWAY_RULES.map((entry) => [`${entry.rule} → ${entry.code}`, entry]))(
		'%s',
		async (_, /** @type {any} */ entry) => {
			const { refuses, accepts, code } = /** @type {GatewayRule} */ (entry);
			expect(refused(refuses.domain()), 'the domain rule refuses').toBe(true);
			expect(await gatewayVerdict(refuses.collection, refuses.stored, refuses.doc)).toBe(code);
			expect(refused(accepts.domain()), 'the domain rule accepts').toBe(false);
			expect(await gatewayVerdict(accepts.collection, accepts.stored, accepts.doc)).toBe('ok');
			// Each accepted document passes validate_doc_update too: the cases are real documents.
			expect(serverVerdict(accepts.collection, accepts.doc)).toBe('ok');
		}
	);
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
	for (const entry of GATEWAY_RULES) place(entry.rule, `gateway: ${entry.code}`);
	for (const entry of RELATION_RULES) place(entry.rule, `gateway: ${entry.code}`);
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

	it('has the offers’ product families, terms and billing frequencies', () => {
		expect(RULE_DATA.offerPlans).toEqual(
			Object.fromEntries(
				offerCatalog.map((offer) => [
					offer.id,
					[offer.productFamily, offer.termDurations, offer.billingCycles]
				])
			)
		);
	});

	it('has the suspension reasons and the note’s length', () => {
		expect(RULE_DATA.suspensionReasons).toEqual([...suspensionReasons]);
		expect(RULE_DATA.suspensionNoteMax).toBe(SUSPENSION_NOTE_MAX);
	});

	it('has the postal code formats and the state lists', () => {
		expect(RULE_DATA.postalCodePatterns).toEqual(postalCodePatterns);
		expect(RULE_DATA.postalCodeMaxLength).toBe(POSTAL_CODE_MAX_LENGTH);
		expect(RULE_DATA.stateMaxLength).toBe(STATE_MAX_LENGTH);
		for (const { code } of countries) {
			const list = /** @type {Record<string, string>} */ (RULE_DATA.stateCodes)[code];
			expect(list?.split(' '), code).toEqual(statesFor(code)?.map((state) => state.code));
		}
	});

	it('has the countries that need a phone and a registration number, and how long an invitation is open', () => {
		expect(PHONE_AND_REGISTRATION_COUNTRIES).toEqual([...countriesRequiringPhoneAndRegistration]);
		expect(INVITATION_OPEN_DAYS).toBe(INVITATION_VALIDITY_DAYS);
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

// (f) The rules the gateway checks against the partnerships database (server/relation-rules.js).

/**
 * The gateway's verdict on writing `doc` (new) while the partnerships database holds
 * `partnerships` (and the partners database `partners`): 'ok', or the code of the refusal.
 * @param {string} collection @param {any[]} partnerships @param {any} doc @param {any[]} [partners]
 */
async function relationVerdict(collection, partnerships, doc, partners = []) {
	const map = new Function(
		'emit',
		`return (${uniqueViewSource('partnerships', [partnershipActivityKeys])});`
	);
	const refused = await findInactivePartnerships(
		{ collection, docs: [couchDoc(doc)], waitMs: 0 },
		{
			current: async () => new Map(),
			own: async (ids) =>
				new Set(partners.filter((p) => p.isOwnOrganisation && ids.includes(p.id)).map((p) => p.id)),
			partnerships: async (keys) => {
				/** @type {{ key: [string, string], value: string | null }[]} */
				const rows = [];
				for (const d of partnerships.map(couchDoc)) {
					map((/** @type {[string, string]} */ key, /** @type {string | null} */ value) => {
						if (keys.some((k) => k[0] === key[0] && k[1] === key[1])) rows.push({ key, value });
					})(d);
				}
				return rows;
			}
		}
	);
	const reason = refused.get(0);
	return reason === undefined ? 'ok' : parseRefusal(reason).code;
}

/**
 * @typedef {{ domain: () => unknown, collection: string, partnerships: any[], doc: any, partners?: any[] }} RelationCase
 * @typedef {{ rule: string, code: string, refuses: RelationCase, accepts: RelationCase[] }} RelationRule
 */

const ACTIVE = { status: 'active', acceptedAt: AT, acceptedRecordedBy: 'gus' };
const REMOVED = {
	...ACTIVE,
	status: 'removed',
	removedAt: LATER,
	removedBy: 'gus',
	removalAttested: true
};

/** @type {RelationRule[]} */
const RELATION_RULES = [
	{
		rule: 'partnership/rules#canAddCustomerForReseller',
		code: 'partnership-not-active',
		refuses: {
			// canAddCustomerForReseller answers whether it may (true): the verdict is its negation.
			domain: () => !domain('partnership/rules#canAddCustomerForReseller')([]),
			collection: 'customers',
			partnerships: [partnership({ resellerId: 'another-reseller' })],
			doc: customer()
		},
		accepts: [
			{
				domain: () =>
					!domain('partnership/rules#canAddCustomerForReseller')([{ status: 'active' }]),
				collection: 'customers',
				partnerships: [partnership(ACTIVE)],
				doc: customer()
			},
			{
				// Removed since: a device offline meanwhile added the customer in good faith
				// (server/relation-rules.js asks only for a partnership); the device refuses it once
				// it knows.
				domain: () =>
					!domain('partnership/rules#canAddCustomerForReseller')([
						{ status: 'removed' },
						{ status: 'active' }
					]),
				collection: 'customers',
				partnerships: [partnership(REMOVED)],
				doc: customer()
			}
		]
	},
	{
		rule: 'reseller-relationship/rules#canInviteWithProvider',
		code: 'provider-partnership-not-active',
		refuses: {
			domain: () => domain('reseller-relationship/rules#canInviteWithProvider')([], 'P'),
			collection: 'invitations',
			partnerships: [partnership({ providerId: 'provider-2', resellerId: 'own' })],
			doc: invitation({ kind: 'reseller-and-provider', providerId: 'provider-1' })
		},
		accepts: [
			{
				domain: () =>
					domain('reseller-relationship/rules#canInviteWithProvider')([{ status: 'active' }], 'P'),
				collection: 'invitations',
				partnerships: [partnership({ providerId: 'provider-1', resellerId: 'own', ...ACTIVE })],
				doc: invitation({ kind: 'reseller-and-provider', providerId: 'provider-1' })
			}
		]
	}
];

describe('(f) every domain rule that needs the partnerships has the gateway’s check', () => {
	it.each(RELATION_RULES.map((entry) => [`${entry.rule} → ${entry.code}`, entry]))(
		'%s',
		async (_, /** @type {any} */ entry) => {
			const { refuses, accepts, code } = /** @type {RelationRule} */ (entry);
			const verdict = (/** @type {RelationCase} */ c) =>
				relationVerdict(c.collection, c.partnerships, c.doc, c.partners);
			expect(refused(refuses.domain()), 'the domain rule refuses').toBe(true);
			expect(await verdict(refuses)).toBe(code);
			for (const accepted of accepts) {
				expect(refused(accepted.domain()), 'the domain rule accepts').toBe(false);
				expect(await verdict(accepted)).toBe('ok');
				expect(serverVerdict(accepted.collection, accepted.doc)).toBe('ok');
			}
		}
	);

	it('needs no partnership for the organisation itself, and none for a record without a reseller', async () => {
		const own = partner({ id: 'own', isOwnOrganisation: true, kind: 'indirect-reseller' });
		expect(await relationVerdict('customers', [], customer({ resellerId: 'own' }), [own])).toBe(
			'ok'
		);
		expect(await relationVerdict('customers', [], customer({ resellerId: '' }))).toBe('ok');
		expect(
			await relationVerdict('subscriptions', [], subscription({ resellerId: '' }), [own])
		).toBe('ok');
		expect(await relationVerdict('subscriptions', [], subscription({ resellerId: '' }))).toBe(
			'support-contact-not-active'
		);
		expect(await relationVerdict('subscriptions', [], subscription(), [own])).toBe(
			'subscription-reseller-not-active'
		);
	});
});
