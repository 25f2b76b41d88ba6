import { tick } from 'svelte';

/** After the errors are shown, moves the focus to the first field with an error. */
export async function focusFirstInvalid(container: ParentNode | null | undefined): Promise<void> {
	await tick();
	container?.querySelector<HTMLElement>('[aria-invalid="true"]:not(:disabled)')?.focus();
}
