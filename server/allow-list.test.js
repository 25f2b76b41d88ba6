// The allow-list against the exact requests the app makes (src/lib/sync/session.ts,
// replication.ts, couch-fetch.ts, long-poll-gate.ts and RxDB's replication-couchdb plugin, which
// builds its URLs as below) and against what must stay refused.
import { describe, expect, it } from 'vitest';
import { LIMITS, checkDocument, classify, isRefusal, pathSegments } from './allow-list.js';

const member = { name: 'demo-sales-agent', roles: ['org:demo', 'role:sales-agent'] };
const nobody = { name: null, roles: [] };

/**
 * @param {string} method
 * @param {string} url below /db, with the query
 * @param {{ name: string | null, roles: string[] }} [identity]
 */
function decide(method, url, identity = member) {
	const [rawPath, query = ''] = url.split('?');
	return classify({ method, rawPath, search: query ? `?${query}` : '', identity });
}

describe('the requests the app makes', () => {
	// RxDB's replication-couchdb: mergeUrlQueryParams of its pull, push and live pull.
	const rxdbPull =
		'/csp-demo-customers/_changes?style=all_docs&feed=normal&include_docs=true&since=0&heartbeat=60000&limit=100&seq_interval=100';
	const rxdbLive =
		'/csp-demo-customers/_changes?style=all_docs&feed=longpoll&since=now&include_docs=true&heartbeat=60000&limit=100&seq_interval=100';
	const cases = [
		['GET', '/_session', 'session'],
		['POST', '/_session', 'sign-in'],
		['DELETE', '/_session', 'sign-out'],
		['GET', `/_users/${encodeURIComponent('org.couchdb.user:demo-sales-agent')}`, 'own-user'],
		['GET', '/csp-demo-members/organisation', 'members-document'],
		['GET', '/csp-demo-customers/', 'db-info'],
		['GET', rxdbPull, 'changes'],
		['GET', rxdbLive, 'changes'],
		// The long-poll gate's normal feed (heartbeat dropped) and CouchDB's timeout.
		[
			'GET',
			'/csp-demo-customers/_changes?style=all_docs&feed=normal&since=12&include_docs=true&limit=100&seq_interval=100',
			'changes'
		],
		[
			'GET',
			'/csp-demo-customers/_changes?style=all_docs&feed=longpoll&since=now&include_docs=true&limit=100&seq_interval=100&timeout=25000',
			'changes'
		],
		// The push pre-check, and the conflicts read after a push.
		['POST', '/csp-demo-customers/_all_docs?', 'all-docs-keys'],
		[
			'GET',
			`/csp-demo-customers/_all_docs?include_docs=true&keys=${encodeURIComponent('["c1","c2"]')}`,
			'all-docs'
		],
		['GET', `/csp-demo-customers/_all_docs?include_docs=true&keys=["c1","c2"]`, 'all-docs'],
		['POST', '/csp-demo-customers/_bulk_docs?', 'bulk-docs'],
		['POST', '/csp-demo-customers/_bulk_get?revs=true&latest=true', 'bulk-get'],
		['POST', '/csp-demo-customers/_revs_diff', 'revs-diff'],
		['GET', '/csp-demo-customers/_local/abc123', 'checkpoint'],
		['PUT', '/csp-demo-customers/_local/abc123', 'checkpoint-put'],
		['GET', '/csp-demo-customers/c1', 'document'],
		['PUT', '/csp-demo-customers/c1', 'document-put']
	];
	for (const [method, url, kind] of cases) {
		it(`${method} ${url}`, () => {
			const decision = decide(method, url);
			expect(isRefusal(decision) ? decision : decision.kind).toBe(kind);
		});
	}

	it('forwards exactly the checked query string', () => {
		const decision = decide('GET', '/csp-demo-customers/_changes?since=0&limit=5');
		expect(isRefusal(decision)).toBe(false);
		if (!isRefusal(decision)) {
			expect(decision.path).toBe('/csp-demo-customers/_changes');
			expect(decision.query).toBe('?since=0&limit=5');
		}
	});

	it('takes the documents RxDB pushes, deleted ones included', () => {
		expect(checkDocument({ _id: 'c1', companyName: 'A', _deleted: false })).toBeNull();
		expect(
			checkDocument({ _id: 'c1', _rev: '3-0123456789abcdef0123456789abcdef', _deleted: true })
		).toBeNull();
	});
});

