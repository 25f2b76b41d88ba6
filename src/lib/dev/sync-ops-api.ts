/**
 * What the /dev/sync-ops page puts on `window.cspSyncOps` for tests/random-sync.spec.ts
 * (`page.evaluate`): each operation is one user action through the app's real services and
 * context, so the live replication the layout runs carries it like any other change. Each reports
 * what it wrote, so the test can check that every acknowledged write reached every copy.
 *
 * The test draws every choice from its seeded generator: a `pick` in [0, 1) chooses among this
 * device's candidates sorted by id, so a seed replays the same sequence of actions.
 */
import { appContext } from '$lib/app/context';
import { syncStatus$ } from '$lib/app/account';
import type { Refusal } from '$lib/domain/refusal/schema';
import type { CustomerDetailsInput } from '$lib/domain/customer/rules';
import { canRequestPartnership, invitationLink } from '$lib/domain/partnership/rules';
import type { Partnership } from '$lib/domain/partnership/schema';
import { DomainError } from '$lib/domain/shared/result';
import { ownOrganisation, type ServiceContext } from '$lib/services/context';
import { createCustomer, customerDetails, updateCustomerDetails } from '$lib/services/customers';
import {
	recordPartnershipAcceptance,
	removePartnershipById,
	requestPartnership
} from '$lib/services/partnerships';
import {
	activeResellerIds,
	addSubscriptions,
	updateSubscriptionPartners
} from '$lib/services/subscriptions';

type Doc = Record<string, unknown>;

/** The collections the app replicates (see src/lib/sync/replication.ts). */
export const syncedCollections = [
	'partners',
	'partnerships',
	'customers',
	'subscriptions',
	'activity'
] as const;
export type SyncedCollection = (typeof syncedCollections)[number];

/** One record an acknowledged operation wrote. */
export interface WrittenRecord {
	collection: SyncedCollection;
	id: string;
	created: boolean;
	/** `updatedAt` of the written version. */
	at: string;
	/** The leaf fields this write set (dotted paths such as `contact.phone`) and their values. */
	values: Record<string, unknown>;
	/** For an edit: the values those fields had on this device just before it. */
	before?: Record<string, unknown>;
}

export interface OperationOutcome {
	/**
	 * `ok`: the service returned ok (the write is acknowledged); `invalid`: it refused with a
	 * message for the user; `skipped`: nothing to act on; `error`: it threw something unexpected.
	 */
	result: 'ok' | 'invalid' | 'skipped' | 'error';
	detail?: string;
	records: WrittenRecord[];
	/** Ids of the activity entries the operation appended. */
	activityIds: string[];
}

/** Fields replication and the conflict handler set themselves: not values a user writes. */
const metaFields = new Set(['updatedAt', 'updatedBy', 'deviceId']);

const isPlainObject = (value: unknown): value is Doc =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf of a document by dotted path, without `_` fields and change metadata. */
export function leafValues(doc: unknown, path = '', out: Doc = {}): Doc {
	if (!isPlainObject(doc)) {
		out[path] = doc;
		return out;
	}
	for (const [key, value] of Object.entries(doc)) {
		if (!path && (key.startsWith('_') || metaFields.has(key))) continue;
		leafValues(value, path ? `${path}.${key}` : key, out);
	}
	return out;
}

/** The leaves whose values differ from `before` to `after` (a removed leaf becomes null). */
export function changedLeaves(before: unknown, after: unknown): Doc {
	const from = leafValues(before);
	const to = leafValues(after);
	const changed: Doc = {};
	for (const path of new Set([...Object.keys(from), ...Object.keys(to)])) {
		if (JSON.stringify(from[path]) !== JSON.stringify(to[path])) {
			changed[path] = path in to ? to[path] : null;
		}
	}
	return changed;
}

const written = (
	collection: SyncedCollection,
	doc: Doc,
	values: Doc,
	created: boolean
): WrittenRecord => ({
	collection,
	id: String(doc.id),
	created,
	at: String(doc.updatedAt),
	values
});

const createdRecord = (collection: SyncedCollection, doc: Doc) =>
	written(collection, doc, leafValues(doc), true);

