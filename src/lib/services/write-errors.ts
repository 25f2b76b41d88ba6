/** Turns a storage error into a message for the person whose change it was. */
export function describeWriteError(error: unknown): string {
	const text = String((error as { name?: string })?.name ?? '') + ' ' + String(error);
	if (/quota|QuotaExceeded|storage.*full|disk.*full/i.test(text)) {
		return 'The device storage is full, so this change could not be saved. Free up space on the tablet (or remove other offline data) and try again: what you entered is still here.';
	}
	return `This change could not be saved on the device: ${error instanceof Error ? error.message : String(error)}. What you entered is still here; try again.`;
}
