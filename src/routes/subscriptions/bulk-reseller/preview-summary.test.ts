import { afterEach, describe, expect, it } from 'vitest';
import { useLanguage } from '$lib/i18n';
import { previewSummary } from './preview-summary';

afterEach(async () => {
	await useLanguage('en');
});

describe('previewSummary', () => {
	it.each([
		[1, 0, 0, '1 subscription will change.'],
		[3, 0, 0, '3 subscriptions will change.'],
		[0, 1, 0, '0 subscriptions will change, 1 is skipped (already credited to this reseller).'],
		[
			2,
			2,
			1,
			'2 subscriptions will change, 2 are skipped (already credited to this reseller), 1 cannot be changed.'
		],
		[0, 0, 4, '0 subscriptions will change, 4 cannot be changed.'],
		[1200, 0, 0, '1,200 subscriptions will change.']
	])('sums up %i / %i / %i in English', (change, skip, refuse, text) => {
		expect(previewSummary({ change, skip, refuse })).toBe(text);
	});

	it('uses the plural forms of Polish and Russian', async () => {
		await useLanguage('pl');
		expect(previewSummary({ change: 1, skip: 0, refuse: 0 })).toBe(
			'1 subskrypcja zostanie zmieniona.'
		);
		expect(previewSummary({ change: 3, skip: 0, refuse: 0 })).toBe(
			'3 subskrypcje zostaną zmienione.'
		);
		expect(previewSummary({ change: 5, skip: 0, refuse: 0 })).toBe(
			'5 subskrypcji zostanie zmienionych.'
		);
		await useLanguage('ru');
		expect(previewSummary({ change: 2, skip: 0, refuse: 5 })).toBe(
			'Будут изменены 2 подписки, 5 нельзя изменить.'
		);
		expect(previewSummary({ change: 21, skip: 0, refuse: 0 })).toBe('Будет изменена 21 подписка.');
	});
});
