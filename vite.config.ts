import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './scripts/chromium.js';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	test: {
		expect: { requireAssertions: true },
		testTimeout: 20_000,
		projects: [
			{
				// Component specs (*.svelte.test.ts) run in Debian's Chromium (scripts/chromium.js):
				// Playwright cannot download its own browsers here.
				extends: true,
				// Bundled before the first spec runs, not found on the way (which reloads the page).
				optimizeDeps: { include: ['@testing-library/svelte', '@testing-library/user-event'] },
				test: {
					name: 'client',
					include: ['src/**/*.svelte.{test,spec}.ts'],
					setupFiles: ['./src/vitest-setup-client.ts'],
					browser: {
						enabled: true,
						headless: true,
						screenshotFailures: false,
						provider: playwright({
							launchOptions: { executablePath: chromiumPath, args: chromiumArgs }
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			},
			{
				extends: true,
				test: {
					name: 'server',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.js', 'server/**/*.test.js'],
					exclude: ['src/**/*.svelte.{test,spec}.ts'],
					environment: 'node',
					// On one shared Apache CouchDB (TEST_COUCH_URL, server/test-couch.js) each file
					// empties the server first: one file at a time.
					fileParallelism: !process.env.TEST_COUCH_URL
				}
			}
		]
	}
});
