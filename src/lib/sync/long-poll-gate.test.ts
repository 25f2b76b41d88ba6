import { afterEach, describe, expect, it, vi } from 'vitest';
import { asNormalFeed, createLongPollGate, isLongPoll } from './long-poll-gate';

const longPoll =
	'/db/csp-demo-customers/_changes?style=all_docs&feed=longpoll&since=12-abc&heartbeat=60000';

afterEach(() => {
	vi.useRealTimers();
});

describe('the long-poll gate', () => {
	it('lets the signal collection long-poll at once, unchanged', async () => {
		const gate = createLongPollGate();
		const url = longPoll.replace('customers', 'activity');
		expect(await gate.admit('activity', url)).toBe(url);
		gate.close();
	});

	it('holds the other long-polls until the signal reports changes, then asks at once', async () => {
		vi.useFakeTimers();
		const gate = createLongPollGate({ fallbackMs: 60_000, settleDelaysMs: [] });
		let admitted = '';
		void gate.admit('customers', longPoll).then((url) => (admitted = url));
		await vi.advanceTimersByTimeAsync(10_000);
		expect(admitted).toBe('');
		gate.changed();
		await vi.advanceTimersByTimeAsync(0);
		expect(isLongPoll(admitted)).toBe(false);
		expect(admitted).toContain('feed=normal');
		expect(admitted).not.toContain('heartbeat');
		expect(admitted).toContain('since=12-abc');
		gate.close();
	});

	it('asks again shortly after a signal, for records pushed after their activity entry', async () => {
		vi.useFakeTimers();
		const gate = createLongPollGate({ fallbackMs: 60_000, settleDelaysMs: [1_500] });
		gate.changed();
		let admitted = false;
		void gate.admit('customers', longPoll).then(() => (admitted = true));
		await vi.advanceTimersByTimeAsync(1_000);
		expect(admitted).toBe(false);
		await vi.advanceTimersByTimeAsync(600);
		expect(admitted).toBe(true);
		gate.close();
	});

	it('lets them go at least every fallback period, and all at once when closed', async () => {
		vi.useFakeTimers();
		const gate = createLongPollGate({ fallbackMs: 30_000, settleDelaysMs: [] });
		let count = 0;
		void gate.admit('gdap', longPoll).then(() => count++);
		await vi.advanceTimersByTimeAsync(30_000);
		expect(count).toBe(1);
		void gate.admit('gdap', longPoll).then(() => count++);
		void gate.admit('settings', longPoll).then(() => count++);
		gate.close();
		await vi.advanceTimersByTimeAsync(0);
		expect(count).toBe(3);
		expect(await gate.admit('gdap', longPoll)).toContain('feed=normal');
	});

	it('asks a long-poll since "now" at once, so nothing that changes meanwhile is skipped', async () => {
		const gate = createLongPollGate();
		const admitted = await gate.admit('customers', longPoll.replace('since=12-abc', 'since=now'));
		expect(admitted).toContain('feed=normal');
		expect(admitted).toContain('since=now');
		gate.close();
	});

	it('keeps absolute URLs absolute', () => {
		expect(asNormalFeed(`http://127.0.0.1:5984${longPoll}`)).toMatch(
			/^http:\/\/127\.0\.0\.1:5984\/db\/csp-demo-customers\/_changes\?.*feed=normal/
		);
	});
});
