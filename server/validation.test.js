// Unit tests of the validate_doc_update functions: the generated ES5 source is evaluated here
// as CouchDB would (newDoc, oldDoc, userCtx, secObj), with fake documents and users.
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { collectionSchemas } from '../src/lib/db/collections';
import { loadResellerDemoData } from '../src/lib/services/demo-data-reseller';
import { createTestContext } from '../src/lib/services/test-support';
import { mustKeepDelegatedAdminPrivileges } from '../src/lib/domain/reseller-relationship/rules';
import { termEndDate } from '../src/lib/domain/subscription/rules';
import {
	ACTION_PERMISSIONS,
	FIELD_SPECS,
	PERMISSIONS,
	REPLICATED_COLLECTIONS,
	ROLES,
	membersValidateDocUpdateSource,
	parseRefusal,
	validateDocUpdateSource
} from './validation.js';

const ORG = 'acme';
const NOW = '2026-11-21T10:00:00.000Z';
const LATER = '2026-11-22T10:00:00.000Z';
/** The end of a one-year term from NOW (subscription/rules.ts termEndDate). */
const YEAR_AFTER_NOW = '2027-11-21T10:00:00.000Z';
const secObj = { members: { roles: [`org:${ORG}`] }, admins: {} };

/** @type {Map<string, Function>} */
const compiled = new Map();
/**
 * @param {string} collection
 * @returns {(newDoc: any, oldDoc: any, userCtx: any) => void}
 */
function validator(collection) {
	if (!compiled.has(collection)) {
		const source = validateDocUpdateSource(ORG, /** @type {any} */ (collection), {
			country: 'HU'
		});
		compiled.set(collection, new Function(`return (${source});`)());
	}
	const fn = /** @type {Function} */ (compiled.get(collection));
	return (newDoc, oldDoc, userCtx) => fn(newDoc, oldDoc, userCtx, secObj);
}

/**
 * @param {string} name
 * @param {string[]} roles
 */
function user(name, ...roles) {
	return { db: `csp-${ORG}-x`, name, roles: [`org:${ORG}`, ...roles.map((r) => `role:${r}`)] };
}
const sales = user('sam', 'sales-agent');
const agent = user('ada', 'admin-agent');
const globalAdmin = user('gus', 'global-admin');
const userAdmin = user('uma', 'user-management-admin');
const serverAdmin = { db: 'x', name: 'admin', roles: ['_admin'] };
const otherOrg = { db: 'x', name: 'olga', roles: ['org:other', 'role:global-admin'] };

/**
 * Runs a validation and returns what it threw: undefined when accepted.
 * @param {string} collection
 * @param {any} newDoc
 * @param {any} oldDoc
 * @param {any} userCtx
 * @returns {{ forbidden?: string, unauthorized?: string } | undefined}
 */
function run(collection, newDoc, oldDoc, userCtx) {
	try {
		validator(collection)(newDoc, oldDoc, userCtx);
		return undefined;
	} catch (error) {
		return /** @type {any} */ (error);
	}
}

/**
 * The refusal code, 'ok' when accepted.
 * @param {string} collection
 * @param {any} newDoc
 * @param {any} oldDoc
 * @param {any} userCtx
 */
function verdict(collection, newDoc, oldDoc, userCtx) {
	const error = run(collection, newDoc, oldDoc, userCtx);
	if (!error) return 'ok';
	const reason = error.forbidden ?? error.unauthorized;
	if (typeof reason !== 'string') throw error;
	return (error.unauthorized ? '401:' : '') + parseRefusal(reason).code;
}

/** @param {string} by */
const meta = (by, at = NOW) => ({
	createdAt: at,
	createdBy: by,
	updatedAt: at,
	updatedBy: by,
	deviceId: 'device-1'
});

/**
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
function partnership(by, fields = {}) {
	return {
		_id: 'p1',
		providerId: 'provider',
		resellerId: 'reseller',
		status: 'requested',
		requestedBy: by,
		requestedAt: NOW,
		invitationToken: 'token-token-token-token',
		invitationLink: 'https://example.test/accept?token=token-token-token-token',
		emailDraft: 'Please accept: https://example.test/accept?token=token-token-token-token',
		...meta(by),
		...fields
	};
}

/**
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
function customer(by, fields = {}) {
	return {
		_id: 'c1',
		companyName: 'Kovács Kft.',
		nameLower: 'kovács kft.',
		domainPrefix: 'kovacs',
		address: {
			line1: 'Fő utca 1',
			line2: '',
			city: 'Budapest',
			state: '',
			postalCode: '1011',
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
		resellerId: 'reseller',
		providerRelationship: 'active',
		resellerRelationship: 'active',
		delegatedAdminPrivileges: true,
		customerAgreementAccepted: true,
		adminUserName: 'admin@kovacs.onmicrosoft.com',
		...meta(by),
		...fields
	};
}

/**
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
function subscription(by, fields = {}) {
	return {
		_id: 's1',
		customerId: 'c1',
		offerId: 'microsoft-365-business-basic',
		quantity: 5,
		status: 'active',
		billingCycle: 'monthly',
		termDuration: 'P1Y',
		resellerId: '',
		supportContactId: 'provider',
		startDate: NOW,
		endDate: YEAR_AFTER_NOW,
		...meta(by),
		...fields
	};
}

/**
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
function activity(by, fields = {}) {
	return {
		_id: 'a1',
		at: NOW,
		actorId: by,
		actorName: 'Someone',
		deviceId: 'device-1',
		recordType: 'partnerships',
		documentId: 'p1',
		action: 'partnership.requested',
		summary: 'Requested a partnership',
		changes: [],
		...fields
	};
}

/**
 * An update of `doc` by `by` (updatedBy/updatedAt set), with `fields` changed.
 * @param {any} doc
 * @param {string} by
 * @param {Record<string, unknown>} fields
 */
function edit(doc, by, fields) {
	return { ...doc, _rev: '1-abc', updatedBy: by, updatedAt: LATER, ...fields };
}

