/**
 * Decisions outside the hall, each person in their own browser: members vote in the demo's open
 * poll (one on a phone with scripts off, one with them), the chair closes it, the result and
 * the ballot list appear, and a voter finds their own tracking code in it. A resident reads the
 * resolutions of public meetings only, and follows one to the needs it answers.
 */
import { expect, test } from '@playwright/test';
import { hydrated, signedInPerson, withoutScripts } from './helpers';

const POLL = '国庆社区文艺活动形式征集';
const CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}$/;

test('members vote in an open poll with and without scripts, the chair closes it, and a voter finds their code', async ({
	browser,
	baseURL
}) => {
	// member1 on a phone without JavaScript: the poll is on their "to vote" list.
	const m1 = await withoutScripts(browser, baseURL!, 'member1');
	await m1.page.goto('/votes');
	await m1.page.getByTestId('to-vote').getByRole('link', { name: POLL }).click();
	await expect(m1.page.getByRole('heading', { level: 1, name: POLL })).toBeVisible();
	const pollUrl = m1.page.url();
	await m1.page.getByTestId('ballot-seat').getByText('书画展').click();
	await m1.page.getByRole('button', { name: '投出选票' }).click();
	const code1 = (
		await m1.page.getByTestId('tracking-code').textContent({ timeout: 10_000 })
	)?.trim();
	expect(code1).toMatch(CODE);
	// The seat is counted: its form gives way to the receipt.
	await expect(m1.page.getByTestId('ballot-seat')).toHaveCount(0);

	// member2 with scripts: the ballot goes without leaving the page, and the code shows.
	const m2 = await signedInPerson(browser, baseURL!, 'member2');
	await m2.page.goto(pollUrl);
	await hydrated(m2.page);
	await m2.page.getByTestId('ballot-seat').getByText('社区合唱节').click();
	await m2.page.getByRole('button', { name: '投出选票' }).click();
	await expect(m2.page.getByTestId('tracking-code')).toHaveText(CODE);
	await expect(m2.page).toHaveURL(pollUrl);
	const code2 = (await m2.page.getByTestId('tracking-code').textContent())!.trim();
	expect(code2).not.toBe(code1);

	// The chair closes it: asked first, then the result is published.
	const chair = await signedInPerson(browser, baseURL!, 'chair');
	await chair.page.goto(pollUrl);
	await hydrated(chair.page);
	await expect(chair.page.getByTestId('vote-status')).toHaveAttribute('data-status', 'open');
	await chair.page.getByTestId('close-vote').click();
	const dialog = chair.page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: '结束并公布结果' }).click();
	await expect(chair.page.getByTestId('vote-result')).toBeVisible();
	await expect(chair.page.getByTestId('vote-status')).toHaveAttribute('data-status', 'closed');

	// member1 (still without scripts) finds their code in the published list, marked as theirs.
	await m1.page.goto(pollUrl);
	const published = m1.page.getByTestId('published-ballots');
	await expect(published).toBeVisible();
	const mine = published.locator(`tr[data-code="${code1}"]`);
	await expect(mine).toHaveCount(1);
	await expect(mine).toContainText('我的选票');
	await expect(mine).toContainText('书画展');
	// The other member's ballot is listed too, but not marked as member1's.
	await expect(published.locator(`tr[data-code="${code2}"]`)).not.toContainText('我的选票');
	// And in their own vote history, with the same code.
	await m1.page.goto('/me/votes');
	await expect(
		m1.page.getByTestId('my-vote').filter({ hasText: POLL }).getByTestId('my-code')
	).toHaveText(code1!);

	for (const p of [m1, m2, chair]) await p.context.close();
});

test("a resident reads only public meetings' resolutions, and a resolution links the needs it answers", async ({
	browser,
	baseURL
}) => {
	const staff = await signedInPerson(browser, baseURL!, 'member3');
	await staff.page.goto('/resolutions');
	const staffRows = staff.page.getByTestId('resolution-row');
	// The demo: three from the public meeting, and polls of members (residents never see these).
	await expect(staffRows.filter({ hasText: '季度专题协商：为老服务与停车秩序' })).toHaveCount(3);
	const polls = await staffRows.filter({ hasText: '会间表决' }).count();
	expect(polls).toBeGreaterThan(0);
	const staffCount = await staffRows.count();
	await staff.context.close();

	const resident = await withoutScripts(browser, baseURL!, 'resident2');
	await resident.page.goto('/resolutions');
	const rows = resident.page.getByTestId('resolution-row');
	await expect(rows).toHaveCount(staffCount - polls);
	await expect(rows.filter({ hasText: '会间表决' })).toHaveCount(0);
	await expect(rows.filter({ hasText: '季度专题协商：为老服务与停车秩序' })).toHaveCount(3);
	// Filters are a GET form, so they work without scripts.
	await resident.page.getByLabel('搜索').fill('助餐点');
	await resident.page.getByRole('button', { name: '筛选' }).click();
	await expect(resident.page).toHaveURL(/q=/);
	await expect(rows).toHaveCount(1);
	await rows.getByRole('link', { name: /助餐点/ }).click();
	await expect(resident.page.getByTestId('resolution-number')).toHaveText(/决议 \d{4}-\d{3}/);
	const needs = resident.page.getByTestId('resolution-needs');
	const need = needs.getByRole('link', { name: '希望开设老年助餐点' });
	await expect(need).toHaveAttribute('href', /^\/needs\//);
	// The vote that adopted it is shown in full.
	await expect(resident.page.getByTestId('vote-result')).toHaveAttribute('data-outcome', 'adopted');
	// The need's page leads back to the resolutions that answer it.
	await need.click();
	await resident.page.getByTestId('need-resolutions').click();
	await expect(resident.page.getByTestId('need-filter')).toContainText('希望开设老年助餐点');
	await expect(rows).toHaveCount(1);
	await resident.context.close();
});

test('the chair prepares a poll without scripts: a refused form keeps what was typed and says which field is wrong, then the poll opens', async ({
	browser,
	baseURL
}) => {
	const chair = await withoutScripts(browser, baseURL!, 'chair');
	await chair.page.goto('/votes');
	await chair.page.getByText('发起会间表决').click();
	const form = chair.page.getByTestId('poll-form');
	await form.getByLabel('表决事项').fill('社区花园认养方式');
	await form.getByLabel('表决方式').selectOption('single');
	await form.getByRole('button', { name: '创建表决' }).click();
	await expect(form.getByLabel('表决事项')).toHaveValue('社区花园认养方式');
	await expect(form.getByLabel('选项', { exact: true })).toHaveAccessibleDescription(
		/至少需要两个选项/
	);
	await form.getByLabel('选项', { exact: true }).fill('按楼栋认养\n按家庭认养');
	await form.getByRole('button', { name: '创建表决' }).click();
	await expect(chair.page.getByRole('heading', { level: 1 })).toHaveText('社区花园认养方式');
	await expect(chair.page.getByTestId('vote-status')).toHaveAttribute('data-status', 'draft');
	await chair.page.getByTestId('open-vote').click();
	await expect(chair.page.getByTestId('vote-status')).toHaveAttribute('data-status', 'open');
	await expect(chair.page.getByTestId('ballot-seat')).toHaveCount(1);
	await chair.context.close();
});
