/**
 * The set-up of a signed-in organisation after its first pull: when the server has no own
 * organisation record yet, the first user who may set it up (see canSetUpOrganisation) writes
 * it. The demo organisations get their demo data (`demo`: the indirect provider's,
 * `demo-reseller`: the indirect reseller's); any other gets the record its members database
 * describes.
 */
import type { Partner } from '$lib/domain/partner/schema';
import { createdMeta, recordActivity } from './changes';
import type { ServiceContext } from './context';
import { loadDemoData } from './demo-data';
import { loadResellerDemoData } from './demo-data-reseller';
import { hasOwnOrganisation } from './setup';

/** The organisation as the server describes it. */
export interface ServerOrganisationRecord {
	name: string;
	kind: Partner['kind'];
	/** Its country/region, as the server has it (the server refuses another one). */
	country?: string;
}

export interface ServerOrganisationSetup {
	/** The organisation's id on the server. */
	org: string;
	/** Whether the user may write the organisation settings (the server refuses others). */
	withSettings: boolean;
	/** Reads the organisation's record from the server; null when there is none. */
	readRecord: () => Promise<ServerOrganisationRecord | null>;
	/** The country/region of a record set up from the server whose record names none. */
	country: string;
}

/** Sets up the own organisation when this device has none after the first pull. */
export async function setUpServerOrganisation(
	ctx: ServiceContext,
	setup: ServerOrganisationSetup
): Promise<void> {
	if (await hasOwnOrganisation(ctx.db)) return;
	if (setup.org === 'demo') {
		await loadDemoData(ctx);
		return;
	}
	if (setup.org === 'demo-reseller') {
		await loadResellerDemoData(ctx, { withSettings: setup.withSettings });
		return;
	}
	const organisation = await setup.readRecord();
	if (!organisation) return;
	if (await hasOwnOrganisation(ctx.db)) return;
	const partner: Partner = {
		id: `org-${setup.org}`,
		name: organisation.name,
		nameLower: organisation.name.toLowerCase(),
		mpnId: '',
		kind: organisation.kind,
		isOwnOrganisation: true,
		country: organisation.country ?? setup.country,
		email: '',
		mpaSigned: true,
		...createdMeta(ctx.actor, ctx.now())
	};
	await ctx.db.partners.insert(partner);
	await recordActivity(ctx.db, ctx.actor, {
		collection: 'partners',
		documentId: partner.id,
		action: 'partner.created',
		summary: `Set up ${organisation.name} from the server`
	});
}