describe('validate_doc_update source', () => {
	it('is one ECMAScript 5 function expression per collection, with the organisation baked in', () => {
		for (const collection of REPLICATED_COLLECTIONS) {
			const source = validateDocUpdateSource(ORG, collection);
			expect(() => parse(`(${source})`, { ecmaVersion: 5 })).not.toThrow();
			expect(source.startsWith('function (newDoc, oldDoc, userCtx, secObj) {')).toBe(true);
			expect(source).toContain('"org":"acme"');
		}
		expect(() => parse(`(${membersValidateDocUpdateSource()})`, { ecmaVersion: 5 })).not.toThrow();
	});

	it('keeps the field specs equal to the zod schemas of the app', () => {
		for (const collection of REPLICATED_COLLECTIONS) {
			const schema = /** @type {any} */ (collectionSchemas[collection]);
			const spec = FIELD_SPECS[collection];
			const specFields = Object.keys(spec);
			const schemaFields = Object.keys(schema.properties).filter((field) => field !== 'id');
			expect(specFields.sort(), collection).toEqual(schemaFields.sort());
			for (const field of specFields) {
				const type = spec[field];
				const property = schema.properties[field];
				const optional = typeof type === 'string' && type.endsWith('?');
				expect(!optional, `${collection}.${field} required`).toBe(schema.required.includes(field));
				if (Array.isArray(type)) {
					expect(type, `${collection}.${field} values`).toEqual(property.enum);
					continue;
				}
				const base = type.replace(/\?$/, '');
				const jsonType = {
					string: 'string',
					id: 'string',
					timestamp: 'string',
					country: 'string',
					boolean: 'boolean',
					integer: 'integer',
					object: 'object',
					array: 'array'
				}[base];
				expect(property.type, `${collection}.${field} type`).toBe(jsonType);
			}
		}
	});

	it('names only known roles in its permissions', () => {
		for (const roles of Object.values(PERMISSIONS)) {
			for (const role of roles) expect(ROLES).toContain(role);
		}
		for (const permission of Object.values(ACTION_PERMISSIONS)) {
			expect(Object.keys(PERMISSIONS)).toContain(permission);
		}
	});
});

describe('who may write at all', () => {
	it('refuses users of another organisation and signed-out requests with 401', () => {
		expect(verdict('customers', customer('olga'), null, otherOrg)).toBe('401:other-organisation');
		expect(verdict('customers', customer('x'), null, { name: null, roles: [] })).toBe(
			'401:signed-out'
		);
	});

	it('lets a User management admin read but write nothing', () => {
		expect(verdict('customers', customer('uma'), null, userAdmin)).toBe('read-only');
		expect(verdict('partners', { _id: 'x' }, null, userAdmin)).toBe('read-only');
		expect(verdict('activity', activity('uma'), null, userAdmin)).toBe('read-only');
	});

	it('lets server admins do anything, deletions included', () => {
		expect(verdict('activity', { _id: 'a1', _deleted: true }, activity('sam'), serverAdmin)).toBe(
			'ok'
		);
		expect(verdict('partnerships', { _id: 'p1', junk: true }, null, serverAdmin)).toBe('ok');
	});

	it('refuses deletions by anyone else', () => {
		const old = customer('gus');
		expect(verdict('customers', { _id: 'c1', _rev: '1-a', _deleted: true }, old, globalAdmin)).toBe(
			'delete'
		);
	});

	it('gives a readable reason with a stable code', () => {
		const error = run(
			'partnerships',
			edit(partnership('sam'), 'sam', { status: 'removed' }),
			partnership('sam'),
			sales
		);
		expect(error?.forbidden).toBe(
			'[csp:role] Only a Global admin or an Admin agent can remove a partnership.'
		);
		expect(parseRefusal(/** @type {string} */ (error?.forbidden))).toEqual({
			code: 'role',
			message: 'Only a Global admin or an Admin agent can remove a partnership.'
		});
		expect(parseRefusal('something else')).toEqual({ code: 'unknown', message: 'something else' });
	});
});

describe('integrity', () => {
	it('checks required fields and their types', () => {
		/** @type {Record<string, unknown>} */
		const missing = partnership('sam');
		delete missing.providerId;
		expect(verdict('partnerships', missing, null, sales)).toBe('invalid-field');
		expect(verdict('partnerships', partnership('sam', { status: 'pending' }), null, sales)).toBe(
			'invalid-field'
		);
		expect(verdict('subscriptions', subscription('sam', { quantity: 2.5 }), null, sales)).toBe(
			'invalid-field'
		);
		expect(verdict('subscriptions', subscription('sam', { quantity: '5' }), null, sales)).toBe(
			'invalid-field'
		);
		expect(verdict('customers', customer('sam', { address: [] }), null, sales)).toBe(
			'invalid-field'
		);
		expect(
			verdict(
				'partners',
				{
					_id: 'r1',
					name: 'R',
					nameLower: 'r',
					mpnId: '1',
					kind: 'indirect-reseller',
					isOwnOrganisation: false,
					country: 'hu',
					email: '',
					mpaSigned: false,
					...meta('sam')
				},
				null,
				sales
			)
		).toBe('invalid-field');
		expect(verdict('subscriptions', subscription('sam', { endDate: null }), null, sales)).toBe(
			'invalid-field'
		);
		expect(
			verdict('subscriptions', subscription('sam', { endDate: YEAR_AFTER_NOW }), null, sales)
		).toBe('ok');
	});

	it('requires id, when present, to equal _id', () => {
		expect(verdict('customers', customer('sam', { id: 'c1' }), null, sales)).toBe('ok');
		expect(verdict('customers', customer('sam', { id: 'c2' }), null, sales)).toBe('invalid-id');
		expect(verdict('customers', customer('sam', { _id: 'x'.repeat(65) }), null, sales)).toBe(
			'invalid-id'
		);
	});

	it('requires createdBy of a new record and updatedBy to be the signed-in user', () => {
		expect(verdict('customers', customer('gus'), null, sales)).toBe('updated-by');
		expect(verdict('customers', { ...customer('sam'), createdBy: 'gus' }, null, sales)).toBe(
			'created-by'
		);
		const old = customer('gus');
		expect(
			verdict('customers', edit(old, 'sam', { companyName: 'Kovács és Társa Kft.' }), old, sales)
		).toBe('ok');
		expect(verdict('customers', edit(old, 'gus', { companyName: 'X Kft.' }), old, sales)).toBe(
			'updated-by'
		);
	});

	it('keeps createdBy, createdAt and the identity fields immutable', () => {
		const old = customer('gus');
		expect(verdict('customers', edit(old, 'sam', { createdBy: 'sam' }), old, sales)).toBe(
			'immutable'
		);
		expect(verdict('customers', edit(old, 'sam', { createdAt: LATER }), old, sales)).toBe(
			'immutable'
		);
		expect(verdict('customers', edit(old, 'sam', { domainPrefix: 'other' }), old, sales)).toBe(
			'immutable'
		);
		const sub = subscription('gus');
		expect(verdict('subscriptions', edit(sub, 'sam', { customerId: 'c2' }), sub, sales)).toBe(
			'immutable'
		);
		const p = partnership('gus');
		expect(verdict('partnerships', edit(p, 'sam', { resellerId: 'r2' }), p, sales)).toBe(
			'immutable'
		);
	});

	it('treats a document deleted by an admin as absent', () => {
		const deleted = { _id: 'c1', _rev: '2-x', _deleted: true };
		expect(verdict('customers', customer('sam'), deleted, sales)).toBe('ok');
	});
});

