// The demo's relationships (server/relationships/demo.js) as `npm start` makes them: the demo
// provider and the demo reseller have a removed partnership and a pending request whose link
// startApp returns (and `npm start` prints); the demo provider and Fabrikam Reseller Kft. an
// active one; reseller-global-admin accepts through the link; a restart on the same data
// changes nothing and reports the request as answered.
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, signIn, startTestApp } from '../security-helpers.js';
import { createCouchClient } from '../setup.js';
import { startAppUnderTest } from '../test-couch.js';
import { DEMO_FABRIKAM_CUSTOMERS, DEMO_PARTNERSHIP_IDS } from './demo.js';
import { STATE_DB } from './store.js';

/** @type {Awaited<ReturnType<typeof startTestApp>>} */
let t;
/** @type {Awaited<ReturnType<typeof startAppUnderTest>> | null} */
let restarted = null;
/** The server admin's client (again after the restart: the endpoint's port may change). */
let admin = /** @type {import('../couch-client.js').CouchClient} */ (/** @type {unknown} */ (null));

beforeAll(async () => {
	t = await startTestApp({ demoRelationships: true });
	admin = t.admin;
}, 120_000);

afterAll(async () => {
	if (restarted) {
		await restarted.close();
		await rm(t.dir, { recursive: true, force: true, maxRetries: 3 });
	} else await t?.close();
});

/** @param {string} db */
async function docsOf(db) {
	const reply = await admin.request('GET', `${db}/_all_docs?include_docs=true`);
	expect(reply.status).toBe(200);
	return /** @type {any[]} */ (reply.body.rows)
		.map((row) => row.doc)
		.filter((doc) => !doc._id.startsWith('_design/'));
}

/** @param {string} db @param {string} id */
async function docOf(db, id) {
	return (await docsOf(db)).find((doc) => doc._id === id);
}

/** Every revision of the databases the demo and the service write. */
async function revisions() {
	/** @type {Record<string, string>} */
	const revs = {};
	for (const org of ['demo', 'demo-reseller', 'demo-other']) {
		for (const collection of ['partners', 'partnerships', 'activity']) {
			const db = `csp-${org}-${collection}`;
			for (const doc of await docsOf(db)) revs[`${db}/${doc._id}`] = doc._rev;
		}
	}
	for (const doc of await docsOf(STATE_DB)) revs[`${STATE_DB}/${doc._id}`] = doc._rev;
	return revs;
}

