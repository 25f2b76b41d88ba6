// Server-side rules of CSP Field: the `validate_doc_update` functions of the organisation
// databases (`csp-<org>-<collection>`, see setup.js), built as plain ES5 source strings so that
// Apache CouchDB 3 (couchjs), Cloudant and PouchDB Server all run them.
//
// One function per database: `validateDocUpdateSource(org, collection, organisation)` returns
//   function (newDoc, oldDoc, userCtx, secObj) { var config = {…}; (function check(…) {…})(…); … }
// where `config` holds the organisation (with its country/region from its record), the
// collection, its field spec and PRODUCT.md's role table, and the checks are `checkDocument` and
// then `checkOrganisationAndAddress` below, inserted with Function.prototype.toString.
// Both must therefore stay ES5 (var, function, no arrows, no template strings, no
// closures over this module): the unit tests parse the generated source as ECMAScript 5.
//
// A refused write throws `{ forbidden: '[csp:<code>] <English sentence>' }` (HTTP 403; in
// `_bulk_docs` the row `{ id, error: 'forbidden', reason }` while the other rows are saved).
// A missing or foreign organisation role throws `{ unauthorized: … }` (401), as `_security`
// already does for reads. `parseRefusal(reason)` splits a reason into code and text.

/** The organisation roles of PRODUCT.md, as stored in `_users` (`role:<name>`). */
export const ROLES = /** @type {const} */ ([
	'global-admin',
	'user-management-admin',
	'admin-agent',
	'sales-agent'
]);

/** @typedef {(typeof ROLES)[number]} Role */

/** How each role is named in the UI (and in refusal reasons). */
export const ROLE_LABELS = {
	'global-admin': 'Global admin',
	'user-management-admin': 'User management admin',
	'admin-agent': 'Admin agent',
	'sales-agent': 'Sales agent'
};

/**
 * PRODUCT.md's role table: which roles may do what. "See everything of the own organisation"
 * is every role (that is `_security` members: the `org:<org>` role).
 * @type {Record<string, Role[]>}
 */
export const PERMISSIONS = {
	/** Partners (reseller records), customers, subscriptions, reseller / support contact. */
	writeData: ['global-admin', 'admin-agent', 'sales-agent'],
	requestPartnership: ['global-admin', 'admin-agent', 'sales-agent'],
	recordAcceptance: ['global-admin', 'admin-agent', 'sales-agent'],
	removePartnership: ['global-admin', 'admin-agent'],
	requestCustomerRelationship: ['global-admin', 'admin-agent'],
	removeCustomerRelationship: ['global-admin', 'admin-agent'],
	/** Not in PRODUCT.md's table: GDAP is admin access to customers, as the relationship is. */
	manageGdap: ['global-admin', 'admin-agent'],
	/** Not in PRODUCT.md's table: the tenant ID and the invitation link template. */
	manageOrganisationSettings: ['global-admin'],
	manageUsers: ['global-admin', 'user-management-admin'],
	/** Not in PRODUCT.md's table: cancelling, suspending and reactivating a subscription. */
	manageSubscriptionLifecycle: ['global-admin', 'admin-agent'],
	/** Issue 12 (rel12b): an indirect reseller accepts or declines a provider's request. */
	answerPartnershipRequest: ['global-admin', 'admin-agent']
};

/**
 * Activity actions that need more than `writeData`. An activity entry is refused when its
 * author may not do what it records, so the server's log holds only what really happened.
 * @type {Record<string, keyof typeof PERMISSIONS>}
 */
export const ACTION_PERMISSIONS = {
	'partnership.requested': 'requestPartnership',
	'partnership.accepted': 'recordAcceptance',
	'partnership.removed': 'removePartnership',
	'customer.relationship-requested': 'requestCustomerRelationship',
	'customer.invited': 'requestCustomerRelationship',
	'customer.relationship-removed': 'removeCustomerRelationship',
	'invitation.sent': 'requestCustomerRelationship',
	'invitation.accepted': 'requestCustomerRelationship',
	'invitation.withdrawn': 'requestCustomerRelationship',
	'gdap.requested': 'manageGdap',
	'gdap.approved': 'manageGdap',
	'gdap.auto-extend-changed': 'manageGdap',
	'gdap.terminated': 'manageGdap',
	'settings.changed': 'manageOrganisationSettings',
	'subscription.cancelled': 'manageSubscriptionLifecycle',
	'subscription.suspended': 'manageSubscriptionLifecycle',
	'subscription.reactivated': 'manageSubscriptionLifecycle'
};

/**
 * Collections whose every write needs more than `writeData`.
 * @type {Record<string, { permission: keyof typeof PERMISSIONS, what: string }>}
 */
export const COLLECTION_PERMISSIONS = {
	invitations: { permission: 'requestCustomerRelationship', what: 'send or change invitations' },
	gdap: { permission: 'manageGdap', what: 'request or change GDAP relationships' },
	settings: { permission: 'manageOrganisationSettings', what: 'change the organisation settings' }
};

/** The collections replicated to the server, one database each (offers are a static catalog). */
export const REPLICATED_COLLECTIONS = /** @type {const} */ ([
	'partners',
	'partnerships',
	'customers',
	'subscriptions',
	'invitations',
	'gdap',
	'settings',
	'activity'
]);

/** @typedef {(typeof REPLICATED_COLLECTIONS)[number]} ReplicatedCollection */

/**
 * Field specs, mirroring the zod schemas in src/lib/domain/<area>/schema.ts (a unit test keeps
 * them equal). A type is 'string', 'id' (1–64 characters), 'timestamp' (an ISO string, 20–30
 * characters), 'country' (two upper-case letters), 'boolean', 'integer', 'object', 'array', or
 * an array of allowed values; a trailing '?' marks an optional field. Fields not listed are
 * allowed (a newer app version may add some); `id`, if present, must equal `_id`.
 * @type {Record<string, string | string[]>}
 */
const CHANGE_META = {
	createdAt: 'timestamp',
	createdBy: 'id',
	updatedAt: 'timestamp',
	updatedBy: 'id',
	deviceId: 'id'
};

const RELATIONSHIP_STATUSES = ['none', 'invited', 'active', 'removed'];

/** @type {Record<ReplicatedCollection, Record<string, string | string[]>>} */
export const FIELD_SPECS = {
	partners: {
		name: 'string',
		nameLower: 'string',
		mpnId: 'string',
		kind: ['indirect-provider', 'indirect-reseller'],
		isOwnOrganisation: 'boolean',
		country: 'country',
		email: 'string',
		mpaSigned: 'boolean',
		publicProfile: 'object?',
		...CHANGE_META
	},
	partnerships: {
		providerId: 'id',
		resellerId: 'id',
		status: ['requested', 'active', 'removed'],
		requestedBy: 'id',
		requestedAt: 'timestamp',
		invitationToken: 'string',
		invitationLink: 'string',
		emailDraft: 'string',
		acceptedAt: 'timestamp?',
		acceptedRecordedBy: 'id?',
		removedBy: 'id?',
		removedAt: 'timestamp?',
		removalAttested: 'boolean?',
		...CHANGE_META
	},
	customers: {
		companyName: 'string',
		nameLower: 'string',
		domainPrefix: 'string',
		address: 'object',
		contact: 'object',
		organisationRegistrationNumber: 'string',
		cloud: ['public', 'microsoft-cloud-germany', 'us-government'],
		resellerId: 'string',
		providerRelationship: RELATIONSHIP_STATUSES,
		resellerRelationship: RELATIONSHIP_STATUSES,
		delegatedAdminPrivileges: 'boolean',
		customerAgreementAccepted: 'boolean',
		adminUserName: 'string',
		...CHANGE_META
	},
	subscriptions: {
		customerId: 'id',
		offerId: 'id',
		quantity: 'integer',
		status: ['active', 'suspended', 'cancelled'],
		billingCycle: ['monthly', 'annual', 'triennial', 'none'],
		termDuration: ['P1M', 'P1Y', 'P3Y', 'none'],
		resellerId: 'string',
		supportContactId: 'id',
		startDate: 'timestamp',
		endDate: 'timestamp?',
		termStartDate: 'timestamp?',
		autoRenew: 'boolean?',
		scheduledChanges: 'object?',
		suspendedAt: 'timestamp?',
		suspendedBy: 'id?',
		suspensionReason: 'string?',
		suspensionNote: 'string?',
		cancelledAt: 'timestamp?',
		cancelledBy: 'id?',
		upgradedFromOfferId: 'id?',
		...CHANGE_META
	},
	invitations: {
		kind: ['reseller-relationship', 'reseller-and-provider'],
		resellerId: 'id',
		providerId: 'string',
		customerId: 'string',
		companyName: 'string',
		contactName: 'string',
		email: 'string',
		country: 'country',
		cloud: ['public', 'microsoft-cloud-germany', 'us-government'],
		delegatedAdminPrivileges: 'boolean',
		link: 'string',
		emailDraft: 'string',
		status: ['sent', 'accepted', 'expired', 'withdrawn'],
		sentAt: 'timestamp',
		sentBy: 'id',
		acceptedAt: 'timestamp?',
		acceptedBy: 'object?',
		mcaAccepted: 'boolean?',
		acceptedRecordedBy: 'id?',
		withdrawnAt: 'timestamp?',
		withdrawnBy: 'id?',
		...CHANGE_META
	},
	gdap: {
		customerId: 'id',
		displayName: 'string',
		displayNameLower: 'string',
		durationDays: 'integer',
		roleIds: 'array',
		autoExtend: 'boolean',
		status: ['approval-pending', 'active', 'terminated'],
		requestedAt: 'timestamp',
		requestedBy: 'id',
		approvedAt: 'timestamp?',
		endAt: 'timestamp?',
		terminatedAt: 'timestamp?',
		terminatedBy: 'id?',
		...CHANGE_META
	},
	settings: {
		partnerId: 'id',
		tenantId: 'string',
		newCustomerInvitationTemplate: 'string',
		providerTenants: 'array',
		...CHANGE_META
	},
	activity: {
		at: 'timestamp',
		actorId: 'id',
		actorName: 'string',
		deviceId: 'id',
		recordType: [
			'partners',
			'partnerships',
			'customers',
			'subscriptions',
			'invitations',
			'gdap',
			'settings'
		],
		documentId: 'id',
		action: 'string',
		summary: 'string',
		changes: 'array'
	}
};

