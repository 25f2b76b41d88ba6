// The relationship service's own databases and small document helpers (server admin only).
//
// - `csp--relationships` (STATE_DB): what the service knows across organisations:
//   `token:<sha256 of the token>` — one per partnership request it has seen (who invites,
//   which reseller MPN ID, when it expires, its state), and `event:<sha256 of the token>` —
//   the answer (accept or decline) to that request, written by the partnership invitations
//   API. One event per token: its id makes a token single-use (a second answer is a 409).
// - `csp--relationships-checkpoints` (CHECKPOINT_DB): how far the service has read each
//   database (`checkpoint:<db>`, the database's own `_changes` seq) and the `_db_updates` feed
//   (`checkpoint:_db_updates`). Kept apart so that writing a checkpoint is no change to follow.
// Organisation ids never start with '-', so `csp--…` is never an organisation's database;
// the gateway's allow-list only lets users reach their own organisation's databases.
import { createHash } from 'node:crypto';
import { couchError, docPath } from '../couch-client.js';
import { ensureDatabase, ensureSecurity } from '../organisations.js';

/** @import { CouchClient } from '../couch-client.js' */

export const STATE_DB = 'csp--relationships';
export const CHECKPOINT_DB = 'csp--relationships-checkpoints';
/** Only server admins (an empty members list would make the database public on CouchDB). */
const ADMIN_ONLY = {
	admins: { names: [], roles: ['_admin'] },
	members: { names: [], roles: ['_admin'] }
};

/** @param {CouchClient} client */
export async function ensureServiceDatabases(client) {
	for (const db of [STATE_DB, CHECKPOINT_DB]) {
		await ensureDatabase(client, db);
		await ensureSecurity(client, db, ADMIN_ONLY);
	}
}

/** The SHA-256 of a token, hex: the id under which the service keeps it. @param {string} token */
export function tokenHash(token) {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * @param {CouchClient} client @param {string} db @param {string} id
 * @returns {Promise<any | null>}
 */
export async function readDoc(client, db, id) {
	const reply = await client.request('GET', `${encodeURIComponent(db)}/${docPath(id)}`);
	if (reply.status === 404) return null;
	if (reply.status !== 200) throw couchError(reply, `Reading ${db}/${id}`);
	return reply.body;
}

/**
 * Creates a document unless one with its id exists. Returns whether it created it (false: it
 * was there, e.g. an event applied a second time).
 * @param {CouchClient} client @param {string} db @param {{ _id: string } & Record<string, unknown>} doc
 */
export async function createOnce(client, db, doc) {
	const reply = await client.request('PUT', `${encodeURIComponent(db)}/${docPath(doc._id)}`, doc);
	if (reply.status === 201 || reply.status === 202) return true;
	if (reply.status === 409) return false;
	throw couchError(reply, `Writing ${db}/${doc._id}`);
}

/**
 * Reads a document, lets `change` return its new content (or null: leave it), and writes it
 * when it differs; retries on a conflict. Returns the document as stored.
 * @param {CouchClient} client @param {string} db @param {string} id
 * @param {(current: any | null) => any | null} change
 */
export async function update(client, db, id, change) {
	for (let attempt = 0; attempt < 5; attempt++) {
		const current = await readDoc(client, db, id);
		const next = change(current);
		if (next === null || (current && sameFields(current, next))) return current;
		const body = { ...next, _id: id, ...(current ? { _rev: current._rev } : {}) };
		const reply = await client.request('PUT', `${encodeURIComponent(db)}/${docPath(id)}`, body);
		if (reply.status === 201 || reply.status === 202) return { ...body, _rev: reply.body.rev };
		if (reply.status !== 409) throw couchError(reply, `Writing ${db}/${id}`);
	}
	throw new Error(`Writing ${db}/${id}: conflicts kept coming`);
}

/** @param {any} a @param {any} b */
function sameFields(a, b) {
	/** @param {any} doc */
	const strip = (doc) => {
		const { _rev, _id, ...rest } = doc;
		void _rev;
		void _id;
		return JSON.stringify(
			Object.keys(rest)
				.sort()
				.map((key) => [key, rest[key]])
		);
	};
	return strip(a) === strip(b);
}
