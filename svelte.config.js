import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: 'index.html', strict: false }),
		serviceWorker: { register: false },
		version: { name: (process.env.CSP_FIELD_VERSION ??= Date.now().toString(36)) }
	},
	compilerOptions: { runes: true }
};

export default config;
