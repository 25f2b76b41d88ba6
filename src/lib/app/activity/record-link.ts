import type { Activity } from '$lib/domain/activity/schema';

/** How a record type is named next to an activity entry. */
export const recordTypeLabels: Record<Activity['recordType'], string> = {
	partners: 'Partner',
	partnerships: 'Partnership',
	customers: 'Customer',
	subscriptions: 'Subscription',
	invitations: 'Invitation',
	gdap: 'GDAP relationship',
	settings: 'Organisation settings'
};

/** A short form of a device id that people can compare at a glance. */
export const shortDeviceId = (deviceId: string) => deviceId.replace(/-/g, '').slice(0, 8);
