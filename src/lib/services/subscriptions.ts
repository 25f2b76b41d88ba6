import type { Customer } from '$lib/domain/customer/schema';
import type { BillingCycle, Offer, TermDuration } from '$lib/domain/offer/schema';
import { statusesWithoutResellerChange } from '$lib/domain/subscription/bulk-reseller-change';
import { coTermEndDates, newSubscriptionTerm } from '$lib/domain/subscription/lifecycle';
import { termEndDate, validateSubscription } from '$lib/domain/subscription/rules';
import type { Subscription } from '$lib/domain/subscription/schema';
import { applyChanges } from '$lib/domain/shared/merge';
import { assertOwnCustomerForSubscription } from '$lib/domain/shared/ownership';
import { invalid, valid, type FieldErrors, type Validation } from '$lib/domain/shared/result';
import { createdMeta, diffFields, recordActivity, saveChanges, updatedMeta } from './changes';
import { ownOrganisation, type ServiceContext } from './context';

/** One offer chosen in a form, with the licence count as typed. */
export interface SubscriptionLine {
	offerId: string;
	quantity: number | string;
	/** The term duration chosen (Partner Center's); absent: the offer's first (defaultTerm). */
	termDuration?: TermDuration;
	/** The billing frequency chosen; absent: the offer's first (defaultTerm). */
	billingCycle?: BillingCycle;
}

export interface ValidLine {
	offer: Offer;
	quantity: number;
	resellerId: string;
	supportContactId: string;
	termDuration: TermDuration;
	billingCycle: BillingCycle;
}

/** The term and billing frequency a new subscription of the offer gets unless others are chosen. */
export const defaultTerm = (offer: Offer) => ({
	termDuration: offer.termDurations[0],
	billingCycle: offer.billingCycles[0]
});

/** The term of a line: as chosen, else the offer's default. */
export const lineTerm = (offer: Offer, line: SubscriptionLine) => ({
	termDuration: line.termDuration ?? defaultTerm(offer).termDuration,
	billingCycle: line.billingCycle ?? defaultTerm(offer).billingCycle
});

export async function activeResellerIds(ctx: ServiceContext): Promise<string[]> {
	const active = await ctx.db.partnerships.find({ selector: { status: 'active' } }).exec();
	return [...new Set(active.map((p) => p.resellerId))];
}

/** Validates each line; errors are keyed `subscriptions.<index>.<field>`. */
export async function validateSubscriptionLines(
	ctx: ServiceContext,
	lines: SubscriptionLine[],
	common: { resellerId: string; supportContactId: string }
): Promise<Validation<ValidLine[]>> {
	const [offers, resellerIds, provider] = await Promise.all([
		ctx.db.offers.find().exec(),
		activeResellerIds(ctx),
		ownOrganisation(ctx.db)
	]);
	const offerList = offers.map((o) => o.toMutableJSON());
	const rulesContext = {
		offers: offerList,
		activeResellerIds: resellerIds,
		providerId: provider.id
	};
	const errors: FieldErrors = {};
	const valids: ValidLine[] = [];
	lines.forEach((line, index) => {
		const result = validateSubscription({ ...line, ...common }, rulesContext);
		if (!result.ok) {
			for (const [field, message] of Object.entries(result.errors) as [string, string][]) {
				const key =
					field === 'resellerId' || field === 'supportContactId'
						? field
						: `subscriptions.${index}.${field}`;
				errors[key] = message;
			}
			return;
		}
		const offer = offerList.find((o) => o.id === result.value.offerId)!;
		const term = newSubscriptionTerm({
			offer,
			choice: lineTerm(offer, line),
			start: ctx.now(),
			others: []
		});
		if (!term.ok) {
			for (const [field, message] of Object.entries(term.errors)) {
				errors[`subscriptions.${index}.${field}`] = message;
			}
			return;
		}
		valids.push({
			...result.value,
			offer,
			termDuration: term.value.termDuration,
			billingCycle: term.value.billingCycle
		});
	});
	return Object.keys(errors).length ? invalid(errors) : valid(valids);
}

