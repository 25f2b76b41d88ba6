// Server-side rules of CSP Field: the `validate_doc_update` functions of the organisation
// databases (`csp-<org>-<collection>`, see setup.js), built as plain ES5 source strings so that
// Apache CouchDB 3 (couchjs), Cloudant and PouchDB Server all run them.
//
// One function per database: `validateDocUpdateSource(org, collection)` returns
//   function (newDoc, oldDoc, userCtx, secObj) { var config = {…}; (function check(…) {…})(…) }
// where `config` holds the organisation, the collection, its field spec and PRODUCT.md's role
// table, and `check` is `checkDocument` below, inserted with Function.prototype.toString.
// `checkDocument` must therefore stay ES5 (var, function, no arrows, no template strings, no
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
	manageUsers: ['global-admin', 'user-management-admin']
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
	'settings.changed': 'manageOrganisationSettings'
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
	subscriptions: ['customerId', 'offerId'],
	invitations: ['kind', 'resellerId', 'providerId', 'sentAt', 'sentBy', 'link'],
	gdap: ['customerId', 'requestedAt', 'requestedBy', 'roleIds'],
	settings: ['partnerId'],
	activity: []
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

	if (config.collection === 'partnerships') {
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
}

/**
 * The `validate_doc_update` source of one organisation database.
 * @param {string} org
 * @param {ReplicatedCollection} collection
 */
export function validateDocUpdateSource(org, collection) {
	if (!FIELD_SPECS[collection]) throw new Error(`Unknown collection: ${collection}`);
	const config = {
		org,
		collection,
		fields: FIELD_SPECS[collection],
		immutable: IMMUTABLE_FIELDS[collection],
		permissions: PERMISSIONS,
		actionPermissions: ACTION_PERMISSIONS,
		collectionPermission: COLLECTION_PERMISSIONS[collection] ?? null,
		roleLabels: ROLE_LABELS
	};
	return [
		'function (newDoc, oldDoc, userCtx, secObj) {',
		`  var config = ${JSON.stringify(config)};`,
		`  (${checkDocument.toString()})(config, newDoc, oldDoc, userCtx, secObj);`,
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
