import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';
import { layersPlugin } from './scripts/eslint-layers.js';

/**
 * The layers of src/ (see README, Layout): what each may import. `domain` is at the bottom;
 * `db` builds on it, `sync` beside `services` on `db`; `app` and `routes` on top. `may` lists the
 * layers a layer may import, its own included; a package in `packages` is refused; a module in
 * `privateModules` is refused though its layer is allowed. Tests (*.test.ts) are left out: they
 * may reach across. scripts/eslint-layers.test.js lints a fixture for every forbidden edge.
 */
const PURE = ['svelte', 'rxdb', 'rxjs', 'dexie', 'i18next', '$app', '$service-worker'];
const NO_UI = ['svelte', 'i18next', '$app'];
const writeHelpers = {
	module: 'services/changes',
	why: "the services' write helpers; the merge of a form is domain/shared/merge, the clock domain/shared/dates"
};
const layers = {
	domain: {
		may: ['domain'],
		packages: PURE,
		why: 'the domain is pure TypeScript (zod and its own modules): no UI, no database, no i18n runtime'
	},
	db: {
		may: ['domain', 'db'],
		packages: ['svelte', 'i18next'],
		why: 'the database knows the domain, nothing above it'
	},
	sync: {
		may: ['domain', 'db', 'sync'],
		packages: NO_UI,
		why: 'sync moves data and reports its state: it knows no screens, services or demo data (the app passes in what it needs)'
	},
	services: {
		may: ['domain', 'db', 'services'],
		packages: NO_UI,
		why: 'services validate and write through the database; they know no screens, sync or translations'
	},
	i18n: {
		may: ['domain', 'i18n'],
		why: 'the translations know the domain (its texts), nothing of the app'
	},
	ui: {
		may: ['ui', 'i18n'],
		why: 'generic components: no app, services or data imports'
	},
	pwa: { may: ['pwa'], why: 'the service worker registration stands alone' },
	app: {
		may: ['domain', 'db', 'sync', 'services', 'i18n', 'ui', 'pwa', 'app'],
		privateModules: [writeHelpers],
		why: 'the browser wiring'
	},
	bench: {
		may: ['domain', 'db', 'services', 'app', 'bench'],
		why: 'the benchmark is a developer tool of the app'
	},
	dev: { may: ['domain', 'services', 'app', 'dev'], why: 'developer tools of the app' },
	routes: {
		may: ['domain', 'services', 'i18n', 'ui', 'app', 'pwa', 'bench', 'dev', 'routes'],
		privateModules: [writeHelpers],
		why: 'pages use the app (app/account.ts for the session and sync), the services and the domain, not the database or sync'
	},
	'service-worker': {
		may: ['domain', 'db', 'sync', 'service-worker'],
		packages: NO_UI,
		why: 'the service worker bundles only what background sync needs: sync, the database, the domain'
	}
};

/** @param {string} layer */
const folderOf = (layer) =>
	layer === 'routes' || layer === 'service-worker' ? `src/${layer}` : `src/lib/${layer}`;

export const layerConfigs = Object.entries(layers).map(([layer, options]) => ({
	files: [`${folderOf(layer)}/**/*.{ts,js,svelte}`],
	ignores: ['**/*.test.ts', '**/*.test.js'],
	plugins: { layers: layersPlugin },
	rules: { 'layers/imports': ['error', { layer, ...options }] }
}));

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'data/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	...layerConfigs
);
