/**
 * Supervision as people use it, each in their own browser context on a phone: a supervisor
 * filters the overdue tasks (a GET form), issues a supervision notice to the lead unit from the
 * task's row, and the unit's liaison, told by a notification, replies on the notice's page; the
 * supervisor sees it replied. Then the standings page shows the rules it counts by.
 */
import { expect, test } from '@playwright/test';
import { apiAs, signedInPerson } from './helpers';

test('a supervisor issues a notice on an overdue task and the liaison replies', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	// A task for liaison1's unit that falls overdue a few seconds after it is dispatched.
	const liaisonApi = await apiAs(baseURL!, 'liaison1');
	const me = (await (await liaisonApi.get('/api/v1/me')).json()) as {
		roles: { role: string; unitId: string | null }[];
	};
	const unitId = me.roles.find((r) => r.role === 'liaison')!.unitId!;
	const admin = await apiAs(baseURL!, 'admin');
	const title = `督办端到端 ${Date.now()}`;
	const created = await admin.post('/api/v1/tasks', {
		data: { title, leadUnitId: unitId, dueAt: new Date(Date.now() + 3000).toISOString() }
	});
	expect(created.status()).toBe(201);
	await admin.dispose();
	await liaisonApi.dispose();
	await new Promise((r) => setTimeout(r, 3500));

	const supervisor = await signedInPerson(browser, baseURL!, 'supervisor');
	const page = supervisor.page;
	await page.goto('/supervision');
	await page.getByRole('combobox', { name: '单位', exact: true }).selectOption(unitId);
	await page.getByTestId('filter-overdue').check();
	await page.getByRole('button', { name: '筛选', exact: true }).click();
	await expect(page).toHaveURL(/overdue=on/);
	const rows = page.getByTestId('task-row');
	await expect(rows.first()).toBeVisible();
	// Every row shown is overdue, in words (逾期) and not only in colour.
	for (const tone of await page.getByTestId('lateness').all())
		await expect(tone).toHaveAttribute('data-tone', 'late');
	await expect(page.getByTestId('lateness').first()).toContainText('逾期');
	const row = rows.filter({ hasText: title });
	await expect(row).toHaveCount(1);
	await row.getByTestId('issue-notice').click();
	const form = row.getByTestId('issue-form');
	await form.getByLabel('督办事项').fill('任务已逾期，请说明原因和完成时间');
	await form.getByRole('button', { name: '开具' }).click();
	const done = page.getByRole('status').filter({ hasText: '督办单已开具' });
	await expect(done).toBeVisible();
	const noticeHref = await done.getByRole('link').getAttribute('href');
	expect(noticeHref).toMatch(/^\/notices\/[\w-]+$/);

	const liaison = await signedInPerson(browser, baseURL!, 'liaison1');
	await liaison.page.goto('/notifications');
	await liaison.page.locator(`a[href="${noticeHref}"]`).first().click();
	await expect(liaison.page).toHaveURL(new RegExp(`${noticeHref}$`));
	await expect(liaison.page.getByTestId('notice-status')).toHaveAttribute(
		'data-status',
		'awaiting'
	);
	await liaison.page.getByLabel('回复内容').fill('已安排人员，三日内完成');
	await liaison.page.getByRole('button', { name: '提交回复' }).click();
	await expect(liaison.page.getByTestId('notice-reply')).toHaveText('已安排人员，三日内完成');
	await expect(liaison.page.getByTestId('notice-status')).toHaveAttribute('data-status', 'replied');

	await page.goto(`/supervision/notices?unit=${unitId}`);
	const notice = page.getByTestId('notice-row').filter({ hasText: title });
	await expect(notice).toHaveAttribute('data-status', 'replied');

	await page.goto('/units/standings');
	await expect(page.getByTestId('rules')).toContainText('收到督办单');
	// Every unit is ranked (other files may add units: at least the demo's eight).
	await expect(page.getByTestId('standing-row').nth(7)).toBeVisible();
	await supervisor.context.close();
	await liaison.context.close();
});
