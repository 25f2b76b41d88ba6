#!/usr/bin/env node
// The performance report of CSP Field (`npm run bench`, which builds first). Not a timed test: it
// measures, prints figures with PASS/MISS next to each target, writes bench-results/latest.json,
// and fails only when a measurement could not be taken at all.
//
// In headless Chromium (a persistent profile, so IndexedDB is on disk as on a device), against
// the built app served on a loopback port (BENCH_PORT, default 4190):
//   1. bulk insert of 10,000 customers + 30,000 subscriptions into the app's database (RxDB on
//      Dexie), next to a plain Dexie bulkPut of the same documents;
//   2. time to the first row of the customer list on a fresh page at /customers, and how many
//      rows are in the DOM;
//   3. p50/p95 of 50 filter-by-reseller + name-search queries through the app's customers$;
//   4. gzip size of the JavaScript loaded on the first visit of '/';
//   5. replication against the embedded endpoint on loopback (a throwaway app + PouchDB Server
//      from scripts/start.js, in a second fresh profile): the app's initial pull of 10,000
//      customers next to a plain `_changes` transfer into plain Dexie, and the push of 1,000
//      edits made offline next to a plain `_bulk_docs` POST; and what the allow-list gateway adds
//      to a `_bulk_docs` + `_changes` round trip (scripts/bench-gateway.js);
//   6. the Renewals page at 30,000 subscriptions: its read model built from the database, and
//      p50/p95 of 50 of its filters (30 / 60 / 90 days, reseller, customer search) in memory.
// Steps 1, 3 and 5 call functions the lazily loaded /dev/bench page puts on window.cspBench.
//
// Run it with the e2e lock: flock /tmp/csp-e2e.lock npm run bench
// (BENCH_ONLY=first-visit measures section 4 alone, BENCH_ONLY=replication section 5 alone,
// BENCH_ONLY=renewals the insert and section 6 alone, BENCH_ONLY=first-paint the insert and
// section 2 alone). The report ends with every row of issue 16's table, its target and PASS/MISS.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { measureGatewayOverhead } from './bench-gateway.js';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { startServer } from './serve.js';
import { startApp } from './start.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** BENCH_BUILD: another build to measure (e.g. main's, for a before/after in the same hour). */
const BUILD = process.env.BENCH_BUILD ? resolve(process.env.BENCH_BUILD) : join(ROOT, 'build');
const RESULTS = join(ROOT, 'bench-results', 'latest.json');
const HOST = '127.0.0.1';
const PREFERRED_PORT = Number(process.env.BENCH_PORT ?? 4190);
const CUSTOMERS = 10_000;
const SUBSCRIPTIONS_PER_CUSTOMER = 3;
const QUERIES = 50;
/** BENCH_FIRST_PAINT_RUNS: more loads of /customers, for a median on a loaded machine. */
const FIRST_PAINT_RUNS = Math.max(1, Number(process.env.BENCH_FIRST_PAINT_RUNS ?? 3) || 3);
/** 5. Replication against the embedded endpoint. */
const REPLICATED_CUSTOMERS = 10_000;
const OFFLINE_EDITS = 1_000;
const SEED_BATCH = 1_000;
/** The app's pull batch size (src/lib/sync/replication.ts), used by the plain pull too. */
const PULL_BATCH = 100;
const BENCH_USER = { name: 'demo-global-admin', password: 'global-admin-demo', org: 'demo' };

const TARGET_QUERY_P95_MS = 50;
/** The Renewals page's filter (in memory, on every change of a filter). */
const TARGET_RENEWAL_FILTER_P95_MS = 50;
/** Issue 16's targets. */
const TARGET_FIRST_VISIT_JS_GZIP_KB = 180;
const TARGET_FIRST_ROW_MS = 150;
/** The first search on a fresh page: filtered rows this long after the typing pause ends. */
const TARGET_FIRST_FILTER_MS = 150;
/** The customers page waits this long after the last keystroke (src/routes/customers/+page.svelte). */
const SEARCH_PAUSE_MS = 150;
const TARGET_INSERT_RATIO = 1.3;
/** The app's pull rate as a share of the plain transfer's. */
const TARGET_PULL_SHARE = 0.8;
const TARGET_PUSH_RATIO = 1.5;
/** More rows than this in the DOM means the list is not virtualised. */
const MAX_ROWS_IN_DOM = 100;

const CUSTOMER_ROW = '[role="list"][aria-label*="customers" i] [role="listitem"]';
const ANY_LIST_ROW = 'main [role="list"] [role="listitem"]';

// The whole run should take a few minutes; never hang a terminal or a CI job.
const watchdog = setTimeout(
	() => {
		console.error('The benchmark took more than 10 minutes; giving up.');
		process.exit(1);
	},
	10 * 60 * 1000
);
watchdog.unref();

/** @param {number} n @param {number} [digits] */
const fmt = (n, digits = 0) =>
	n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** @param {number} bytes */
const kb = (bytes) => `${fmt(bytes / 1024, 1)} KB`;
/** @param {boolean} pass */
const verdict = (pass) => (pass ? 'PASS' : 'MISS');

/** Nearest-rank percentile. @param {number[]} values @param {number} p */
function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(sorted.length, rank) - 1];
}

/** @param {number[]} values */
const median = (values) => percentile(values, 50);

/** @param {string} name */
function packageVersion(name) {
	try {
		const json = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
		return String(json.version);
	} catch {
		return 'unknown';
	}
}

/**
 * Listens on the preferred port, or on any free one when it is taken.
 * @returns {Promise<{ server: import('node:http').Server, port: number }>}
 */
async function listen() {
	for (const port of [PREFERRED_PORT, 0]) {
		const server = startServer({ port, host: HOST, root: BUILD, quiet: true });
		const result = await new Promise((resolveListen) => {
			server.once('listening', () => resolveListen(true));
			server.once('error', (error) => {
				console.warn(`Port ${port} is not available (${error.message}); trying another.`);
				resolveListen(false);
			});
		});
		if (result) {
			const address = server.address();
			return { server, port: address && typeof address === 'object' ? address.port : port };
		}
		server.close();
	}
	throw new Error('No port to listen on');
}

/**
 * Words that tell which libraries a minified chunk holds (a hint, not an exact attribution).
 * @type {[string, RegExp][]}
 */
const LIBRARY_SIGNATURES = [
	['rxdb', /RxDB|rxdb\.info|RxCollection|RxStorage/],
	['dexie', /Dexie|dexie\.org/],
	['rxjs', /ObjectUnsubscribedError|object unsubscribed|Timeout has occurred/],
	['zod', /ZodError|\$ZodType|zod\.dev/],
	['svelte', /svelte\.dev\/e\//],
	['sveltekit', /__sveltekit|sveltekit:/],
	['tanstack-virtual', /measureElement|getVirtualItems/],
	['workbox', /workbox/],
	['bench page', /cspBench/]
];

/** @param {string} text */
const librariesIn = (text) =>
	LIBRARY_SIGNATURES.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);

