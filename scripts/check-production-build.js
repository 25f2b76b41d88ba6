// `npm run test:build`: the production build (build/, made by `npm run build` without
// CSP_FIELD_TEST_HOOKS) holds none of the test and benchmark pages and none of the modules
// only they import, so no device downloads or precaches them.
//
// Each marker is a name the test hooks put on the page; the check first finds it in the hooks'
// own source (so a renamed hook cannot make the check pass by accident), then in no built file.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, 'build');

const MARKERS = [
	{ marker: 'cspSyncOps', source: 'src/lib/dev/sync-ops-api.ts' },
	{ marker: 'data-sync-ops-ready', source: 'src/test-hooks/routes/dev/sync-ops/+page.svelte' },
	{ marker: 'cspBench', source: 'src/lib/bench/api.ts' },
	{ marker: 'data-bench-ready', source: 'src/test-hooks/routes/dev/bench/+page.svelte' }
];

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

const problems = [];
for (const { marker, source } of MARKERS) {
	if (!readFileSync(join(ROOT, source), 'utf8').includes(marker)) {
		problems.push(`${source} no longer contains "${marker}": update this check`);
	}
}
const built = filesUnder(BUILD).filter((file) => /\.(js|html|json|webmanifest)$/.test(file));
if (!built.some((file) => file.endsWith('service-worker.js'))) {
	problems.push('build/ has no service-worker.js: run `npm run build` first');
}
for (const file of built) {
	const text = readFileSync(file, 'utf8');
	for (const { marker } of MARKERS) {
		if (text.includes(marker)) problems.push(`${relative(ROOT, file)} contains "${marker}"`);
	}
}

if (problems.length > 0) {
	console.error('The production build contains test hooks:');
	for (const problem of problems) console.error(`  ${problem}`);
	process.exit(1);
}
console.log(
	`Production build: ${built.length} files checked, no test or benchmark hook (${MARKERS.map((m) => m.marker).join(', ')}).`
);
