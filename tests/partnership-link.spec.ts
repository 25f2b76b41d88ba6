// Issue 12, two organisations in two browsers against the real endpoint and relationship
// service: the provider requests a partnership, the reseller opens the link from the draft
// email, signs in (and comes back to the link), accepts; the provider's open page shows the
// partnership Active within 2 s, and the reseller's Indirect providers has the provider. A
// used link, a wrong MPN ID, an unknown link and a provider's user get clear pages.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openDevice, signIn, signedInDevice, useThrowawayEndpoint } from './endpoint';

const endpoint = useThrowawayEndpoint('partnership-link');
const PROVIDER = ['demo-global-admin', 'global-admin-demo'] as const;
const RESELLER = { name: 'other-global-admin', password: 'other-admin-demo' };
const FABRIKAM = {
	name: 'Fabrikam Reseller Kft.',
	email: 'partners@fabrikam.example',
	mpnId: '6900001'
};

/** Requests a partnership on the provider's device and returns the link from the draft. */
async function requestPartnership(page: Page, reseller: typeof FABRIKAM): Promise<string> {
	await page.goto('/resellers/request');
	await page.getByLabel('Reseller name').fill(reseller.name);
	await page.getByLabel('Reseller email').fill(reseller.email);
	await page.getByLabel('MPN ID').fill(reseller.mpnId);
	await page.getByRole('button', { name: 'Create draft email' }).click();
	const text = await page.getByLabel('Email message').inputValue();
	const link = /https?:\/\/\S+\/invitations\/partnership\/[A-Za-z0-9_-]{43}/.exec(text)?.[0] ?? '';
	expect(link, 'the draft has a personalised link').toBeTruthy();
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indirect resellers' })).toBeVisible();
	return link;
}

const resellerRow = (page: Page, name: string) =>
	page.getByRole('list', { name: 'Resellers' }).getByRole('listitem').filter({ hasText: name });

test('the reseller accepts in CSP Field; the provider sees Active within 2 s', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const provider = await signedInDevice(browser, endpoint.origin, PROVIDER);
	const link = await requestPartnership(provider.page, FABRIKAM);
	await expect(resellerRow(provider.page, FABRIKAM.name)).toContainText('Requested');
	// The request reaches the server (and the service indexes it) once the device has synced.
	await expect(provider.page.getByRole('banner').getByRole('status')).toContainText('Synced', {
		timeout: 30_000
	});

	// The reseller opens the link signed out: sign in, and back to the link.
	const reseller = await openDevice(browser, endpoint.origin);
	await reseller.page.goto(new URL(link).pathname);
	await expect(
		reseller.page.getByRole('heading', { level: 1, name: 'Partnership request' })
	).toBeVisible();
	await reseller.page.getByRole('link', { name: 'Sign in' }).last().click();
	await reseller.page.getByLabel('User name').fill(RESELLER.name);
	await reseller.page.getByLabel('Password').fill(RESELLER.password);
	await reseller.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(reseller.page).toHaveURL(new URL(link).pathname, { timeout: 30_000 });
	await expect(
		reseller.page.getByText(
			'Contoso Distribution CEE invites your organisation to become its indirect reseller.'
		)
	).toBeVisible({ timeout: 30_000 });
	await expect(reseller.page.getByText('5100001')).toBeVisible();

	await reseller.page.getByRole('button', { name: 'Accept' }).click();
	const accepted = Date.now();
	await expect(
		reseller.page.getByText(
			'You accepted the partnership. Contoso Distribution CEE now sees it as active.'
		)
	).toBeVisible();
	await expect(resellerRow(provider.page, FABRIKAM.name)).toContainText('Active', {
		timeout: 2000
	});
	console.log(`acceptance → Active on the provider's open page: ${Date.now() - accepted} ms`);

	// The link is used now.
	await reseller.page.reload();
	await expect(
		reseller.page.getByText('This partnership request was already accepted.')
	).toBeVisible({
		timeout: 30_000
	});
	// The reseller's Indirect providers page has the provider (after its device synced).
	await reseller.page.goto('/providers');
	await expect(reseller.page.getByText('Contoso Distribution CEE').first()).toBeVisible({
		timeout: 30_000
	});

	// The provider's own user opening the link: not for them.
	await provider.page.goto(new URL(link).pathname);
	await expect(
		provider.page.getByText(
			'This link is for an indirect reseller. Sign in with a user of the reseller organisation to accept or decline it.'
		)
	).toBeVisible({ timeout: 30_000 });
	await provider.context.close();
	await reseller.context.close();
});

test('a wrong MPN ID and an unknown link get clear pages', async ({ browser }) => {
	test.setTimeout(180_000);
	const provider = await signedInDevice(browser, endpoint.origin, PROVIDER);
	const other = { name: 'Nyíregyháza Cloud Kft.', email: 'hello@nyir.example', mpnId: '6900002' };
	const link = await requestPartnership(provider.page, other);
	await expect(provider.page.getByRole('banner').getByRole('status')).toContainText('Synced', {
		timeout: 30_000
	});
	const reseller = await openDevice(browser, endpoint.origin);
	await signIn(reseller.page, RESELLER.name, RESELLER.password);
	await reseller.page.goto(new URL(link).pathname);
	await expect(
		reseller.page.getByText('The indirect provider sent this request to MPN ID 6900002', {
			exact: false
		})
	).toBeVisible({ timeout: 30_000 });
	await expect(reseller.page.getByRole('button', { name: 'Accept' })).toHaveCount(0);

	await reseller.page.goto(`/invitations/partnership/${'A'.repeat(43)}`);
	await expect(
		reseller.page.getByText('This partnership link is not known.', { exact: false })
	).toBeVisible({ timeout: 30_000 });
	await provider.context.close();
	await reseller.context.close();
});
