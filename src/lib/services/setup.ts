import type { FieldDatabase } from '$lib/db/collections';
import { offerCatalog } from '$lib/domain/offer/catalog';
import type { Partner } from '$lib/domain/partner/schema';
import { isValidEmail, mpnIdError } from '$lib/domain/partner/rules';
import { countries } from '$lib/domain/customer/countries';
import { invalid, valid, type FieldErrors, type Validation } from '$lib/domain/shared/result';
import { createdMeta, recordActivity } from './changes';
import type { ServiceContext } from './context';

/** Keeps the offers collection equal to the catalog shipped with this version of the app. */
export async function ensureOfferCatalog(db: FieldDatabase): Promise<void> {
	const stored = await db.offers.find().exec();
	const same =
		stored.length === offerCatalog.length &&
		offerCatalog.every((offer) => {
			const current = stored.find((s) => s.id === offer.id);
			return current && JSON.stringify(current.toJSON()) === JSON.stringify(offer);
		});
	if (!same) await db.offers.bulkUpsert(offerCatalog.map((offer) => ({ ...offer })));
}

/**
 * Whether this device has the own organisation's record. A findOne, not a count: counting by a
 * field without an index is a slow count, which RxDB refuses on the browser's storage (QU14).
 */
export async function hasOwnOrganisation(db: FieldDatabase): Promise<boolean> {
	return (await db.partners.findOne({ selector: { isOwnOrganisation: true } }).exec()) !== null;
}

export interface OwnOrganisationInput {
	name: string;
	mpnId: string;
	country: string;
	email: string;
	/** An indirect provider (the default) or an indirect reseller. */
	kind?: Partner['kind'];
}

/** First start without demo data: the partner enters its own organisation. */
export async function setUpOwnOrganisation(
	ctx: ServiceContext,
	input: OwnOrganisationInput
): Promise<Validation<Partner>> {
	const errors: FieldErrors = {};
	const name = input.name.trim();
	const email = input.email.trim();
	const mpnId = input.mpnId.trim();
	if (name.length < 1 || name.length > 255) errors.name = 'Enter your organisation name.';
	const mpnError = mpnIdError(mpnId);
	if (mpnError) errors.mpnId = mpnError;
	if (!countries.some((c) => c.code === input.country))
		errors.country = 'Choose your country/region.';
	if (!isValidEmail(email)) errors.email = 'Enter a contact email like name@company.com.';
	const kind = input.kind ?? 'indirect-provider';
	if (kind !== 'indirect-provider' && kind !== 'indirect-reseller') {
		errors.kind = 'Choose indirect provider or indirect reseller.';
	}
	if (Object.keys(errors).length) return invalid(errors);
	const partner: Partner = {
		id: crypto.randomUUID(),
		name,
		nameLower: name.toLowerCase(),
		mpnId,
		kind,
		isOwnOrganisation: true,
		country: input.country,
		email,
		mpaSigned: true,
		// Only indirect providers are on Microsoft's official indirect providers list.
		...(kind === 'indirect-provider'
			? { publicProfile: { name, regionsServed: [input.country], contact: email, website: '' } }
			: {}),
		...createdMeta(ctx.actor, ctx.now())
	};
	await ctx.db.partners.insert(partner);
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'partners',
		documentId: partner.id,
		action: 'partner.created',
		summary: `Set up ${name} as this device's organisation`
	});
	return valid(partner);
}
