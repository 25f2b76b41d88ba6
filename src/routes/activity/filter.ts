import type { Activity } from '$lib/domain/activity/schema';

/** Whether an entry's summary, author or changed fields contain every word of the search. */
export function matchesSearch(entry: Activity, search: string): boolean {
	const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const text = [
		entry.summary,
		entry.actorName,
		...entry.changes.flatMap((c) => [c.field, c.from, c.to])
	]
		.join(' ')
		.toLowerCase();
	return words.every((word) => text.includes(word));
}