describe('partnerships and the role table', () => {
	it('lets Global admins, Admin agents and Sales agents request a partnership', () => {
		expect(verdict('partnerships', partnership('gus'), null, globalAdmin)).toBe('ok');
		expect(verdict('partnerships', partnership('ada'), null, agent)).toBe('ok');
		expect(verdict('partnerships', partnership('sam'), null, sales)).toBe('ok');
		expect(verdict('partnerships', partnership('sam', { requestedBy: 'gus' }), null, sales)).toBe(
			'requested-by'
		);
	});

	it('lets all three record the acceptance, which needs acceptedAt', () => {
		const old = partnership('gus');
		const accepted = edit(old, 'sam', {
			status: 'active',
			acceptedAt: LATER,
			acceptedRecordedBy: 'sam'
		});
		expect(verdict('partnerships', accepted, old, sales)).toBe('ok');
		expect(verdict('partnerships', edit(old, 'sam', { status: 'active' }), old, sales)).toBe(
			'invalid-field'
		);
		expect(verdict('partnerships', accepted, old, userAdmin)).toBe('read-only');
	});

	it('lets only Global admins and Admin agents remove one, with the attestation', () => {
		const old = partnership('sam', { status: 'active', acceptedAt: NOW });
		/** @param {string} by @param {Record<string, unknown>} [extra] */
		const removal = (by, extra = {}) =>
			edit(old, by, {
				status: 'removed',
				removedBy: by,
				removedAt: LATER,
				removalAttested: true,
				...extra
			});
		expect(verdict('partnerships', removal('sam'), old, sales)).toBe('role');
		expect(verdict('partnerships', removal('ada'), old, agent)).toBe('ok');
		expect(verdict('partnerships', removal('gus'), old, globalAdmin)).toBe('ok');
		expect(
			verdict('partnerships', removal('gus', { removalAttested: false }), old, globalAdmin)
		).toBe('attestation');
		expect(verdict('partnerships', removal('gus', { removedBy: 'ada' }), old, globalAdmin)).toBe(
			'removed-by'
		);
		// Creating it already removed is a removal too.
		const created = partnership('sam', {
			status: 'removed',
			removedBy: 'sam',
			removedAt: NOW,
			removalAttested: true
		});
		expect(verdict('partnerships', created, null, sales)).toBe('role');
	});

	it('keeps a removed partnership removed, and an active one from going back', () => {
		const removed = partnership('gus', {
			status: 'removed',
			removedBy: 'gus',
			removedAt: NOW,
			removalAttested: true,
			_rev: '3-x'
		});
		expect(
			verdict(
				'partnerships',
				edit(removed, 'gus', { status: 'active', acceptedAt: NOW }),
				removed,
				globalAdmin
			)
		).toBe('partnership-removed');
		expect(
			verdict('partnerships', edit(removed, 'gus', { removedAt: LATER }), removed, globalAdmin)
		).toBe('immutable');
		expect(
			verdict(
				'partnerships',
				edit(removed, 'gus', { emailDraft: `Once more: ${removed.invitationLink}` }),
				removed,
				globalAdmin
			)
		).toBe('ok');
		const active = partnership('gus', { status: 'active', acceptedAt: NOW });
		expect(
			verdict('partnerships', edit(active, 'gus', { status: 'requested' }), active, globalAdmin)
		).toBe('partnership-status');
	});
});

