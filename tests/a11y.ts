import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The serious and critical WCAG 2.1 A and AA violations axe-core finds on the page. */
export async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`)
		}));
}

/** Fails with the violations described when axe-core finds a serious or critical one. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
	const violations = await seriousViolations(page);
	expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/** Waits until the route has rendered its one h1 and finished loading its data. */
export async function settle(page: Page): Promise<void> {
	await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
	await expect(page.getByText(/^(Loading|Opening)\b.*…$/)).toHaveCount(0);
}
