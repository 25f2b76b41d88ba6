// Where Debian's Chromium lives and how every browser this project launches is started:
// Playwright (playwright.config.ts, tests/fixtures.ts) and the benchmark (scripts/bench.js).
// `npx playwright install` cannot download browsers here, so we always use the system one.

/** Path of the Chromium binary (Debian package `chromium`); CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Command-line switches for headless runs on a sandbox-less, GPU-less, offline machine. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** Ready-made `launchOptions` for Playwright's `chromium.launch*()` calls. */
export const chromiumLaunchOptions = {
	executablePath: chromiumPath,
	args: chromiumArgs
};
