import type { Activity } from '$lib/domain/activity/schema';
import { msg } from '$lib/i18n';

/** How a record type is named next to an activity entry (English: translate with t()). */
export const recordTypeLabels: Record<Activity['recordType'], string> = {
	partners: msg('Partner'),
	partnerships: msg('Partnership'),
	customers: msg('Customer'),
	subscriptions: msg('Subscription'),
	invitations: msg('Invitation'),
	gdap: msg('GDAP relationship'),
	settings: msg('Organisation settings')
};

/** A short form of a device id that people can compare at a glance. */
export const shortDeviceId = (deviceId: string) => deviceId.replace(/-/g, '').slice(0, 8);
