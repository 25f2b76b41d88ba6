import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Ends the run with one plain line, `e2e: N passed, N failed, N skipped`, next to the list
 * reporter's own summary. A test counts by its final outcome (flaky = passed on a retry).
 */
export default class SummaryReporter implements Reporter {
	private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>();

	onTestEnd(test: TestCase, _result: TestResult): void {
		this.outcomes.set(test.id, test.outcome());
	}

	onEnd(_result: FullResult): void {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		for (const outcome of this.outcomes.values()) {
			if (outcome === 'expected' || outcome === 'flaky') passed++;
			else if (outcome === 'skipped') skipped++;
			else failed++;
		}
		console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
	}

	printsToStdio(): boolean {
		return false;
	}
}
