import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { routesWithTestHooks } from './scripts/test-hooks-routes.js';

// The test and benchmark builds (CSP_FIELD_TEST_HOOKS=1: npm run test:e2e, npm run bench) add
// the pages under src/test-hooks/routes; the production build (npm start, npm run build) has
// none of them, nor the modules only they import.
const routes = process.env.CSP_FIELD_TEST_HOOKS === '1' ? routesWithTestHooks() : 'src/routes';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: 'index.html', strict: false }),
		files: { routes },
		serviceWorker: { register: false },
		// The page's Content-Security-Policy, a <meta> in index.html with the hash of SvelteKit's
		// inline start script (no other inline script runs). Styles stay 'unsafe-inline': Svelte
		// writes style attributes and transition keyframes. The server adds the header-only
		// parts (frame-ancestors 'none'; scripts/serve.js).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		version: { name: (process.env.CSP_FIELD_VERSION ??= Date.now().toString(36)) }
	},
	compilerOptions: { runes: true },
	// Libraries keep the mode they were written in (@testing-library/svelte ships a legacy
	// component for Svelte 4).
	vitePlugin: {
		dynamicCompileOptions: ({ filename }) =>
			filename.split(/[/\\]/).includes('node_modules') ? { runes: undefined } : undefined
	}
};

export default config;
