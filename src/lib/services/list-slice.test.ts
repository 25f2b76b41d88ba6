import { describe, expect, it } from 'vitest';
import { BehaviorSubject, firstValueFrom, of, take, toArray } from 'rxjs';
import { firstScreenThenAll, keptList } from './list-slice';

describe('firstScreenThenAll', () => {
	it('emits the first screen, then the whole list once it is painted', async () => {
		const slices = await firstValueFrom(
			firstScreenThenAll(of([1, 2]), of([1, 2, 3]), { rows: 2, exact: true }).pipe(
				take(2),
				toArray()
			)
		);
		expect(slices).toEqual([
			{ items: [1, 2], complete: false },
			{ items: [1, 2, 3], complete: true }
		]);
	});

	it('calls a short first screen complete only when it selects what the whole list does', async () => {
		const exact = firstScreenThenAll(of([1]), of([1]), { rows: 2, exact: true });
		const prefix = firstScreenThenAll(of([1]), of([1, 5]), { rows: 2, exact: false });
		expect((await firstValueFrom(exact)).complete).toBe(true);
		expect((await firstValueFrom(prefix)).complete).toBe(false);
	});

	it('emits only the whole list when it is in memory already', async () => {
		const kept = keptList(of([7, 8, 9]));
		expect(kept.loaded).toBe(false);
		await firstValueFrom(kept.all$);
		expect(kept.loaded).toBe(true);
		const slices = await firstValueFrom(
			firstScreenThenAll(of([7]), kept.all$, { rows: 1, exact: true, allLoaded: kept.loaded }).pipe(
				toArray()
			)
		);
		expect(slices).toEqual([{ items: [7, 8, 9], complete: true }]);
	});

	it('follows the whole list as it changes, reading the first screen only once', async () => {
		let firstReads = 0;
		const first$ = new BehaviorSubject([1]);
		const all$ = new BehaviorSubject([1, 2]);
		const seen: number[][] = [];
		const watching = firstScreenThenAll(
			first$.pipe((source) => {
				firstReads++;
				return source;
			}),
			all$,
			{ rows: 1, exact: true }
		).subscribe((slice) => seen.push(slice.items));
		await new Promise((resolve) => setTimeout(resolve, 20));
		first$.next([9]);
		all$.next([1, 2, 3]);
		watching.unsubscribe();
		expect(firstReads).toBe(1);
		expect(seen).toEqual([[1], [1, 2], [1, 2, 3]]);
	});
});
