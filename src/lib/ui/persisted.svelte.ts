/**
 * State that survives a reload, a crash or a closed tab: every change is
 * written to localStorage at once. Used for form drafts; never for secrets.
 */
export function persisted<T>(key: string, initial: T) {
	const storageKey = `csp-field:draft:${key}`;
	let value = $state<T>(read() ?? structuredClone(initial));

	function read(): T | undefined {
		try {
			const raw = localStorage.getItem(storageKey);
			return raw ? (JSON.parse(raw) as T) : undefined;
		} catch {
			return undefined;
		}
	}

	$effect(() => {
		const json = JSON.stringify(value);
		try {
			localStorage.setItem(storageKey, json);
		} catch {
			// Storage full: the form still holds the value; the save path reports the error.
		}
	});

	return {
		get current(): T {
			return value;
		},
		set current(next: T) {
			value = next;
		},
		/** Forgets the draft (after Submit, or when the user cancels). */
		clear() {
			localStorage.removeItem(storageKey);
			value = structuredClone(initial);
		}
	};
}