describe('customers and the role table', () => {
	it('lets Global admins, Admin agents and Sales agents add and edit customers', () => {
		expect(verdict('customers', customer('sam'), null, sales)).toBe('ok');
		expect(verdict('customers', customer('ada'), null, agent)).toBe('ok');
		const old = customer('ada');
		expect(verdict('customers', edit(old, 'sam', { resellerId: 'reseller-2' }), old, sales)).toBe(
			'ok'
		);
	});

	it('lets only Global admins and Admin agents remove a customer relationship', () => {
		const old = customer('sam');
		for (const field of ['resellerRelationship', 'providerRelationship']) {
			expect(verdict('customers', edit(old, 'sam', { [field]: 'removed' }), old, sales)).toBe(
				'role'
			);
			expect(verdict('customers', edit(old, 'ada', { [field]: 'removed' }), old, agent)).toBe('ok');
			expect(verdict('customers', edit(old, 'gus', { [field]: 'none' }), old, globalAdmin)).toBe(
				'ok'
			);
			expect(verdict('customers', edit(old, 'sam', { [field]: 'none' }), old, sales)).toBe('role');
		}
		expect(
			verdict('customers', customer('sam', { resellerRelationship: 'removed' }), null, sales)
		).toBe('role');
	});

	it('lets only Global admins and Admin agents request a reseller relationship', () => {
		const old = customer('sam', { resellerRelationship: 'none', resellerId: '' });
		expect(
			verdict('customers', edit(old, 'sam', { resellerRelationship: 'invited' }), old, sales)
		).toBe('role');
		expect(
			verdict('customers', edit(old, 'ada', { resellerRelationship: 'invited' }), old, agent)
		).toBe('ok');
		expect(
			verdict('customers', customer('sam', { providerRelationship: 'invited' }), null, sales)
		).toBe('role');
	});

	it('lets only Global admins and Admin agents make an existing customer relationship active', () => {
		const old = customer('sam', { resellerRelationship: 'none', resellerId: '' });
		const accepted = { resellerRelationship: 'active', resellerId: 'reseller-1' };
		expect(verdict('customers', edit(old, 'sam', accepted), old, sales)).toBe('role');
		expect(verdict('customers', edit(old, 'ada', accepted), old, agent)).toBe('ok');
		const removed = customer('sam', { resellerRelationship: 'removed' });
		expect(verdict('customers', edit(removed, 'gus', accepted), removed, globalAdmin)).toBe('ok');
		// A new customer starts active (Add new customer, any role that adds customers).
		expect(verdict('customers', customer('sam'), null, sales)).toBe('ok');
	});

	it('leaves delegated admin privileges unchanged when a relationship is removed', () => {
		const old = customer('sam');
		expect(
			verdict(
				'customers',
				edit(old, 'gus', { resellerRelationship: 'removed', delegatedAdminPrivileges: false }),
				old,
				globalAdmin
			)
		).toBe('dap-unchanged');
	});
});

describe('subscriptions and partners', () => {
	it('lets the three data roles add subscriptions and change reseller or support contact', () => {
		for (const [ctx, name] of /** @type {const} */ ([
			[sales, 'sam'],
			[agent, 'ada'],
			[globalAdmin, 'gus']
		])) {
			expect(verdict('subscriptions', subscription(name), null, ctx)).toBe('ok');
			const old = subscription('gus');
			expect(
				verdict(
					'subscriptions',
					edit(old, name, { resellerId: 'r1', supportContactId: 'r1' }),
					old,
					ctx
				)
			).toBe('ok');
		}
		expect(verdict('subscriptions', subscription('uma'), null, userAdmin)).toBe('read-only');
	});
});

