// Languages (issue 4, section 4): the switcher in the top bar, the choice remembered per device
// for the local field user and per user when signed in, switching offline, and the new customer
// wizard and a reseller relationship request run from start to end in Hungarian, Polish and
// Russian.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { openDevice, syncStatus, useThrowawayEndpoint } from './endpoint';
import { expectNoSeriousViolations } from './a11y';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo, loadResellerDemo } from './helpers';

type Language = 'hu' | 'pl' | 'ru';

const catalogs = Object.fromEntries(
	(['hu', 'pl', 'ru'] as const).map((language) => [
		language,
		JSON.parse(readFileSync(`src/lib/i18n/locales/${language}.json`, 'utf8')) as Record<
			string,
			string
		>
	])
) as Record<Language, Record<string, string>>;

const names: Record<Language, string> = { hu: 'Magyar', pl: 'Polski', ru: 'Русский' };

/** The catalog's translation of an English text, with its values put in (numbers as Intl). */
function tr(language: Language, key: string, values: Record<string, string | number> = {}) {
	const text = catalogs[language][key];
	if (text === undefined) throw new Error(`No ${language} translation of "${key}"`);
	return text.replace(/\{\{\s*(\w+)\s*(?:,\s*number)?\s*\}\}/g, (_, name: string) => {
		const value = values[name];
		return typeof value === 'number' ? new Intl.NumberFormat(language).format(value) : value;
	});
}

/** The plural form of a text for `count`, as i18next picks it (Intl.PluralRules). */
function trCount(language: Language, key: string, count: number) {
	return tr(language, `${key}_${new Intl.PluralRules(language).select(count)}`, { count });
}

const region = (language: Language, code: string) =>
	new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;

const languageSelect = (page: Page, label = 'Language') =>
	page.getByRole('banner').getByRole('combobox', { name: label });

const mainNav = (page: Page, label = 'Main') => page.getByRole('navigation', { name: label });

test.describe('the local field user', () => {
	test('chooses a language that stays across reloads and switches offline', async ({
		page,
		persistentContext
	}) => {
		await loadDemo(page);
		await waitForServiceWorkerControl(page);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(languageSelect(page)).toHaveValue('en');
		await expect(languageSelect(page).getByRole('option')).toHaveText([
			'English',
			'Magyar',
			'Polski',
			'Русский'
		]);

		await languageSelect(page).selectOption({ label: 'Magyar' });
		await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Közvetett viszonteladók' })
		).toBeVisible();
		const nav = mainNav(page, tr('hu', 'Main'));
		await expect(nav.getByRole('link', { name: 'Ügyfelek' })).toBeVisible();

		// Numbers and dates in Hungarian: the customer count and a customer's dates.
		await nav.getByRole('link', { name: 'Ügyfelek' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'ügyfél' })).toHaveText(
			trCount('hu', '{{count}} customers', 28)
		);
		await expectNoSeriousViolations(page);

		// A reload keeps the language (no English first: the catalog loads before the first render).
		await page.reload();
		await expect(languageSelect(page, 'Nyelv')).toHaveValue('hu');
		await expect(page.getByRole('heading', { level: 1, name: 'Ügyfelek' })).toBeVisible();

		// Offline: the other catalogs are precached, so switching still works, and so does a reload.
		await persistentContext.setOffline(true);
		await languageSelect(page, 'Nyelv').selectOption({ label: 'Русский' });
		await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
		await expect(page.getByRole('heading', { level: 1, name: 'Клиенты' })).toBeVisible();
		await expect(page.getByRole('banner').getByRole('status')).toHaveText(
			'Не в сети · только на этом устройстве'
		);
		await page.reload();
		await expect(languageSelect(page, 'Язык')).toHaveValue('ru');
		await expect(page.getByRole('heading', { level: 1, name: 'Клиенты' })).toBeVisible();

		await languageSelect(page, 'Язык').selectOption({ label: 'English' });
		await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});

