/**
 * Named moments of the app's start on the page's performance timeline (`performance.mark`), so
 * that `npm run bench` can tell where the time to the first row goes (boot, language, database
 * open, first query). A mark costs microseconds; where there is no timeline it does nothing.
 */
export function mark(name: string): void {
	if (typeof performance !== 'undefined' && typeof performance.mark === 'function') {
		performance.mark(`csp:${name}`);
	}
}