describe('subscriptions through their life (issue 15), on the server’s clock', () => {
	const HOUR = 3_600_000;
	/** A subscription whose term started `hours` ago on the real clock. @param {number} hours */
	const boughtAgo = (hours, fields = {}) => {
		const start = new Date(Date.now() - hours * HOUR).toISOString();
		const end = new Date(Date.now() - hours * HOUR + 365 * 24 * HOUR).toISOString();
		return subscription('gus', { startDate: start, termStartDate: start, endDate: end, ...fields });
	};
	const decrease = (/** @type {any} */ old) =>
		verdict('subscriptions', edit(old, 'sam', { quantity: 4 }), old, sales);

	it('removes licences only inside the 168 hours after the purchase or renewal', () => {
		expect(decrease(boughtAgo(167 + 59 / 60))).toBe('ok');
		expect(decrease(boughtAgo(168 + 1 / 60))).toBe('subscription-decrease-window');
		const old = boughtAgo(200);
		expect(verdict('subscriptions', edit(old, 'sam', { quantity: 6 }), old, sales)).toBe('ok');
	});

	it('lets a renewal apply a scheduled decrease after the window', () => {
		const lastStart = new Date(Date.now() - 400 * 24 * HOUR).toISOString();
		const lastEnd = new Date(Date.now() - 35 * 24 * HOUR).toISOString();
		const old = subscription('gus', {
			startDate: lastStart,
			termStartDate: lastStart,
			endDate: lastEnd,
			scheduledChanges: { quantity: 3, scheduledAt: lastStart, scheduledBy: 'gus' }
		});
		const renewed = (/** @type {number} */ quantity) => {
			const next = edit(old, 'sam', {
				quantity,
				termStartDate: lastEnd,
				endDate: termEndDate(lastEnd, 'P1Y')
			});
			delete next.scheduledChanges;
			return verdict('subscriptions', next, old, sales);
		};
		expect(renewed(3)).toBe('ok');
		expect(renewed(2)).toBe('subscription-decrease-window');
	});

	it('needs who suspended, when and why (a note for other), from a Global admin or Admin agent', () => {
		const old = boughtAgo(300);
		/** @param {any} fields @param {any} [ctx] */
		const suspend = (fields, ctx = agent) =>
			verdict(
				'subscriptions',
				edit(old, ctx.name, {
					status: 'suspended',
					suspendedAt: LATER,
					suspendedBy: ctx.name,
					suspensionReason: 'non-payment',
					...fields
				}),
				old,
				ctx
			);
		expect(suspend({})).toBe('ok');
		expect(suspend({}, sales)).toBe('role');
		expect(suspend({ suspendedBy: 'gus' })).toBe('subscription-suspension');
		expect(suspend({ suspendedAt: undefined })).toBe('subscription-suspension');
		expect(suspend({ suspensionReason: 'late' })).toBe('subscription-suspension');
		expect(suspend({ suspensionReason: 'other', suspensionNote: '  ' })).toBe(
			'subscription-suspension'
		);
		expect(suspend({ suspensionReason: 'other', suspensionNote: 'Chargeback' })).toBe('ok');
		expect(suspend({ suspensionNote: 'x'.repeat(501) })).toBe('subscription-suspension');
	});

	it('needs who cancelled and when, and keeps a cancelled subscription as it was cancelled', () => {
		const old = boughtAgo(100);
		/** @param {any} fields */
		const cancel = (fields) =>
			verdict(
				'subscriptions',
				edit(old, 'ada', {
					status: 'cancelled',
					autoRenew: false,
					cancelledAt: LATER,
					cancelledBy: 'ada',
					...fields
				}),
				old,
				agent
			);
		expect(cancel({})).toBe('ok');
		expect(cancel({ cancelledBy: 'gus' })).toBe('subscription-cancellation');
		expect(cancel({ cancelledBy: undefined })).toBe('subscription-cancellation');
		expect(cancel({ cancelledAt: undefined })).toBe('subscription-cancellation');

		const cancelled = boughtAgo(100, {
			status: 'cancelled',
			autoRenew: false,
			cancelledAt: NOW,
			cancelledBy: 'ada'
		});
		for (const fields of [
			{ quantity: 6 },
			{ quantity: 4 },
			{ autoRenew: true },
			{ offerId: 'microsoft-365-business-standard' },
			{ cancelledBy: 'gus' },
			{ scheduledChanges: { quantity: 3, scheduledAt: LATER, scheduledBy: 'ada' } }
		]) {
			expect(verdict('subscriptions', edit(cancelled, 'ada', fields), cancelled, agent)).toBe(
				'subscription-cancelled'
			);
		}
		expect(
			verdict('subscriptions', edit(cancelled, 'ada', { supportContactId: 'r1' }), cancelled, agent)
		).not.toBe('subscription-cancelled');
	});

	it('freezes a suspended subscription until it is reactivated (without its suspension) or cancelled', () => {
		const old = boughtAgo(300, {
			status: 'suspended',
			suspendedAt: NOW,
			suspendedBy: 'ada',
			suspensionReason: 'fraud'
		});
		for (const fields of [
			{ quantity: 6 },
			{ autoRenew: false },
			{ offerId: 'microsoft-365-business-standard' },
			{ scheduledChanges: { quantity: 3, scheduledAt: LATER, scheduledBy: 'ada' } }
		]) {
			expect(verdict('subscriptions', edit(old, 'ada', fields), old, agent)).toBe(
				'subscription-suspended'
			);
		}
		expect(verdict('subscriptions', edit(old, 'ada', { resellerId: 'r1' }), old, agent)).toBe('ok');
		const reactivated = edit(old, 'ada', { status: 'active' });
		expect(verdict('subscriptions', reactivated, old, agent)).toBe('subscription-suspension');
		for (const key of ['suspendedAt', 'suspendedBy', 'suspensionReason']) delete reactivated[key];
		expect(verdict('subscriptions', reactivated, old, agent)).toBe('ok');
		expect(verdict('subscriptions', { ...reactivated, updatedBy: 'sam' }, old, sales)).toBe('role');
	});

	it('checks the changes scheduled for the renewal against the catalog and the term', () => {
		const old = boughtAgo(300);
		/** @param {any} changes @param {any} [fields] */
		const schedule = (changes, fields = {}) =>
			verdict(
				'subscriptions',
				edit(old, 'sam', {
					scheduledChanges: { scheduledAt: LATER, scheduledBy: 'sam', ...changes },
					...fields
				}),
				old,
				sales
			);
		expect(schedule({ quantity: 3 })).toBe('ok');
		expect(schedule({ offerId: 'microsoft-365-business-premium', termDuration: 'P1M' })).toBe('ok');
		expect(schedule({ offerId: 'microsoft-365-e3', quantity: 400 })).toBe('ok');
		expect(schedule({})).toBe('subscription-scheduled-changes');
		expect(schedule({ quantity: 301 })).toBe('subscription-scheduled-changes');
		expect(schedule({ quantity: 2.5 })).toBe('subscription-scheduled-changes');
		expect(schedule({ offerId: 'visio-plan-2' })).toBe('subscription-scheduled-changes');
		expect(schedule({ offerId: 'no-such-offer' })).toBe('subscription-scheduled-changes');
		expect(schedule({ termDuration: 'P3Y' })).toBe('subscription-scheduled-changes');
		expect(schedule({ termDuration: 'P1M', billingCycle: 'annual' })).toBe(
			'subscription-scheduled-changes'
		);
		expect(schedule({ quantity: 3, scheduledBy: 'gus' })).toBe('subscription-scheduled-changes');
		expect(schedule({ quantity: 3 }, { autoRenew: false })).toBe('subscription-scheduled-changes');
		// Unchanged scheduled changes are not judged again (they were when they were scheduled).
		const scheduled = boughtAgo(300, {
			scheduledChanges: { quantity: 3, scheduledAt: NOW, scheduledBy: 'gus' }
		});
		expect(
			verdict('subscriptions', edit(scheduled, 'sam', { resellerId: 'r1' }), scheduled, sales)
		).toBe('ok');
	});

	it('gives a new subscription a term and billing its offer has, ending a full term on or a co-term date before', () => {
		/** @param {Record<string, unknown>} fields */
		const create = (fields) => verdict('subscriptions', subscription('sam', fields), null, sales);
		const at = (/** @type {number} */ hours) =>
			new Date(Date.parse(NOW) + hours * HOUR).toISOString();
		// The standard ends of each term (31 January + 1 month: the last day of February).
		expect(create({ termDuration: 'P1Y', endDate: termEndDate(NOW, 'P1Y') })).toBe('ok');
		expect(
			create({
				offerId: 'microsoft-365-e3',
				termDuration: 'P3Y',
				billingCycle: 'triennial',
				endDate: termEndDate(NOW, 'P3Y')
			})
		).toBe('ok');
		const jan31 = '2027-01-31T10:00:00.000Z';
		expect(
			create({
				startDate: jan31,
				termDuration: 'P1M',
				endDate: '2027-02-28T10:00:00.000Z'
			})
		).toBe('ok');
		expect(
			create({
				startDate: jan31,
				termDuration: 'P1M',
				endDate: '2027-03-01T10:00:00.000Z'
			})
		).toBe('subscription-term');
		// A co-term date: after the 168-hour window, within the term.
		expect(create({ endDate: at(168 + 1 / 60) })).toBe('ok');
		expect(create({ endDate: at(167 + 59 / 60) })).toBe('subscription-term');
		expect(create({ endDate: at(366 * 24) })).toBe('subscription-term');
		expect(create({ endDate: undefined })).toBe('subscription-term');
		// The term and billing: offered, and going together.
		expect(create({ termDuration: 'P3Y', endDate: termEndDate(NOW, 'P3Y') })).toBe(
			'subscription-term'
		);
		expect(create({ billingCycle: 'triennial' })).toBe('subscription-term');
		expect(
			create({ termDuration: 'P1M', billingCycle: 'annual', endDate: termEndDate(NOW, 'P1M') })
		).toBe('subscription-term');
		// A usage-based offer has no term and no end.
		const azure = { offerId: 'azure-plan', quantity: 1, termDuration: 'none' };
		expect(create({ ...azure, endDate: undefined })).toBe('ok');
		expect(create(azure)).toBe('subscription-term');
	});

	it('changes the term, billing and end only at a renewal, to a full term from the new start', () => {
		const old = boughtAgo(300);
		const change = (/** @type {Record<string, unknown>} */ fields) =>
			verdict('subscriptions', edit(old, 'sam', fields), old, sales);
		expect(change({ endDate: LATER })).toBe('subscription-term');
		expect(change({ billingCycle: 'annual' })).toBe('subscription-term');
		expect(change({ termDuration: 'P1M' })).toBe('subscription-term');
		const lastStart = new Date(Date.now() - 400 * 24 * HOUR).toISOString();
		const lastEnd = termEndDate(lastStart, 'P1Y');
		const ended = subscription('gus', {
			startDate: lastStart,
			termStartDate: lastStart,
			endDate: lastEnd,
			scheduledChanges: { billingCycle: 'annual', scheduledAt: lastStart, scheduledBy: 'gus' }
		});
		const renew = (/** @type {Record<string, unknown>} */ fields) => {
			const next = edit(ended, 'sam', { termStartDate: lastEnd, ...fields });
			delete next.scheduledChanges;
			return verdict('subscriptions', next, ended, sales);
		};
		expect(renew({ billingCycle: 'annual', endDate: termEndDate(lastEnd, 'P1Y') })).toBe('ok');
		expect(renew({ endDate: termEndDate(lastEnd, 'P1Y') })).toBe('ok');
		expect(renew({ billingCycle: 'annual', endDate: LATER })).toBe('subscription-renewal');
		expect(
			renew({ termDuration: 'P1M', billingCycle: 'annual', endDate: termEndDate(lastEnd, 'P1M') })
		).toBe('subscription-renewal');
	});

	it('keeps a term that ended without renewing as it was: only its reseller and support contact change', () => {
		const start = new Date(Date.now() - 400 * 24 * HOUR).toISOString();
		const ended = subscription('gus', {
			startDate: start,
			termStartDate: start,
			endDate: termEndDate(start, 'P1Y'),
			autoRenew: false
		});
		const change = (/** @type {any} */ old, /** @type {Record<string, unknown>} */ fields) =>
			verdict('subscriptions', edit(old, 'ada', fields), old, agent);
		expect(change(ended, { autoRenew: true })).toBe('subscription-ended');
		expect(change(ended, { quantity: 6 })).toBe('subscription-ended');
		expect(
			change(ended, {
				status: 'suspended',
				suspendedAt: LATER,
				suspendedBy: 'ada',
				suspensionReason: 'fraud'
			})
		).toBe('subscription-ended');
		expect(change(ended, { offerId: 'microsoft-365-business-standard' })).toBe(
			'subscription-ended'
		);
		expect(change(ended, { resellerId: 'r1', supportContactId: 'r1' })).toBe('ok');
		// Suspended when its term ended: it did not renew either.
		const suspended = {
			...ended,
			autoRenew: true,
			status: 'suspended',
			suspendedAt: start,
			suspendedBy: 'gus',
			suspensionReason: 'non-payment'
		};
		expect(
			change(suspended, {
				status: 'active',
				suspendedAt: undefined,
				suspendedBy: undefined,
				suspensionReason: undefined
			})
		).toBe('subscription-ended');
		// With auto-renew on it renews: a change of the new term is judged as usual.
		const renewing = { ...ended, autoRenew: true };
		expect(change(renewing, { quantity: 6 })).toBe('ok');
		// Before its end, auto-renew goes back on.
		const ending = boughtAgo(300, { autoRenew: false });
		expect(change(ending, { autoRenew: true })).toBe('ok');
	});
});

