import type { Cloud, RelationshipStatus } from '$lib/domain/customer/schema';

/** How a customer relationship reads in a badge. */
export function relationshipLabel(status: RelationshipStatus): string {
	switch (status) {
		case 'active':
			return 'Relationship active';
		case 'invited':
			return 'Invitation sent';
		case 'removed':
			return 'Relationship removed';
		default:
			return 'No relationship';
	}
}

/** Plain words for a relationship status in the account details. */
export function relationshipText(status: RelationshipStatus): string {
	return { active: 'Active', invited: 'Invited', removed: 'Removed', none: 'None' }[status];
}

export function cloudName(cloud: Cloud): string {
	return {
		public: 'Public cloud',
		'microsoft-cloud-germany': 'Microsoft Cloud Germany',
		'us-government': 'Microsoft Cloud for US Government'
	}[cloud];
}

export const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