describe('the demo relationships', () => {
	it('has a removed and a pending partnership with the demo reseller, and an active one with Fabrikam', async () => {
		const removed = await docOf('csp-demo-partnerships', DEMO_PARTNERSHIP_IDS.removed);
		expect(removed).toMatchObject({
			status: 'removed',
			resellerId: 'demo-reseller-1',
			acceptedRecordedBy: 'reseller-global-admin',
			removedBy: 'demo-global-admin',
			removalAttested: true
		});
		const active = await docOf('csp-demo-partnerships', DEMO_PARTNERSHIP_IDS.active);
		expect(active).toMatchObject({
			status: 'active',
			resellerId: 'demo-reseller-8',
			acceptedRecordedBy: 'other-global-admin'
		});
		const pending = await docOf('csp-demo-partnerships', DEMO_PARTNERSHIP_IDS.pending);
		expect(pending).toMatchObject({ status: 'requested', resellerId: 'demo-reseller-1' });

		// The resellers' read-only copies and Activity, as the service writes them.
		const budapestCopies = (await docsOf('csp-demo-reseller-partnerships')).filter((doc) =>
			doc._id.startsWith('rel-')
		);
		// The pending request too: the reseller answers it on Indirect providers, or by the link.
		expect(budapestCopies.map((doc) => doc.status).sort()).toEqual(['removed', 'requested']);
		const fabrikamCopies = (await docsOf('csp-demo-other-partnerships')).filter((doc) =>
			doc._id.startsWith('rel-')
		);
		expect(fabrikamCopies.map((doc) => doc.status)).toEqual(['active']);
		const providerCopy = (await docsOf('csp-demo-other-partners')).find((doc) =>
			doc._id.startsWith('rel-')
		);
		expect(providerCopy).toMatchObject({ name: 'Contoso Distribution CEE', mpnId: '5100001' });
		const accepted = (await docsOf('csp-demo-activity')).filter(
			(doc) => doc.action === 'partnership.accepted'
		);
		expect(accepted.map((doc) => doc.documentId).sort()).toEqual(
			[DEMO_PARTNERSHIP_IDS.removed, DEMO_PARTNERSHIP_IDS.active].sort()
		);
	});

	it('shares the provider’s customers for Fabrikam, with their subscriptions, with Fabrikam’s organisation', async () => {
		/** @param {string} db */
		const copies = async (db) => (await docsOf(db)).filter((doc) => doc._id.startsWith('rel-'));
		/** @type {any[]} */
		let customers = [];
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			customers = await copies('csp-demo-other-customers');
			if (customers.length === DEMO_FABRIKAM_CUSTOMERS.length) break;
			await new Promise((resolveWait) => setTimeout(resolveWait, 100));
		}
		await t.app.relationships.settled();
		expect(customers.map((doc) => doc.companyName).sort()).toEqual(
			DEMO_FABRIKAM_CUSTOMERS.map((seed) => seed.name).sort()
		);
		const subscriptions = await copies('csp-demo-other-subscriptions');
		expect(subscriptions).toHaveLength(DEMO_FABRIKAM_CUSTOMERS.length);
		const customerIds = new Set(customers.map((doc) => doc._id));
		expect(subscriptions.every((doc) => customerIds.has(doc.customerId))).toBe(true);
		// Nothing of Fabrikam's reaches Budapest Cloud Partners.
		const budapest = (await copies('csp-demo-reseller-customers')).map((doc) => doc.companyName);
		expect(budapest.filter((name) => DEMO_FABRIKAM_CUSTOMERS.some((s) => s.name === name))).toEqual(
			[]
		);
	});

	it('gives the pending request’s link, which reseller-global-admin accepts', async () => {
		const link = t.app.demoRelationships?.pending ?? '';
		expect(link.startsWith(`${t.origin}/invitations/partnership/`)).toBe(true);
		const token = /\/invitations\/partnership\/([A-Za-z0-9_-]{43})$/.exec(link)?.[1] ?? '';
		expect(token).toHaveLength(43);
		// The service keeps only the token's hash.
		const state = JSON.stringify(await docsOf(STATE_DB));
		expect(state.includes(token)).toBe(false);

		const cookie = t.cookies['reseller-global-admin'];
		const path = `/api/partnership-invitations/${token}`;
		const seen = await send(t.origin, { path, cookie });
		expect(seen.status).toBe(200);
		expect(seen.json).toMatchObject({
			state: 'pending',
			canAnswer: true,
			provider: { name: 'Contoso Distribution CEE', mpnId: '5100001', country: 'HU' },
			reseller: { name: 'Budapest Cloud Partners Kft.', mpnId: '6123450' }
		});
		const accept = await send(t.origin, { method: 'POST', path: `${path}/accept`, cookie });
		expect(accept.status).toBe(200);
		expect(accept.json).toEqual({ state: 'accepted', applied: 'applied' });
		const pending = await docOf('csp-demo-partnerships', DEMO_PARTNERSHIP_IDS.pending);
		expect(pending).toMatchObject({
			status: 'active',
			acceptedRecordedBy: 'reseller-global-admin'
		});
		const copies = (await docsOf('csp-demo-reseller-partnerships')).filter((doc) =>
			doc._id.startsWith('rel-')
		);
		expect(copies.map((doc) => doc.status).sort()).toEqual(['active', 'removed']);
	});

	it('changes nothing when started again on the same data, and says the request was answered', async () => {
		await t.app.relationships.settled();
		const before = await revisions();
		await t.app.close();
		restarted = await startAppUnderTest(t.dataDir, {
			root: join(t.dir, 'build'),
			keep: true,
			demoRelationships: true
		});
		admin = createCouchClient({
			url: restarted.couchUrl,
			adminName: t.adminFile.name,
			adminPassword: t.adminFile.password
		});
		expect(restarted.demoRelationships).toEqual({ pending: null, pendingState: 'active' });
		await restarted.relationships.settled();
		expect(await revisions()).toEqual(before);
		// Signing in still works on the restarted server (the demo users are kept).
		const origin = restarted.appUrl.replace(/\/$/, '');
		expect(await signIn(origin, 'reseller-global-admin', 'reseller-global-admin-demo')).toMatch(
			/^AuthSession=/
		);
	}, 120_000);
});