describe('activity', () => {
	it('is append-only and written by its actor', () => {
		expect(verdict('activity', activity('sam'), null, sales)).toBe('ok');
		expect(verdict('activity', activity('gus'), null, sales)).toBe('actor');
		const old = { ...activity('sam'), _rev: '1-a' };
		expect(verdict('activity', { ...old, summary: 'changed' }, old, sales)).toBe(
			'activity-append-only'
		);
		expect(verdict('activity', { ...old, summary: 'changed' }, old, globalAdmin)).toBe(
			'activity-append-only'
		);
		expect(verdict('activity', { _id: 'a1', _rev: '1-a', _deleted: true }, old, globalAdmin)).toBe(
			'delete'
		);
	});

	it('records only what the actor may do', () => {
		expect(
			verdict('activity', activity('sam', { action: 'partnership.removed' }), null, sales)
		).toBe('role');
		expect(
			verdict('activity', activity('ada', { action: 'partnership.removed' }), null, agent)
		).toBe('ok');
		expect(
			verdict(
				'activity',
				activity('sam', { action: 'customer.relationship-removed', recordType: 'customers' }),
				null,
				sales
			)
		).toBe('role');
		expect(
			verdict(
				'activity',
				activity('sam', { action: 'customer.created', recordType: 'customers' }),
				null,
				sales
			)
		).toBe('ok');
	});
});

describe('the app’s own documents', () => {
	it.each([
		['the provider demo', false],
		['the reseller demo', true]
	])(
		'%s passes as a Global admin’s writes, as RxDB’s CouchDB replication sends them',
		async (_, reseller) => {
			const ctx = await createTestContext({ demo: !reseller, now: NOW });
			if (reseller) await loadResellerDemoData(ctx);
			const name = ctx.actor.userId;
			const admin = { db: 'x', name, roles: [`org:${ORG}`, 'role:global-admin'] };
			let checked = 0;
			for (const collection of REPLICATED_COLLECTIONS) {
				const docs = await /** @type {any} */ (ctx.db)[collection].find().exec();
				for (const doc of docs) {
					// RxDB's CouchDB replication sends the primary key as _id (and no id).
					const { id, ...rest } = doc.toJSON();
					const sent = { _id: id, ...rest, _deleted: false };
					expect(verdict(collection, sent, null, admin), `${collection}/${id}`).toBe('ok');
					checked++;
				}
			}
			expect(checked).toBeGreaterThan(reseller ? 20 : 50);
			await ctx.db.close();
		}
	);
});

