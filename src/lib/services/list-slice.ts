import { map, merge, Observable, of, shareReplay, switchMap, take, tap } from 'rxjs';

/**
 * A list as a screen shows it: the rows so far, and whether they are all of them (`complete`)
 * or the first screen read from an index while the rest is still loading.
 */
export interface ListSlice<T> {
	items: T[];
	complete: boolean;
}

/** Rows read for the first screen of a long list (a tall tablet shows about 15). */
export const FIRST_SCREEN_ROWS = 40;

/**
 * Emits once the browser has painted what the last emission rendered (the next animation frame,
 * then a task), or on the next task where there are no frames (tests, workers): the full list
 * loads after the first screen is on the glass, not in competition with it.
 */
export const afterNextPaint$ = new Observable<void>((subscriber) => {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const emit = () => {
		timer = setTimeout(() => {
			subscriber.next();
			subscriber.complete();
		}, 0);
	};
	const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(emit) : null;
	if (frame === null) emit();
	return () => {
		if (frame !== null) cancelAnimationFrame(frame);
		if (timer !== undefined) clearTimeout(timer);
	};
});

/**
 * A whole list kept in memory once it has been read (the source is subscribed once and stays
 * subscribed, so that its live query keeps it current): `loaded` says whether it is there yet.
 */
export interface KeptList<T> {
	readonly all$: Observable<T[]>;
	readonly loaded: boolean;
}

/** For a list whose live query is cheap to keep (not one that counts on every change). */

export function keptList<T>(source$: Observable<T[]>): KeptList<T> {
	let loaded = false;
	const all$ = source$.pipe(
		tap(() => (loaded = true)),
		shareReplay({ bufferSize: 1, refCount: false })
	);
	return {
		all$,
		get loaded() {
			return loaded;
		}
	};
}

export interface FirstScreenOptions {
	/** How many rows the first screen asked for. */
	rows: number;
	/**
	 * Whether the first screen selects exactly what the whole list selects, in its order: then a
	 * first screen with fewer rows than asked for is already the whole answer. A first screen that
	 * only approximates the filter (a prefix search standing in for a substring search) never is.
	 */
	exact: boolean;
	/** The whole list is in memory already (a `keptList`): it alone is emitted, at once. */
	allLoaded?: boolean;
}

/**
 * The one way a long list opens: first the rows an indexed query reads for the first screen
 * (`first$`, a few milliseconds), then, once they are painted, the whole list (`all$`, live, so
 * changes to the records reach the screen). When the whole list is in memory already, only it.
 * `complete` is false while the rows are a first screen that may not be all of them.
 */
export function firstScreenThenAll<T>(
	first$: Observable<T[]>,
	all$: Observable<T[]>,
	options: FirstScreenOptions
): Observable<ListSlice<T>> {
	const whole$ = all$.pipe(map((items) => ({ items, complete: true })));
	if (options.allLoaded) return whole$;
	return first$.pipe(
		take(1),
		switchMap((items) =>
			merge(
				of({ items, complete: options.exact && items.length < options.rows }),
				afterNextPaint$.pipe(switchMap(() => whole$))
			)
		)
	);
}
