import type { Observable } from 'rxjs';

/**
 * Exposes an observable as reactive state for a component. The source is
 * re-subscribed when the reactive values it reads change (a filter, an id),
 * and unsubscribed when the component is destroyed.
 */
export function live<T>(source: () => Observable<T> | undefined, initial: T) {
	let value = $state.raw(initial);
	let loaded = $state(false);
	$effect(() => {
		const observable = source();
		if (!observable) return;
		const subscription = observable.subscribe((next) => {
			value = next;
			loaded = true;
		});
		return () => subscription.unsubscribe();
	});
	return {
		get current() {
			return value;
		},
		get loaded() {
			return loaded;
		}
	};
}