describe('members database', () => {
	it('is written only by server admins', () => {
		const fn = new Function(`return (${membersValidateDocUpdateSource()});`)();
		expect(() => fn({ _id: 'member:x' }, null, globalAdmin, secObj)).toThrow();
		expect(() => fn({ _id: 'member:x' }, null, serverAdmin, secObj)).not.toThrow();
	});
});

/**
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
function invitation(by, fields = {}) {
	return {
		_id: 'i1',
		kind: 'reseller-relationship',
		resellerId: 'own',
		providerId: '',
		customerId: 'c1',
		companyName: 'Kovács Kft.',
		contactName: 'Anna Kovács',
		email: 'anna@kovacs.hu',
		country: 'HU',
		cloud: 'public',
		delegatedAdminPrivileges: true,
		link: 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x&msppId=0&DAP=true#/BillingAccounts/partner-invitation',
		emailDraft:
			'Please accept: https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x&msppId=0&DAP=true#/BillingAccounts/partner-invitation',
		status: 'sent',
		sentAt: NOW,
		sentBy: by,
		...meta(by),
		...fields
	};
}

/**
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
function gdapRelationship(by, fields = {}) {
	return {
		_id: 'g1',
		customerId: 'c1',
		displayName: 'Helpdesk for Kovács',
		displayNameLower: 'helpdesk for kovács',
		durationDays: 730,
		roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
		autoExtend: true,
		status: 'approval-pending',
		requestedAt: NOW,
		requestedBy: by,
		...meta(by),
		...fields
	};
}

describe('invitations, GDAP relationships and settings', () => {
	it('only a Global admin or an Admin agent sends an invitation', () => {
		expect(verdict('invitations', invitation('ada'), null, agent)).toBe('ok');
		expect(verdict('invitations', invitation('gus'), null, globalAdmin)).toBe('ok');
		expect(verdict('invitations', invitation('sam'), null, sales)).toBe('role');
		expect(verdict('invitations', invitation('uma'), null, userAdmin)).toBe('read-only');
	});

	it('keeps delegated admin privileges for a customer in Microsoft Cloud for US Government', () => {
		const usGovernment = { cloud: 'us-government' };
		expect(verdict('invitations', invitation('ada', usGovernment), null, agent)).toBe('ok');
		expect(
			verdict(
				'invitations',
				invitation('ada', { ...usGovernment, delegatedAdminPrivileges: false }),
				null,
				agent
			)
		).toBe('us-government-dap');
		expect(
			verdict('invitations', invitation('ada', { delegatedAdminPrivileges: false }), null, agent)
		).toBe('ok');
		expect(mustKeepDelegatedAdminPrivileges('us-government')).toBe(true);
		expect(mustKeepDelegatedAdminPrivileges('public')).toBe(false);
		expect(mustKeepDelegatedAdminPrivileges('microsoft-cloud-germany')).toBe(false);
	});

	it("an invitation is accepted only by the customer's Global admin", () => {
		const sent = invitation('ada');
		const accepted = (isGlobalAdmin) =>
			edit(sent, 'ada', {
				status: 'accepted',
				acceptedAt: LATER,
				acceptedBy: { name: 'Anna Kovács', email: 'anna@kovacs.hu', isGlobalAdmin },
				mcaAccepted: true,
				acceptedRecordedBy: 'ada'
			});
		expect(verdict('invitations', accepted(true), sent, agent)).toBe('ok');
		expect(verdict('invitations', accepted(false), sent, agent)).toBe('invitation-global-admin');
	});

	it('an accepted or withdrawn invitation does not change status again', () => {
		const withdrawn = edit(invitation('ada'), 'ada', {
			status: 'withdrawn',
			withdrawnAt: LATER,
			withdrawnBy: 'ada'
		});
		expect(
			verdict('invitations', edit(withdrawn, 'ada', { status: 'sent' }), withdrawn, agent)
		).toBe('invitation-closed');
		expect(
			verdict(
				'invitations',
				edit(invitation('ada'), 'ada', { link: 'https://x.test' }),
				invitation('ada'),
				agent
			)
		).toBe('immutable');
	});

	it('GDAP relationships: Global admin and Admin agent; terminated stays terminated', () => {
		expect(verdict('gdap', gdapRelationship('ada'), null, agent)).toBe('ok');
		expect(verdict('gdap', gdapRelationship('sam'), null, sales)).toBe('role');
		const terminated = gdapRelationship('ada', {
			status: 'terminated',
			terminatedAt: NOW,
			terminatedBy: 'ada'
		});
		expect(verdict('gdap', edit(terminated, 'ada', { status: 'active' }), terminated, agent)).toBe(
			'gdap-terminated'
		);
		expect(
			verdict(
				'gdap',
				edit(gdapRelationship('ada'), 'ada', { roleIds: [] }),
				gdapRelationship('ada'),
				agent
			)
		).toBe('immutable');
	});

	it('the organisation settings are changed by a Global admin only', () => {
		const settings = (by) => ({
			_id: 'settings',
			partnerId: 'own',
			tenantId: '8f2b6a0e-4c1d-4f4e-9a55-2d7c1b3e9f10',
			newCustomerInvitationTemplate: '',
			providerTenants: [],
			...meta(by)
		});
		expect(verdict('settings', settings('gus'), null, globalAdmin)).toBe('ok');
		expect(verdict('settings', settings('ada'), null, agent)).toBe('role');
	});

	it('activity entries of GDAP and invitations need the same roles', () => {
		const entry = (actorId, action, recordType) => ({
			_id: `a-${action}`,
			at: NOW,
			actorId,
			actorName: actorId,
			deviceId: 'device-1',
			recordType,
			documentId: 'x',
			action,
			summary: action,
			changes: []
		});
		expect(verdict('activity', entry('ada', 'gdap.requested', 'gdap'), null, agent)).toBe('ok');
		expect(verdict('activity', entry('sam', 'gdap.requested', 'gdap'), null, sales)).toBe('role');
		expect(verdict('activity', entry('sam', 'invitation.sent', 'invitations'), null, sales)).toBe(
			'role'
		);
		expect(verdict('activity', entry('ada', 'settings.changed', 'settings'), null, agent)).toBe(
			'role'
		);
	});
});

/**
 * @param {string} by
 * @param {Record<string, unknown>} [fields]
 */
