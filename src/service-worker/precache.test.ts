import { describe, expect, it } from 'vitest';
import { databasePathPattern, isDatabasePath, precacheEntries, shellUrl } from './precache';

describe('precacheEntries', () => {
	const build = ['/_app/immutable/entry/start.C943d8y4.js', '/_app/immutable/assets/0.Bx1.css'];
	const files = ['/manifest.webmanifest', '/icons/icon-192.png', '/robots.txt'];

	it('revisions hashed files by name and everything else by the build version', () => {
		expect(precacheEntries({ build, files, version: 'v42', base: '' })).toEqual([
			{ url: '/_app/immutable/entry/start.C943d8y4.js', revision: null },
			{ url: '/_app/immutable/assets/0.Bx1.css', revision: null },
			{ url: '/manifest.webmanifest', revision: 'v42' },
			{ url: '/icons/icon-192.png', revision: 'v42' },
			{ url: '/robots.txt', revision: 'v42' },
			{ url: '/index.html', revision: 'v42' }
		]);
	});

	it('always includes the SPA shell, once, under the base path', () => {
		const entries = precacheEntries({
			build: [],
			files: ['/app/index.html'],
			version: '1',
			base: '/app'
		});
		expect(entries).toEqual([{ url: '/app/index.html', revision: '1' }]);
		expect(shellUrl('/app')).toBe('/app/index.html');
	});
});

describe('database paths', () => {
	it('matches /db and everything under /db/', () => {
		expect(isDatabasePath('/db', '')).toBe(true);
		expect(isDatabasePath('/db/', '')).toBe(true);
		expect(isDatabasePath('/db/csp-field/_changes', '')).toBe(true);
		expect(isDatabasePath('/app/db/x', '/app')).toBe(true);
	});

	it('does not match app routes that merely start with "db"', () => {
		expect(isDatabasePath('/dbx', '')).toBe(false);
		expect(isDatabasePath('/customers/db', '')).toBe(false);
		expect(isDatabasePath('/db/x', '/app')).toBe(false);
		expect(databasePathPattern('/a.b').test('/aXb/db')).toBe(false);
	});
});
