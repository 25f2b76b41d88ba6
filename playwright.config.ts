import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium.js';

// E2E_PORT lets a second checkout run its tests next to one already using 4173.
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

// End-to-end tests run against the production build (`npm run test:e2e` builds first), served
// by scripts/serve.js, in Debian's Chromium (`npx playwright install` cannot download here).
export default defineConfig({
	testDir: 'tests',
	// The cluster failover spec needs the 3-node CouchDB that `npm run test:couchdb` starts (it
	// sets TEST_COUCH_CONTROL); the embedded endpoint has no nodes to stop.
	testIgnore: process.env.TEST_COUCH_CONTROL ? [] : ['**/cluster-failover.spec.ts'],
	// Two cores, and most tests launch a persistent browser profile: one at a time.
	workers: 1,
	fullyParallel: false,
	// A flaky test gets fixed, not retried.
	retries: 0,
	forbidOnly: !!process.env.CI,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['./tests/summary-reporter.ts']],
	use: {
		browserName: 'chromium',
		baseURL,
		serviceWorkers: 'allow',
		// A 10-inch tablet in landscape.
		viewport: { width: 1280, height: 800 },
		hasTouch: true,
		launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'node scripts/serve.js',
		url: baseURL,
		reuseExistingServer: !process.env.CI,
		env: { PORT: String(port) },
		stdout: 'pipe'
	}
});
