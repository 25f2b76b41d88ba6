export { default as TextField } from './TextField.svelte';
export { default as SelectField } from './SelectField.svelte';
export { focusFirstInvalid } from './focus';
