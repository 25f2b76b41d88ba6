// Every string translated, checked in the running app: in Russian (Cyrillic, so English words
// stand out), every page of an indirect provider and of an indirect reseller is read — its text,
// the options of its lists, and the accessible names and titles a screen reader says — and
// nothing may be left in English. The catalog test (src/lib/i18n/catalogs.test.ts) checks the
// catalogs; this one finds a text the code shows without t().
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loadDemo, loadResellerDemo } from './helpers';

/** English words that no Russian text, data name or product name of the demo data contains. */
const ENGLISH_WORD =
	/\b(the|and|of|to|your|is|are|this|these|with|not|from|for|on|in|at|by|you|was|were|has|have|will|can|cannot|an|no|or|all|new|add|show|choose|enter|yet|here|it|be|days?|left|customers?|subscriptions?|resellers?|providers?|relationships?|invitations?|sent|accepted|active|requested|removed|save|cancel|submit|back|search|filter|status|date|name|loading|changes?|saved|none|open|close|remove|request|record|details|account|email|phone|address|country|region|quantity|licences?|offer|term|billing|cycle|users?|services?|overview|activity|profile|settings|sign|waiting|synced|offline|online)\b/i;

/** Product and programme names that stay in English in every language. */
const PRODUCT_NAMES = [
	'Microsoft Cloud for US Government',
	'Microsoft Cloud Germany',
	'Microsoft Entra',
	'Partner Center',
	'CSP Field',
	'MPN ID'
];

/** Visible texts, option labels, accessible names, titles and placeholders on the page. */
async function textsOnPage(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found = new Set<string>([document.title]);
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || parent.closest('script, style, textarea, [aria-hidden="true"]')) continue;
			const inList = parent.closest('select');
			if (!inList && !parent.checkVisibility()) continue;
			const text = node.textContent?.trim();
			if (text) found.add(text);
		}
		for (const element of document.body.querySelectorAll(
			'[aria-label], [title], [placeholder], [alt]'
		)) {
			for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
				const value = element.getAttribute(attribute)?.trim();
				if (value) found.add(value);
			}
		}
		return [...found];
	});
}

/**
 * Names in the data (companies, offers, Microsoft Entra roles, GDAP relationships of the demo
 * data): every quoted string of several words that starts with a capital or a digit.
 */
const DATA_NAMES = [
	'src/lib/services/demo-data.ts',
	'src/lib/services/demo-data-reseller.ts',
	'src/lib/services/demo-gdap.ts',
	'src/lib/domain/offer/catalog.ts',
	'src/lib/domain/gdap/roles.ts'
]
	.flatMap((file) =>
		[...readFileSync(file, 'utf8').matchAll(/'([A-Z0-9][^'\\\n]*\s[^'\\\n]*)'/g)].map(
			(match) => match[1]
		)
	)
	.sort((a, b) => b.length - a.length);

function englishIn(texts: string[]): string[] {
	return texts.filter((text) => {
		let rest = text;
		for (const name of [...PRODUCT_NAMES, ...DATA_NAMES]) rest = rest.split(name).join(' ');
		// URLs, email addresses and placeholders of templates are not words to translate.
		rest = rest.replace(/\S+@\S+|https?:\/\/\S+|\{[\w-]+\}/g, ' ');
		return ENGLISH_WORD.test(rest);
	});
}

async function useRussian(page: Page) {
	await page
		.getByRole('banner')
		.getByRole('combobox', { name: 'Language' })
		.selectOption({ label: 'Русский' });
	await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
}

async function untranslatedOn(page: Page, paths: string[]): Promise<string[]> {
	const leaks: string[] = [];
	for (const path of paths) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		// Let live queries fill the page (lists, charts, activity).
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(300);
		for (const text of englishIn(await textsOnPage(page))) leaks.push(`${path}: ${text}`);
	}
	return leaks;
}

test('an indirect provider sees no English in Russian', async ({ page }) => {
	test.setTimeout(120_000);
	await loadDemo(page);
	await useRussian(page);
	const leaks = await untranslatedOn(page, [
		'/',
		'/resellers',
		'/resellers/request',
		'/customers',
		'/customers/demo-customer-1',
		'/customers/demo-customer-2',
		'/customers/demo-customer-15',
		'/customers/new',
		'/customers/demo-customer-1/subscriptions/new',
		'/customers/demo-customer-1/gdap/new',
		'/subscriptions/demo-subscription-1-1',
		'/subscriptions/bulk-reseller',
		'/renewals?days=90',
		'/gdap',
		'/gdap/demo-gdap-1',
		'/activity',
		'/profile',
		'/conflicts',
		'/providers'
	]);
	expect(leaks).toEqual([]);
});

test('an indirect reseller sees no English in Russian', async ({ page }) => {
	test.setTimeout(120_000);
	await loadResellerDemo(page);
	await useRussian(page);
	const leaks = await untranslatedOn(page, [
		'/',
		'/providers',
		'/providers/demo-provider',
		'/providers/invite',
		'/customers',
		'/customers/demo-reseller-customer-1',
		'/customers/demo-reseller-customer-5',
		'/renewals',
		'/customers/request',
		'/invitations',
		'/gdap',
		'/activity',
		'/organisation',
		'/settings',
		'/resellers'
	]);
	expect(leaks).toEqual([]);
});