/** All .js files under a directory. @param {string} directory @returns {Promise<string[]>} */
async function jsFiles(directory) {
	if (!existsSync(directory)) return [];
	const entries = await readdir(directory, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
		.map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * 4. The JavaScript the first visit of '/' loads in a fresh profile, gzipped at level 9.
 * @param {import('@playwright/test').Page} page
 * @param {string} origin
 */
async function measureFirstVisitJs(page, origin) {
	/** @type {Map<string, Promise<{ url: string, raw: number, gzip: number, libraries: string[] } | undefined>>} */
	const scripts = new Map();
	let lastResponseAt = Date.now();
	/** @param {import('@playwright/test').Response} response */
	const onResponse = (response) => {
		lastResponseAt = Date.now();
		const url = response.url();
		const path = new URL(url).pathname;
		const isScript = response.request().resourceType() === 'script' || /\.m?js$/.test(path);
		if (!isScript || scripts.has(url) || path === '/service-worker.js') return;
		scripts.set(
			url,
			response
				.body()
				.then((body) => ({
					url: path,
					raw: body.length,
					gzip: gzipSync(body, { level: 9 }).length,
					libraries: librariesIn(body.toString('utf8'))
				}))
				.catch(() => undefined)
		);
	};
	page.on('response', onResponse);
	const start = Date.now();
	await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
	// The root page routes on (to /resellers or the first-run screen): wait until it settles.
	await page.locator('h1').first().waitFor({ timeout: 30_000 });
	while (Date.now() - lastResponseAt < 1_500 && Date.now() - start < 30_000) {
		await page.waitForTimeout(250);
	}
	page.off('response', onResponse);
	const files = /** @type {{ url: string, raw: number, gzip: number, libraries: string[] }[]} */ (
		(await Promise.all(scripts.values())).filter(Boolean)
	).sort((a, b) => b.gzip - a.gzip);
	const gzip = files.reduce((sum, file) => sum + file.gzip, 0);
	const raw = files.reduce((sum, file) => sum + file.raw, 0);

	// Everything the build emits (the service worker precaches it after the first visit).
	const built = await jsFiles(join(BUILD, '_app'));
	let builtGzip = 0;
	let builtRaw = 0;
	for (const file of built) {
		const body = await readFile(file);
		builtRaw += body.length;
		builtGzip += gzipSync(body, { level: 9 }).length;
	}
	const landedOn = new URL(page.url()).pathname;
	const benchPageLoaded = files.some((file) => file.libraries.includes('bench page'));
	return {
		benchPageLoaded,
		landedOn,
		files,
		count: files.length,
		raw,
		gzip,
		allBuiltJs: { count: built.length, raw: builtRaw, gzip: builtGzip },
		targetKb: TARGET_FIRST_VISIT_JS_GZIP_KB,
		pass: gzip / 1024 <= TARGET_FIRST_VISIT_JS_GZIP_KB
	};
}

/** @param {import('@playwright/test').Page} page */
async function waitForServiceWorker(page) {
	return page.evaluate(async () => {
		if (!('serviceWorker' in navigator)) return false;
		const timeout = new Promise((resolveTimeout) =>
			setTimeout(() => resolveTimeout(false), 30_000)
		);
		return Promise.race([navigator.serviceWorker.ready.then(() => true), timeout]);
	});
}

/**
 * Opens /dev/bench and waits for window.cspBench.
 * @param {import('@playwright/test').Page} page
 * @param {string} origin
 */
async function openBenchPage(page, origin) {
	await page.goto(`${origin}/dev/bench`);
	await page.waitForFunction(() => window.cspBench !== undefined, undefined, { timeout: 60_000 });
}

/**
 * 1. Bulk insert into a plain Dexie database, then into the app's database.
 * @param {import('@playwright/test').Page} page
 */
async function measureInsert(page) {
	const options = { customers: CUSTOMERS, subscriptionsPerCustomer: SUBSCRIPTIONS_PER_CUSTOMER };
	const rawDexie = await page.evaluate((o) => window.cspBench.insertIntoRawDexie(o), options);
	const app = await page.evaluate((o) => window.cspBench.insertIntoApp(o), options);
	const counts = await page.evaluate(() => window.cspBench.countDocuments());
	return {
		documents: { customers: app.customers, subscriptions: app.subscriptions },
		app,
		rawDexie,
		ratio: app.totalMs / rawDexie.totalMs,
		counts
	};
}

/**
 * 3. Filter-by-reseller + name-search queries through the app's customers$.
 * @param {import('@playwright/test').Page} page
 */
async function measureQueries(page) {
	// Let the database settle after the insert (change events, the layout's live queries).
	await page.waitForTimeout(2_000);
	const timings = await page.evaluate((n) => window.cspBench.runCustomerQueries(n), QUERIES);
	const ms = timings.map((t) => t.ms);
	const p95 = percentile(ms, 95);
	const inMemory = timings.map((t) => t.inMemoryMs);
	return {
		inMemory: {
			p50: percentile(inMemory, 50),
			p95: percentile(inMemory, 95),
			max: Math.max(...inMemory)
		},
		count: timings.length,
		p50: percentile(ms, 50),
		p95,
		max: Math.max(...ms),
		mean: ms.reduce((sum, value) => sum + value, 0) / ms.length,
		first: ms[0],
		meanRows: timings.reduce((sum, t) => sum + t.rows, 0) / timings.length,
		slowest: [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5),
		timings,
		targetMs: TARGET_QUERY_P95_MS,
		pass: p95 <= TARGET_QUERY_P95_MS
	};
}

/**
 * 6. The Renewals page: its read model from the database, then its filters in memory.
 * @param {import('@playwright/test').Page} page
 */
async function measureRenewals(page) {
	await page.waitForTimeout(1_000);
	const result = await page.evaluate((n) => window.cspBench.runRenewalFilters(n), QUERIES);
	const ms = result.filters.map((/** @type {any} */ f) => f.ms);
	const p95 = percentile(ms, 95);
	return {
		buildMs: result.buildMs,
		recomputeMs: result.recomputeMs,
		changeMs: result.changeMs,
		tickMs: result.tickMs,
		liveChangeMs: result.liveChangeMs,
		subscriptions: result.subscriptions,
		rows: result.rows,
		count: ms.length,
		p50: percentile(ms, 50),
		p95,
		max: Math.max(...ms),
		meanRows:
			result.filters.reduce((/** @type {number} */ sum, /** @type {any} */ f) => sum + f.rows, 0) /
			ms.length,
		slowest: [...result.filters].sort((a, b) => b.ms - a.ms).slice(0, 3),
		targetMs: TARGET_RENEWAL_FILTER_P95_MS,
		pass: p95 <= TARGET_RENEWAL_FILTER_P95_MS
	};
}

/**
 * 2. Navigation start → first customer row, on a fresh page at /customers (then reloads).
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} benchPage
 * @param {string} origin
 */
async function measureFirstPaint(context, benchPage, origin) {
	const page = await context.newPage();
	await page.addInitScript(
		({ labelled, fallback }) => {
			/** @type {any} */
			const w = window;
			w.__benchFirstRow = null;
			const observer = new MutationObserver(() => {
				if (w.__benchFirstRow) return;
				const row = document.querySelector(labelled) ?? document.querySelector(fallback);
				if (!row || !row.textContent?.trim()) return;
				const record = { inserted: performance.now(), painted: 0, labelled: row.matches(labelled) };
				w.__benchFirstRow = record;
				observer.disconnect();
				// The frame that shows the row: after the next animation frame has been rendered.
				requestAnimationFrame(() => setTimeout(() => (record.painted = performance.now()), 0));
			});
			observer.observe(document, { childList: true, subtree: true, characterData: true });
		},
		{ labelled: CUSTOMER_ROW, fallback: ANY_LIST_ROW }
	);
	// Only the new page uses the database now.
	await benchPage.close();

	const runs = [];
	// BENCH_PROFILE=1: a CPU profile (CDP) of the last load, written beside latest.json.
	const profiling = process.env.BENCH_PROFILE === '1';
	const cdp = profiling ? await context.newCDPSession(page) : undefined;
	for (let run = 0; run < FIRST_PAINT_RUNS; run++) {
		const profiled = cdp && run === FIRST_PAINT_RUNS - 1;
		if (profiled) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
			await cdp.send('Profiler.start');
		}
		if (run === 0) await page.goto(`${origin}/customers`);
		else await page.reload();
		await page.waitForFunction(
			() => /** @type {any} */ (window).__benchFirstRow?.painted > 0,
			undefined,
			{ timeout: 60_000 }
		);
		if (profiled) {
			const { profile } = await cdp.send('Profiler.stop');
			const file = join(dirname(RESULTS), 'first-paint.cpuprofile');
			await mkdir(dirname(file), { recursive: true });
			await writeFile(file, JSON.stringify(profile));
			console.log(`   CPU profile of the last load: ${relative(ROOT, file)}`);
		}
		// Let the list settle (measurements, overscan) before counting its rows.
		await page.waitForTimeout(1_000);
		runs.push(
			await page.evaluate(
				({ labelled, fallback }) => {
					/** @type {any} */
					const w = window;
					const row = document.querySelector(labelled) ?? document.querySelector(fallback);
					const list = row?.closest('[role="list"]');
					const paint = performance.getEntriesByName('first-contentful-paint')[0];
					const nav = /** @type {PerformanceNavigationTiming | undefined} */ (
						performance.getEntriesByType('navigation')[0]
					);
					const scripts = performance
						.getEntriesByType('resource')
						.filter((r) => r.name.endsWith('.js') && r.responseEnd <= w.__benchFirstRow.inserted);
					/** Where the time to the first row went: the app's marks (src/lib/db/marks.ts). */
					const phases = /** @type {Record<string, number>} */ ({
						responseEnd: nav ? nav.responseEnd : 0,
						scriptsLoaded: Math.max(0, ...scripts.map((r) => r.responseEnd)),
						domContentLoaded: nav ? nav.domContentLoadedEventEnd : 0
					});
					for (const entry of performance.getEntriesByType('mark')) {
						if (entry.name.startsWith('csp:') && entry.startTime <= w.__benchFirstRow.inserted)
							phases[entry.name.slice(4)] ??= entry.startTime;
					}
					phases.firstRowInserted = w.__benchFirstRow.inserted;
					phases.firstRowPainted = w.__benchFirstRow.painted;
					return {
						phases,
						firstRowInsertedMs: w.__benchFirstRow.inserted,
						firstRowPaintedMs: w.__benchFirstRow.painted,
						firstContentfulPaintMs: paint ? paint.startTime : null,
						labelledList: w.__benchFirstRow.labelled,
						listLabel: list?.getAttribute('aria-label') ?? null,
						rowsInDom: list ? list.querySelectorAll('[role="listitem"]').length : 0,
						itemsInList: list?.getAttribute('data-count')
							? Number(list.getAttribute('data-count'))
							: null,
						serviceWorkerControlled: navigator.serviceWorker?.controller != null,
						jsHeapMb: /** @type {any} */ (performance).memory
							? /** @type {any} */ (performance).memory.usedJSHeapSize / 1024 ** 2
							: null
					};
				},
				{ labelled: CUSTOMER_ROW, fallback: ANY_LIST_ROW }
			)
		);
	}
	const firstFilter = await measureFirstFilter(page);
	await page.close();
	const first = runs[0];
	const rowsInDom = Math.max(...runs.map((r) => r.rowsInDom));
	return {
		runs,
		firstVisitMs: first.firstRowPaintedMs,
		medianMs: median(runs.map((r) => r.firstRowPaintedMs)),
		rowsInDom,
		itemsInList: first.itemsInList,
		jsHeapMb: first.jsHeapMb,
		listLabel: first.listLabel,
		maxRowsInDom: MAX_ROWS_IN_DOM,
		pass: rowsInDom > 0 && rowsInDom <= MAX_ROWS_IN_DOM,
		firstRowPass: median(runs.map((r) => r.firstRowPaintedMs)) <= TARGET_FIRST_ROW_MS,
		firstFilter
	};
}

/**
 * The first search on a fresh page at /customers, typed as soon as the first row is in the DOM
 * (while the rest of the list may still be loading): the name of the last row shown, until every
 * row shown has it. Reported from the end of the page's typing pause to the frame that shows them.
 * @param {import('@playwright/test').Page} page
 */
async function measureFirstFilter(page) {
	await page.reload();
	await page.waitForFunction(() => /** @type {any} */ (window).__benchFirstRow?.inserted > 0);
	const needle = await page.evaluate((labelled) => {
		const names = [...document.querySelectorAll(`${labelled} .name`)];
		const text = names[names.length - 1]?.textContent?.trim().toLowerCase() ?? '';
		/** @type {any} */
		const w = window;
		w.__benchFilter = { typedAt: 0, painted: 0, rows: 0 };
		document.addEventListener('input', () => (w.__benchFilter.typedAt ||= performance.now()), {
			capture: true,
			once: true
		});
		const observer = new MutationObserver(() => {
			const shown = [...document.querySelectorAll(`${labelled} .name`)].map(
				(name) => name.textContent?.trim().toLowerCase() ?? ''
			);
			if (!w.__benchFilter.typedAt || shown.length === 0) return;
			if (!shown.every((name) => name.includes(text))) return;
			observer.disconnect();
			w.__benchFilter.rows = shown.length;
			requestAnimationFrame(() =>
				setTimeout(() => (w.__benchFilter.painted = performance.now()), 0)
			);
		});
		observer.observe(document, { childList: true, subtree: true, characterData: true });
		return text;
	}, CUSTOMER_ROW);
	if (!needle) throw new Error('No customer name to search for on the first screen');
	const searchedAt = await page.evaluate(() => performance.now());
	await page.getByRole('searchbox', { name: 'Search customers' }).fill(needle);
	await page.waitForFunction(
		() => /** @type {any} */ (window).__benchFilter.painted > 0,
		undefined,
		{
			timeout: 60_000
		}
	);
	const filter = await page.evaluate(() => /** @type {any} */ (window).__benchFilter);
	const afterPauseMs = filter.painted - filter.typedAt - SEARCH_PAUSE_MS;
	return {
		needle,
		searchedAtMs: searchedAt,
		typedAtMs: filter.typedAt,
		paintedMs: filter.painted,
		rows: filter.rows,
		afterPauseMs,
		targetMs: TARGET_FIRST_FILTER_MS,
		pass: afterPauseMs <= TARGET_FIRST_FILTER_MS
	};
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * Calls a window.cspBench function with one argument; the result comes back as JSON, so that
 * nothing but plain figures crosses over.
 * @param {import('@playwright/test').Page} page
 * @param {string} name
 * @param {any} argument
 */
async function callBench(page, name, argument) {
	const json = await page.evaluate(
		async ({ name, argument }) => {
			try {
				return JSON.stringify(await /** @type {any} */ (window.cspBench)[name](argument));
			} catch (error) {
				// RxDB's errors do not cross over as they are: only their message and code.
				const e = /** @type {any} */ (error);
				throw new Error(`${name}: ${e?.code ?? ''} ${e?.message ?? String(e)}`.slice(0, 2000));
			}
		},
		{ name, argument }
	);
	return JSON.parse(json);
}

/**
 * 5. Replication against the embedded endpoint on loopback: a throwaway app + PouchDB Server
 * (scripts/start.js), 10,000 customers seeded on the server, then in a fresh Chromium profile the
 * app's own initial pull next to a plain `_changes` transfer into plain Dexie, and the push of
 * 1,000 edits made offline next to a plain `_bulk_docs` POST.
 */
async function measureReplication() {
	const dataDir = await mkdtemp(join(os.tmpdir(), 'csp-field-bench-couch-'));
	const profile = await mkdtemp(join(os.tmpdir(), 'csp-field-bench-sync-'));
	/** @type {Awaited<ReturnType<typeof startApp>> | null} */
	let app = null;
	/** @type {import('@playwright/test').BrowserContext | null} */
	let context = null;
	try {
		app = await startApp({ host: HOST, port: 0, couchPort: 0, dataDir, root: BUILD });
		const admin = JSON.parse(await readFile(join(dataDir, 'admin.json'), 'utf8'));
		const auth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
		const customersDb = `${app.couchUrl}/csp-${BENCH_USER.org}-customers`;
		/** @param {string} path @param {any} [body] */
		const couch = async (path, body) => {
			const response = await fetch(`${customersDb}${path}`, {
				method: body === undefined ? 'GET' : 'POST',
				headers: {
					authorization: auth,
					'content-type': 'application/json',
					accept: 'application/json'
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			if (!response.ok) throw new Error(`${path} answered ${response.status}`);
			return response.json();
		};
		if (!app.users.some((/** @type {any} */ user) => user.name === BENCH_USER.name)) {
			throw new Error(`The demo user ${BENCH_USER.name} was not set up`);
		}
		const origin = app.appUrl.replace(/\/$/, '');

		context = await chromium.launchPersistentContext(profile, {
			executablePath: chromiumPath,
			args: chromiumArgs,
			headless: true,
			viewport: { width: 1280, height: 800 },
			serviceWorkers: 'block'
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.on('pageerror', (error) => console.warn(`  page error: ${error.message}`));
		page.on('console', (message) => {
			if (message.type() === 'error' && !message.text().includes('ERR_INTERNET_DISCONNECTED')) {
				console.warn(`  console error: ${message.text().slice(0, 300)}`);
			}
		});
		await openBenchPage(page, origin);

		// Seed the server as its admin (the documents as the demo user would have written them).
		const docs = await callBench(page, 'customerDocsForServer', {
			customers: REPLICATED_CUSTOMERS,
			userName: BENCH_USER.name
		});
		const seedStart = performance.now();
		// In batches: the endpoint takes at most 8 MiB per request.
		const seeded = [];
		for (let start = 0; start < docs.length; start += SEED_BATCH) {
			seeded.push(...(await couch('/_bulk_docs', { docs: docs.slice(start, start + SEED_BATCH) })));
		}
		const seedMs = performance.now() - seedStart;
		// The organisation's partners and partnerships too (not timed): the gateway's round trips
		// below write customers of these resellers, which it accepts only with a partnership.
		const organisation = await callBench(page, 'organisationDocsForServer', {
			userName: BENCH_USER.name
		});
		for (const [collection, list] of Object.entries(organisation)) {
			const response = await fetch(
				`${app.couchUrl}/csp-${BENCH_USER.org}-${collection}/_bulk_docs`,
				{
					method: 'POST',
					headers: {
						authorization: auth,
						'content-type': 'application/json',
						accept: 'application/json'
					},
					body: JSON.stringify({ docs: list })
				}
			);
			const rows = /** @type {any[]} */ (await response.json());
			if (!response.ok || rows.some((row) => row.error)) {
				throw new Error(
					`Seeding ${collection}: ${response.status} ${JSON.stringify(rows).slice(0, 300)}`
				);
			}
		}
		const seedErrors = seeded.filter((/** @type {any} */ row) => row.error);
		if (seedErrors.length) {
			throw new Error(
				`${seedErrors.length} seed documents refused: ${JSON.stringify(seedErrors[0])}`
			);
		}

		await callBench(page, 'signInForBench', BENCH_USER);
		console.log('   plain _changes pull …');
		const plainPull = await callBench(page, 'plainPull', {
			collection: 'customers',
			org: BENCH_USER.org,
			batchSize: PULL_BATCH
		});
		console.log('   app initial pull …');
		const pullOptions = {
			expected: REPLICATED_CUSTOMERS,
			timeoutMs: 180_000,
			stallMs: 10_000
		};
		let appPull = await callBench(page, 'appInitialPull', pullOptions);
		/** @type {any} */
		let stall = null;
		if (appPull.stalled) {
			// The first sync stopped short while saying 'synced': measure what a restart of the app
			// does (it resumes from the stored checkpoint), and report both.
			stall = appPull;
			console.warn(
				`   the app's pull stalled at ${appPull.totalCustomers} customers (sync state ${appPull.syncStatus?.state}); reloading`
			);
			await openBenchPage(page, origin);
			appPull = await callBench(page, 'appInitialPull', pullOptions);
		}
		if (appPull.documents < REPLICATED_CUSTOMERS) {
			throw new Error(
				`The app pulled ${appPull.documents} of ${REPLICATED_CUSTOMERS} customers in ${fmt(appPull.ms / 1000)} s (${appPull.totalCustomers} customers locally; sync status ${JSON.stringify(appPull.syncStatus).slice(0, 500)})`
			);
		}
		// Let the rest of the first sync (the demo organisation set up locally and pushed) settle.
		await sleep(3_000);

		console.log(`   ${fmt(OFFLINE_EDITS)} edits offline, then push …`);
		const ids = Array.from({ length: OFFLINE_EDITS }, (_, index) => `bench-customer-${index + 1}`);
		/** @returns {Promise<number>} how many of the edited customers the server has a 2nd revision of */
		const pushedCount = async (minGeneration = 2) => {
			const result = await couch('/_all_docs', { keys: ids });
			return result.rows.filter(
				(/** @type {any} */ row) => row.value && Number.parseInt(row.value.rev, 10) >= minGeneration
			).length;
		};
		const before = await pushedCount();
		await context.setOffline(true);
		await sleep(500);
		const edits = await callBench(page, 'editCustomers', {
			count: OFFLINE_EDITS,
			marker: 'Offline'
		});
		await sleep(1_000);
		const stillBefore = await pushedCount();
		const pushStart = performance.now();
		await context.setOffline(false);
		let pushed = stillBefore;
		let polls = 0;
		while (performance.now() - pushStart < 120_000) {
			pushed = await pushedCount();
			polls++;
			if (pushed >= OFFLINE_EDITS) break;
			await sleep(100);
		}
		const pushMs = performance.now() - pushStart;
		if (pushed < OFFLINE_EDITS) {
			throw new Error(
				`The endpoint had ${pushed} of ${OFFLINE_EDITS} edits ${fmt(pushMs / 1000)} s after going online`
			);
		}

		console.log('   plain _bulk_docs push …');
		const plainPush = await callBench(page, 'plainPush', {
			count: OFFLINE_EDITS,
			org: BENCH_USER.org,
			marker: 'Plain'
		});
		if (plainPush.refused > 0) {
			throw new Error(
				`The plain push was refused ${plainPush.refused}×: ${plainPush.firstRefusal}`
			);
		}
		console.log('   gateway overhead (_bulk_docs + _changes round trips) …');
		const gateway = await measureGatewayOverhead({
			gatewayBase: `${origin}/db`,
			endpointBase: app.couchUrl,
			database: `csp-${BENCH_USER.org}-customers`,
			user: { name: BENCH_USER.name, password: BENCH_USER.password },
			docs: docs.slice(0, 50)
		});
		// After a stall, the rate is that of the restart (the documents it added locally).
		const appPulled = stall ? appPull.totalCustomers - appPull.startCustomers : appPull.documents;
		const pullDocsPerSecond = (appPulled / appPull.ms) * 1000;
		const plainDocsPerSecond = (plainPull.documents / plainPull.ms) * 1000;
		return {
			endpoint: 'PouchDB Server (embedded), through the app origin /db/ proxy, loopback',
			gateway,
			user: BENCH_USER.name,
			seed: { documents: docs.length, ms: seedMs, as: `server admin, _bulk_docs of ${SEED_BATCH}` },
			pull: {
				app: { ...appPull, docsPerSecond: pullDocsPerSecond, stall },
				plain: { ...plainPull, docsPerSecond: plainDocsPerSecond },
				/** How many times longer the app takes per document than the plain transfer. */
				ratio: plainDocsPerSecond / pullDocsPerSecond
			},
			push: {
				edits: { ...edits, serverHadBefore: before, serverHadWhileOffline: stillBefore },
				app: { documents: pushed, ms: pushMs, polls },
				plain: plainPush,
				ratio: pushMs / plainPush.ms
			}
		};
	} finally {
		await context?.close().catch(() => undefined);
		await app?.close().catch(() => undefined);
		await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
		await rm(dataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
	}
}

function machine() {
	const cpus = os.cpus();
	return {
		cores: cpus.length,
		cpu: cpus[0]?.model?.trim() ?? 'unknown',
		memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		/** 1-minute load average when the run started: other work on the machine skews the figures. */
		loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
		chromium: 'unknown',
		packages: {
			...Object.fromEntries(
				['rxdb', 'dexie', 'rxjs', 'zod', 'svelte', '@sveltejs/kit', 'vite'].map((name) => [
					name,
					packageVersion(name)
				])
			),
			// RxDB pins its own Dexie; that copy is the one the app's storage runs on.
			'dexie used by rxdb': packageVersion('rxdb/node_modules/dexie')
		}
	};
}

/**
 * @param {() => Promise<any>} measure
 * @param {string} name
 * @param {string[]} failures
 */
async function section(name, measure, failures) {
	const started = Date.now();
	try {
		const result = await measure();
		return { ...result, seconds: (Date.now() - started) / 1000 };
	} catch (error) {
		const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
		failures.push(`${name}: ${message}`);
		console.error(`  ${name} could not be measured: ${message}`);
		return { error: message, seconds: (Date.now() - started) / 1000 };
	}
}

/**
 * The report's verdicts: first every row of issue 16's table (its target beside the figure), then
 * the earlier targets.
 * @param {any} report
 */
function targetRows(report) {
	const { insert, firstPaint: fp, queries, firstVisitJs: js, renewals, replication: r } = report;
	/**
	 * @param {string} name @param {string} target @param {any} source a section's result
	 * @param {() => string} value @param {() => boolean} pass
	 */
	const row = (name, target, source, value, pass) =>
		!source || source.error
			? { name, target, value: 'not measured', result: 'ERROR' }
			: { name, target, value: value(), result: verdict(pass()) };
	const issue = [
		row(
			`customer list, fresh page at /customers, ${fmt(CUSTOMERS)} customers: first row painted (median of ${FIRST_PAINT_RUNS})`,
			`≤ ${TARGET_FIRST_ROW_MS} ms`,
			fp,
			() => `${fmt(fp.medianMs)} ms (first load ${fmt(fp.firstVisitMs)} ms)`,
			() => fp.firstRowPass
		),
		row(
			'customer list, fresh page: first search shown, after the typing pause',
			`≤ ${TARGET_FIRST_FILTER_MS} ms`,
			fp?.firstFilter ? fp : undefined,
			() => `${fmt(fp.firstFilter.afterPauseMs)} ms`,
			() => fp.firstFilter.pass
		),
		row(
			`bulk insert ${fmt(CUSTOMERS)} customers + ${fmt(CUSTOMERS * SUBSCRIPTIONS_PER_CUSTOMER)} subscriptions, app / plain Dexie bulkPut`,
			`≤ ${fmt(TARGET_INSERT_RATIO, 1)}×`,
			insert,
			() =>
				`${fmt(insert.ratio, 2)}× (${fmt(insert.app.totalMs)} against ${fmt(insert.rawDexie.totalMs)} ms)`,
			() => insert.ratio <= TARGET_INSERT_RATIO
		),
		row(
			`initial pull of ${fmt(REPLICATED_CUSTOMERS)} customers, app / plain _changes into Dexie`,
			`≥ ${fmt(TARGET_PULL_SHARE, 1)} of plain`,
			r,
			() =>
				`${fmt(1 / r.pull.ratio, 2)} of plain (${fmt(r.pull.app.docsPerSecond)} against ${fmt(r.pull.plain.docsPerSecond)} docs/s)`,
			() => 1 / r.pull.ratio >= TARGET_PULL_SHARE
		),
		row(
			`push of ${fmt(OFFLINE_EDITS)} offline edits until on the endpoint, app / plain _bulk_docs`,
			`≤ ${fmt(TARGET_PUSH_RATIO, 1)}×`,
			r,
			() =>
				`${fmt(r.push.ratio, 1)}× (${fmt(r.push.app.ms / 1000, 2)} against ${fmt(r.push.plain.ms / 1000, 2)} s)`,
			() => r.push.ratio <= TARGET_PUSH_RATIO
		),
		row(
			'JavaScript on the first visit (gzip)',
			`≤ ${TARGET_FIRST_VISIT_JS_GZIP_KB} KB`,
			js,
			() => kb(js.gzip),
			() => js.pass
		)
	].map((target) => ({ ...target, issue: true }));
	const earlier = [
		row(
			'customers$ filter + search p95',
			`≤ ${TARGET_QUERY_P95_MS} ms`,
			queries,
			() => `${fmt(queries.p95, 1)} ms`,
			() => queries.pass
		),
		row(
			'Renewals page filter p95 (30,000 subscriptions)',
			`≤ ${TARGET_RENEWAL_FILTER_P95_MS} ms`,
			renewals,
			() => `${fmt(renewals.p95, 2)} ms`,
			() => renewals.pass
		),
		row(
			'/dev/bench JS not loaded on the first visit',
			'not loaded',
			js,
			() => (js.benchPageLoaded ? 'loaded' : 'not loaded'),
			() => !js.benchPageLoaded
		),
		row(
			'customer list rows in the DOM',
			`≤ ${MAX_ROWS_IN_DOM} of ${fmt(CUSTOMERS)}`,
			fp,
			() => String(fp.rowsInDom),
			() => fp.pass
		)
	].map((target) => ({ ...target, issue: false }));
	return [...issue, ...earlier];
}

/** @param {any} report */
function printReport(report) {
	const { machine: m, insert, firstPaint, queries, firstVisitJs } = report;
	const lines = [];
	lines.push('');
	lines.push(`CSP Field benchmark — ${report.date} (${fmt(report.seconds)} s)`);
	lines.push(
		`Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB RAM, ${m.os}, load average ${m.loadAverage} at start; Node ${m.node}; Chromium ${m.chromium}`
	);
	lines.push(
		`Packages: ${Object.entries(m.packages)
			.map(([name, version]) => `${name} ${version}`)
			.join(', ')}`
	);
	lines.push('');
	lines.push(
		`1. Bulk insert: ${fmt(CUSTOMERS)} customers + ${fmt(CUSTOMERS * SUBSCRIPTIONS_PER_CUSTOMER)} subscriptions`
	);
	if (insert.error) lines.push(`   ERROR ${insert.error}`);
	else {
		/** @param {string} label @param {any} t */
		const row = (label, t) =>
			`   ${label.padEnd(30)} customers ${fmt(t.customersMs).padStart(7)} ms, subscriptions ${fmt(t.subscriptionsMs).padStart(7)} ms, total ${fmt(t.totalMs).padStart(7)} ms (${fmt(((t.customers + t.subscriptions) / t.totalMs) * 1000)} docs/s)`;
		lines.push(row('App (RxDB on Dexie, bulkInsert)', insert.app));
		lines.push(row('Plain Dexie bulkPut', insert.rawDexie));
		lines.push(`   Ratio app / plain Dexie: ${fmt(insert.ratio, 1)}×`);
		lines.push(
			`   In the app's database afterwards: ${Object.entries(insert.counts)
				.map(([name, count]) => `${fmt(count)} ${name}`)
				.join(', ')}`
		);
	}
	lines.push('');
	lines.push(`2. Customer list first paint (fresh page at /customers)`);
	if (firstPaint.error) lines.push(`   ERROR ${firstPaint.error}`);
	else {
		lines.push(
			`   First row painted ${fmt(firstPaint.firstVisitMs)} ms after navigation start (first load; runs ${firstPaint.runs
				.map((/** @type {any} */ r) => fmt(r.firstRowPaintedMs))
				.join(' / ')} ms, median ${fmt(firstPaint.medianMs)} ms)`
		);
		lines.push('   Where the time to the first row went (ms after navigation start, per run):');
		const phaseNames = [
			...new Set(firstPaint.runs.flatMap((/** @type {any} */ r) => Object.keys(r.phases ?? {})))
		].sort(
			(a, b) =>
				(firstPaint.runs[0].phases?.[a] ?? Infinity) - (firstPaint.runs[0].phases?.[b] ?? Infinity)
		);
		for (const name of phaseNames) {
			const values = firstPaint.runs.map((/** @type {any} */ r) => r.phases?.[name]);
			lines.push(
				`     ${name.padEnd(26)} ${values.map((/** @type {number | undefined} */ v) => (v === undefined ? '-' : fmt(v)).padStart(6)).join(' ')}   median ${fmt(median(values.filter((/** @type {any} */ v) => v !== undefined)))}`
			);
		}
		const fcp = firstPaint.runs[0].firstContentfulPaintMs;
		lines.push(
			`   First row in the DOM at ${fmt(firstPaint.runs[0].firstRowInsertedMs)} ms; first contentful paint ${fcp === null ? 'n/a' : `${fmt(fcp)} ms`}; list "${firstPaint.listLabel ?? '?'}"${firstPaint.runs[0].labelledList ? '' : ' (not labelled "Customers": first list row in main used)'}`
		);
		if (firstPaint.jsHeapMb !== null) {
			lines.push(`   JS heap of the page with the list loaded: ${fmt(firstPaint.jsHeapMb, 1)} MB`);
		}
		const ff = firstPaint.firstFilter;
		lines.push(
			`   First search on a fresh page, typed when the first row showed ("${ff.needle}", ${ff.rows} rows): shown ${fmt(ff.afterPauseMs)} ms after the ${SEARCH_PAUSE_MS} ms typing pause (${fmt(ff.paintedMs - ff.typedAtMs)} ms after the keystroke)`
		);
		lines.push(
			`   Rows in the DOM: ${fmt(firstPaint.rowsInDom)} of ${firstPaint.itemsInList === null ? '?' : fmt(firstPaint.itemsInList)} items   target ≤ ${MAX_ROWS_IN_DOM} (only rows in view): ${verdict(firstPaint.pass)}`
		);
	}
	lines.push('');
	lines.push(`3. Filter by reseller + name search (${QUERIES} queries through customers$)`);
	if (queries.error) lines.push(`   ERROR ${queries.error}`);
	else {
		lines.push(
			`   p50 ${fmt(queries.p50, 1)} ms, p95 ${fmt(queries.p95, 1)} ms, max ${fmt(queries.max, 1)} ms, mean ${fmt(queries.mean, 1)} ms (first query, cold, ${fmt(queries.first, 1)} ms; ${fmt(queries.meanRows)} rows on average)   target p95 ≤ ${TARGET_QUERY_P95_MS} ms: ${verdict(queries.pass)}`
		);
		lines.push(
			`   Floor to compare with, the same searches as a plain Array.filter of the reseller's loaded customers: p50 ${fmt(queries.inMemory.p50, 2)} ms, p95 ${fmt(queries.inMemory.p95, 2)} ms, max ${fmt(queries.inMemory.max, 2)} ms`
		);
		lines.push(
			`   Slowest: ${queries.slowest
				.map(
					(/** @type {any} */ q) =>
						`${q.resellerId || '(no reseller)'} "${q.search}" ${fmt(q.ms, 1)} ms/${q.rows} rows`
				)
				.join('; ')}`
		);
	}
	lines.push('');
	lines.push(`4. JavaScript on the first visit of / (fresh profile, each file gzip -9)`);
	if (firstVisitJs.error) lines.push(`   ERROR ${firstVisitJs.error}`);
	else {
		lines.push(
			`   ${kb(firstVisitJs.gzip)} gzip (${kb(firstVisitJs.raw)} raw) in ${firstVisitJs.count} files, landed on ${firstVisitJs.landedOn}   target ≤ ${TARGET_FIRST_VISIT_JS_GZIP_KB} KB: ${verdict(firstVisitJs.pass)}`
		);
		lines.push('   Biggest files:');
		for (const file of firstVisitJs.files.slice(0, 8)) {
			lines.push(
				`     ${kb(file.gzip).padStart(9)} gzip ${kb(file.raw).padStart(9)} raw  ${file.url}${file.libraries.length ? `  [${file.libraries.join(', ')}]` : ''}`
			);
		}
		const all = firstVisitJs.allBuiltJs;
		lines.push(
			`   All JS the build emits (precached by the service worker): ${kb(all.gzip)} gzip (${kb(all.raw)} raw) in ${all.count} files`
		);
	}
	lines.push('');
	lines.push('5. Replication against the embedded endpoint (loopback)');
	const { replication: r } = report;
	if (!r || r.error) lines.push(`   ERROR ${r ? r.error : 'not run'}`);
	else {
		lines.push(
			`   ${r.endpoint}; user ${r.user}; ${fmt(r.seed.documents)} customers seeded as the server admin in ${fmt(r.seed.ms)} ms`
		);
		lines.push(
			`   Initial pull of ${fmt(r.pull.app.documents)} customers, app (replicateCouchDB into RxDB on Dexie, 5 collections live): ${fmt(r.pull.app.ms / 1000, 1)} s, ${fmt(r.pull.app.docsPerSecond)} docs/s`
		);
		lines.push(
			`   Plain _changes?include_docs (batches of ${PULL_BATCH}, ${r.pull.plain.requests} requests) into plain Dexie:  ${fmt(r.pull.plain.ms / 1000, 1)} s, ${fmt(r.pull.plain.docsPerSecond)} docs/s`
		);
		if (r.pull.app.stall) {
			const st = r.pull.app.stall;
			lines.push(
				`   NOTE the app's first sync stopped after ${fmt(st.ms / 1000, 1)} s with ${fmt(st.totalCustomers)} customers locally while saying "${st.syncStatus?.state}" (RxDB ended its initial pull early); the figure above is the restart (page reload) that fetched the remaining ${fmt(r.pull.app.totalCustomers - r.pull.app.startCustomers)}`
			);
		}
		lines.push(`   Ratio app / plain: ${fmt(r.pull.ratio, 1)}×`);
		lines.push(
			`   Push of ${fmt(r.push.edits.edited)} customers edited offline (incrementalPatch, ${fmt(r.push.edits.ms / 1000, 1)} s to edit): on the endpoint ${fmt(r.push.app.ms / 1000, 2)} s after going online`
		);
		lines.push(
			`   Plain _bulk_docs POST of the same ${fmt(r.push.plain.documents)} customers edited again (with their _rev): ${fmt(r.push.plain.ms / 1000, 2)} s`
		);
		lines.push(`   Ratio app / plain: ${fmt(r.push.ratio, 1)}×`);
		const g = r.gateway;
		lines.push(
			`   Gateway overhead, ${g.rounds} round trips (after ${g.warmUp} warm-up rounds) of one new customer _bulk_docs + _changes as ${r.user}: through the gateway median ${fmt(g.gateway.median, 1)} ms (p95 ${fmt(g.gateway.p95, 1)}), straight to the endpoint ${fmt(g.endpoint.median, 1)} ms (p95 ${fmt(g.endpoint.p95, 1)}); ratio of medians ${fmt(g.ratio, 2)}×, median of paired ratios ${fmt(g.pairedRatio, 2)}×, +${fmt(g.addedMs, 1)} ms; load average ${g.load.before.map((/** @type {number} */ v) => fmt(v, 1)).join(' ')} before, ${g.load.after.map((/** @type {number} */ v) => fmt(v, 1)).join(' ')} after (${g.load.cores} cores)`
		);
	}
	lines.push('');
	lines.push(`6. Renewals page (${QUERIES} filters of 30 / 60 / 90 days, reseller, customer)`);
	const rn = report.renewals;
	if (!rn || rn.error) lines.push(`   ERROR ${rn ? rn.error : 'not run'}`);
	else {
		lines.push(
			`   Read model from the database: ${fmt(rn.buildMs)} ms for ${fmt(rn.subscriptions)} subscriptions, ${fmt(rn.rows)} renewals within 90 days; all terms rolled again from memory ${fmt(rn.recomputeMs)} ms`
		);
		lines.push(
			`   Incremental: one record changed ${fmt(rn.changeMs, 1)} ms, a clock tick ${fmt(rn.tickMs, 1)} ms; a write to the next list through the live query ${fmt(rn.liveChangeMs)} ms`
		);
		lines.push(
			`   Filter p50 ${fmt(rn.p50, 2)} ms, p95 ${fmt(rn.p95, 2)} ms, max ${fmt(rn.max, 2)} ms (${fmt(rn.meanRows)} rows on average)   target p95 ≤ ${TARGET_RENEWAL_FILTER_P95_MS} ms: ${verdict(rn.pass)}`
		);
	}
	lines.push('');
	/** @param {any[]} targets */
	const printTargets = (targets) => {
		for (const target of targets) {
			lines.push(
				`   ${target.result.padEnd(5)} ${target.name}: ${target.value} (target ${target.target})`
			);
		}
	};
	lines.push("Issue 16's table:");
	printTargets(report.targets.filter((/** @type {any} */ target) => target.issue));
	lines.push('Other targets:');
	printTargets(report.targets.filter((/** @type {any} */ target) => !target.issue));
	if (report.failures.length) {
		lines.push('');
		lines.push(`Not measured: ${report.failures.join('; ')}`);
	}
	lines.push('');
	lines.push(`Written to ${relative(process.cwd(), RESULTS) || RESULTS}`);
	console.log(lines.join('\n'));
}

async function main() {
	if (!existsSync(join(BUILD, 'index.html'))) {
		throw new Error(
			'build/index.html does not exist: run `npm run build` first (npm run bench does).'
		);
	}
	const began = Date.now();
	const report = /** @type {any} */ ({ date: new Date().toISOString(), machine: machine() });
	/** @type {string[]} */
	const failures = [];
	const { server, port } = await listen();
	const origin = `http://${HOST}:${port}`;
	const userDataDir = await mkdtemp(join(os.tmpdir(), 'csp-field-bench-'));
	console.log(`Benchmark: ${origin}, profile ${userDataDir}`);
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: chromiumPath,
		args: chromiumArgs,
		headless: true,
		viewport: { width: 1280, height: 800 },
		hasTouch: true,
		serviceWorkers: 'allow'
	});
	try {
		report.machine.chromium = context.browser()?.version() ?? 'unknown';
		context.on('page', (opened) =>
			opened.on('pageerror', (error) => console.warn(`  page error: ${error.message}`))
		);
		const page = context.pages()[0] ?? (await context.newPage());
		page.on('pageerror', (error) => console.warn(`  page error: ${error.message}`));
		if (report.machine.chromium === 'unknown') {
			const agent = await page.evaluate(() => navigator.userAgent);
			report.machine.chromium = /Chrome\/([\d.]+)/.exec(agent)?.[1] ?? agent;
		}

		// BENCH_ONLY=replication runs section 5 alone (for working on it).
		if (process.env.BENCH_ONLY === 'renewals') {
			const skipped = { error: 'skipped (BENCH_ONLY=renewals)' };
			report.firstVisitJs = report.queries = report.firstPaint = skipped;
			await page.goto(origin);
			report.serviceWorkerReady = await waitForServiceWorker(page).catch(() => false);
			console.log(
				`1. Inserting ${fmt(CUSTOMERS)} customers and ${fmt(CUSTOMERS * SUBSCRIPTIONS_PER_CUSTOMER)} subscriptions …`
			);
			report.insert = await section(
				'bulk insert',
				async () => {
					await openBenchPage(page, origin);
					return measureInsert(page);
				},
				failures
			);
			console.log('6. Renewals page …');
			report.renewals = report.insert.error
				? { error: 'skipped: no data (the insert failed)' }
				: await section('renewals', () => measureRenewals(page), failures);
		} else if (process.env.BENCH_ONLY === 'replication') {
			const skipped = { error: 'skipped (BENCH_ONLY=replication)' };
			report.firstVisitJs = report.insert = report.queries = report.firstPaint = skipped;
		} else if (process.env.BENCH_ONLY === 'first-paint') {
			report.firstVisitJs = { error: 'skipped (BENCH_ONLY=first-paint)' };
			await page.goto(origin);
		} else {
			console.log('4. First visit of / …');
			report.firstVisitJs = await section(
				'first-visit JS',
				() => measureFirstVisitJs(page, origin),
				failures
			);
		}
		// BENCH_ONLY=first-visit measures section 4 alone (for watching the JS budget).
		if (process.env.BENCH_ONLY === 'first-visit') {
			const skipped = { error: 'skipped (BENCH_ONLY=first-visit)' };
			report.insert = report.queries = report.firstPaint = skipped;
		} else if (process.env.BENCH_ONLY !== 'replication' && process.env.BENCH_ONLY !== 'renewals') {
			// The service worker precaches the whole app after the first visit: let it finish, so that
			// it does not compete with the measurements for the two cores.
			report.serviceWorkerReady = await waitForServiceWorker(page).catch(() => false);

			console.log(
				`1. Inserting ${fmt(CUSTOMERS)} customers and ${fmt(CUSTOMERS * SUBSCRIPTIONS_PER_CUSTOMER)} subscriptions …`
			);
			report.insert = await section(
				'bulk insert',
				async () => {
					await openBenchPage(page, origin);
					return measureInsert(page);
				},
				failures
			);

			const onlyFirstPaint = process.env.BENCH_ONLY === 'first-paint';
			if (onlyFirstPaint) {
				report.queries = report.renewals = { error: 'skipped (BENCH_ONLY=first-paint)' };
			}
			if (!onlyFirstPaint) console.log(`3. Running ${QUERIES} customer queries …`);
			report.queries ??= report.insert.error
				? { error: 'skipped: no data (the insert failed)' }
				: await section('queries', () => measureQueries(page), failures);

			if (!onlyFirstPaint) console.log('6. Renewals page …');
			report.renewals ??= report.insert.error
				? { error: 'skipped: no data (the insert failed)' }
				: await section('renewals', () => measureRenewals(page), failures);

			console.log('2. Customer list first paint …');
			report.firstPaint = report.insert.error
				? { error: 'skipped: no data (the insert failed)' }
				: await section('first paint', () => measureFirstPaint(context, page, origin), failures);
		}
	} finally {
		await context.close().catch(() => undefined);
		server.close();
		server.closeAllConnections();
		await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
	}

	report.renewals ??= { error: `skipped (BENCH_ONLY=${process.env.BENCH_ONLY})` };
	if (['first-visit', 'renewals', 'first-paint'].includes(process.env.BENCH_ONLY ?? '')) {
		report.replication = { error: `skipped (BENCH_ONLY=${process.env.BENCH_ONLY})` };
	} else {
		console.log('5. Replication against the embedded endpoint …');
		report.replication = await section('replication', () => measureReplication(), failures);
	}

	report.targets = targetRows(report);
	report.failures = failures;
	report.seconds = (Date.now() - began) / 1000;
	await mkdir(dirname(RESULTS), { recursive: true });
	await writeFile(RESULTS, `${JSON.stringify(report, null, '\t')}\n`);
	printReport(report);
	return failures.length === 0 ? 0 : 1;
}

main()
	.then((code) => process.exit(code))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
