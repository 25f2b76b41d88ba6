import { describe, expect, it, vi } from 'vitest';
import { DomainError, invalid, valid } from '$lib/domain/shared/result';
import type { ServiceContext } from '$lib/services/context';
import { action, request } from './action.svelte';

const ctx = { now: () => '2026-12-07T00:00:00.000Z' } as unknown as ServiceContext;
const context = async () => ctx;

describe('Action', () => {
	it('passes the context and the arguments, and reports success', async () => {
		const onsuccess = vi.fn();
		const service = vi.fn(async (given: ServiceContext, a: number, b: string) => `${a}${b}`);
		const run = action(service, { context, onsuccess });
		expect(await run.run(1, 'x')).toBe('1x');
		expect(service).toHaveBeenCalledWith(ctx, 1, 'x');
		expect(onsuccess).toHaveBeenCalledWith('1x');
		expect(run.done).toBe(true);
		expect(run.busy).toBe(false);
	});

	it('unwraps a valid Validation and keeps the field errors of an invalid one', async () => {
		const ok = action(async () => valid(42), { context });
		expect(await ok.run()).toBe(42);
		const bad = action(async () => invalid({ phone: 'Enter a phone number.' }), { context });
		expect(await bad.run()).toBeUndefined();
		expect(bad.errors).toEqual({ phone: 'Enter a phone number.' });
		expect(bad.done).toBe(false);
		expect(bad.failure).toBe('');
	});

	it("shows a broken rule's message, and a storage failure in words", async () => {
		const rule = action(
			async () => {
				throw new DomainError('This subscription is suspended.', 'subscription/suspended');
			},
			{ context }
		);
		expect(await rule.run()).toBeUndefined();
		expect(rule.failure).toBe('This subscription is suspended.');
		const full = action(
			async () => {
				throw new DOMException('quota', 'QuotaExceededError');
			},
			{ context }
		);
		await full.run();
		expect(full.failure).toMatch(/^The device storage is full/);
	});

	it('says a failure in its own words when it is given them', async () => {
		const check = action(
			async () => {
				throw new Error('IndexedDB is closed');
			},
			{ context, describeFailure: (error) => `Not checked: ${(error as Error).message}` }
		);
		expect(await check.run()).toBeUndefined();
		expect(check.failure).toBe('Not checked: IndexedDB is closed');
	});

	it('is busy while it runs, and a second run meanwhile does nothing', async () => {
		let release: () => void = () => {};
		const service = vi.fn(
			() => new Promise<string>((resolve) => (release = () => resolve('done')))
		);
		const run = action(service, { context });
		const first = run.run();
		await Promise.resolve();
		await Promise.resolve();
		expect(run.busy).toBe(true);
		expect(await run.run()).toBeUndefined();
		release();
		expect(await first).toBe('done');
		expect(service).toHaveBeenCalledTimes(1);
		expect(run.busy).toBe(false);
	});

	it('clears the previous failure when it runs again, and on reset', async () => {
		let fail = true;
		const run = action(
			async () => {
				if (fail) throw new DomainError('No.', 'x');
				return 1;
			},
			{ context }
		);
		await run.run();
		expect(run.failure).toBe('No.');
		fail = false;
		await run.run();
		expect(run.failure).toBe('');
		fail = true;
		await run.run();
		run.reset();
		expect(run.failure).toBe('');
		expect(run.errors).toEqual({});
	});

	it('runs a call that needs no context (the server API), with its arguments', async () => {
		const call = vi.fn(async (name: string) => ({ ok: true as const, value: { name } }));
		const onsuccess = vi.fn();
		const run = request(call, { onsuccess });
		expect(await run.run('anna')).toEqual({ name: 'anna' });
		expect(call).toHaveBeenCalledWith('anna');
		expect(onsuccess).toHaveBeenCalledWith({ name: 'anna' });
	});

	it('shows the reason a failed result gives for the whole form, beside its field errors', async () => {
		const refused = request(async () => ({
			ok: false as const,
			errors: {},
			message: 'Your session has ended: sign in again.'
		}));
		expect(await refused.run()).toBeUndefined();
		expect(refused.failure).toBe('Your session has ended: sign in again.');
		expect(refused.errors).toEqual({});
		const field = request(async () => ({
			ok: false as const,
			errors: { name: 'The user name anna is taken: choose another.' },
			message: ''
		}));
		await field.run();
		expect(field.failure).toBe('');
		expect(field.errors).toEqual({ name: 'The user name anna is taken: choose another.' });
	});
});