function pickFrom<T>(sorted: T[], pick: number): T | undefined {
	if (sorted.length === 0) return undefined;
	return sorted[Math.min(sorted.length - 1, Math.floor(pick * sorted.length))];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface QueryableCollection<T> {
	find(): { exec(): Promise<{ toMutableJSON(): T }[]> };
}

async function allDocs<T extends { id: string }>(collection: QueryableCollection<T>) {
	const docs = await collection.find().exec();
	return docs.map((doc) => doc.toMutableJSON()).sort(byId);
}

const skipped = (detail: string): OperationOutcome => ({
	result: 'skipped',
	detail,
	records: [],
	activityIds: []
});

/**
 * Runs one operation and adds the activity entries this device appended meanwhile (the
 * operations of one device run one after the other, so they are the operation's).
 */
async function run(
	action: (ctx: ServiceContext) => Promise<OperationOutcome>
): Promise<OperationOutcome> {
	const ctx = await appContext();
	const since = new Date(Date.now() - 1).toISOString();
	const mine = () =>
		ctx.db.activity
			.find({ selector: { deviceId: ctx.actor.deviceId, at: { $gte: since } } })
			.exec()
			.then((docs) => docs.map((doc) => doc.id));
	const earlier = new Set(await mine());
	let outcome: OperationOutcome;
	try {
		outcome = await action(ctx);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		outcome = {
			result: error instanceof DomainError ? 'invalid' : 'error',
			detail: message,
			records: [],
			activityIds: []
		};
	}
	const activityIds = (await mine()).filter((id) => !earlier.has(id));
	return { ...outcome, activityIds };
}

const invalidOutcome = (errors: Record<string, string>): OperationOutcome => ({
	result: 'invalid',
	detail: JSON.stringify(errors),
	records: [],
	activityIds: []
});

export interface CustomerChanges {
	companyName?: string;
	phone?: string;
	email?: string;
	firstName?: string;
	line1?: string;
	city?: string;
}

export interface CustomerEdit extends CustomerChanges {
	pick: number;
	/** This customer instead of a picked one. */
	id?: string;
}

/** Forms opened and not submitted yet (lost on a reload, as a form without its draft). */
const openForms = new Map<string, { customerId: string; base: CustomerDetailsInput }>();

/** What the form holds once the user typed `changes` over `base`. */
function toDetails(base: CustomerDetailsInput, changes: CustomerChanges): CustomerDetailsInput {
	return {
		...base,
		companyName: changes.companyName ?? base.companyName,
		address: {
			...base.address,
			line1: changes.line1 ?? base.address.line1,
			city: changes.city ?? base.address.city
		},
		contact: {
			...base.contact,
			firstName: changes.firstName ?? base.contact.firstName,
			email: changes.email ?? base.contact.email,
			phone: changes.phone ?? base.contact.phone
		}
	};
}

/**
 * Saves the details form: what the user typed over what the form showed when it was opened
 * (`base`). The write the test expects is what was typed, nothing else.
 */
async function submitDetails(
	ctx: ServiceContext,
	customerId: string,
	base: CustomerDetailsInput,
	changes: CustomerChanges
): Promise<OperationOutcome> {
	const details = toDetails(base, changes);
	const stored = leafValues((await ctx.db.customers.findOne(customerId).exec())?.toMutableJSON());
	const result = await updateCustomerDetails(ctx, customerId, details, base);
	if (!result.ok) return invalidOutcome(result.errors);
	const typed = changedLeaves(base, details);
	if (typed.companyName !== undefined) typed.nameLower = details.companyName.toLowerCase();
	const before = Object.fromEntries(Object.keys(typed).map((path) => [path, stored[path] ?? null]));
	const records =
		Object.keys(typed).length > 0
			? [{ ...written('customers', result.value, typed, false), before }]
			: [];
	return { result: 'ok', records, activityIds: [] };
}

/**
 * Per customer, what this device's last edit of it replaced (lost on a reload, as the user's
 * memory of it is not): undoCustomerEdit puts it back.
 */
const replacedByLastEdit = new Map<string, CustomerChanges>();

/** The values `base` has in the fields `changes` names. */
function fieldValues(base: CustomerDetailsInput, changes: CustomerChanges): CustomerChanges {
	const before: CustomerChanges = {
		companyName: base.companyName,
		phone: base.contact.phone,
		email: base.contact.email,
		firstName: base.contact.firstName,
		line1: base.address.line1,
		city: base.address.city
	};
	const keys = (Object.keys(changes) as (keyof CustomerChanges)[]).filter(
		(key) => key in before && changes[key] !== undefined
	);
	return Object.fromEntries(keys.map((key) => [key, before[key]]));
}

/** Edits a customer's details at once: the form opened, typed into and saved. */
function editCustomer(edit: CustomerEdit) {
	return run(async (ctx) => {
		const customers = await allDocs(ctx.db.customers);
		const customer = edit.id
			? customers.find((c) => c.id === edit.id)
			: pickFrom(customers, edit.pick);
		if (!customer) return skipped('no customer');
		const base = customerDetails(customer);
		const outcome = await submitDetails(ctx, customer.id, base, edit);
		if (outcome.result === 'ok') replacedByLastEdit.set(customer.id, fieldValues(base, edit));
		return outcome;
	});
}

/**
 * The user takes their last edit of a customer back: the fields it changed get the values they
 * had before it (the shape of issue 9: a field changed, then put back, while a push is in flight).
 */
function undoCustomerEdit(input: { pick: number }) {
	return run(async (ctx) => {
		const ids = [...replacedByLastEdit.keys()].sort();
		const id = pickFrom(ids, input.pick);
		if (!id) return skipped('no edit of this device to take back');
		const customer = (await allDocs(ctx.db.customers)).find((c) => c.id === id);
		if (!customer) return skipped('the customer is gone');
		const changes = replacedByLastEdit.get(id)!;
		replacedByLastEdit.delete(id);
		return submitDetails(ctx, id, customerDetails(customer), changes);
	});
}

/** Opens a customer's details form; `submitCustomerForm` saves it later (other steps between). */
function openCustomerForm(input: { pick: number; formId: string }) {
	return run(async (ctx) => {
		const customer = pickFrom(await allDocs(ctx.db.customers), input.pick);
		if (!customer) return skipped('no customer');
		openForms.set(input.formId, { customerId: customer.id, base: customerDetails(customer) });
		return { result: 'ok', detail: customer.id, records: [], activityIds: [] };
	});
}

/** Saves a form `openCustomerForm` opened, with what the user typed into it meanwhile. */
function submitCustomerForm(input: CustomerChanges & { formId: string }) {
	return run(async (ctx) => {
		const form = openForms.get(input.formId);
		if (!form) return skipped('the form was not open (reload)');
		openForms.delete(input.formId);
		return submitDetails(ctx, form.customerId, form.base, input);
	});
}

export interface NewCustomer {
	details: CustomerDetailsInput;
	/** Whether the customer gets a reseller (one with an active partnership, when there is one). */
	withReseller: boolean;
	pickReseller: number;
	pickOffer: number;
	/** Chooses the licence count within the offer's bounds. */
	pickQuantity: number;
}

async function subscriptionLine(ctx: ServiceContext, pickOffer: number, pickQuantity: number) {
	const offers = (await ctx.db.offers.find().exec()).map((o) => o.toMutableJSON()).sort(byId);
	const offer = pickFrom(offers, pickOffer);
	if (!offer) throw new Error('The offer catalog is empty');
	const top = Math.min(offer.maxQuantity, offer.minQuantity + 20);
	const quantity = offer.minQuantity + Math.floor(pickQuantity * (top - offer.minQuantity + 1));
	return { offerId: offer.id, quantity: Math.min(quantity, top) };
}

async function chooseReseller(ctx: ServiceContext, withReseller: boolean, pick: number) {
	if (!withReseller) return '';
	return pickFrom((await activeResellerIds(ctx)).sort(), pick) ?? '';
}

/** The new customer wizard's submit: the customer and one subscription. */
function addCustomer(input: NewCustomer) {
	return run(async (ctx) => {
		const resellerId = await chooseReseller(ctx, input.withReseller, input.pickReseller);
		const line = await subscriptionLine(ctx, input.pickOffer, input.pickQuantity);
		const result = await createCustomer(ctx, {
			details: input.details,
			customerAgreementAccepted: true,
			resellerId,
			subscriptions: [line]
		});
		if (!result.ok) return invalidOutcome(result.errors);
		const { customer } = result.value;
		const stored = (await ctx.db.customers.findOne(customer.id).exec())?.toMutableJSON();
		const subscriptions = await ctx.db.subscriptions
			.find({ selector: { customerId: customer.id } })
			.exec();
		return {
			result: 'ok',
			records: [
				createdRecord('customers', stored ?? customer),
				...subscriptions.map((s) => createdRecord('subscriptions', s.toMutableJSON()))
			],
			activityIds: []
		};
	});
}

export interface NewSubscription {
	pickCustomer: number;
	withReseller: boolean;
	pickReseller: number;
	pickOffer: number;
	pickQuantity: number;
}

/** The New subscription page: one offer for an existing customer. */
function addSubscription(input: NewSubscription) {
	return run(async (ctx) => {
		const customer = pickFrom(await allDocs(ctx.db.customers), input.pickCustomer);
		if (!customer) return skipped('no customer');
		const resellerId = await chooseReseller(ctx, input.withReseller, input.pickReseller);
		const line = await subscriptionLine(ctx, input.pickOffer, input.pickQuantity);
		const result = await addSubscriptions(ctx, {
			customerId: customer.id,
			lines: [line],
			resellerId
		});
		if (!result.ok) return invalidOutcome(result.errors);
		return {
			result: 'ok',
			records: result.value.map((s) => createdRecord('subscriptions', s)),
			activityIds: []
		};
	});
}

export interface SubscriptionPartnersChange {
	pickSubscription: number;
	withReseller: boolean;
	pickReseller: number;
	/** Below 0.5: the provider itself; otherwise an active reseller. */
	pickSupport: number;
}

/** The subscription page's Reseller (MPN ID) and Designated support contact. */
function changeSubscriptionPartners(input: SubscriptionPartnersChange) {
	return run(async (ctx) => {
		const subscription = pickFrom(await allDocs(ctx.db.subscriptions), input.pickSubscription);
		if (!subscription) return skipped('no subscription');
		const provider = await ownOrganisation(ctx.db);
		const resellerId = await chooseReseller(ctx, input.withReseller, input.pickReseller);
		const support =
			input.pickSupport < 0.5
				? provider.id
				: await chooseReseller(ctx, true, (input.pickSupport - 0.5) * 2);
		// As the subscription page's form: what it showed, and what the user chose.
		const shown = {
			resellerId: subscription.resellerId,
			supportContactId: subscription.supportContactId
		};
		const chosen = { resellerId, supportContactId: support || provider.id };
		const result = await updateSubscriptionPartners(ctx, subscription.id, chosen, shown);
		if (!result.ok) return invalidOutcome(result.errors);
		const values = changedLeaves(shown, chosen);
		const records =
			Object.keys(values).length > 0 ? [written('subscriptions', result.value, values, false)] : [];
		return { result: 'ok', records, activityIds: [] };
	});
}

export interface PartnershipRequest {
	/** A reseller not known yet; otherwise one whose partnerships allow a new request. */
	newReseller?: { name: string; email: string; mpnId: string };
	pickReseller: number;
	/** The invitation token (16+ characters). */
	token: string;
}

/** Request a partnership: with a known reseller (after a removal) or a new one. */
function requestNewPartnership(input: PartnershipRequest) {
	return run(async (ctx) => {
		const partnerships = await allDocs(ctx.db.partnerships);
		let reseller = input.newReseller;
		if (!reseller) {
			// After a removal this device knows of: a reseller whose partner record arrived without
			// its partnership (another device's request, pulled from another database) is one this
			// device only seems free to ask; the server refuses the second request (random sync seed
			// 401601210), as two devices asking one reseller while apart must be.
			const candidates = (await allDocs(ctx.db.partners)).filter((p) => {
				const own = partnerships.filter((q) => q.resellerId === p.id);
				return (
					p.kind === 'indirect-reseller' &&
					p.mpnId !== '' &&
					own.length > 0 &&
					canRequestPartnership(own).ok
				);
			});
			const chosen = pickFrom(candidates, input.pickReseller);
			if (!chosen) return skipped('no reseller to request');
			reseller = { name: chosen.name, email: chosen.email, mpnId: chosen.mpnId };
		}
		const partnersBefore = new Set((await allDocs(ctx.db.partners)).map((p) => p.id));
		const link = invitationLink(location.origin, input.token);
		const result = await requestPartnership(ctx, {
			...reseller,
			token: input.token,
			link,
			emailDraft: `Hello,\n\nplease accept our partnership request:\n${link}\n`
		});
		if (!result.ok) return invalidOutcome(result.errors);
		const records = [createdRecord('partnerships', result.value)];
		const partner = (
			await ctx.db.partners.findOne(result.value.resellerId).exec()
		)?.toMutableJSON();
		if (partner && !partnersBefore.has(partner.id))
			records.push(createdRecord('partners', partner));
		return { result: 'ok', records, activityIds: [] };
	});
}

const partnershipActionFields = [
	'status',
	'acceptedAt',
	'acceptedRecordedBy',
	'removedBy',
	'removedAt',
	'removalAttested'
];

async function changePartnership(
	ctx: ServiceContext,
	pick: number,
	statuses: Partnership['status'][],
	change: (id: string) => Promise<Partnership>
): Promise<OperationOutcome> {
	const candidates = (await allDocs(ctx.db.partnerships)).filter((p) =>
		statuses.includes(p.status)
	);
	const partnership = pickFrom(candidates, pick);
	if (!partnership) return skipped(`no ${statuses.join(' or ')} partnership`);
	const after = await change(partnership.id);
	// The fields the action is about (the service writes them over the latest stored version).
	const values = changedLeaves(partnership, after);
	for (const path of Object.keys(values)) {
		if (!partnershipActionFields.includes(path)) delete values[path];
	}
	return {
		result: 'ok',
		records: [written('partnerships', after, values, false)],
		activityIds: []
	};
}

/** Record acceptance of a requested partnership (accepted now). */
function acceptPartnership(input: { pick: number }) {
	return run((ctx) =>
		changePartnership(ctx, input.pick, ['requested'], (id) =>
			recordPartnershipAcceptance(ctx, id, ctx.now())
		)
	);
}

/** Remove partnership (attested) of a requested or active partnership. */
function removePartnership(input: { pick: number }) {
	return run((ctx) =>
		changePartnership(ctx, input.pick, ['requested', 'active'], (id) =>
			removePartnershipById(ctx, id, true)
		)
	);
}

/** Every replicated document of this device, and its local Conflicts, as plain JSON. */
async function dump() {
	const ctx = await appContext();
	const collections = {} as Record<SyncedCollection, Doc[]>;
	for (const name of syncedCollections) {
		collections[name] = (await ctx.db[name].find().exec()).map((doc) => doc.toJSON() as Doc);
	}
	const conflicts = (await ctx.db.conflicts.find().exec()).map((doc) => doc.toJSON() as Doc);
	return { collections, conflicts };
}

export interface DeviceSyncStatus {
	state: string;
	waiting: number;
	online: boolean;
	refused: Refusal[];
	error: string;
}

/** What the top bar's sync status is made of, with the writes the server refused. */
async function status(): Promise<DeviceSyncStatus> {
	const { state, waiting, error } = syncStatus$.value;
	const ctx = await appContext();
	const refused = (await ctx.db.refusals.find().exec()).map((doc) => doc.toMutableJSON());
	return { state, waiting, refused, error, online: navigator.onLine };
}

export const syncOpsApi = {
	editCustomer,
	undoCustomerEdit,
	openCustomerForm,
	submitCustomerForm,
	addCustomer,
	addSubscription,
	changeSubscriptionPartners,
	requestPartnership: requestNewPartnership,
	acceptPartnership,
	removePartnership,
	dump,
	status
};

export type SyncOpsApi = typeof syncOpsApi;

declare global {
	interface Window {
		cspSyncOps?: SyncOpsApi;
	}
}

/** Exposes the operations on `window.cspSyncOps`. */
export function installSyncOpsApi(): void {
	if (typeof window !== 'undefined') window.cspSyncOps = syncOpsApi;
}
