import type { Offer, TermDuration } from '../offer/schema';
import { findOffer } from '../offer/catalog';
import { parseIsoTimestamp } from '../shared/dates';
import { invalid, valid, type FieldErrors, type Validation } from '../shared/result';

export interface SubscriptionInput {
	offerId: string;
	/** As typed (a string from a text field) or as a number. */
	quantity: number | string;
	/** Reseller credited for incentives (Reseller (MPN ID)); '' for none. */
	resellerId: string;
	/** Designated support contact: the provider itself or an active reseller. */
	supportContactId: string;
}

export interface SubscriptionRulesContext {
	offers: Offer[];
	/** Resellers with an active partnership with the provider. */
	activeResellerIds: string[];
	/** The indirect provider's own partner id. */
	providerId: string;
}

export interface ValidSubscription {
	offerId: string;
	quantity: number;
	resellerId: string;
	supportContactId: string;
}

/** Most licences any subscription can have (see `subscriptionSchema.quantity`). */
export const QUANTITY_LIMIT = 1_000_000;

const formatNumber = (n: number) => n.toLocaleString('en-US');

/**
 * Reads a number of licences: a whole number written with digits only (outer spaces allowed; a
 * leading minus is read so the message can name the bounds). `undefined` when it is not one.
 */
function parseQuantity(quantity: number | string): number | undefined {
	if (typeof quantity === 'number') return Number.isInteger(quantity) ? quantity : undefined;
	const text = quantity.trim();
	return /^-?\d+$/.test(text) ? Number(text) : undefined;
}

function quantityError(
	quantity: number | string,
	min: number,
	max: number,
	offerName: string | undefined
): string | undefined {
	if (typeof quantity === 'string' && quantity.trim() === '') {
		return 'Enter the number of licences.';
	}
	const n = parseQuantity(quantity);
	if (n === undefined) {
		return 'Enter the number of licences as a whole number, like 5.';
	}
	if (n < min || n > max) {
		if (min === max && offerName) {
			return `${offerName} always has a quantity of ${formatNumber(min)}.`;
		}
		const range = `from ${formatNumber(min)} to ${formatNumber(max)}`;
		return offerName
			? `${offerName} can have ${range} licences.`
			: `Enter a number of licences ${range}.`;
	}
	return undefined;
}

/** What is wrong with a number of licences for an offer, or `undefined`. */
export function validateQuantity(offer: Offer, quantity: number | string): string | undefined {
	return quantityError(quantity, offer.minQuantity, offer.maxQuantity, offer.name);
}

/**
 * Checks a new subscription line (or a change of reseller / support contact): the offer is in the
 * catalog, the quantity is within its bounds, the credited reseller (if any) and the designated
 * support contact have an active partnership, or the support contact is the provider itself.
 */
export function validateSubscription(
	input: SubscriptionInput,
	ctx: SubscriptionRulesContext
): Validation<ValidSubscription> {
	const errors: FieldErrors = {};
	const offerId = input.offerId.trim();
	const resellerId = input.resellerId.trim();
	const supportContactId = input.supportContactId.trim();

	const offer = offerId === '' ? undefined : findOffer(ctx.offers, offerId);
	if (offerId === '') {
		errors.offerId = 'Choose an offer.';
	} else if (!offer) {
		errors.offerId = 'This offer is not in the catalog. Choose another offer.';
	}

	const quantityMessage = offer
		? validateQuantity(offer, input.quantity)
		: quantityError(input.quantity, 1, QUANTITY_LIMIT, undefined);
	if (quantityMessage) errors.quantity = quantityMessage;

	if (resellerId !== '' && !ctx.activeResellerIds.includes(resellerId)) {
		errors.resellerId =
			'Choose a reseller with an active partnership, or none. A reseller without an active partnership cannot be credited.';
	}

	if (supportContactId === '') {
		errors.supportContactId = 'Choose the designated support contact.';
	} else if (
		supportContactId !== ctx.providerId &&
		!ctx.activeResellerIds.includes(supportContactId)
	) {
		errors.supportContactId =
			'The designated support contact must be your organisation or a reseller with an active partnership.';
	}

	if (Object.keys(errors).length > 0) return invalid(errors);
	return valid({
		offerId,
		quantity: parseQuantity(input.quantity) as number,
		resellerId,
		supportContactId
	});
}

const TERM_MONTHS: Record<Exclude<TermDuration, 'none'>, number> = { P1M: 1, P1Y: 12, P3Y: 36 };

/**
 * The end of a term that starts at `startIso`: the same time of day, `term` later (UTC). When the
 * later month is shorter, the term ends on its last day (31 January + P1M → 28/29 February).
 * `undefined` for 'none' (usage-based offers have no term). Throws a RangeError for a start that
 * is not an ISO timestamp.
 */
export function termEndDate(startIso: string, term: TermDuration): string | undefined {
	if (term === 'none') return undefined;
	const startMs = parseIsoTimestamp(startIso);
	if (Number.isNaN(startMs)) {
		throw new RangeError(`The start date is not a valid ISO timestamp: ${startIso}`);
	}
	const months = TERM_MONTHS[term];
	if (months === undefined) throw new RangeError(`Unknown term duration: ${String(term)}`);
	const start = new Date(startMs);
	const monthIndex = start.getUTCMonth() + months;
	const year = start.getUTCFullYear() + Math.floor(monthIndex / 12);
	const month = monthIndex % 12;
	const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const end = new Date(start);
	end.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
	return end.toISOString();
}
