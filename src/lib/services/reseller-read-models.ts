import { combineLatest, from, map, switchMap, type Observable } from 'rxjs';
import type { FieldDatabase } from '$lib/db/collections';
import type { Invitation } from '$lib/domain/invitation/schema';
import type { OrganisationSettings } from '$lib/domain/organisation-settings/schema';
import type { Partner } from '$lib/domain/partner/schema';
import type { Partnership, PartnershipStatus } from '$lib/domain/partnership/schema';
import { latestPartnershipOf } from '$lib/domain/partnership/latest';
import { SETTINGS_ID } from './settings';

/**
 * Live read models of the indirect reseller's screens (Indirect providers, Invitations,
 * Organisation settings), beside the shared ones in read-models.ts.
 */
type DatabaseSource = () => Promise<FieldDatabase>;

export interface ProviderRow {
	provider: Partner;
	/** The latest partnership with this provider. */
	partnership: Partnership | undefined;
	status: PartnershipStatus | 'none';
}

/** The provider rows, each with its latest partnership (by request date), sorted by name. */
export function toProviderRows(providers: Partner[], partnerships: Partnership[]): ProviderRow[] {
	return providers
		.filter((provider) => !provider.isOwnOrganisation)
		.map((provider) => {
			const partnership = latestPartnershipOf(partnerships, provider.id, 'providerId');
			return { provider, partnership, status: partnership?.status ?? 'none' };
		});
}

export interface InvitationRow {
	invitation: Invitation;
	/** The name of the provider the invitation is with ('' for a reseller relationship alone). */
	providerName: string;
}

/** The invitations (in their order), each with the name of its provider. */
export function toInvitationRows(invitations: Invitation[], providers: Partner[]): InvitationRow[] {
	const names = new Map(providers.map((provider) => [provider.id, provider.name]));
	return invitations.map((invitation) => ({
		invitation,
		providerName: names.get(invitation.providerId) ?? ''
	}));
}

export function createResellerReadModels(database: DatabaseSource) {
	const db$ = from(database());
	const json = <T>(docs: { toJSON(): unknown }[]) => docs.map((d) => d.toJSON() as T);

	function providers$(): Observable<Partner[]> {
		return db$.pipe(
			switchMap(
				(db) =>
					db.partners.find({
						selector: { kind: 'indirect-provider' },
						sort: [{ nameLower: 'asc' }]
					}).$
			),
			map((docs) => json<Partner>(docs))
		);
	}

	function partnerships$(): Observable<Partnership[]> {
		return db$.pipe(
			switchMap((db) => db.partnerships.find().$),
			map((docs) => json<Partnership>(docs))
		);
	}

	function providerRows$(): Observable<ProviderRow[]> {
		return combineLatest([providers$(), partnerships$()]).pipe(
			map(([providers, partnerships]) => toProviderRows(providers, partnerships))
		);
	}

	function partner$(id: string): Observable<Partner | undefined> {
		return db$.pipe(
			switchMap((db) => db.partners.findOne(id).$),
			map((doc) => (doc ? (doc.toJSON() as Partner) : undefined))
		);
	}

	/** Every invitation, the newest first. */
	function invitations$(): Observable<Invitation[]> {
		return db$.pipe(
			switchMap((db) => db.invitations.find({ sort: [{ sentAt: 'desc' }] }).$),
			map((docs) => json<Invitation>(docs))
		);
	}

	/** Every invitation, the newest first, with its provider's name. */
	function invitationRows$(): Observable<InvitationRow[]> {
		return combineLatest([invitations$(), providers$()]).pipe(
			map(([invitations, providers]) => toInvitationRows(invitations, providers))
		);
	}

	function settings$(): Observable<OrganisationSettings | undefined> {
		return db$.pipe(
			switchMap((db) => db.settings.findOne(SETTINGS_ID).$),
			map((doc) => (doc ? (doc.toJSON() as OrganisationSettings) : undefined))
		);
	}

	return { providers$, providerRows$, partner$, invitations$, invitationRows$, settings$ };
}