function ownPartner(by, fields = {}) {
	return {
		_id: 'org-acme',
		name: 'Acme Kft.',
		nameLower: 'acme kft.',
		mpnId: '',
		kind: 'indirect-reseller',
		isOwnOrganisation: true,
		country: 'HU',
		email: '',
		mpaSigned: true,
		...meta(by),
		...fields
	};
}

describe("the organisation's country/region (from its record on the server)", () => {
	it('keeps reseller relationship requests within it', () => {
		expect(verdict('invitations', invitation('ada'), null, agent)).toBe('ok');
		const abroad = invitation('ada', { country: 'AT' });
		expect(verdict('invitations', abroad, null, agent)).toBe('reseller-relationship-country');
		expect(run('invitations', abroad, null, agent)?.forbidden).toBe(
			'[csp:reseller-relationship-country] You can request a reseller relationship only with customers in your own country/region (HU). Kovács Kft. is in "AT".'
		);
		const sent = invitation('ada');
		expect(verdict('invitations', edit(sent, 'ada', { country: 'AT' }), sent, agent)).toBe(
			'reseller-relationship-country'
		);
		expect(verdict('invitations', abroad, null, serverAdmin)).toBe('ok');
	});

	it('lets an invitation sent before the country/region changed be withdrawn', () => {
		const old = invitation('ada', { country: 'AT' });
		const withdrawn = edit(old, 'ada', {
			status: 'withdrawn',
			withdrawnAt: LATER,
			withdrawnBy: 'ada'
		});
		expect(verdict('invitations', withdrawn, old, agent)).toBe('ok');
	});

	it('refuses every request while the server does not know it', () => {
		const source = validateDocUpdateSource(ORG, 'invitations');
		const check = new Function(`return (${source});`)();
		/** @param {any} doc */
		const refusal = (doc) => {
			try {
				check(doc, null, agent, secObj);
				return 'ok';
			} catch (error) {
				return parseRefusal(/** @type {any} */ (error).forbidden).code;
			}
		};
		expect(refusal(invitation('ada'))).toBe('organisation-country');
		expect(refusal(invitation('ada', { country: 'AT' }))).toBe('organisation-country');
	});

	it("is the own partner record's, which no member changes", () => {
		expect(verdict('partners', ownPartner('gus'), null, globalAdmin)).toBe('ok');
		expect(verdict('partners', ownPartner('gus', { country: 'AT' }), null, globalAdmin)).toBe(
			'organisation-country'
		);
		const own = ownPartner('gus');
		expect(verdict('partners', edit(own, 'gus', { country: 'AT' }), own, globalAdmin)).toBe(
			'organisation-country'
		);
		expect(verdict('partners', edit(own, 'gus', { name: 'Acme Zrt.' }), own, globalAdmin)).toBe(
			'ok'
		);
		// Another partner (an indirect provider, say) may be anywhere.
		const other = ownPartner('gus', { _id: 'p2', isOwnOrganisation: false, country: 'AT' });
		expect(verdict('partners', other, null, globalAdmin)).toBe('ok');
		expect(verdict('partners', { ...other, isOwnOrganisation: true }, other, globalAdmin)).toBe(
			'organisation-country'
		);
	});
});

describe('postal codes and states of customers', () => {
	/** @param {Record<string, unknown>} address */
	const at = (address) => customer('sam', { address: { ...customer('sam').address, ...address } });

	it("checks a postal code that is filled in against its country's format", () => {
		expect(verdict('customers', at({ postalCode: '1011' }), null, sales)).toBe('ok');
		expect(verdict('customers', at({ postalCode: '0111' }), null, sales)).toBe('postal-code');
		expect(verdict('customers', at({ postalCode: '10115' }), null, sales)).toBe('postal-code');
		expect(verdict('customers', at({ country: 'PL', postalCode: '00-950' }), null, sales)).toBe(
			'ok'
		);
		expect(verdict('customers', at({ country: 'GB', postalCode: 'SW1A 1AA' }), null, sales)).toBe(
			'ok'
		);
		expect(verdict('customers', at({ country: 'GB', postalCode: 'SW1A' }), null, sales)).toBe(
			'postal-code'
		);
		// Recorded from an accepted invitation: the address is completed later.
		expect(verdict('customers', at({ postalCode: '' }), null, sales)).toBe('ok');
		// A country without a known format: any postal code up to 20 characters.
		expect(verdict('customers', at({ country: 'AM', postalCode: '0010' }), null, sales)).toBe('ok');
		expect(
			verdict('customers', at({ country: 'AM', postalCode: 'x'.repeat(21) }), null, sales)
		).toBe('postal-code');
		expect(verdict('customers', at({ postalCode: '1'.repeat(21) }), null, sales)).toBe(
			'postal-code'
		);
	});

	it("takes a state only from the country's list, as its code", () => {
		const us = { country: 'US', postalCode: '98052' };
		expect(verdict('customers', at({ ...us, state: 'WA' }), null, sales)).toBe('ok');
		expect(verdict('customers', at({ ...us, state: 'XX' }), null, sales)).toBe('state');
		expect(verdict('customers', at({ ...us, state: 'WA NY' }), null, sales)).toBe('state');
		expect(verdict('customers', at({ ...us, state: '' }), null, sales)).toBe('ok');
		expect(
			verdict('customers', at({ country: 'AU', postalCode: '2000', state: 'NSW' }), null, sales)
		).toBe('ok');
		expect(verdict('customers', at({ state: 'Pest' }), null, sales)).toBe('ok');
		expect(verdict('customers', at({ state: 'P'.repeat(101) }), null, sales)).toBe('state');
	});
});