test.describe('signed-in users', () => {
	const endpoint = useThrowawayEndpoint('languages');

	/**
	 * Signs in (the app opens on Overview), then opens Indirect resellers, whose heading is
	 * checked in the user's language.
	 */
	async function signInAs(page: Page, name: string, password: string, heading: string) {
		await page.goto('/sign-in');
		await page.locator('input[autocomplete="username"]').fill(name);
		await page.locator('input[type="password"]').fill(password);
		await page.locator('form button[type="submit"]').click();
		await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
		await page.goto('/resellers');
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible({
			timeout: 30_000
		});
	}

	test('each user gets back the language they chose on this device', async ({ browser }) => {
		test.setTimeout(180_000);
		const { context, page } = await openDevice(browser, endpoint.origin);

		await signInAs(page, 'demo-global-admin', 'global-admin-demo', 'Indirect resellers');
		await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
		await languageSelect(page).selectOption({ label: names.pl });
		await expect(
			page.getByRole('heading', { level: 1, name: 'Odsprzedawcy pośredni' })
		).toBeVisible();
		await page.reload();
		await expect(languageSelect(page, 'Język')).toHaveValue('pl');

		// Signing out: the local field user's language (none chosen on this device: English).
		await page.getByRole('button', { name: tr('pl', 'Sign out') }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Welcome to CSP Field' })).toBeVisible(
			{
				timeout: 20_000
			}
		);

		// Another user: English until they choose Russian.
		await signInAs(page, 'demo-sales-agent', 'sales-agent-demo', 'Indirect resellers');
		await expect(syncStatus(page)).toContainText('Synced', { timeout: 30_000 });
		await languageSelect(page).selectOption({ label: names.ru });
		await expect(page.getByRole('heading', { level: 1, name: 'Непрямые реселлеры' })).toBeVisible();
		await page.getByRole('button', { name: tr('ru', 'Sign out') }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Welcome to CSP Field' })).toBeVisible(
			{
				timeout: 20_000
			}
		);

		// The first user again: Polish.
		await signInAs(page, 'demo-global-admin', 'global-admin-demo', 'Odsprzedawcy pośredni');
		await expect(languageSelect(page, 'Język')).toHaveValue('pl');
		await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
		await context.close();
	});
});