/** The end dates New subscription offers for the terms chosen, starting at `start`. */
export interface NewSubscriptionEndDates {
	/** The standard end of each chosen term, sorted, without duplicates. */
	standard: string[];
	/**
	 * The custom term end dates (co-term): the current end of each of the customer's other
	 * subscriptions that fits at least one chosen term (see coTermEndDates), sorted.
	 */
	coTerm: string[];
}

/**
 * The end dates new subscriptions of the chosen terms may have (Partner Center's custom term end
 * date, to co-term with the customer's other subscriptions). With offers of different terms, a
 * co-term date is offered when it fits one of them: each new subscription takes it where it fits
 * its own term and ends at the end of its term otherwise (lineEndDate). Empty when no term is
 * chosen ('none': usage-based).
 */
export function newSubscriptionEndDates(
	termDurations: readonly TermDuration[],
	start: string,
	others: readonly Subscription[]
): NewSubscriptionEndDates {
	const terms = [...new Set(termDurations.filter((term) => term !== 'none'))];
	const standard = new Set<string>();
	const coTerm = new Set<string>();
	for (const termDuration of terms) {
		const own = termEndDate(start, termDuration) as string;
		standard.add(own);
		for (const date of coTermEndDates({ start, termDuration, others })) {
			if (date !== own) coTerm.add(date);
		}
	}
	return { standard: [...standard].sort(), coTerm: [...coTerm].sort() };
}

/**
 * The first term's end of one new subscription: the co-term date chosen when it fits the term
 * (coTermEndDates), else the standard end of the term; none for a usage-based offer.
 */
export function lineEndDate(
	termDuration: TermDuration,
	start: string,
	others: readonly Subscription[],
	coTermEndDate?: string
): string | undefined {
	if (termDuration === 'none') return undefined;
	if (coTermEndDate && coTermEndDates({ start, termDuration, others }).includes(coTermEndDate)) {
		return coTermEndDate;
	}
	return termEndDate(start, termDuration);
}

export async function insertSubscriptions(
	ctx: ServiceContext,
	customer: Customer,
	lines: ValidLine[],
	/**
	 * A custom term end date (co-term), one of `newSubscriptionEndDates`, and the customer's
	 * other subscriptions it comes from: each line takes it where it fits its term. Absent: each
	 * line ends at the end of its term.
	 */
	coTerm?: { endDate: string; others: readonly Subscription[] }
): Promise<Subscription[]> {
	const at = ctx.now();
	const subscriptions: Subscription[] = lines.map((line) => {
		const { termDuration, billingCycle } = line;
		const endDate = lineEndDate(termDuration, at, coTerm?.others ?? [], coTerm?.endDate);
		return {
			id: crypto.randomUUID(),
			customerId: customer.id,
			offerId: line.offer.id,
			quantity: line.quantity,
			status: 'active',
			billingCycle,
			termDuration,
			resellerId: line.resellerId,
			supportContactId: line.supportContactId,
			startDate: at,
			...(endDate ? { endDate } : {}),
			...createdMeta(ctx.actor, at)
		};
	});
	const written = await ctx.db.subscriptions.bulkInsert(subscriptions);
	if (written.error.length > 0) {
		throw new Error(`${written.error.length} subscription(s) could not be saved`);
	}
	for (const [index, subscription] of subscriptions.entries()) {
		await recordActivity(ctx.db, ctx.actor, {
			collection: 'subscriptions',
			documentId: subscription.id,
			action: 'subscription.created',
			summary: `Added ${subscription.quantity} × ${lines[index].offer.name} for ${customer.companyName}`
		});
	}
	return subscriptions;
}

export interface NewSubscriptionsInput {
	customerId: string;
	lines: SubscriptionLine[];
	resellerId: string;
	/** The custom term end date chosen to co-term (ISO); absent or '': the end of the term. */
	endDate?: string;
}

