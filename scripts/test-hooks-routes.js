// The routes of the test and benchmark builds: every entry of src/routes, linked, plus the
// pages of src/test-hooks/routes, in a folder SvelteKit reads instead of src/routes
// (kit.files.routes). Links, not copies: Vite resolves them to the real files, so relative
// imports and source maps stay those of src/.
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const APP_ROUTES = join(ROOT, 'src/routes');
const TEST_HOOK_ROUTES = join(ROOT, 'src/test-hooks/routes');

/**
 * Builds the merged routes folder and returns its path relative to the project.
 * @param {string} [target] where to build it (default .svelte-kit/routes-with-test-hooks)
 * @returns {string}
 */
export function routesWithTestHooks(target = join(ROOT, '.svelte-kit/routes-with-test-hooks')) {
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	const appEntries = new Set(readdirSync(APP_ROUTES));
	for (const name of appEntries) symlinkSync(join(APP_ROUTES, name), join(target, name));
	for (const name of readdirSync(TEST_HOOK_ROUTES)) {
		if (appEntries.has(name)) {
			throw new Error(`src/test-hooks/routes/${name} would hide src/routes/${name}`);
		}
		symlinkSync(join(TEST_HOOK_ROUTES, name), join(target, name));
	}
	return relative(ROOT, target);
}
