import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.js', 'server/**/*.test.js'],
		environment: 'node',
		expect: { requireAssertions: true },
		testTimeout: 20_000,
		// On one shared Apache CouchDB (TEST_COUCH_URL, server/test-couch.js) each file empties
		// the server first: one file at a time.
		fileParallelism: !process.env.TEST_COUCH_URL
	}
});
