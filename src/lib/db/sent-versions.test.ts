import { describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { SENT_VERSIONS_KEPT } from '$lib/domain/sent-version/ids';
import { createFieldDatabase } from './create-database';
import { sentVersionsStore, versionFingerprint } from './sent-versions';

let counter = 0;
const openDatabase = () =>
	createFieldDatabase(`sent-versions-${Date.now()}-${counter++}`, getRxStorageMemory(), false);

const customer = {
	name: 'Kovács',
	address: { city: 'Wien', line1: 'Fő utca 1' },
	updatedAt: '2026-12-03T15:01:04.023Z',
	deviceId: 'd1'
};

describe('versionFingerprint', () => {
	it('is the same for a version as sent and as the endpoint returns it', async () => {
		const sent = { _id: 'c1', _rev: '3-abc', _deleted: false, ...customer };
		const returned = {
			address: { line1: 'Fő utca 1', city: 'Wien' },
			deviceId: 'd1',
			updatedAt: '2026-12-03T15:01:04.023Z',
			name: 'Kovács',
			id: 'c1',
			_deleted: false
		};
		expect(await versionFingerprint(sent)).toBe(await versionFingerprint(returned));
		expect(await versionFingerprint(sent)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('tells versions apart by any field, also a nested one and the time', async () => {
		const first = await versionFingerprint(customer);
		expect(
			await versionFingerprint({ ...customer, address: { ...customer.address, city: 'Graz' } })
		).not.toBe(first);
		expect(
			await versionFingerprint({ ...customer, updatedAt: '2026-12-03T15:01:04.024Z' })
		).not.toBe(first);
	});
});

describe('sentVersionsStore', () => {
	it('knows what was sent, per collection and record, and nothing else', async () => {
		const db = await openDatabase();
		const store = sentVersionsStore(() => db.sentVersions);
		await store.recordSent('customers', [{ _id: 'c1', _rev: '1-a', ...customer }]);
		expect(await store.wasSent('customers', { id: 'c1', _deleted: false, ...customer })).toBe(true);
		expect(await store.wasSent('customers', { id: 'c1', ...customer, name: 'Other' })).toBe(false);
		expect(await store.wasSent('customers', { id: 'c2', ...customer })).toBe(false);
		expect(await store.wasSent('partners', { id: 'c1', ...customer })).toBe(false);
		await db.close();
	});

	it(`keeps the last ${SENT_VERSIONS_KEPT} versions of a record, a version sent again once`, async () => {
		const db = await openDatabase();
		const store = sentVersionsStore(() => db.sentVersions);
		const version = (n: number) => ({ _id: 'c1', ...customer, name: `Name ${n}` });
		for (let n = 0; n < SENT_VERSIONS_KEPT + 2; n++) {
			await store.recordSent('customers', [version(n)]);
			await store.recordSent('customers', [version(n)]);
		}
		const entry = await db.sentVersions.findOne('customers|c1').exec(true);
		expect(entry.versions).toHaveLength(SENT_VERSIONS_KEPT);
		expect(new Set(entry.versions).size).toBe(SENT_VERSIONS_KEPT);
		expect(await store.wasSent('customers', { id: 'c1', ...version(0) })).toBe(false);
		expect(await store.wasSent('customers', { id: 'c1', ...version(2) })).toBe(true);
		expect(await store.wasSent('customers', { id: 'c1', ...version(SENT_VERSIONS_KEPT + 1) })).toBe(
			true
		);
		await db.close();
	});

	it('answers no before the collection exists', async () => {
		const store = sentVersionsStore(() => undefined);
		await store.recordSent('customers', [{ _id: 'c1', ...customer }]);
		expect(await store.wasSent('customers', { id: 'c1', ...customer })).toBe(false);
	});

	it('is what the database’s conflict handlers ask: a sent version is the common one', async () => {
		const db = await openDatabase();
		const store = sentVersionsStore(() => db.sentVersions);
		const base = {
			id: 'c1',
			...customer,
			address: { ...customer.address, city: 'Budapest' },
			_deleted: false
		};
		const sentEarlier = { ...base, address: { ...base.address, city: 'Wien' } };
		const local = { ...base, name: 'Later', updatedAt: '2026-12-03T15:01:09.096Z' };
		const input = {
			assumedMasterState: base,
			realMasterState: sentEarlier,
			newDocumentState: local
		};
		const handler = db.customers.conflictHandler;
		const before = (await handler.resolve(input as never, 'test')) as unknown as typeof base;
		expect(before.address.city).toBe('Wien');
		await store.recordSent('customers', [{ ...sentEarlier, _id: 'c1', id: undefined }]);
		const after = (await handler.resolve(input as never, 'test')) as unknown as typeof base;
		expect(after).toMatchObject({ name: 'Later', address: { city: 'Budapest' } });
		await db.close();
	});
});

describe('sentAncestorOf', () => {
	const version = (name: string, deviceId: string) => ({ ...customer, name, deviceId });
	const endpointForm = (doc: Record<string, unknown>, rev: string) => ({
		_id: 'c1',
		_rev: rev,
		...doc
	});
	const heard = version('Heard of', 'd2');
	const mine = version('Sent, answer lost', 'd1');
	const theirs = version('Written over mine', 'd2');
	const theirsAgain = version('Written over it again', 'd2');

	it("finds the version this device sent under the other device's writes", async () => {
		const db = await openDatabase();
		const store = sentVersionsStore(() => db.sentVersions);
		await store.recordSent('customers', [endpointForm(mine, '2-b')]);
		const asked: string[][] = [];
		await store.learnHistories('customers', [endpointForm(theirsAgain, '4-d')], async (ids) => {
			asked.push(ids);
			const history = [theirsAgain, theirs, mine, heard].map((doc, i) =>
				endpointForm(doc, `${4 - i}-x`)
			);
			return new Map([['c1', history]]);
		});
		expect(asked).toEqual([['c1']]);
		const master = { id: 'c1', ...theirsAgain };
		const found = await store.sentAncestorOf('customers', master, { id: 'c1', ...heard });
		expect(found).toEqual({ id: 'c1', ...mine });
		await db.close();
	});

	it('stops at the version this device last heard of, and asks unless the version is its own', async () => {
		const db = await openDatabase();
		const store = sentVersionsStore(() => db.sentVersions);
		const asked: string[][] = [];
		const history = async (ids: string[]) => {
			asked.push(ids);
			return new Map([['c1', [theirs, heard, mine].map((doc) => endpointForm(doc, '1-x'))]]);
		};
		// Nothing sent of the record: the endpoint is asked all the same (versionsSince).
		await store.learnHistories('customers', [endpointForm(theirs, '3-c')], history);
		expect(asked).toEqual([['c1']]);
		const master = { id: 'c1', ...theirs };
		expect(await store.sentAncestorOf('customers', master, { id: 'c1', ...heard })).toBeUndefined();
		// Sent long ago, before the version heard of: that one is the common version.
		await store.recordSent('customers', [endpointForm(mine, '1-a')]);
		await store.learnHistories('customers', [endpointForm(theirs, '3-c')], history);
		expect(asked).toEqual([['c1'], ['c1']]);
		expect(await store.sentAncestorOf('customers', master, { id: 'c1', ...heard })).toBeUndefined();
		// The endpoint's version is one this device sent: nothing to ask.
		await store.learnHistories('customers', [endpointForm(mine, '1-a')], history);
		expect(asked).toHaveLength(2);
		await db.close();
	});
});

describe('versionsSince', () => {
	const version = (firstName: string, updatedAt: string) => ({
		...customer,
		contact: { firstName },
		updatedAt,
		deviceId: 'd2'
	});
	const endpointForm = (doc: Record<string, unknown>, rev: string) => ({
		_id: 'c2',
		_rev: rev,
		...doc
	});
	// Random sync seed 975374935: Anna (heard of) → Eszter → Anna, put back by the other device.
	const heard = version('Anna', '2026-12-07T16:00:27.196Z');
	const eszter = version('Eszter', '2026-12-07T16:00:45.994Z');
	const putBack = version('Anna', '2026-12-07T16:00:53.066Z');
	const learn = async (store: ReturnType<typeof sentVersionsStore>, versions = [heard]) => {
		const history = [putBack, eszter, ...versions].map((doc, i) => endpointForm(doc, `${3 - i}-x`));
		await store.learnHistories(
			'customers',
			[endpointForm(putBack, '3-x')],
			async () => new Map([['c2', history]])
		);
	};

	it("gives the endpoint's versions between the common one and its latest, newest first", async () => {
		const db = await openDatabase();
		const store = sentVersionsStore(() => db.sentVersions);
		await learn(store);
		const master = { id: 'c2', ...putBack };
		expect(await store.versionsSince('customers', master, { id: 'c2', ...heard })).toEqual([
			{ id: 'c2', ...eszter }
		]);
		// The common version right before the latest: nothing in between.
		expect(await store.versionsSince('customers', master, { id: 'c2', ...eszter })).toEqual([]);
		await db.close();
	});

	it('gives nothing when the history does not reach the common version or was not learned', async () => {
		const db = await openDatabase();
		const store = sentVersionsStore(() => db.sentVersions);
		// Compacted before the version heard of: the history ends at Eszter.
		await learn(store, []);
		const master = { id: 'c2', ...putBack };
		expect(await store.versionsSince('customers', master, { id: 'c2', ...heard })).toBeUndefined();
		const unknownMaster = { ...master, updatedAt: '2026-12-07T16:01:00.000Z' };
		expect(
			await store.versionsSince('customers', unknownMaster, { id: 'c2', ...heard })
		).toBeUndefined();
		expect(await store.versionsSince('partners', master, { id: 'c2', ...heard })).toBeUndefined();
		await db.close();
	});
});
