import type { Actor } from '$lib/domain/shared/schema';
import { storedUser } from '$lib/sync/session';
import { msg } from '$lib/i18n';

const DEVICE_KEY = 'csp-field:device-id';

/** A stable id for this browser, so every change records the device it came from. */
export function getDeviceId(): string {
	let id = localStorage.getItem(DEVICE_KEY);
	if (!id) {
		id = crypto.randomUUID();
		localStorage.setItem(DEVICE_KEY, id);
	}
	return id;
}

/** The user of an app used on this device only (not signed in); the name is shown translated. */
export const LOCAL_USER_ID = 'local-user';
export const LOCAL_USER_NAME = msg('Field user');

/**
 * The person acting on this device: the signed-in user (the server checks that every change
 * names them), or the local field user when the app is used on this device only.
 */
export function currentActor(): Actor {
	const user = storedUser();
	if (user) return { userId: user.name, name: user.displayName, deviceId: getDeviceId() };
	return { userId: LOCAL_USER_ID, name: LOCAL_USER_NAME, deviceId: getDeviceId() };
}
