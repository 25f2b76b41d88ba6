import { describe, expect, it } from 'vitest';
import { describeWriteError } from './write-errors';

describe('describeWriteError', () => {
	it('explains a full device storage and that the entries are kept', () => {
		const message = describeWriteError(new DOMException('Quota exceeded', 'QuotaExceededError'));
		expect(message).toMatch(/storage is full/);
		expect(message).toMatch(/still here/);
	});

	it('passes on other errors with their message', () => {
		expect(describeWriteError(new Error('disk on fire'))).toMatch(/disk on fire.*still here/);
	});
});
