import type { Cloud, RelationshipStatus } from '$lib/domain/customer/schema';
import { msg, t } from '$lib/i18n';

const relationshipLabels: Record<RelationshipStatus, string> = {
	active: msg('Relationship active'),
	invited: msg('Invitation sent'),
	removed: msg('Relationship removed'),
	none: msg('No relationship')
};

/** How a customer relationship reads in a badge. */
export function relationshipLabel(status: RelationshipStatus): string {
	return t(relationshipLabels[status] ?? relationshipLabels.none);
}

const relationshipTexts: Record<RelationshipStatus, string> = {
	active: msg('Active'),
	invited: msg('Invited'),
	removed: msg('Removed'),
	none: msg('None')
};

/** Plain words for a relationship status in the account details. */
export function relationshipText(status: RelationshipStatus): string {
	return t(relationshipTexts[status]);
}

const cloudNames: Record<Cloud, string> = {
	public: msg('Public cloud'),
	'microsoft-cloud-germany': msg('Microsoft Cloud Germany'),
	'us-government': msg('Microsoft Cloud for US Government')
};

export function cloudName(cloud: Cloud): string {
	return t(cloudNames[cloud]);
}

export const yesNo = (value: boolean) => (value ? t('Yes') : t('No'));
