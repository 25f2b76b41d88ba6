// The first sign-ins to an organisation that has no data on the server yet.
import { expect, test } from './fixtures';
import { openDevice, useThrowawayEndpoint } from './endpoint';

const endpoint = useThrowawayEndpoint('first-sign-in');

test('a Sales agent first: told who sets the organisation up; the page fills in once an admin has', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const agent = await openDevice(browser, endpoint.origin);
	await agent.page.goto('/sign-in');
	await agent.page.getByLabel('User name').fill('demo-sales-agent');
	await agent.page.getByLabel('Password').fill('sales-agent-demo');
	await agent.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(
		agent.page
			.getByRole('status')
			.filter({ hasText: 'Your organisation has no data on the server yet' })
	).toBeVisible({ timeout: 30_000 });

	const admin = await openDevice(browser, endpoint.origin);
	await admin.page.goto('/sign-in');
	await admin.page.getByLabel('User name').fill('demo-admin-agent');
	await admin.page.getByLabel('Password').fill('admin-agent-demo');
	await admin.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(admin.page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible({
		timeout: 30_000
	});

	await expect(agent.page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible({
		timeout: 45_000
	});
	await expect(agent.page.getByRole('banner')).toContainText('Contoso Distribution CEE');
	await agent.context.close();
	await admin.context.close();
});
