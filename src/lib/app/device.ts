import type { Actor } from '$lib/domain/shared/schema';

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

/**
 * The person acting on this device. Sign-in arrives with replication; until
 * then the app records every change as the local field user.
 */
export function currentActor(): Actor {
	return { userId: 'local-user', name: 'Field user', deviceId: getDeviceId() };
}