describe('what stays refused', () => {
	const refused = [
		['PUT', '/csp-demo-settings/_security', nobody, 401],
		['PUT', '/csp-demo-settings/_security', member, 403],
		['PUT', '/csp-demo-settings/_local/_security', member, 403],
		['GET', '/csp-demo-settings/_local/_security', member, 403],
		['PUT', '/csp-demo-settings/_local%2F_security', member, 400],
		['PUT', '/csp-demo-settings/_design/csp', member, 403],
		['GET', '/csp-demo-settings/_design/csp', member, 403],
		['PUT', '/csp-demo-settings/_design%2Fcsp', member, 400],
		['POST', '/csp-demo-customers/_find', member, 403],
		['POST', '/csp-demo-customers/_index', member, 403],
		['POST', '/_replicate', member, 403],
		['GET', '/_config', member, 403],
		['GET', '/_all_dbs', member, 403],
		['GET', '/', member, 403],
		['PUT', '/csp-demo-customers', member, 403],
		['DELETE', '/csp-demo-customers/', member, 403],
		['DELETE', '/csp-demo-customers/c1', member, 403],
		['COPY', '/csp-demo-customers/c1', member, 405],
		['PUT', '/csp-demo-customers/c1/page.html', member, 403],
		['GET', '/csp-demo-customers/c1/page.html', member, 403],
		['GET', '/csp-demo-customers/c1?attachments=true', member, 400],
		['GET', '/csp-demo-customers/_changes?feed=continuous', member, 400],
		['GET', '/csp-demo-customers/_changes?filter=_view&view=x', member, 400],
		['POST', '/_session?next=https://evil.example/', nobody, 400],
		['PUT', '/_session', nobody, 405],
		['PUT', '/favicon.ico', nobody, 401],
		['GET', '/csp-demo-reseller-customers/', member, 403],
		['GET', '/csp-demo-customers/', nobody, 401],
		['GET', '/csp-nobody-customers/', nobody, 401],
		['PUT', '/csp-demo-members/member%3Ademo-sales-agent', member, 403],
		['GET', '/csp-demo-members/_all_docs', member, 403],
		['GET', `/_users/${encodeURIComponent('org.couchdb.user:demo-global-admin')}`, member, 403],
		['PUT', `/_users/${encodeURIComponent('org.couchdb.user:demo-sales-agent')}`, member, 405],
		['GET', '/csp-demo-customers/../_config', member, 400],
		['GET', '/csp-demo-customers/%zz', member, 400]
	];
	for (const [method, url, identity, status] of refused) {
		it(`${method} ${url} as ${/** @type {any} */ (identity).name ?? 'nobody'} → ${status}`, () => {
			const decision = decide(
				/** @type {string} */ (method),
				/** @type {string} */ (url),
				/** @type {any} */ (identity)
			);
			expect(isRefusal(decision) ? decision.status : decision.kind).toBe(status);
			if (isRefusal(decision)) expect(decision.reason.length).toBeGreaterThan(5);
		});
	}

	it('refuses documents with attachments, reserved ids or above the per-document maximum', () => {
		expect(checkDocument({ _id: 'c1', _attachments: {} })?.status).toBe(403);
		expect(
			checkDocument({ _id: '_design/csp', validate_doc_update: 'function () {}' })?.status
		).toBe(403);
		expect(checkDocument({ _id: '_local/_security' })?.status).toBe(403);
		expect(checkDocument({ _id: 'c1', _conflicts: [] })?.status).toBe(400);
		expect(checkDocument({ _id: 'c1', notes: 'x'.repeat(LIMITS.documentBytes) })?.status).toBe(413);
		expect(checkDocument({ _id: 'c1' }, 'c2')?.status).toBe(400);
	});

	it('splits paths without ambiguity', () => {
		expect(pathSegments('/a/b/')).toEqual(['a', 'b']);
		expect(pathSegments('/a%3Ab')).toEqual(['a:b']);
		for (const path of ['/a//b', '/a/%2F', '/a/..', '/a/%2e%2e', '/a/%00', '/%']) {
			expect(Array.isArray(pathSegments(path)), path).toBe(false);
		}
	});
});
