import { expect, test, waitForServiceWorkerControl } from './fixtures';

// The app must be installable to a tablet's home screen: a valid manifest with icons, served
// from a page that a service worker controls.

interface ManifestIcon {
	src: string;
	sizes: string;
	type: string;
	purpose?: string;
}

test('Chromium finds no installability errors once the service worker controls the page', async ({
	page,
	persistentContext
}) => {
	await page.goto('/');
	await waitForServiceWorkerControl(page);

	const cdp = await persistentContext.newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);

	const { url, errors } = await cdp.send('Page.getAppManifest');
	expect(url).toMatch(/\/manifest\.webmanifest$/);
	expect(errors).toEqual([]);
	await cdp.detach();
});

test('the manifest has the fields and icons an installed app needs', async ({ page }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/manifest.webmanifest');

	const response = await page.request.get(href!);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = await response.json();

	expect(manifest).toMatchObject({
		id: '/',
		name: 'CSP Field',
		short_name: 'CSP Field',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: '#0f4c81'
	});
	expect(manifest.description).toEqual(expect.any(String));
	expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

	const icons: ManifestIcon[] = manifest.icons;
	const has = (sizes: string, purpose: string) =>
		icons.some(
			(icon) => icon.sizes === sizes && (icon.purpose ?? 'any').split(' ').includes(purpose)
		);
	for (const sizes of ['192x192', '512x512']) {
		expect(has(sizes, 'any'), `${sizes} any`).toBe(true);
		expect(has(sizes, 'maskable'), `${sizes} maskable`).toBe(true);
	}

	// Every icon loads as a PNG of the size it claims.
	for (const icon of icons) {
		const size = await page.evaluate(async (src) => {
			const blob = await (await fetch(src)).blob();
			const bitmap = await createImageBitmap(blob);
			return { type: blob.type, sizes: `${bitmap.width}x${bitmap.height}` };
		}, icon.src);
		expect(size, icon.src).toEqual({ type: icon.type, sizes: icon.sizes });
	}
});
