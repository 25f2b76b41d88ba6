import { describe, expect, it } from 'vitest';
import { isStorageFull } from './storage-errors';

describe('isStorageFull', () => {
	it('knows the browser’s QuotaExceededError, also wrapped by Dexie and RxDB', () => {
		const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		expect(isStorageFull(quota)).toBe(true);
		expect(isStorageFull({ name: 'BulkError', message: 'x', inner: quota })).toBe(true);
		expect(
			isStorageFull({ name: 'RxError', message: 'RC_PULL', parameters: { writeError: quota } })
		).toBe(true);
		expect(isStorageFull(new Error('failed', { cause: quota }))).toBe(true);
	});

	it('leaves other errors alone', () => {
		expect(isStorageFull(new TypeError('Failed to fetch'))).toBe(false);
		expect(isStorageFull({ name: 'RxError', message: 'RC_PULL', parameters: { id: 'c1' } })).toBe(
			false
		);
		expect(isStorageFull(undefined)).toBe(false);
		expect(isStorageFull('conflict')).toBe(false);
	});
});