/** Fields that never change after a document is created (besides createdBy and createdAt). */
export const IMMUTABLE_FIELDS = {
	partners: ['kind'],
	partnerships: ['providerId', 'resellerId', 'requestedBy', 'requestedAt'],
	customers: ['domainPrefix'],
	subscriptions: ['customerId'],
	invitations: ['kind', 'resellerId', 'providerId', 'sentAt', 'sentBy', 'link'],
	gdap: ['customerId', 'requestedAt', 'requestedBy', 'roleIds'],
	settings: ['partnerId'],
	activity: []
};

/**
 * Facts of the static domain data the rules below need, copied from src/lib/domain (the
 * rule-parity test keeps them equal): the offer catalog's licence bounds
 * (src/lib/domain/offer/catalog.ts), the Microsoft Entra role IDs a GDAP relationship may ask
 * for (gdap/roles.ts) and the country/region codes (customer/countries.ts).
 */
export const RULE_DATA = {
	/** subscription/lifecycle.ts CANCELLATION_WINDOW_HOURS. */
	cancellationWindowHours: 168,
	/** offer/upgrade-paths.ts. */
	upgradePaths: {
		'microsoft-365-business-basic': [
			'microsoft-365-business-standard',
			'microsoft-365-business-premium'
		],
		'microsoft-365-business-standard': ['microsoft-365-business-premium'],
		'microsoft-365-business-premium': ['microsoft-365-e3', 'microsoft-365-e5'],
		'office-365-e1': ['office-365-e3', 'microsoft-365-e3', 'microsoft-365-e5'],
		'office-365-e3': ['microsoft-365-e3', 'microsoft-365-e5'],
		'microsoft-365-e3': ['microsoft-365-e5'],
		'exchange-online-plan-1': ['microsoft-365-business-basic', 'microsoft-365-business-standard'],
		'dynamics-365-sales-professional': ['dynamics-365-sales-enterprise']
	},
	/** Offer id → [name, minQuantity, maxQuantity]. */
	offers: {
		'microsoft-365-business-basic': ['Microsoft 365 Business Basic', 1, 300],
		'microsoft-365-business-standard': ['Microsoft 365 Business Standard', 1, 300],
		'microsoft-365-business-premium': ['Microsoft 365 Business Premium', 1, 300],
		'microsoft-365-e3': ['Microsoft 365 E3', 1, 100000],
		'microsoft-365-e5': ['Microsoft 365 E5', 1, 100000],
		'microsoft-365-f3': ['Microsoft 365 F3', 1, 100000],
		'office-365-e1': ['Office 365 E1', 1, 100000],
		'office-365-e3': ['Office 365 E3', 1, 100000],
		'exchange-online-plan-1': ['Exchange Online (Plan 1)', 1, 100000],
		'microsoft-teams-essentials': ['Microsoft Teams Essentials', 1, 300],
		'dynamics-365-sales-professional': ['Dynamics 365 Sales Professional', 1, 100000],
		'dynamics-365-sales-enterprise': ['Dynamics 365 Sales Enterprise', 1, 100000],
		'power-bi-pro': ['Power BI Pro', 1, 100000],
		'azure-plan': ['Azure plan', 1, 1],
		'microsoft-defender-for-business': ['Microsoft Defender for Business', 1, 300],
		'visio-plan-2': ['Visio Plan 2', 1, 100000],
		'project-plan-3': ['Project Plan 3', 1, 100000]
	},
	/**
	 * Offer id → [product family, term durations, billing frequencies] (offer/catalog.ts), for
	 * the changes scheduled for a renewal (subscription/lifecycle.ts scheduleChanges).
	 */
	offerPlans: {
		'microsoft-365-business-basic': ['Microsoft 365', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'microsoft-365-business-standard': ['Microsoft 365', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'microsoft-365-business-premium': ['Microsoft 365', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'microsoft-365-e3': [
			'Microsoft 365',
			['P1M', 'P1Y', 'P3Y'],
			['monthly', 'annual', 'triennial']
		],
		'microsoft-365-e5': [
			'Microsoft 365',
			['P1M', 'P1Y', 'P3Y'],
			['monthly', 'annual', 'triennial']
		],
		'microsoft-365-f3': ['Microsoft 365', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'office-365-e1': ['Office 365', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'office-365-e3': ['Office 365', ['P1M', 'P1Y', 'P3Y'], ['monthly', 'annual', 'triennial']],
		'exchange-online-plan-1': ['Exchange Online', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'microsoft-teams-essentials': ['Microsoft Teams', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'dynamics-365-sales-professional': ['Dynamics 365', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'dynamics-365-sales-enterprise': ['Dynamics 365', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'power-bi-pro': ['Power Platform', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'azure-plan': ['Azure', ['none'], ['monthly']],
		'microsoft-defender-for-business': [
			'Microsoft Defender',
			['P1M', 'P1Y'],
			['monthly', 'annual']
		],
		'visio-plan-2': ['Visio', ['P1M', 'P1Y'], ['monthly', 'annual']],
		'project-plan-3': ['Project', ['P1M', 'P1Y'], ['monthly', 'annual']]
	},
	/** subscription/schema.ts suspensionReasons; lifecycle.ts SUSPENSION_NOTE_MAX. */
	suspensionReasons: ['non-payment', 'fraud', 'other'],
	suspensionNoteMax: 500,
	globalAdministratorRoleId: '62e90394-69f5-4237-9190-012177145e10',
	entraRoleIds: [
		'62e90394-69f5-4237-9190-012177145e10',
		'9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
		'c4e39bd9-1100-46d3-8c65-fb160da0071f',
		'b0f54661-2d74-4c50-afa3-1ec803f12efe',
		'158c047a-c907-4556-b7ef-446551a6b5f7',
		'7698a772-787b-4ac8-901f-60d6b08affd2',
		'17315797-102d-40b4-93e0-432062caca18',
		'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
		'88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
		'9360feb5-f418-4baa-8175-e2a00bac4301',
		'44367163-eba1-44c3-98af-f5787879f96a',
		'29232cdf-9323-42fd-ade2-1d097af3e4de',
		'31392ffb-586c-42d1-9346-e59415a2cc4e',
		'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
		'fdd7a751-b60b-444a-984c-02652fe8fa1c',
		'729827e3-9c14-49f7-bb1b-9608f156bbb8',
		'3a2c62db-5318-420d-8d74-23affee5d9d5',
		'4d6ac14f-3453-41d0-bef9-a3e0c569773a',
		'790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
		'2b745bdf-0803-4d80-aa65-822c4493daac',
		'966707d0-3269-4727-9be2-8c3a10f19b9d',
		'11648597-926c-4cf3-9c36-bcebb0ba8dcc',
		'7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
		'e8611ab8-c189-46e8-94e1-60213ab1f814',
		'4a5d8f65-41da-4de4-8968-e035b65339cf',
		'194ae4cb-b126-40b2-bd5b-6091b380977d',
		'5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
		'5d6b6bb7-de71-4623-b4af-96380a352509',
		'f023fd81-a637-4b56-95fd-791ac0226033',
		'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
		'69091246-20e8-4a56-aa4d-066075b2a7a8',
		'baf37b3a-610e-45da-9e62-d9d1e5e8914b',
		'fe930be7-5e62-47db-91af-98c3a49a38b1',
		'11451d60-acb2-45eb-a7d6-43d0f0125c13'
	],
	countries:
		'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW',
	/** invitation/rules.ts INVITATION_VALIDITY_DAYS. */
	invitationValidityDays: 90,
	/** gdap/schema.ts. */
	gdapDisplayNameMaxLength: 50,
	gdapMinDurationDays: 1,
	gdapMaxDurationDays: 730,
	/** partnership/rules.ts EMAIL_DRAFT_MAX_LENGTH. */
	emailDraftMaxLength: 10000,
	/** organisation-settings/schema.ts INVITATION_TEMPLATE_MAX_LENGTH. */
	invitationTemplateMaxLength: 1000,
	/**
	 * customer/postal-codes.ts postalCodePatterns (matched against the value in upper case with
	 * single spaces) and POSTAL_CODE_MAX_LENGTH (countries without a pattern).
	 */
	postalCodePatterns: {
		AT: '^[1-9]\\d{3}$',
		AU: '^\\d{4}$',
		BE: '^[1-9]\\d{3}$',
		BG: '^\\d{4}$',
		BY: '^\\d{6}$',
		CA: '^[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d$',
		CH: '^[1-9]\\d{3}$',
		CZ: '^\\d{3} ?\\d{2}$',
		DE: '^\\d{5}$',
		DK: '^\\d{4}$',
		ES: '^(0[1-9]|[1-4]\\d|5[0-2])\\d{3}$',
		FI: '^\\d{5}$',
		FR: '^\\d{5}$',
		GB: '^([A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|GIR ?0AA)$',
		HR: '^\\d{5}$',
		HU: '^[1-9]\\d{3}$',
		IE: '^([AC-FHKNPRTV-Y]\\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$',
		IN: '^[1-9]\\d{2} ?\\d{3}$',
		IT: '^\\d{5}$',
		JP: '^\\d{3}[- ]?\\d{4}$',
		KZ: '^(\\d{6}|[A-Z]\\d{2}[A-Z]\\d[A-Z]\\d)$',
		NL: '^[1-9]\\d{3} ?[A-Z]{2}$',
		NO: '^\\d{4}$',
		PL: '^\\d{2}[- ]?\\d{3}$',
		PT: '^[1-9]\\d{3}[- ]?\\d{3}$',
		RO: '^\\d{6}$',
		RS: '^\\d{5}$',
		RU: '^\\d{6}$',
		SE: '^[1-9]\\d{2} ?\\d{2}$',
		SI: '^\\d{4}$',
		SK: '^\\d{3} ?\\d{2}$',
		UA: '^\\d{5}$',
		US: '^\\d{5}([- ]?\\d{4})?$'
	},
	postalCodeMaxLength: 20,
	/** customer/states.ts statesFor: the codes of the countries that choose a state from a list. */
	stateCodes: {
		US: 'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY',
		CA: 'AB BC MB NB NL NS NT NU ON PE QC SK YT',
		AU: 'ACT NSW NT QLD SA TAS VIC WA'
	},
	/** customer/rules.ts STATE_MAX_LENGTH (countries without a list). */
	stateMaxLength: 100,
	/** organisation-settings/rules.ts INVITATION_PLACEHOLDERS. */
	invitationPlaceholders: [
		'resellerTenantId',
		'resellerMpnId',
		'providerTenantId',
		'providerMpnId',
		'dap'
	]
};

/**
 * The rules, run inside CouchDB. ES5 only, and self-contained: everything it needs comes in
 * through `config`.
 * @param {any} config
 * @param {any} newDoc
 * @param {any} oldDoc
 * @param {any} userCtx
 * @returns {void}
 */
export function checkDocument(config, newDoc, oldDoc, userCtx) {
	var roles = (userCtx && userCtx.roles) || [];
	var name = userCtx && userCtx.name;
	var labels = config.roleLabels;

	/** @param {string} role */
	function has(role) {
		return roles.indexOf(role) !== -1;
	}
	/** @param {string} code @param {string} message @returns {never} */
	function refuse(code, message) {
		throw { forbidden: '[csp:' + code + '] ' + message };
	}
	/** @param {string} permission */
	function may(permission) {
		var allowed = config.permissions[permission];
		for (var i = 0; i < allowed.length; i++) {
			if (has('role:' + allowed[i])) return true;
		}
		return false;
	}
	/** @param {string} permission */
	function who(permission) {
		var allowed = config.permissions[permission];
		var names = [];
		for (var i = 0; i < allowed.length; i++) {
			var label = labels[allowed[i]];
			names.push((/^[AEIOU]/.test(label) ? 'an ' : 'a ') + label);
		}
		if (names.length === 1) return names[0];
		return names.slice(0, -1).join(', ') + ' or ' + names[names.length - 1];
	}
	/** @param {string} permission @param {string} code @param {string} what */
	function requirePermission(permission, code, what) {
		if (!may(permission)) refuse(code, 'Only ' + who(permission) + ' can ' + what + '.');
	}
	/** @param {unknown} value */
	function show(value) {
		return value === undefined ? 'nothing' : JSON.stringify(value);
	}
	/** @param {unknown} a @param {unknown} b */
	function same(a, b) {
		return JSON.stringify(a) === JSON.stringify(b);
	}

	// Server admins (the setup command, backups, restores) are not bound by these rules.
	if (has('_admin')) return;

	if (!name) throw { unauthorized: '[csp:signed-out] Sign in to change this data.' };
	if (!has('org:' + config.org)) {
		throw { unauthorized: '[csp:other-organisation] This data belongs to another organisation.' };
	}
	if (newDoc._deleted === true) {
		refuse(
			'delete',
			'Records are never deleted: remove a partnership or a customer relationship instead.'
		);
	}
	if (oldDoc && oldDoc._deleted === true) oldDoc = null;

	requirePermission('writeData', 'read-only', 'change data');

	// Shape.
	var id = newDoc._id;
	if (typeof id !== 'string' || id.length < 1 || id.length > 64) {
		refuse('invalid-id', 'The record id must be 1 to 64 characters.');
	}
	if (newDoc.id !== undefined && newDoc.id !== id) {
		refuse('invalid-id', 'The record id (' + show(newDoc.id) + ') must equal _id (' + id + ').');
	}
	// BEGIN issue 12, shared copies (rel12b). Records with ids `rel-…` are the relationship
	// service's copies of another organisation's records (server/relationships/service.js): only
	// the service (a server admin) writes them. A user changes one thing only: a shared
	// partnership request still requested, answered by a Global admin or an Admin agent —
	// accepted (active: acceptedAt, acceptedRecordedBy) or declined (removed: removedAt,
	// removedBy, removalAttested false) — by the signed-in user, not before the request
	// (partnership/rules.ts answerPartnershipRequest). The service then checks the MPN ID and
	// applies the answer to the provider's partnership, or puts the copy back. And an active
	// shared partnership removed by the reseller's Global admin or Admin agent, attested.
	var sharedCopy = id.indexOf('rel-') === 0;
	if (sharedCopy) {
		if (!oldDoc || config.collection !== 'partnerships') {
			refuse(
				'shared-copy',
				'This record is shared by another organisation: only the relationship service writes it.'
			);
		}
		// The reseller removes an active partnership (partnership/rules.ts
		// removeSharedPartnership): removed, attested, by the signed-in user, nothing else.
		// (Without the attestation it is no removal: an answer to a request no longer open.)
		var removingActive =
			oldDoc.status === 'active' && newDoc.status === 'removed' && newDoc.removalAttested === true;
		if (oldDoc.status !== 'requested' && !removingActive) {
			refuse('shared-copy-answered', 'This partnership request was already answered.');
		}
		if (removingActive) {
			requirePermission('removePartnership', 'role', 'remove a partnership');
			if (newDoc.removedBy !== name) {
				refuse('removed-by', 'removedBy must be the signed-in user (' + name + ').');
			}
			var removedMs = time(newDoc.removedAt);
			if (isNaN(removedMs) || removedMs < time(oldDoc.acceptedAt || oldDoc.requestedAt)) {
				refuse(
					'partnership-removal',
					'The removal needs its time, not earlier than the acceptance (' +
						(oldDoc.acceptedAt || oldDoc.requestedAt) +
						').'
				);
			}
		} else
			requirePermission(
				'answerPartnershipRequest',
				'role',
				'accept or decline a partnership request'
			);
		var accepting = !removingActive && newDoc.status === 'active';
		if (!removingActive && !accepting && newDoc.status !== 'removed') {
			refuse(
				'shared-copy',
				'A shared partnership request is answered by accepting (active) or declining (removed) it.'
			);
		}
		var answerFields = accepting
			? ['acceptedAt', 'acceptedRecordedBy']
			: ['removedAt', 'removedBy', 'removalAttested'];
		if (!removingActive && (accepting ? newDoc.acceptedRecordedBy : newDoc.removedBy) !== name) {
			refuse('answered-by', 'The answer must name the signed-in user (' + name + ').');
		}
		if (!removingActive && !accepting && newDoc.removalAttested !== false) {
			refuse('shared-copy', 'A declined request has removalAttested false.');
		}
		var answeredMs = time(accepting ? newDoc.acceptedAt : newDoc.removedAt);
		if (!removingActive && (isNaN(answeredMs) || answeredMs < time(oldDoc.requestedAt))) {
			refuse(
				'partnership-acceptance',
				'The answer needs its time, not earlier than the partnership request (' +
					oldDoc.requestedAt +
					').'
			);
		}
		// `id` (the device sends the record without it: _id is the id) and CouchDB's own `_…`
		// fields aside.
		var changeable = ['id', 'status', 'updatedAt', 'updatedBy', 'deviceId'].concat(answerFields);
		var fieldNames = Object.keys(newDoc).concat(Object.keys(oldDoc));
		for (var c = 0; c < fieldNames.length; c++) {
			if (fieldNames[c].charAt(0) !== '_' && changeable.indexOf(fieldNames[c]) === -1) {
				if (!same(newDoc[fieldNames[c]], oldDoc[fieldNames[c]])) {
					refuse(
						'shared-copy',
						'Only the answer of a shared partnership request can change, not ' + fieldNames[c] + '.'
					);
				}
			}
		}
	}
	// END issue 12, shared copies (rel12b).
	// BEGIN issue 12, shared customers and subscriptions (rel12c). A provider's customers of
	// this reseller and their subscriptions credited to it are `rel-…` copies (refused above for
	// any member: the owner changes them, the service brings the change). A subscription of
	// this organisation's own is for one of its own customers, not for a shared one
	// (shared/ownership.ts assertOwnCustomerForSubscription).
	if (
		config.collection === 'subscriptions' &&
		typeof newDoc.customerId === 'string' &&
		newDoc.customerId.indexOf('rel-') === 0 &&
		!(oldDoc && oldDoc.customerId === newDoc.customerId)
	) {
		refuse(
			'shared-customer',
			'This customer is owned by another organisation: only its owner adds subscriptions for it.'
		);
	}
	// END issue 12, shared customers and subscriptions (rel12c).
	var spec = config.fields;
	for (var field in spec) {
		if (!Object.prototype.hasOwnProperty.call(spec, field)) continue;
		var type = spec[field];
		var value = newDoc[field];
		var optional = typeof type === 'string' && type.charAt(type.length - 1) === '?';
		if (optional) type = type.slice(0, -1);
		if (value === undefined && optional) continue;
		var ok;
		if (value === undefined) ok = false;
		else if (typeof type !== 'string') ok = type.indexOf(value) !== -1;
		else if (type === 'string') ok = typeof value === 'string';
		else if (type === 'id')
			ok = typeof value === 'string' && value.length > 0 && value.length <= 64;
		else if (type === 'timestamp') {
			ok = typeof value === 'string' && value.length >= 20 && value.length <= 30;
		} else if (type === 'country') ok = typeof value === 'string' && /^[A-Z]{2}$/.test(value);
		else if (type === 'boolean') ok = typeof value === 'boolean';
		else if (type === 'integer') {
			ok = typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
		} else if (type === 'array') ok = Object.prototype.toString.call(value) === '[object Array]';
		else if (type === 'object') {
			ok =
				typeof value === 'object' &&
				value !== null &&
				Object.prototype.toString.call(value) !== '[object Array]';
		} else ok = false;
		if (!ok) {
			var expected = typeof type === 'string' ? type : 'one of ' + type.join(', ');
			refuse(
				'invalid-field',
				'The field ' + field + ' must be ' + expected + ' (it is ' + show(value) + ').'
			);
		}
	}

	// Activity: append-only, written by its actor, only for what the actor may do.
	if (config.collection === 'activity') {
		if (oldDoc) refuse('activity-append-only', 'Activity entries are never changed.');
		if (newDoc.actorId !== name) {
			refuse(
				'actor',
				'An activity entry must be written by its actor (' + show(newDoc.actorId) + ').'
			);
		}
		var actionPermission = config.actionPermissions[newDoc.action];
		if (actionPermission) {
			requirePermission(actionPermission, 'role', 'do ' + newDoc.action);
		}
		return;
	}

	// Who changed it.
	if (newDoc.updatedBy !== name) {
		refuse(
			'updated-by',
			'updatedBy must be the signed-in user (' + name + '), not ' + show(newDoc.updatedBy) + '.'
		);
	}
	var immutable = ['createdBy', 'createdAt'].concat(config.immutable);
	if (!oldDoc) {
		if (newDoc.createdBy !== name) {
			refuse(
				'created-by',
				'createdBy of a new record must be the signed-in user (' +
					name +
					'), not ' +
					show(newDoc.createdBy) +
					'.'
			);
		}
	} else {
		for (var i = 0; i < immutable.length; i++) {
			if (!same(newDoc[immutable[i]], oldDoc[immutable[i]])) {
				refuse('immutable', 'The field ' + immutable[i] + ' cannot change once the record exists.');
			}
		}
	}

	var collectionRule = config.collectionPermission;
	if (collectionRule) requirePermission(collectionRule.permission, 'role', collectionRule.what);

	if (config.collection === 'invitations' && oldDoc && oldDoc.status !== 'sent') {
		if (newDoc.status !== oldDoc.status) {
			refuse(
				'invitation-closed',
				'An invitation that was ' + oldDoc.status + ' cannot change: send a new one instead.'
			);
		}
	}
	// reseller-relationship/rules.ts: mustKeepDelegatedAdminPrivileges.
	if (
		config.collection === 'invitations' &&
		newDoc.cloud === 'us-government' &&
		newDoc.delegatedAdminPrivileges !== true
	) {
		refuse(
			'us-government-dap',
			'A customer in Microsoft Cloud for US Government cannot be invited without delegated admin privileges. Keep delegated admin privileges selected.'
		);
	}
	if (config.collection === 'invitations' && newDoc.status === 'accepted') {
		if (!newDoc.acceptedBy || newDoc.acceptedBy.isGlobalAdmin !== true) {
			refuse(
				'invitation-global-admin',
				"Only the customer's Global admin can accept an invitation."
			);
		}
	}
	if (config.collection === 'gdap' && oldDoc && oldDoc.status === 'terminated') {
		if (newDoc.status !== 'terminated') {
			refuse('gdap-terminated', 'A terminated GDAP relationship stays terminated.');
		}
	}

	if (config.collection === 'partnerships' && !sharedCopy) {
		var from = oldDoc ? oldDoc.status : null;
		var to = newDoc.status;
		if (from === 'removed') {
			if (to !== 'removed') {
				refuse(
					'partnership-removed',
					'A removed partnership stays removed: request a new partnership instead.'
				);
			}
			var removal = ['removedBy', 'removedAt', 'removalAttested'];
			for (var r = 0; r < removal.length; r++) {
				if (!same(newDoc[removal[r]], oldDoc[removal[r]])) {
					refuse('immutable', 'The removal of a partnership cannot be changed.');
				}
			}
		} else if (from === to) {
			if (to === 'active' && !same(newDoc.acceptedAt, oldDoc.acceptedAt)) {
				requirePermission('recordAcceptance', 'role', 'record the acceptance of a partnership');
			}
		} else if (to === 'requested') {
			if (from) {
				refuse('partnership-status', 'An active partnership cannot go back to requested.');
			}
			requirePermission('requestPartnership', 'role', 'request a partnership');
		} else if (to === 'active') {
			if (!from) requirePermission('requestPartnership', 'role', 'request a partnership');
			requirePermission('recordAcceptance', 'role', 'record the acceptance of a partnership');
		} else if (to === 'removed') {
			requirePermission('removePartnership', 'role', 'remove a partnership');
			if (newDoc.removedBy !== name) {
				refuse('removed-by', 'removedBy must be the signed-in user (' + name + ').');
			}
			if (typeof newDoc.removedAt !== 'string') {
				refuse('invalid-field', 'A removed partnership needs removedAt.');
			}
			if (newDoc.removalAttested !== true) {
				refuse(
					'attestation',
					'Removing a partnership needs the attestation (good faith, legitimate business purpose, in line with the agreements).'
				);
			}
		}
		if (!from && newDoc.requestedBy !== name) {
			refuse('requested-by', 'requestedBy must be the signed-in user (' + name + ').');
		}
		if (to === 'active' && typeof newDoc.acceptedAt !== 'string') {
			refuse('invalid-field', 'An active partnership needs acceptedAt.');
		}
	}

	if (config.collection === 'customers') {
		var relationships = ['providerRelationship', 'resellerRelationship'];
		var removing = false;
		for (var k = 0; k < relationships.length; k++) {
			var before = oldDoc ? oldDoc[relationships[k]] : 'none';
			var after = newDoc[relationships[k]];
			if (before === after) continue;
			if (after === 'removed' || (after === 'none' && oldDoc)) {
				requirePermission('removeCustomerRelationship', 'role', 'remove a customer relationship');
				removing = true;
			} else if (after === 'invited') {
				requirePermission('requestCustomerRelationship', 'role', 'request a reseller relationship');
			} else if (after === 'active' && oldDoc) {
				// An existing customer becomes active when it accepted an invitation (recorded by
				// those who may send invitations); a new customer may start active (Add new customer).
				requirePermission(
					'requestCustomerRelationship',
					'role',
					'record that a customer accepted a relationship'
				);
			}
		}
		if (removing && oldDoc && newDoc.delegatedAdminPrivileges !== oldDoc.delegatedAdminPrivileges) {
			refuse(
				'dap-unchanged',
				'Removing a customer relationship leaves delegated admin privileges unchanged.'
			);
		}
	}
	// ---- The domain rules of src/lib/domain, per document (server/rule-parity.test.js ties
	// each to its domain export). What needs other documents stays on the device; see there.
	var data = config.data;
	var DAY_MS = 86400000;

	/** @param {unknown} value */
	function time(value) {
		return typeof value === 'string' ? Date.parse(value) : NaN;
	}
	/** @param {string} field @param {unknown} value @param {string} code */
	function requireTime(field, value, code) {
		var ms = time(value);
		if (isNaN(ms)) {
			refuse(code, 'The field ' + field + ' must be a date and time (it is ' + show(value) + ').');
		}
		return ms;
	}
	/** @param {number} ms */
	function day(ms) {
		return new Date(ms).toISOString().slice(0, 10);
	}
	/** @param {unknown} value */
	function text(value) {
		return typeof value === 'string' ? value : '';
	}
	// partner/rules.ts isValidEmail; the top-level domain check is wider (no \p{L} in ES5).
	/** @param {string} email */
	function isEmail(email) {
		if (email.length === 0 || email.length > 254 || /\s/.test(email)) return false;
		var parts = email.split('@');
		if (parts.length !== 2) return false;
		var local = parts[0];
		var domain = parts[1];
		if (local.length === 0 || local.length > 64) return false;
		if (local.charAt(0) === '.' || local.charAt(local.length - 1) === '.') return false;
		if (local.indexOf('..') !== -1 || domain.indexOf('.') === -1) return false;
		if (/[()<>[\]\\,;:"]/.test(email)) return false;
		var labels = domain.split('.');
		for (var l = 0; l < labels.length; l++) {
			var label = labels[l];
			if (label.length === 0 || label.length > 63) return false;
			if (label.charAt(0) === '-' || label.charAt(label.length - 1) === '-') return false;
		}
		return /^([A-Za-z\u00aa-\uffff]{2,}|xn--[a-z0-9-]+)$/i.test(labels[labels.length - 1]);
	}
	/** @param {string} field @param {unknown} value @param {boolean} optional */
	function checkEmail(field, value, optional) {
		var email = text(value).trim();
		if (optional && email === '') return;
		if (!isEmail(email)) {
			refuse(
				'email',
				'The field ' +
					field +
					' must be an email address like name@example.com (it is ' +
					show(value) +
					').'
			);
		}
	}
	// customer/rules.ts companyNameError: its length and that it has letters (letters outside
	// ASCII count as letters here). Only a legal form or a repeated character is checked on the
	// device only.
	/** @param {unknown} value */
	function checkCompanyName(value) {
		var name = text(value).trim();
		if (name.length < 2 || name.length > 255 || !/[A-Za-z\u00aa-\uffff]/.test(name)) {
			refuse(
				'company-name',
				'The company name must have 2 to 255 characters with letters in it (it is ' +
					show(value) +
					').'
			);
		}
	}
	/** @param {string} field @param {unknown} value */
	function checkCountry(field, value) {
		var code = text(value);
		if (!/^[A-Z]{2}$/.test(code) || (' ' + data.countries + ' ').indexOf(' ' + code + ' ') === -1) {
			refuse(
				'country',
				'The field ' +
					field +
					' must be an ISO 3166-1 country/region code (it is ' +
					show(value) +
					').'
			);
		}
	}
	// partnership/rules.ts validateEmailDraft and draftKeepsLink.
	/** @param {unknown} draftValue @param {unknown} linkValue */
	function checkEmailDraft(draftValue, linkValue) {
		var draft = text(draftValue).trim();
		var link = text(linkValue);
		if (draft === '' || draft.length > data.emailDraftMaxLength) {
			refuse(
				'email-draft',
				'The email draft must have 1 to ' +
					data.emailDraftMaxLength +
					' characters (it has ' +
					draft.length +
					').'
			);
		}
		var from = 0;
		for (;;) {
			var at = link === '' ? -1 : draft.indexOf(link, from);
			if (at < 0) {
				refuse(
					'email-draft',
					'The email draft must keep the personalised link ' + show(link) + '.'
				);
			}
			var next = draft.charAt(at + link.length);
			if (next === '' || !/[A-Za-z0-9\-_/%]/.test(next)) return;
			from = at + 1;
		}
	}
	/** @param {unknown} value */
	function isTenantId(value) {
		return (
			typeof value === 'string' &&
			/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value) &&
			value !== '00000000-0000-0000-0000-000000000000'
		);
	}
	/** The status before this write; null for a new record. */
	var previous = oldDoc ? oldDoc.status : null;
	var changedStatus = previous !== newDoc.status;

	if (config.collection === 'partners') {
		// partner/rules.ts mpnIdError (empty until known) and isValidEmail.
		if (!/^[0-9]{0,20}$/.test(text(newDoc.mpnId))) {
			refuse(
				'mpn-id',
				'The MPN ID has digits only, at most 20 (it is ' + show(newDoc.mpnId) + ').'
			);
		}
		checkEmail('email', newDoc.email, true);
		checkCountry('country', newDoc.country);
	}

	if (config.collection === 'partnerships' && !sharedCopy) {
		checkEmailDraft(newDoc.emailDraft, newDoc.invitationLink);
		// partnership/rules.ts acceptPartnership: not before the request.
		if (newDoc.acceptedAt !== undefined) {
			var acceptedMs = requireTime('acceptedAt', newDoc.acceptedAt, 'partnership-acceptance');
			var requestedMs = time(newDoc.requestedAt);
			if (!isNaN(requestedMs) && acceptedMs < requestedMs) {
				refuse(
					'partnership-acceptance',
					'The acceptance (' +
						newDoc.acceptedAt +
						') cannot be earlier than the partnership request (' +
						newDoc.requestedAt +
						').'
				);
			}
		}
	}

	if (config.collection === 'customers') {
		checkCompanyName(newDoc.companyName);
		// customer/rules.ts domainPrefixError (stored in lower case); uniqueness needs the others.
		if (!/^[a-z0-9]{1,27}$/.test(newDoc.domainPrefix)) {
			refuse(
				'domain-prefix',
				'The domain prefix has 1 to 27 letters a–z and digits 0–9 (it is ' +
					show(newDoc.domainPrefix) +
					').'
			);
		}
		checkCountry('address.country', newDoc.address.country);
		checkEmail('contact.email', newDoc.contact && newDoc.contact.email, false);
		// customer/rules.ts phoneError, for a phone number that is filled in.
		var phone = text(newDoc.contact && newDoc.contact.phone).trim();
		var digits = phone.replace(/\D/g, '').length;
		if (
			phone !== '' &&
			(phone.length > 40 || !/^\+?[0-9 ()-]+$/.test(phone) || digits < 6 || digits > 20)
		) {
			refuse(
				'phone',
				'The phone number must have 6 to 20 digits, with spaces, a leading +, dashes and brackets only (it is ' +
					show(newDoc.contact.phone) +
					').'
			);
		}
		// reseller-relationship/removal.ts removeCustomerRelationship: only an active one.
		if (
			oldDoc &&
			newDoc.resellerRelationship === 'removed' &&
			oldDoc.resellerRelationship !== 'removed' &&
			oldDoc.resellerRelationship !== 'active'
		) {
			refuse(
				'customer-relationship-status',
				'Only an active customer relationship can be removed (it is ' +
					oldDoc.resellerRelationship +
					'): withdraw an open invitation instead.'
			);
		}
	}

	if (config.collection === 'subscriptions') {
		// subscription/rules.ts validateSubscription (the offer) and validateQuantity.
		var offer = Object.prototype.hasOwnProperty.call(data.offers, newDoc.offerId)
			? data.offers[newDoc.offerId]
			: null;
		if (!offer) {
			refuse('offer', 'The offer ' + show(newDoc.offerId) + ' is not in the catalog.');
		}
		if (newDoc.quantity < offer[1] || newDoc.quantity > offer[2]) {
			refuse(
				'quantity',
				offer[0] +
					' can have from ' +
					offer[1] +
					' to ' +
					offer[2] +
					' licences (not ' +
					newDoc.quantity +
					').'
			);
		}
		// subscription/lifecycle.ts: the status changes (cancel, suspend, reactivate) and their
		// roles, the cancellation window on the server's clock, and offer changes only along the
		// upgrade paths or at a renewal that applies the scheduled offer.
		var fromStatus = oldDoc ? oldDoc.status : null;
		if (fromStatus === 'cancelled' && newDoc.status !== 'cancelled') {
			refuse('subscription-cancelled', 'A cancelled subscription stays cancelled.');
		}
		if (oldDoc && newDoc.status !== fromStatus) {
			requirePermission(
				'manageSubscriptionLifecycle',
				'role',
				'cancel, suspend or reactivate a subscription'
			);
		}
		if (
			oldDoc &&
			newDoc.status === 'cancelled' &&
			fromStatus !== 'cancelled' &&
			newDoc.termDuration !== 'none'
		) {
			var termStartMs = Date.parse(newDoc.termStartDate || newDoc.startDate);
			var windowEndMs = termStartMs + data.cancellationWindowHours * 3600000;
			if (!(Date.now() < windowEndMs)) {
				refuse(
					'subscription-cancel-window',
					"A subscription can be cancelled only in the first 7 days (168 hours) of a term; this term's window closed on " +
						new Date(windowEndMs).toISOString().slice(0, 10) +
						'.'
				);
			}
		}
		// A renewal moves the term start to the end of the last term, once that end has passed.
		if (oldDoc && newDoc.termStartDate !== oldDoc.termStartDate) {
			var newStartMs = Date.parse(newDoc.termStartDate);
			var oldEndMs = Date.parse(oldDoc.endDate);
			if (!(newStartMs >= oldEndMs && newStartMs <= Date.now())) {
				refuse(
					'subscription-renewal',
					'A new term starts at the end of the last one (' +
						show(oldDoc.endDate) +
						') once it has passed, not at ' +
						show(newDoc.termStartDate) +
						'.'
				);
			}
		}
		if (oldDoc && newDoc.offerId !== oldDoc.offerId) {
			var paths = Object.prototype.hasOwnProperty.call(data.upgradePaths, oldDoc.offerId)
				? data.upgradePaths[oldDoc.offerId]
				: [];
			var renewal =
				newDoc.termStartDate !== oldDoc.termStartDate &&
				!!oldDoc.scheduledChanges &&
				oldDoc.scheduledChanges.offerId === newDoc.offerId;
			if (paths.indexOf(newDoc.offerId) === -1 && !renewal) {
				refuse(
					'subscription-offer-change',
					'The offer of a subscription changes only by an upgrade (' +
						show(oldDoc.offerId) +
						' cannot become ' +
						show(newDoc.offerId) +
						') or at the renewal it was scheduled for.'
				);
			}
		}
		checkSubscriptionLifecycle();
		// subscription/bulk-reseller-change.ts statusesWithoutResellerChange.
		if (oldDoc && oldDoc.status === 'cancelled' && newDoc.resellerId !== oldDoc.resellerId) {
			refuse(
				'subscription-cancelled',
				'The reseller of a cancelled subscription cannot change (from ' +
					show(oldDoc.resellerId) +
					' to ' +
					show(newDoc.resellerId) +
					').'
			);
		}
	}

	if (config.collection === 'invitations') {
		// reseller-relationship/rules.ts validateInvitationRecipient and validateInvitationDraft.
		checkCompanyName(newDoc.companyName);
		checkEmail('email', newDoc.email, false);
		if (text(newDoc.contactName).trim().length > 100) {
			refuse('invalid-field', "The contact's name can be at most 100 characters.");
		}
		checkCountry('country', newDoc.country);
		checkEmailDraft(newDoc.emailDraft, newDoc.link);
		// invitation/rules.ts acceptInvitation and withdrawInvitation: while it is open.
		var sentMs = requireTime('sentAt', newDoc.sentAt, 'invalid-field');
		var expiresMs = sentMs + data.invitationValidityDays * DAY_MS;
		/** @param {string} field @param {string} what @param {string} code */
		var checkOpenAt = function (field, what, code) {
			var atMs = requireTime(field, newDoc[field], code);
			if (atMs < sentMs) {
				refuse(
					code,
					'The invitation cannot be ' +
						what +
						' (' +
						newDoc[field] +
						') before it was sent (' +
						newDoc.sentAt +
						').'
				);
			}
			if (atMs >= expiresMs) {
				refuse(
					'invitation-expired',
					'The invitation expired on ' +
						day(expiresMs) +
						', ' +
						data.invitationValidityDays +
						' days after it was sent; it cannot be ' +
						what +
						' on ' +
						day(atMs) +
						'.'
				);
			}
		};
		if (newDoc.status === 'accepted') {
			checkOpenAt('acceptedAt', 'accepted', 'invitation-acceptance');
			var person = newDoc.acceptedBy || {};
			var personName = text(person.name).trim();
			if (personName === '' || personName.length > 100) {
				refuse(
					'invitation-acceptance',
					'An accepted invitation names the person who accepted (1 to 100 characters; it is ' +
						show(person.name) +
						').'
				);
			}
			checkEmail('acceptedBy.email', person.email, true);
			if (typeof newDoc.acceptedRecordedBy !== 'string' || newDoc.acceptedRecordedBy === '') {
				refuse(
					'invitation-acceptance',
					'An accepted invitation names who recorded the acceptance (acceptedRecordedBy).'
				);
			}
			if (changedStatus && newDoc.acceptedRecordedBy !== name) {
				refuse(
					'invitation-acceptance',
					'acceptedRecordedBy must be the signed-in user (' +
						name +
						'), not ' +
						show(newDoc.acceptedRecordedBy) +
						'.'
				);
			}
		}
		if (newDoc.status === 'withdrawn') {
			checkOpenAt('withdrawnAt', 'withdrawn', 'invitation-withdrawal');
			if (typeof newDoc.withdrawnBy !== 'string' || newDoc.withdrawnBy === '') {
				refuse(
					'invitation-withdrawal',
					'A withdrawn invitation names who withdrew it (withdrawnBy).'
				);
			}
			if (changedStatus && newDoc.withdrawnBy !== name) {
				refuse(
					'invitation-withdrawal',
					'withdrawnBy must be the signed-in user (' +
						name +
						'), not ' +
						show(newDoc.withdrawnBy) +
						'.'
				);
			}
		}
	}

	if (config.collection === 'gdap') {
		// gdap/rules.ts displayNameError (uniqueness needs the others), durationError and
		// validateGdapRequest's roles.
		var displayName = text(newDoc.displayName).trim();
		if (
			displayName === '' ||
			displayName.length > data.gdapDisplayNameMaxLength ||
			// eslint-disable-next-line no-control-regex -- \p{Cc}, as gdap/rules.ts has it
			/[\u0000-\u001f\u007f-\u009f]/.test(displayName)
		) {
			refuse(
				'gdap-display-name',
				'The name of a GDAP relationship has 1 to ' +
					data.gdapDisplayNameMaxLength +
					' characters, without line breaks or tabs (it is ' +
					show(newDoc.displayName) +
					').'
			);
		}
		if (
			newDoc.durationDays < data.gdapMinDurationDays ||
			newDoc.durationDays > data.gdapMaxDurationDays
		) {
			refuse(
				'gdap-duration',
				'The duration must be from ' +
					data.gdapMinDurationDays +
					' to ' +
					data.gdapMaxDurationDays +
					' days (it is ' +
					newDoc.durationDays +
					').'
			);
		}
		var roleIds = newDoc.roleIds;
		if (roleIds.length === 0 || roleIds.length > 100) {
			refuse(
				'gdap-roles',
				'A GDAP relationship asks for 1 to 100 Microsoft Entra roles (it asks for ' +
					roleIds.length +
					').'
			);
		}
		var hasGlobalAdministrator = false;
		for (var g = 0; g < roleIds.length; g++) {
			if (data.entraRoleIds.indexOf(roleIds[g]) === -1) {
				refuse(
					'gdap-roles',
					'The role ' + show(roleIds[g]) + ' is not a Microsoft Entra role ID of the list.'
				);
			}
			if (roleIds[g] === data.globalAdministratorRoleId) hasGlobalAdministrator = true;
		}
		// gdap/rules.ts hasGlobalAdministrator, in validateGdapRequest and setGdapAutoExtend.
		if (newDoc.autoExtend === true && hasGlobalAdministrator) {
			refuse(
				'gdap-auto-extend-global-admin',
				'Auto-extend is not available when Global Administrator (' +
					data.globalAdministratorRoleId +
					') is among the roles.'
			);
		}
		// gdap/rules.ts approveGdap: approval pending → active → terminated.
		if (previous === 'active' && newDoc.status === 'approval-pending') {
			refuse('gdap-status', 'An approved GDAP relationship cannot go back to approval pending.');
		}
		var approvedMs = NaN;
		if (newDoc.status === 'active' || newDoc.approvedAt !== undefined) {
			approvedMs = requireTime('approvedAt', newDoc.approvedAt, 'gdap-status');
			var endMs = requireTime('endAt', newDoc.endAt, 'gdap-status');
			var gdapRequestedMs = time(newDoc.requestedAt);
			if (!isNaN(gdapRequestedMs) && approvedMs < gdapRequestedMs) {
				refuse(
					'gdap-status',
					'The approval (' +
						newDoc.approvedAt +
						') cannot be earlier than the request (' +
						newDoc.requestedAt +
						').'
				);
			}
			if (endMs < approvedMs + newDoc.durationDays * DAY_MS) {
				refuse(
					'gdap-status',
					'The end (' +
						newDoc.endAt +
						') cannot be earlier than the approval plus ' +
						newDoc.durationDays +
						' days.'
				);
			}
		}
		// gdap/rules.ts terminateGdap: who and when; an expired one cannot be terminated.
		if (newDoc.status === 'terminated') {
			var terminatedMs = requireTime('terminatedAt', newDoc.terminatedAt, 'gdap-termination');
			if (typeof newDoc.terminatedBy !== 'string' || newDoc.terminatedBy === '') {
				refuse(
					'gdap-termination',
					'A terminated GDAP relationship names who terminated it (terminatedBy).'
				);
			}
			if (changedStatus && newDoc.terminatedBy !== name) {
				refuse(
					'gdap-termination',
					'terminatedBy must be the signed-in user (' +
						name +
						'), not ' +
						show(newDoc.terminatedBy) +
						'.'
				);
			}
			var startMs = isNaN(approvedMs) ? time(newDoc.requestedAt) : approvedMs;
			if (!isNaN(startMs) && terminatedMs < startMs) {
				refuse(
					'gdap-termination',
					'The termination (' +
						newDoc.terminatedAt +
						') cannot be earlier than the start of the relationship.'
				);
			}
			if (!isNaN(approvedMs) && newDoc.autoExtend !== true && terminatedMs >= time(newDoc.endAt)) {
				refuse(
					'gdap-termination',
					'The relationship had expired on ' +
						newDoc.endAt +
						', so it cannot be terminated on ' +
						newDoc.terminatedAt +
						'.'
				);
			}
		}
		if (previous === 'terminated') {
			var frozen = ['autoExtend', 'approvedAt', 'endAt', 'terminatedAt', 'terminatedBy'];
			for (var f = 0; f < frozen.length; f++) {
				if (!same(newDoc[frozen[f]], oldDoc[frozen[f]])) {
					refuse(
						'gdap-terminated',
						'A terminated GDAP relationship stays terminated: ' + frozen[f] + ' cannot change.'
					);
				}
			}
		}
	}

	if (config.collection === 'settings') {
		// organisation-settings/rules.ts tenantIdError ('' until entered) for the own and the
		// providers' tenant IDs, one row per provider.
		if (newDoc.tenantId !== '' && !isTenantId(newDoc.tenantId)) {
			refuse(
				'tenant-id',
				'A tenant ID is a GUID in lower case, not all zeros (it is ' + show(newDoc.tenantId) + ').'
			);
		}
		/** @type {Record<string, boolean>} */
		var seenProviders = {};
		for (var t = 0; t < newDoc.providerTenants.length; t++) {
			var row = newDoc.providerTenants[t] || {};
			if (!isTenantId(row.tenantId)) {
				refuse(
					'tenant-id',
					'The tenant ID of provider ' +
						show(row.providerId) +
						' must be a GUID in lower case, not all zeros (it is ' +
						show(row.tenantId) +
						').'
				);
			}
			if (seenProviders['p:' + row.providerId]) {
				refuse('tenant-id', 'Provider ' + show(row.providerId) + ' has more than one tenant ID.');
			}
			seenProviders['p:' + row.providerId] = true;
		}
		// organisation-settings/rules.ts invitationTemplateError ('' while not set up).
		var template = text(newDoc.newCustomerInvitationTemplate);
		if (template !== '') {
			var problem = '';
			/** @type {string[]} */
			var names = [];
			var rest = template.replace(/\{([^{}]*)\}/g, function (whole, placeholder) {
				names.push(placeholder);
				return '';
			});
			if (template !== template.trim() || template.length > data.invitationTemplateMaxLength) {
				problem = 'must be trimmed and at most ' + data.invitationTemplateMaxLength + ' characters';
			} else if (/[{}]/.test(rest)) {
				problem = 'has a curly bracket that is missing or extra';
			} else if (!/^https:\/\/[^\s/?#@:]+\.[^\s/?#@:]+([/?#:]\S*)?$/.test(rest)) {
				problem = 'must be a web address that starts with https://, without spaces';
			}
			for (var n = 0; n < names.length && !problem; n++) {
				if (data.invitationPlaceholders.indexOf(names[n]) === -1) {
					problem = 'uses {' + names[n] + '}, which is not a placeholder the app can fill';
				}
			}
			if (
				!problem &&
				(names.indexOf('resellerTenantId') === -1 ||
					names.indexOf('dap') === -1 ||
					(names.indexOf('providerTenantId') === -1 && names.indexOf('providerMpnId') === -1))
			) {
				problem =
					'must contain {resellerTenantId}, {dap} and {providerTenantId} or {providerMpnId}';
			}
			if (problem) {
				refuse('invitation-template', 'The link template of Invite new customers ' + problem + '.');
			}
		}
	}

	// ---- Subscriptions through their life (issue 15): subscription/lifecycle.ts on the server.
	// The licence decrease inside the cancellation window on the server's clock, suspension and
	// reactivation (who, why), a suspended subscription frozen otherwise, and the shape and rules
	// of the changes scheduled for the renewal. Called from the subscriptions block above.
	function checkSubscriptionLifecycle() {
		var sc = newDoc.scheduledChanges;
		var was = oldDoc || {};
		var renewal = !!oldDoc && newDoc.termStartDate !== oldDoc.termStartDate;
		var windowEnd =
			Date.parse(newDoc.termStartDate || newDoc.startDate) + data.cancellationWindowHours * 3600000;
		// changeLicences: a decrease only inside the window of the current term (the server's
		// clock), or at the renewal that applies the scheduled quantity.
		if (
			oldDoc &&
			newDoc.status !== 'cancelled' &&
			newDoc.termDuration !== 'none' &&
			newDoc.quantity < oldDoc.quantity &&
			!(Date.now() < windowEnd) &&
			!(renewal && oldDoc.scheduledChanges && oldDoc.scheduledChanges.quantity === newDoc.quantity)
		) {
			refuse(
				'subscription-decrease-window',
				"Licences can be removed only in the first 7 days (168 hours) of a term; this term's window closed on " +
					new Date(windowEnd).toISOString().slice(0, 10) +
					': schedule the decrease for the renewal instead.'
			);
		}
		checkSubscriptionTerm(renewal);
		// subscriptionAt: a term that ended without renewing (auto-renew off, or suspended) leaves
		// the subscription expired on the server's clock. Its status, offer, licences, term,
		// auto-renew and scheduled changes no longer change; its reseller and support contact can.
		var endedMs = oldDoc ? Date.parse(oldDoc.endDate) : NaN;
		if (
			oldDoc &&
			oldDoc.status !== 'cancelled' &&
			oldDoc.termDuration !== 'none' &&
			endedMs <= Date.now() &&
			(oldDoc.autoRenew === false || oldDoc.status === 'suspended')
		) {
			var ended = [
				'status',
				'offerId',
				'quantity',
				'billingCycle',
				'termDuration',
				'endDate',
				'termStartDate',
				'autoRenew',
				'scheduledChanges'
			];
			for (var e = 0; e < ended.length; e++) {
				if (!same(newDoc[ended[e]], oldDoc[ended[e]])) {
					refuse(
						'subscription-ended',
						'This subscription ended on ' +
							day(endedMs) +
							' without renewing: its ' +
							ended[e] +
							' cannot change any more (its reseller and support contact can).'
					);
				}
			}
		}
		// suspendSubscription: who and why.
		if (newDoc.status === 'suspended' && was.status !== 'suspended') {
			var reason = newDoc.suspensionReason;
			var note = typeof newDoc.suspensionNote === 'string' ? newDoc.suspensionNote : '';
			if (
				newDoc.suspendedBy !== name ||
				typeof newDoc.suspendedAt !== 'string' ||
				isNaN(Date.parse(newDoc.suspendedAt)) ||
				data.suspensionReasons.indexOf(reason) === -1 ||
				(reason === 'other' && note.replace(/^\s+|\s+$/g, '') === '') ||
				note.length > data.suspensionNoteMax
			) {
				refuse(
					'subscription-suspension',
					'A suspension names who suspended it (the signed-in user, ' +
						name +
						'), when, and why (' +
						data.suspensionReasons.join(', ') +
						'; a note of at most ' +
						data.suspensionNoteMax +
						' characters, required for other); it has ' +
						show({ by: newDoc.suspendedBy, at: newDoc.suspendedAt, reason: reason }) +
						'.'
				);
			}
		}
		// cancelSubscription: who and when, and a cancelled subscription no longer changes (only
		// its support contact may; its reseller neither, below).
		if (oldDoc && newDoc.status === 'cancelled' && was.status !== 'cancelled') {
			var cancelledMs =
				typeof newDoc.cancelledAt === 'string' ? Date.parse(newDoc.cancelledAt) : NaN;
			if (newDoc.cancelledBy !== name || isNaN(cancelledMs)) {
				refuse(
					'subscription-cancellation',
					'A cancellation names who cancelled the subscription (the signed-in user, ' +
						name +
						') and when; it has ' +
						show({ by: newDoc.cancelledBy, at: newDoc.cancelledAt }) +
						'.'
				);
			}
		}
		if (was.status === 'cancelled') {
			var kept = [
				'offerId',
				'quantity',
				'billingCycle',
				'termDuration',
				'endDate',
				'termStartDate',
				'autoRenew',
				'scheduledChanges',
				'cancelledAt',
				'cancelledBy'
			];
			for (var k = 0; k < kept.length; k++) {
				if (!same(newDoc[kept[k]], oldDoc[kept[k]])) {
					refuse(
						'subscription-cancelled',
						'A cancelled subscription stays as it was cancelled: its ' +
							kept[k] +
							' cannot change (its support contact can).'
					);
				}
			}
		}
		// reactivateSubscription: the suspension goes with it.
		if (was.status === 'suspended' && newDoc.status === 'active') {
			if (newDoc.suspendedAt !== undefined || newDoc.suspensionReason !== undefined) {
				refuse(
					'subscription-suspension',
					'A reactivated subscription keeps no suspension (suspendedAt, suspensionReason).'
				);
			}
		}
		// A suspended subscription cannot be changed otherwise (until reactivated or cancelled).
		if (was.status === 'suspended' && newDoc.status !== 'cancelled') {
			var frozen = [
				'offerId',
				'quantity',
				'billingCycle',
				'termDuration',
				'endDate',
				'termStartDate',
				'autoRenew',
				'scheduledChanges'
			];
			for (var f = 0; f < frozen.length; f++) {
				if (!same(newDoc[frozen[f]], oldDoc[frozen[f]])) {
					refuse(
						'subscription-suspended',
						'This subscription is suspended: reactivate it before changing ' + frozen[f] + '.'
					);
				}
			}
		}
		// scheduleChanges: the shape and the rules of changes scheduled for the renewal.
		if (sc === undefined || (oldDoc && same(sc, oldDoc.scheduledChanges))) return;
		/** @param {string} why */
		var refuseScheduled = function (why) {
			refuse(
				'subscription-scheduled-changes',
				'The changes scheduled for the renewal ' + why + '.'
			);
		};
		if (
			newDoc.status !== 'active' ||
			newDoc.termDuration === 'none' ||
			newDoc.autoRenew === false
		) {
			refuseScheduled('need an active subscription with a term and auto-renew on');
		}
		if (
			sc.scheduledBy !== name ||
			typeof sc.scheduledAt !== 'string' ||
			isNaN(Date.parse(sc.scheduledAt))
		) {
			refuseScheduled(
				'must name when they were scheduled and by whom (the signed-in user, ' + name + ')'
			);
		}
		var targetId = sc.offerId === undefined ? newDoc.offerId : sc.offerId;
		var plans = data.offerPlans;
		var target = Object.prototype.hasOwnProperty.call(plans, targetId) ? plans[targetId] : null;
		var current = Object.prototype.hasOwnProperty.call(plans, newDoc.offerId)
			? plans[newDoc.offerId]
			: null;
		if (!target || !current) refuseScheduled('name an offer of the catalog, not ' + show(targetId));
		var upgrades = Object.prototype.hasOwnProperty.call(data.upgradePaths, newDoc.offerId)
			? data.upgradePaths[newDoc.offerId]
			: [];
		if (
			targetId !== newDoc.offerId &&
			target[0] !== current[0] &&
			upgrades.indexOf(targetId) === -1
		) {
			refuseScheduled(
				'change the offer only to one of the same product family or an upgrade (not ' +
					show(newDoc.offerId) +
					' to ' +
					show(targetId) +
					')'
			);
		}
		var bounds = data.offers[targetId];
		var quantity = sc.quantity === undefined ? newDoc.quantity : sc.quantity;
		if (
			typeof quantity !== 'number' ||
			Math.floor(quantity) !== quantity ||
			quantity < bounds[1] ||
			quantity > bounds[2]
		) {
			refuseScheduled(
				'keep ' +
					bounds[0] +
					' within ' +
					bounds[1] +
					' to ' +
					bounds[2] +
					' licences (not ' +
					show(quantity) +
					')'
			);
		}
		var term = sc.termDuration === undefined ? newDoc.termDuration : sc.termDuration;
		var billing = sc.billingCycle === undefined ? newDoc.billingCycle : sc.billingCycle;
		// lifecycle.ts billingFitsTerm: triennial billing with a 3-year term, annual with 1 or 3 years.
		var fits =
			billing === 'monthly' ||
			(billing === 'annual' && (term === 'P1Y' || term === 'P3Y')) ||
			(billing === 'triennial' && term === 'P3Y');
		if (target[1].indexOf(term) === -1 || target[2].indexOf(billing) === -1 || !fits) {
			refuseScheduled(
				'need a term and billing frequency the offer has and that go together (not ' +
					show(term) +
					' billed ' +
					show(billing) +
					')'
			);
		}
		if (
			sc.offerId === undefined &&
			sc.quantity === undefined &&
			sc.termDuration === undefined &&
			sc.billingCycle === undefined
		) {
			refuseScheduled('must change the quantity, term, billing frequency or offer');
		}
	}

	/**
	 * subscription/rules.ts termEndDate: the end of a term from its start, the same time of day,
	 * on the last day of a shorter month; NaN for no term.
	 * @param {number} startMs @param {unknown} term
	 */
	function termEnd(startMs, term) {
		var months = term === 'P1M' ? 1 : term === 'P1Y' ? 12 : term === 'P3Y' ? 36 : 0;
		if (!months || isNaN(startMs)) return NaN;
		var start = new Date(startMs);
		var monthIndex = start.getUTCMonth() + months;
		var year = start.getUTCFullYear() + Math.floor(monthIndex / 12);
		var month = monthIndex % 12;
		var lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
		var end = new Date(startMs);
		end.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
		return end.getTime();
	}

	// subscription/lifecycle.ts newSubscriptionTerm (a new subscription: a term and billing
	// frequency the offer has and that go together; the first term ends at the end of the term
	// from its start, or earlier on a co-term date after the cancellation window; which co-term
	// dates exist needs the customer's other subscriptions, so that part stays on the device) and
	// renewed (the term changes only at a renewal: the old or the scheduled term and billing, and
	// the standard end from the new start). Called from checkSubscriptionLifecycle.
	/** @param {boolean} renewal */
	function checkSubscriptionTerm(renewal) {
		var term = newDoc.termDuration;
		var billing = newDoc.billingCycle;
		var startMs = Date.parse(newDoc.termStartDate || newDoc.startDate);
		var endMs = newDoc.endDate === undefined ? NaN : Date.parse(newDoc.endDate);
		var standardMs = termEnd(startMs, term);
		if (oldDoc && !renewal) {
			var fields = ['termDuration', 'billingCycle', 'endDate'];
			for (var t = 0; t < fields.length; t++) {
				if (!same(newDoc[fields[t]], oldDoc[fields[t]])) {
					refuse(
						'subscription-term',
						'The ' +
							fields[t] +
							' of a subscription changes only at a renewal (schedule the change for it).'
					);
				}
			}
			return;
		}
		if (renewal) {
			var scheduled = oldDoc.scheduledChanges || {};
			if (
				(term !== oldDoc.termDuration && term !== scheduled.termDuration) ||
				(billing !== oldDoc.billingCycle && billing !== scheduled.billingCycle) ||
				endMs !== standardMs
			) {
				refuse(
					'subscription-renewal',
					'A renewed term has the term and billing frequency it had or that were scheduled, and ends a full term after its start (' +
						show(term) +
						' from ' +
						show(newDoc.termStartDate) +
						', not until ' +
						show(newDoc.endDate) +
						').'
				);
			}
			return;
		}
		var plan = Object.prototype.hasOwnProperty.call(data.offerPlans, newDoc.offerId)
			? data.offerPlans[newDoc.offerId]
			: null;
		var fits =
			term === 'none' ||
			billing === 'monthly' ||
			(billing === 'annual' && (term === 'P1Y' || term === 'P3Y')) ||
			(billing === 'triennial' && term === 'P3Y');
		if (!plan || plan[1].indexOf(term) === -1 || plan[2].indexOf(billing) === -1 || !fits) {
			refuse(
				'subscription-term',
				'A new subscription needs a term and billing frequency its offer has and that go together (not ' +
					show(term) +
					' billed ' +
					show(billing) +
					').'
			);
		}
		if (term === 'none') {
			if (newDoc.endDate !== undefined) {
				refuse('subscription-term', 'A usage-based subscription has no term, so no end date.');
			}
			return;
		}
		var windowEndMs = startMs + data.cancellationWindowHours * 3600000;
		if (!(endMs > windowEndMs && endMs <= standardMs)) {
			refuse(
				'subscription-term',
				'The first term of a new subscription ends a full term after its start (' +
					new Date(standardMs).toISOString() +
					') or on an earlier co-term date after its cancellation window, not at ' +
					show(newDoc.endDate) +
					'.'
			);
		}
	}
}

// ---- Rules that need the organisation's own record, and the address formats (issue 10). Kept
// apart from checkDocument; it runs after it, so what reaches it is signed in, of this
// organisation, allowed and well-formed. ES5 and self-contained, like checkDocument.
//
// The organisation's country/region comes from its record in csp-<org>-members (written by the
// setup command; only server admins write there) into `config.organisation` of each design
// document (only server admins write those too): no member can change it to get around the rule.

/**
 * @param {any} config
 * @param {any} newDoc
 * @param {any} oldDoc
 * @param {any} userCtx
 * @returns {void}
 */
export function checkOrganisationAndAddress(config, newDoc, oldDoc, userCtx) {
	var roles = (userCtx && userCtx.roles) || [];
	if (roles.indexOf('_admin') !== -1) return;
	var data = config.data;
	var own = config.organisation && config.organisation.country;
	if (oldDoc && oldDoc._deleted === true) oldDoc = null;
	/** @param {string} code @param {string} message @returns {never} */
	function refuse(code, message) {
		throw { forbidden: '[csp:' + code + '] ' + message };
	}
	/** @param {unknown} value */
	function text(value) {
		return typeof value === 'string' ? value : '';
	}
	/** @param {unknown} value */
	function show(value) {
		return value === undefined ? 'nothing' : JSON.stringify(value);
	}
	/** @param {any} table @param {string} key */
	function entry(table, key) {
		return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;
	}

	// reseller-relationship/rules.ts countryError: requests stay within the own country/region.
	if (config.collection === 'invitations' && (!oldDoc || newDoc.country !== oldDoc.country)) {
		if (!own) {
			refuse(
				'organisation-country',
				"The server does not know this organisation's country/region, so it cannot check that a reseller relationship request stays within it: the server admin sets it with the setup command (org create " +
					config.org +
					' --country <code>).'
			);
		}
		if (newDoc.country !== own) {
			refuse(
				'reseller-relationship-country',
				'You can request a reseller relationship only with customers in your own country/region (' +
					own +
					'). ' +
					(text(newDoc.companyName).trim() || 'This customer') +
					' is in ' +
					show(newDoc.country) +
					'.'
			);
		}
	}
	// The own organisation's partner record names the country/region the server has for it.
	if (
		config.collection === 'partners' &&
		own &&
		newDoc.isOwnOrganisation === true &&
		(!oldDoc || oldDoc.isOwnOrganisation !== true || newDoc.country !== oldDoc.country) &&
		newDoc.country !== own
	) {
		refuse(
			'organisation-country',
			"The organisation's own country/region is " +
				own +
				' on the server, not ' +
				show(newDoc.country) +
				': the server admin changes it with the setup command.'
		);
	}

	if (config.collection === 'customers') {
		var address = newDoc.address || {};
		var country = text(address.country);
		// customer/postal-codes.ts checkPostalCode, for a postal code that is filled in (a customer
		// recorded from an accepted invitation has none yet).
		var postal = text(address.postalCode)
			.replace(/^\s+|\s+$/g, '')
			.replace(/\s+/g, ' ')
			.toUpperCase();
		var pattern = entry(data.postalCodePatterns, country);
		if (postal.length > data.postalCodeMaxLength) {
			refuse(
				'postal-code',
				'The postal code can be at most ' +
					data.postalCodeMaxLength +
					' characters (it is ' +
					show(address.postalCode) +
					').'
			);
		}
		if (pattern && postal !== '' && !new RegExp(pattern).test(postal)) {
			refuse(
				'postal-code',
				show(address.postalCode) + ' is not a valid postal code for ' + country + '.'
			);
		}
		// customer/states.ts findStateCode: a state chosen from the country's list, stored as its code.
		var state = text(address.state).trim();
		var codes = entry(data.stateCodes, country);
		if (codes) {
			if (
				state !== '' &&
				!(/^[A-Z]{2,3}$/.test(state) && (' ' + codes + ' ').indexOf(' ' + state + ' ') !== -1)
			) {
				refuse(
					'state',
					show(address.state) +
						' is not the code of a state, province or territory of ' +
						country +
						'.'
				);
			}
		} else if (state.length > data.stateMaxLength) {
			refuse('state', 'The state or region can be at most ' + data.stateMaxLength + ' characters.');
		}
	}
}

/**
 * Countries/regions where a customer needs the contact's phone number and the organisation
 * registration number (customer/rules.ts countriesRequiringPhoneAndRegistration; the
 * rule-parity test keeps them equal).
 */
export const PHONE_AND_REGISTRATION_COUNTRIES = [
	'AM',
	'AZ',
	'BY',
	'HU',
	'KZ',
	'KG',
	'MD',
	'RU',
	'TJ',
	'UZ',
	'UA'
];

/**
 * customer/rules.ts validateCustomerDetails with requiresPhoneAndRegistration: in those
 * countries/regions a customer has a phone number and a registration number, checked when it is
 * created or its details change (as the device checks them on Add new customer and on the details
 * form). A customer recorded from an accepted invitation has no street address, phone or
 * registration number until the staff complete it (customerFromInvitation), so the rule holds
 * once the street address is filled in. ES5, inserted into validate_doc_update as the checks
 * above; `config.phoneAndRegistrationCountries` is the list above.
 * @param {any} config
 * @param {any} newDoc
 * @param {any} oldDoc
 * @param {any} userCtx
 * @returns {void}
 */
export function checkCustomerPhoneAndRegistration(config, newDoc, oldDoc, userCtx) {
	if (config.collection !== 'customers' || newDoc._deleted === true) return;
	var roles = (userCtx && userCtx.roles) || [];
	if (roles.indexOf('_admin') !== -1) return;
	if (oldDoc && oldDoc._deleted === true) oldDoc = null;
	/** @param {unknown} value */
	function trimmed(value) {
		return typeof value === 'string' ? value.replace(/^\s+|\s+$/g, '') : '';
	}
	/** @param {any} doc */
	function details(doc) {
		return JSON.stringify([
			doc.companyName,
			doc.address,
			doc.contact,
			doc.organisationRegistrationNumber,
			doc.cloud
		]);
	}
	var address = newDoc.address || {};
	var country = trimmed(address.country).toUpperCase();
	if ((config.phoneAndRegistrationCountries || []).indexOf(country) === -1) return;
	if (trimmed(address.line1) === '') return;
	if (oldDoc && details(oldDoc) === details(newDoc)) return;
	if (trimmed((newDoc.contact || {}).phone) === '') {
		throw {
			forbidden:
				"[csp:phone-required] Enter the contact's phone number (required for " + country + ').'
		};
	}
	if (trimmed(newDoc.organisationRegistrationNumber) === '') {
		throw {
			forbidden:
				'[csp:registration-required] Enter the organisation registration number (required for ' +
				country +
				').'
		};
	}
}

/**
 * The `validate_doc_update` source of one organisation database.
 * @param {string} org
 * @param {ReplicatedCollection} collection
 * @param {{ country?: string | null }} [organisation] its record in csp-<org>-members
 */
export function validateDocUpdateSource(org, collection, organisation = {}) {
	if (!FIELD_SPECS[collection]) throw new Error(`Unknown collection: ${collection}`);
	const config = {
		org,
		collection,
		fields: FIELD_SPECS[collection],
		immutable: IMMUTABLE_FIELDS[collection],
		permissions: PERMISSIONS,
		actionPermissions: ACTION_PERMISSIONS,
		collectionPermission: COLLECTION_PERMISSIONS[collection] ?? null,
		roleLabels: ROLE_LABELS,
		data: RULE_DATA,
		organisation: { country: organisation.country ?? null },
		phoneAndRegistrationCountries: PHONE_AND_REGISTRATION_COUNTRIES
	};
	return [
		'function (newDoc, oldDoc, userCtx, secObj) {',
		`  var config = ${JSON.stringify(config)};`,
		`  (${checkDocument.toString()})(config, newDoc, oldDoc, userCtx, secObj);`,
		`  (${checkOrganisationAndAddress.toString()})(config, newDoc, oldDoc, userCtx);`,
		`  (${checkCustomerPhoneAndRegistration.toString()})(config, newDoc, oldDoc, userCtx);`,
		'}'
	].join('\n');
}

/** The `validate_doc_update` of `csp-<org>-members`: only server admins write there. */
export function membersValidateDocUpdateSource() {
	return [
		'function (newDoc, oldDoc, userCtx) {',
		"  if ((userCtx.roles || []).indexOf('_admin') === -1) {",
		"    throw { forbidden: '[csp:members-admin-only] The members list is changed only through user management (the setup command).' };",
		'  }',
		'}'
	].join('\n');
}

/**
 * Splits a refusal reason (`[csp:code] text`) into its code and text; other reasons get the
 * code 'unknown'.
 * @param {string} reason
 */
export function parseRefusal(reason) {
	const match = /^\[csp:([a-z-]+)\] ([\s\S]*)$/.exec(reason ?? '');
	return match ? { code: match[1], message: match[2] } : { code: 'unknown', message: reason };
}
