export { default as VirtualList } from './VirtualList.svelte';
