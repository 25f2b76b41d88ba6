import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, networkIsReachable, test, waitForServiceWorkerControl } from './fixtures';
import { loadDemo } from './helpers';

// Workflow 5 of PRODUCT.md: Add new customer (details → Subscriptions → Review → Submit →
// Confirmation with the Setup info), Cancel, a reload in the middle and the whole wizard offline.

/** A customer prefix the demo data already uses (slug of 'Kovács és Társa Kft.' + its index). */
const TAKEN_PREFIX = 'kovacsestarsakft1';
const PASSWORD = /^[A-Za-z0-9!%*+\-=?_]{16}$/;

async function openFromResellerRow(page: Page, resellerName: string): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Indirect resellers' })
		.click();
	await page.getByRole('link', { name: `Add new customer for ${resellerName}` }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add new customer' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Customer details' })).toBeVisible();
}

const step = (page: Page, name: string) =>
	page.getByRole('heading', { level: 2, name, exact: true });

interface Details {
	company: string;
	prefix: string;
	city: string;
	postalCode: string;
	phone?: string;
	registration?: string;
}

async function fillDetails(page: Page, d: Details): Promise<void> {
	await page.getByLabel('Company name').fill(d.company);
	await page.getByLabel('Domain', { exact: true }).fill(d.prefix);
	await page.getByLabel('Address line 1').fill('Fő utca 12.');
	await page.getByLabel('City').fill(d.city);
	await page.getByLabel('Postal code').fill(d.postalCode);
	await page.getByLabel('Contact first name').fill('Júlia');
	await page.getByLabel('Contact last name').fill('Fekete');
	await page.getByLabel('Email').fill(`julia.fekete@${d.prefix}.example`);
	if (d.phone !== undefined) await page.getByLabel('Phone').fill(d.phone);
	if (d.registration !== undefined) {
		await page.getByLabel('Organisation registration number').fill(d.registration);
	}
}

async function chooseOffer(page: Page, offer: string, licences: string): Promise<void> {
	const item = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('checkbox', { name: offer }) });
	await item.getByRole('checkbox', { name: offer }).check();
	await item.getByLabel('Number of licences').fill(licences);
}

/** Every string kept by the page's origin: localStorage, sessionStorage and all of IndexedDB. */
async function dumpStorage(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const out: string[] = [];
		for (const storage of [localStorage, sessionStorage]) {
			for (let i = 0; i < storage.length; i++) {
				const key = storage.key(i)!;
				out.push(key, storage.getItem(key) ?? '');
			}
		}
		const request = <T>(r: IDBRequest<T>) =>
			new Promise<T>((resolve, reject) => {
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			const db = await request(indexedDB.open(info.name));
			for (const name of Array.from(db.objectStoreNames)) {
				const store = db.transaction(name, 'readonly').objectStore(name);
				out.push(name, JSON.stringify(await request(store.getAll())));
			}
			db.close();
		}
		return out.join('\n');
	});
}

