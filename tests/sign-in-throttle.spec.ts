// Wrong passwords are throttled by the gateway (429 with Retry-After, server/gateway.js); the
// sign-in page says when to try again, also to the right password meanwhile; on a throwaway
// endpoint (./endpoint.ts).
import { openDevice, useThrowawayEndpoint } from './endpoint';
import { expect, test } from './fixtures';

const endpoint = useThrowawayEndpoint('sign-in-throttle');

test('after too many wrong passwords the sign-in page says when to try again', async ({
	browser
}) => {
	const { context, page } = await openDevice(browser, endpoint.origin);
	await page.goto('/sign-in');
	await page.getByLabel('User name').fill('demo-sales-agent');
	const password = page.getByLabel('Password');
	const signIn = page.getByRole('button', { name: 'Sign in' });

	// The gateway allows five tries per user name in its window.
	for (let attempt = 1; attempt <= 5; attempt++) {
		await password.fill(`wrong-${attempt}`);
		await signIn.click();
		await expect(page.getByText('The user name or password is wrong.')).toBeVisible();
	}
	await password.fill('sales-agent-demo');
	await signIn.click();
	const alert = page.getByRole('alert');
	await expect(alert).toHaveText(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/);
	const seconds = Number(/in (\d+) seconds/.exec((await alert.textContent()) ?? '')?.[1]);
	expect(seconds).toBeGreaterThan(0);
	expect(seconds).toBeLessThanOrEqual(600);
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await context.close();
});