test.describe('the new customer wizard', () => {
	for (const language of ['hu', 'pl', 'ru'] as const) {
		test(`adds a customer in ${names[language]}`, async ({ page }) => {
			const t = (key: string, values?: Record<string, string | number>) =>
				tr(language, key, values);
			const exact = { exact: true };
			await loadDemo(page);
			await languageSelect(page).selectOption({ label: names[language] });
			await expect(page.locator('html')).toHaveAttribute('lang', language);

			await mainNav(page, t('Main'))
				.getByRole('link', { name: t('Customers') })
				.click();
			await expect(page.getByRole('heading', { level: 1, name: t('Customers') })).toBeVisible();
			await page.getByRole('link', { name: t('Add new customer'), exact: true }).click();
			await expect(
				page.getByRole('heading', { level: 1, name: t('Add new customer') })
			).toBeVisible();
			await expect(
				page.getByRole('heading', { level: 2, name: t('Customer details') })
			).toBeVisible();
			await expect(page.getByLabel(t('Country/region'))).toHaveValue('HU');

			// Wrong details: the rules' messages, in the language, next to the fields.
			await page.getByLabel(t('Company name'), exact).fill('Kft.');
			await page.getByLabel(t('Domain'), exact).fill('kovacsestarsakft1');
			await page.getByLabel(t('Address line 1'), exact).fill('Fő utca 12.');
			await page.getByLabel(t('City'), exact).fill('Budapest');
			await page.getByLabel(t('Postal code'), exact).fill('1051');
			await page.getByLabel(t('Contact first name'), exact).fill('Júlia');
			await page.getByLabel(t('Contact last name'), exact).fill('Fekete');
			await page.getByLabel(t('Email'), exact).fill('julia.fekete@dunapekseg.example');
			await page.getByRole('button', { name: t('Next: Subscriptions') }).click();
			await expect(
				page.getByText(
					t('Enter the full company name, not only its legal form (such as Ltd or Kft.).')
				)
			).toBeVisible();
			await expect(
				page.getByText(
					t('{{domain}} is already taken. Choose another domain prefix.', {
						domain: 'kovacsestarsakft1.onmicrosoft.com'
					})
				)
			).toBeVisible();
			await expect(
				page.getByText(
					t("Enter the contact's phone number (required for {{place}}).", {
						place: region(language, 'HU')
					})
				)
			).toBeVisible();
			await expect(page.getByLabel(t('Company name'), exact)).toBeFocused();

			await page.getByLabel(t('Company name'), exact).fill('Duna Pékség Kft.');
			await page.getByLabel(t('Domain'), exact).fill('dunapekseg');
			await page.getByLabel(t('Phone (required)'), exact).fill('+36 1 555 0199');
			await page
				.getByLabel(t('Organisation registration number (required)'), exact)
				.fill('01-09-999999');
			await page
				.getByLabel(t('The customer has accepted the Microsoft Customer Agreement'))
				.check();
			await page.getByRole('button', { name: t('Next: Subscriptions') }).click();

			// Subscriptions: a quantity out of range is refused in the language.
			await expect(page.getByRole('heading', { level: 2, name: t('Subscriptions') })).toBeVisible();
			const offer = 'Microsoft 365 Business Basic';
			const item = page
				.getByRole('listitem')
				.filter({ has: page.getByRole('checkbox', { name: offer }) });
			await item.getByRole('checkbox', { name: offer }).check();
			await item.getByLabel(t('Number of licences')).fill('0');
			await page.getByRole('button', { name: t('Next: Review') }).click();
			await expect(
				page.getByText(
					t('{{offer}} can have from {{min}} to {{max}} licences.', { offer, min: 1, max: 300 })
				)
			).toBeVisible();
			await item.getByLabel(t('Number of licences')).fill('10');
			await page.getByRole('button', { name: t('Next: Review') }).click();

			// Review and Submit.
			await expect(page.getByRole('heading', { level: 2, name: t('Review') })).toBeVisible();
			const main = page.locator('#main');
			await expect(main).toContainText(`${offer} × ${trCount(language, '{{count}} licences', 10)}`);
			await expect(main).toContainText(region(language, 'HU'));
			await page.getByRole('button', { name: t('Submit') }).click();

			// Confirmation with the Setup info.
			await expect(page.getByRole('heading', { level: 2, name: t('Confirmation') })).toBeVisible();
			await expect(page.getByRole('heading', { name: t('Setup info') })).toBeVisible();
			await expect(main).toContainText('admin@dunapekseg.onmicrosoft.com');
			await expect(main).toContainText(t('was added as a direct customer.'));
			await expectNoSeriousViolations(page);
			await page.getByRole('button', { name: t('Done') }).click();

			// The list counts 29 customers in the language; the customer's dates are in its format.
			await expect(page).toHaveURL('/customers');
			await expect(page.getByRole('status').filter({ hasText: '29' })).toHaveText(
				trCount(language, '{{count}} customers', 29)
			);
			await page.getByLabel(t('Search customers')).fill('Duna');
			await page.getByRole('link', { name: 'Duna Pékség Kft.' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Duna Pékség Kft.' })).toBeVisible();
			const today = new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date());
			await expect(page.getByRole('region', { name: t('Account') })).toContainText(today);

			// The activity entry, recorded in English, reads in the language.
			await mainNav(page, t('Main'))
				.getByRole('link', { name: t('Activity') })
				.click();
			await expect(
				page.getByText(
					t('Added customer {{company}} ({{prefix}}.onmicrosoft.com)', {
						company: 'Duna Pékség Kft.',
						prefix: 'dunapekseg'
					})
				)
			).toBeVisible();
		});
	}
});

test.describe('a reseller relationship request', () => {
	for (const language of ['hu', 'pl', 'ru'] as const) {
		test(`is sent in ${names[language]}, its draft in the language with the link`, async ({
			page
		}) => {
			const t = (key: string, values?: Record<string, string | number>) =>
				tr(language, key, values);
			const exact = { exact: true };
			await loadResellerDemo(page);
			await languageSelect(page).selectOption({ label: names[language] });
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			await expect(
				page.getByRole('heading', { level: 1, name: t('Indirect providers') })
			).toBeVisible();

			await mainNav(page, t('Main'))
				.getByRole('link', { name: t('Invitations') })
				.click();
			await expect(page.getByRole('heading', { level: 1, name: t('Invitations') })).toBeVisible();
			await page.getByRole('link', { name: t('Request a reseller relationship') }).click();
			await expect(
				page.getByRole('heading', { level: 1, name: t('Request a reseller relationship') })
			).toBeVisible();
			await expect(
				page.getByRole('heading', { level: 2, name: t('1. The customer') })
			).toBeVisible();
			await expect(page.getByLabel(t('Contact name'), exact)).toBeVisible();
			const dap = page.getByRole('checkbox', { name: t('Ask for delegated admin privileges') });
			await expect(dap).toBeChecked();

			// A customer outside the reseller's country/region: the rule's message in the language.
			const customer = page.getByLabel(t('Customer'), exact);
			await customer.selectOption({ label: 'Wiener Kaffeehaus GmbH' });
			await page.getByRole('button', { name: t('Create draft email') }).click();
			await expect(
				page.getByText(
					t(
						'You can request a reseller relationship only with customers in your own country/region ({{own}}). {{company}} is in {{place}}.',
						{
							own: region(language, 'HU'),
							company: 'Wiener Kaffeehaus GmbH',
							place: region(language, 'AT')
						}
					)
				)
			).toBeVisible();
			await expect(page.getByLabel(t('Email message'))).toHaveCount(0);

			// A customer in Hungary: the draft is written in the language, the link on its own line.
			await customer.selectOption({ label: 'Soproni Textil Zrt.' });
			await expect(page.getByLabel(t('Company name'), exact)).toHaveValue('Soproni Textil Zrt.');
			await page.getByRole('button', { name: t('Create draft email') }).click();
			await expect(
				page.getByRole('heading', { level: 2, name: t('2. The draft email') })
			).toBeVisible();
			await expect(page.getByLabel(t('Subject'), exact)).toHaveValue(
				t('{{reseller}} invites {{customer}} to a reseller relationship', {
					reseller: 'Budapest Cloud Partners Kft.',
					customer: 'Soproni Textil Zrt.'
				})
			);
			const body = await page.getByLabel(t('Email message')).inputValue();
			const lines = body.split('\n');
			expect(lines[0]).toBe(t('Hello {{name}},', { name: 'Márta Farkas' }));
			expect(lines).toContain(
				t(
					'{{reseller}} would like to become your Microsoft Cloud Solution Provider reseller, so that we can manage your Microsoft cloud subscriptions and services on your behalf.',
					{ reseller: 'Budapest Cloud Partners Kft.' }
				)
			);
			expect(lines).toContain(t('Kind regards,'));
			expect(
				lines.filter((line) =>
					/^https:\/\/admin\.microsoft\.com\/Adminportal\/Home\?invType=ResellerRelationship&partnerId=[0-9a-f-]{36}&msppId=0&DAP=true#\/BillingAccounts\/partner-invitation$/.test(
						line
					)
				)
			).toHaveLength(1);
			await expect(
				page.getByText(
					t(
						"The customer's Global admin accepts this invitation in the Microsoft 365 admin center (public cloud)."
					)
				)
			).toBeVisible();
			await expectNoSeriousViolations(page);

			// Done: the invitation is stored; its activity entry, recorded in English, reads in the
			// language.
			await page.getByRole('button', { name: t('Done'), exact: true }).click();
			await expect(page.getByRole('heading', { level: 1, name: t('Invitations') })).toBeVisible();
			await expect(
				page.getByText(
					t(
						"Invitation sent to {{company}}. It shows as Sent until the customer's Global admin accepts it, for 90 days at most.",
						{ company: 'Soproni Textil Zrt.' }
					)
				)
			).toBeVisible();
			await mainNav(page, t('Main'))
				.getByRole('link', { name: t('Activity') })
				.click();
			await expect(
				page.getByText(
					t(
						'Requested a reseller relationship with {{company}} (with delegated admin privileges)',
						{ company: 'Soproni Textil Zrt.' }
					)
				)
			).toBeVisible();
		});
	}
});