async function expectNoA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).include('#main').analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test('adds a customer for a reseller from its row, with the Setup info shown once', async ({
	page,
	persistentContext
}) => {
	await persistentContext.grantPermissions(['clipboard-read', 'clipboard-write']);
	await loadDemo(page);
	await openFromResellerRow(page, 'Budapest Cloud Partners Kft.');
	await expect(page).toHaveURL('/customers/new?reseller=demo-reseller-1');
	await expect(page.getByLabel('Indirect reseller')).toHaveValue('demo-reseller-1');
	await expect(page.getByLabel('Country/region')).toHaveValue('HU');
	await expectNoA11yViolations(page);

	// Wrong details first: messages next to the fields, the first wrong one focused.
	await fillDetails(page, {
		company: 'LLC',
		prefix: 'bad-prefix!',
		city: 'Budapest',
		postalCode: '1051'
	});
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await expect(
		page.getByText('Enter the full company name, not only its legal form')
	).toBeVisible();
	await expect(
		page.getByText('Use only letters a–z and digits 0–9 in the domain prefix')
	).toBeVisible();
	await expect(
		page.getByText("Enter the contact's phone number (required for Hungary).")
	).toBeVisible();
	await expect(
		page.getByText('Enter the organisation registration number (required for Hungary).')
	).toBeVisible();
	await expect(page.getByLabel('Company name')).toBeFocused();
	await expect(step(page, 'Customer details')).toBeVisible();

	await page.getByLabel('Company name').fill('Duna Pékség Kft.');
	await page.getByLabel('Domain', { exact: true }).fill(TAKEN_PREFIX);
	await page.getByLabel('Phone').fill('+36 1 555 0199');
	await page.getByLabel('Organisation registration number').fill('01-09-999999');
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await expect(page.getByText(`${TAKEN_PREFIX}.onmicrosoft.com is already taken`)).toBeVisible();
	await expect(page.getByLabel('Domain', { exact: true })).toBeFocused();

	await page.getByLabel('Domain', { exact: true }).fill('dunapekseg');
	await page.getByLabel('The customer has accepted the Microsoft Customer Agreement').check();
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();

	// Subscriptions: 0 licences is refused, 10 is fine.
	await expect(step(page, 'Subscriptions')).toBeVisible();
	await page.getByRole('button', { name: 'Next: Review' }).click();
	await expect(page.getByText('Choose at least one offer for the new customer.')).toBeVisible();
	await chooseOffer(page, 'Microsoft 365 Business Basic', '0');
	await page.getByRole('button', { name: 'Next: Review' }).click();
	await expect(
		page.getByText('Microsoft 365 Business Basic can have from 1 to 300 licences.')
	).toBeVisible();
	await page.getByLabel('Number of licences').fill('10');
	await expectNoA11yViolations(page);
	await page.getByRole('button', { name: 'Next: Review' }).click();

	// Review: everything summarised.
	await expect(step(page, 'Review')).toBeVisible();
	const main = page.locator('#main');
	await expect(main).toContainText('Duna Pékség Kft.');
	await expect(main).toContainText('dunapekseg.onmicrosoft.com');
	await expect(main).toContainText('admin@dunapekseg.onmicrosoft.com');
	await expect(main).toContainText('Budapest Cloud Partners Kft. (6123450)');
	await expect(main).toContainText('Júlia Fekete');
	await expect(main).toContainText('Microsoft 365 Business Basic × 10 licences');
	await expectNoA11yViolations(page);
	await page.getByRole('button', { name: 'Submit' }).click();

	// Confirmation with the Setup info.
	await expect(step(page, 'Confirmation')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Setup info' })).toBeVisible();
	await expect(main).toContainText('admin@dunapekseg.onmicrosoft.com');
	await expect(main).toContainText('shown only once and cannot be shown again');
	const password = (await page.getByTestId('temporary-password').textContent()) ?? '';
	expect(password).toMatch(PASSWORD);
	await page.getByRole('button', { name: 'Copy password' }).click();
	await expect(page.getByText('The password was copied to the clipboard.')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
	await expectNoA11yViolations(page);

	// The password is nowhere on the device, while the customer is.
	const stored = await dumpStorage(page);
	expect(stored).toContain('admin@dunapekseg.onmicrosoft.com');
	expect(stored).not.toContain(password);

	// Done: the customer is listed with the reseller; the change is in the activity log.
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page).toHaveURL('/customers');
	await page
		.getByLabel('Indirect reseller')
		.selectOption({ label: 'Budapest Cloud Partners Kft. (6123450)' });
	await expect(page).toHaveURL('/customers?reseller=demo-reseller-1');
	await expect(page.getByRole('link', { name: 'Duna Pékség Kft.' })).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Activity' })
		.click();
	await expect(
		page.getByText('Added customer Duna Pékség Kft. (dunapekseg.onmicrosoft.com)')
	).toBeVisible();
	await expect(
		page.getByText('Added 10 × Microsoft 365 Business Basic for Duna Pékség Kft.')
	).toBeVisible();
	expect(await dumpStorage(page)).not.toContain(password);
});

test('Cancel drops the whole new customer: nothing is stored', async ({ page }) => {
	await loadDemo(page);
	await page.goto('/customers');
	await expect(page.getByRole('status').filter({ hasText: 'customers' })).toHaveText(
		'28 customers'
	);
	await page.getByRole('link', { name: 'Add new customer' }).click();
	await expect(page.getByLabel('Indirect reseller')).toHaveValue('');

	await fillDetails(page, {
		company: 'Tiszai Halászcsárda Kft.',
		prefix: 'tiszaihalasz',
		city: 'Szeged',
		postalCode: '6720',
		phone: '+36 62 555 0100',
		registration: '06-09-123456'
	});
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await chooseOffer(page, 'Microsoft 365 Business Basic', '3');

	// Keep editing leaves everything as it was.
	await page.getByRole('button', { name: 'Cancel' }).click();
	const dialog = page.getByRole('dialog', { name: 'Discard this new customer?' });
	await expect(dialog).toContainText('Nothing will be saved');
	await dialog.getByRole('button', { name: 'Keep editing' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByLabel('Number of licences')).toHaveValue('3');

	await page.getByRole('button', { name: 'Cancel' }).click();
	await dialog.getByRole('button', { name: 'Discard' }).click();
	await expect(page).toHaveURL('/customers');
	await expect(page.getByRole('status').filter({ hasText: 'customers' })).toHaveText(
		'28 customers'
	);
	expect(await dumpStorage(page)).not.toContain('tiszaihalasz');

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Activity' })
		.click();
	await expect(page.getByText('Loaded demo data')).toBeVisible();
	await expect(page.getByText('Tiszai Halászcsárda')).toHaveCount(0);

	// The wizard starts empty again.
	await page.goto('/customers/new');
	await expect(page.getByLabel('Company name')).toHaveValue('');
	await expect(page.getByText('You are continuing the new customer')).toHaveCount(0);
});

test('a reload keeps the step, the fields and the offers; after Submit it shows no password', async ({
	page
}) => {
	await loadDemo(page);
	await openFromResellerRow(page, 'Tisza Informatika Bt.');
	await fillDetails(page, {
		company: 'Hódmezői Asztalos Bt.',
		prefix: 'hodmezoiasztalos',
		city: 'Hódmezővásárhely',
		postalCode: '6800',
		phone: '+36 62 555 0177',
		registration: '06-06-777000'
	});
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await chooseOffer(page, 'Microsoft 365 Business Standard', '7');

	await page.reload();
	await expect(step(page, 'Subscriptions')).toBeVisible();
	await expect(
		page.getByRole('checkbox', { name: 'Microsoft 365 Business Standard' })
	).toBeChecked();
	await expect(page.getByLabel('Number of licences')).toHaveValue('7');
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(step(page, 'Customer details')).toBeVisible();
	await expect(page.getByLabel('Company name')).toHaveValue('Hódmezői Asztalos Bt.');
	await expect(page.getByLabel('Domain', { exact: true })).toHaveValue('hodmezoiasztalos');
	await expect(page.getByLabel('Indirect reseller')).toHaveValue('demo-reseller-7');

	// A link for another reseller does not overwrite what was typed.
	await page.goto('/customers/new?reseller=demo-reseller-2');
	await expect(
		page.getByText('You have an unfinished new customer for another reseller')
	).toBeVisible();
	await expect(page.getByLabel('Company name')).toHaveValue('Hódmezői Asztalos Bt.');
	await expect(page.getByLabel('Indirect reseller')).toHaveValue('demo-reseller-7');

	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await page.getByRole('button', { name: 'Next: Review' }).click();
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(step(page, 'Confirmation')).toBeVisible();
	const password = (await page.getByTestId('temporary-password').textContent()) ?? '';
	expect(password).toMatch(PASSWORD);

	// The draft is gone with the Submit: a reload shows an empty wizard, never the password.
	await page.reload();
	await expect(step(page, 'Customer details')).toBeVisible();
	await expect(page.getByLabel('Company name')).toHaveValue('');
	await expect(page.getByTestId('temporary-password')).toHaveCount(0);
	await expect(page.locator('body')).not.toContainText(password);
	expect(await dumpStorage(page)).not.toContain(password);
});

test('Submit sends a field error back to its step and keeps the draft', async ({
	page,
	persistentContext
}) => {
	await loadDemo(page);
	await openFromResellerRow(page, 'Volga Digital');
	await fillDetails(page, {
		company: 'Волжский Хлеб ООО',
		prefix: 'volgabread',
		city: 'Самара',
		postalCode: '443001',
		phone: '+7 846 555 0100',
		registration: '1026300956100'
	});
	await page.getByLabel('Country/region').selectOption('RU');
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await chooseOffer(page, 'Microsoft 365 Business Premium', '5');
	await page.getByRole('button', { name: 'Next: Review' }).click();
	await expect(step(page, 'Review')).toBeVisible();

	// Meanwhile the same domain is taken in another tab (it opens the same draft and submits it).
	const other = await persistentContext.newPage();
	await other.goto('/customers/new');
	await expect(step(other, 'Review')).toBeVisible();
	await other.getByRole('button', { name: 'Submit' }).click();
	await expect(step(other, 'Confirmation')).toBeVisible();
	await other.close();

	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(step(page, 'Customer details')).toBeVisible();
	await expect(page.getByText('volgabread.onmicrosoft.com is already taken')).toBeVisible();
	await expect(page.getByLabel('Domain', { exact: true })).toBeFocused();
	await expect(page.getByLabel('Company name')).toHaveValue('Волжский Хлеб ООО');

	await page.getByLabel('Domain', { exact: true }).fill('volgabread2');
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await expect(page.getByLabel('Number of licences')).toHaveValue('5');
	await page.getByRole('button', { name: 'Next: Review' }).click();
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(page.locator('#main')).toContainText('admin@volgabread2.onmicrosoft.com');
});

test('a reseller without an active partnership cannot get new customers', async ({ page }) => {
	await loadDemo(page);
	await page.goto('/customers/new?reseller=demo-reseller-5');
	const message = 'Customers can be added for this reseller only while the partnership is active.';
	await expect(page.getByText(message)).toBeVisible();
	await fillDetails(page, {
		company: 'Ploiești Energie SRL',
		prefix: 'ploiestienergie',
		city: 'Ploiești',
		postalCode: '100001'
	});
	await page.getByLabel('Country/region').selectOption('RO');
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await expect(page.getByLabel('Indirect reseller')).toBeFocused();
	await expect(step(page, 'Customer details')).toBeVisible();

	// Choosing an active reseller instead lets the wizard go on.
	await page.getByLabel('Indirect reseller').selectOption('demo-reseller-2');
	await expect(page.getByText(message)).toHaveCount(0);
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await expect(step(page, 'Subscriptions')).toBeVisible();
});

test('the whole wizard works offline after the first visit', async ({
	page,
	persistentContext
}) => {
	await loadDemo(page);
	await waitForServiceWorkerControl(page);
	await persistentContext.setOffline(true);
	await page.reload();
	expect(await networkIsReachable(page)).toBe(false);

	await openFromResellerRow(page, 'Wisła IT Solutions');
	await fillDetails(page, {
		company: 'Toruń Piernik Sp. z o.o.',
		prefix: 'torunpiernik',
		city: 'Toruń',
		postalCode: '87-100'
	});
	await page.getByLabel('Country/region').selectOption('PL');
	await page.getByRole('button', { name: 'Next: Subscriptions' }).click();
	await chooseOffer(page, 'Microsoft 365 Business Basic', '12');
	await page.getByRole('button', { name: 'Next: Review' }).click();
	await expect(page.locator('#main')).toContainText('Wisła IT Solutions (6234561)');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(step(page, 'Confirmation')).toBeVisible();
	await expect(page.locator('#main')).toContainText('admin@torunpiernik.onmicrosoft.com');
	expect((await page.getByTestId('temporary-password').textContent()) ?? '').toMatch(PASSWORD);

	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page).toHaveURL('/customers');
	await page.getByLabel('Search customers').fill('Toruń');
	await expect(page.getByRole('link', { name: 'Toruń Piernik Sp. z o.o.' })).toBeVisible();
	await expect(page.locator('#main')).toContainText('Wisła IT Solutions');
});
