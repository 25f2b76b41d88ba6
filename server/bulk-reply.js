// The rows of a `_bulk_docs` reply in the order of the request's documents, as CouchDB answers.
// The embedded endpoint does not keep that order: its validation wrapper
// (pouchdb-bulkdocs-wrapper) puts refused rows first and the others in the order their checks
// finished. The gateway also puts back the rows it refused itself (unique-rules.js).

/**
 * @param {readonly unknown[]} docs the request's documents
 * @param {readonly unknown[]} rows the endpoint's rows, in any order
 * @param {ReadonlyMap<number, unknown>} [refusedHere] rows the gateway answered itself, by the
 *   index of their document (the endpoint never saw those documents)
 * @returns {unknown[]}
 */
export function inRequestOrder(docs, rows, refusedHere = new Map()) {
	/** @type {Map<string, unknown[]>} */
	const byId = new Map();
	/** @type {unknown[]} */
	const withoutId = [];
	for (const row of rows) {
		const id = /** @type {any} */ (row)?.id;
		if (typeof id !== 'string') {
			withoutId.push(row);
			continue;
		}
		const queue = byId.get(id);
		if (queue) queue.push(row);
		else byId.set(id, [row]);
	}
	/** @type {(unknown)[]} */
	const ordered = [];
	/** @type {number[]} */
	const unmatched = [];
	docs.forEach((doc, index) => {
		if (refusedHere.has(index)) {
			ordered.push(refusedHere.get(index));
			return;
		}
		const id = /** @type {any} */ (doc)?._id;
		const row = typeof id === 'string' ? byId.get(id)?.shift() : undefined;
		if (row === undefined) unmatched.push(index);
		ordered.push(row);
	});
	// Documents without an `_id` got one from the endpoint: their rows are the ones left.
	const left = [...[...byId.values()].flat(), ...withoutId];
	for (const index of unmatched) ordered[index] = left.shift();
	return [...ordered.filter((row) => row !== undefined), ...left];
}
