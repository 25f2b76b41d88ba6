export { default as BarChart, type BarRow } from './BarChart.svelte';
export {
	default as StackedBarChart,
	type StackRow,
	type StackSeries
} from './StackedBarChart.svelte';
export { default as DonutChart, type DonutSlice } from './DonutChart.svelte';