/** The New subscription page: offers and licence counts for an existing customer. */
export async function addSubscriptions(
	ctx: ServiceContext,
	input: NewSubscriptionsInput
): Promise<Validation<Subscription[]>> {
	const customer = await ctx.db.customers.findOne(input.customerId).exec();
	if (!customer) throw new Error('This customer no longer exists on this device.');
	assertOwnCustomerForSubscription(customer.id);
	if (input.lines.length === 0) return invalid({ subscriptions: 'Choose at least one offer.' });
	const provider = await ownOrganisation(ctx.db);
	const lines = await validateSubscriptionLines(ctx, input.lines, {
		resellerId: input.resellerId,
		supportContactId: input.resellerId || provider.id
	});
	if (!lines.ok) return lines;
	let coTerm: { endDate: string; others: Subscription[] } | undefined;
	if (input.endDate) {
		const others = (
			await ctx.db.subscriptions.find({ selector: { customerId: input.customerId } }).exec()
		).map((doc) => doc.toMutableJSON());
		const start = ctx.now();
		// The date must be a co-term date of one of the chosen terms at least (newSubscriptionTerm);
		// the lines whose term it does not fit end at the end of their term.
		const fitsOne = lines.value.some(
			(line) =>
				line.termDuration !== 'none' &&
				newSubscriptionTerm({
					offer: line.offer,
					choice: { ...line, endDate: input.endDate },
					start,
					others
				}).ok
		);
		if (!fitsOne) {
			return invalid({
				endDate: 'This term end date is no longer possible: choose another.'
			});
		}
		coTerm = { endDate: input.endDate, others };
	}
	return valid(await insertSubscriptions(ctx, customer.toMutableJSON(), lines.value, coTerm));
}

export interface SubscriptionPartners {
	resellerId: string;
	supportContactId: string;
}

/**
 * Sets the Reseller (MPN ID) and/or the Designated support contact of a subscription. With
 * `startedFrom` (what the form showed), a choice the user left as it was takes the stored value,
 * which another device or tab may have changed meanwhile.
 */
export async function updateSubscriptionPartners(
	ctx: ServiceContext,
	subscriptionId: string,
	wanted: SubscriptionPartners,
	startedFrom?: SubscriptionPartners
): Promise<Validation<Subscription>> {
	const doc = await ctx.db.subscriptions.findOne(subscriptionId).exec();
	if (!doc) throw new Error('This subscription no longer exists on this device.');
	const before = doc.toMutableJSON();
	const stored = { resellerId: before.resellerId, supportContactId: before.supportContactId };
	const change = startedFrom ? applyChanges(stored, startedFrom, wanted) : wanted;
	// The server refuses it too (validation.js, subscription-cancelled).
	if (
		statusesWithoutResellerChange.includes(before.status) &&
		change.resellerId !== before.resellerId
	) {
		return invalid({
			resellerId: 'This subscription is cancelled: its reseller cannot be changed.'
		});
	}
	const [offers, resellerIds, provider] = await Promise.all([
		ctx.db.offers.find().exec(),
		activeResellerIds(ctx),
		ownOrganisation(ctx.db)
	]);
	const result = validateSubscription(
		{ offerId: before.offerId, quantity: before.quantity, ...change },
		{
			offers: offers.map((o) => o.toMutableJSON()),
			activeResellerIds: resellerIds,
			providerId: provider.id
		}
	);
	if (!result.ok) return result;
	const after: Subscription = { ...before, ...change, ...updatedMeta(ctx.actor, ctx.now()) };
	const changes = diffFields(before, after, ['resellerId', 'supportContactId']);
	if (changes.length === 0) return valid(before);
	const names = new Map(
		(await ctx.db.partners.find().exec()).map((p) => [
			p.id,
			`${p.name}${p.mpnId ? ` (${p.mpnId})` : ''}`
		])
	);
	for (const change of changes) {
		change.from = names.get(change.from) ?? change.from;
		change.to = names.get(change.to) ?? change.to;
		change.field =
			change.field === 'resellerId' ? 'Reseller (MPN ID)' : 'Designated support contact';
	}
	const saved = await saveChanges(doc, before, after);
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'subscriptions',
		documentId: subscriptionId,
		action: 'subscription.partners-changed',
		summary: `Changed ${changes.map((c) => c.field).join(' and ')} of a subscription`,
		changes
	});
	return valid(saved);
}
