/**
 * Dispatch and acceptance (派单 · 接单 · 验收), each person in their own browser: the secretary
 * dispatches a task straight from a resident's need to 区城市管理局; a liaison of another unit
 * is offered nothing and is refused when posting the accept form anyway; the unit's liaison
 * accepts, reports progress with a photo and hands it in; the secretary sends it back once, then
 * approves; the task's timeline shows every step. The dispatch form also works without scripts.
 */
import sharp from 'sharp';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiAs, hydrated, signedInPerson, withoutScripts } from './helpers';

const LEAD = '区城市管理局';

/** A resident's public need, accepted by the secretary: something a task may answer. */
async function acceptedNeed(baseURL: string, title: string): Promise<string> {
	const resident = await apiAs(baseURL, 'resident1');
	const created = await resident.post('/api/v1/needs', {
		data: {
			title,
			description: '三号楼二单元楼道灯一直不亮，老人晚上上下楼很危险。',
			category: 'safety',
			visibility: 'public'
		}
	});
	expect(created.status(), 'create need').toBe(201);
	const { id } = (await created.json()) as { id: string };
	await resident.dispose();
	const admin = await apiAs(baseURL, 'admin');
	expect((await admin.post(`/api/v1/needs/${id}/accept`)).status(), 'accept need').toBe(200);
	await admin.dispose();
	return id;
}

async function unitId(api: APIRequestContext, name: string): Promise<string> {
	const units = (await (await api.get('/api/v1/units?limit=200')).json()) as {
		items: { id: string; name: string }[];
	};
	return units.items.find((u) => u.name === name)!.id;
}

test('a task from a need: dispatched, refused to another unit, accepted, reported with a photo, sent back once, approved', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const title = `楼道灯不亮 ${Date.now().toString(36)}`;
	const needId = await acceptedNeed(baseURL!, title);

	// The secretary dispatches from the need's page.
	const secretary = await signedInPerson(browser, baseURL!, 'admin');
	const sp = secretary.page;
	await sp.goto(`/needs/${needId}`);
	await sp.getByTestId('dispatch-need').click();
	await expect(sp.getByRole('heading', { level: 1, name: '派单' })).toBeVisible();
	await expect(sp.getByLabel('任务名称')).toHaveValue(title);
	// The need it came from is ticked.
	await expect(
		sp.getByTestId('dispatch-form').getByRole('checkbox', { name: title })
	).toBeChecked();
	await sp.getByLabel('牵头单位', { exact: true }).selectOption({ label: LEAD });
	await sp.getByTestId('dispatch').click();
	await expect(sp).toHaveURL(/\/tasks\/(?!new\b)[^/?]+\?dispatched/);
	await expect(sp.getByRole('main').getByRole('status')).toContainText('已派单');
	await expect(sp.getByTestId('task-status')).toHaveText('待接单');
	const taskUrl = sp.url().replace(/\?.*$/, '');
	const taskId = taskUrl.split('/').pop()!;
	// The need's page now lists its task.
	await sp.goto(`/needs/${needId}`);
	await expect(sp.getByTestId('need-tasks').getByRole('link', { name: title })).toBeVisible();

	// A liaison of another unit sees the task but no accept button, and a forged post is refused.
	const other = await signedInPerson(browser, baseURL!, 'liaison2');
	await other.page.goto(taskUrl);
	await expect(other.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(other.page.getByTestId('accept')).toHaveCount(0);
	const api = await apiAs(baseURL!, 'admin');
	const lead = await unitId(api, LEAD);
	const forged = await other.page.request.post(`${taskUrl}?/accept`, {
		form: { unitId: lead },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(403);
	const still = (await (await api.get(`/api/v1/tasks/${taskId}`)).json()) as {
		status: string;
		units: { unitId: string; acceptedAt: string | null }[];
	};
	expect(still.status).toBe('pending');
	expect(still.units.find((u) => u.unitId === lead)!.acceptedAt).toBeNull();

	// The unit's liaison accepts, reports with a photo, hands it in.
	const liaison = await signedInPerson(browser, baseURL!, 'liaison1');
	const lp = liaison.page;
	await lp.goto('/tasks');
	await lp
		.getByTestId('my-unit-tasks')
		.getByRole('link', { name: title })
		.filter({ visible: true })
		.click();
	await expect(lp).toHaveURL(taskUrl);
	await hydrated(lp);
	await lp.getByTestId('accept').click();
	await expect(lp.getByTestId('task-status')).toHaveText('办理中');
	const png = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#3a6' } })
		.png()
		.toBuffer();
	const report = lp.getByTestId('report-form');
	await report.getByLabel('完成进度（%）').fill('60');
	await report.getByLabel('进展说明').fill('已更换三号楼二单元全部楼道灯。');
	await report
		.getByLabel(/照片或文件/)
		.setInputFiles({ name: 'deng.png', mimeType: 'image/png', buffer: png });
	await lp.getByTestId('send-report').click();
	await expect(lp.getByTestId('task-done')).toHaveText('进展已提交');
	const shown = lp.getByTestId('task-report').first();
	await expect(shown).toContainText('已更换三号楼二单元全部楼道灯。');
	const photo = shown.getByRole('img');
	await expect(photo).toHaveCount(1);
	await expect(photo).toHaveJSProperty('complete', true);
	expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
	await expect(lp.getByTestId('task-progress').first()).toHaveText('60%');
	await lp.getByTestId('submit-task').click();
	await expect(lp.getByTestId('task-status')).toHaveText('待验收');

	// The secretary sends it back with what is still to do.
	await sp.goto(taskUrl);
	await hydrated(sp);
	await sp.getByText('退回整改', { exact: true }).first().click();
	await sp.getByLabel('整改意见').fill('请补充楼道灯的照片，并说明线路检查情况。');
	await sp.getByTestId('reject').click();
	await expect(sp.getByTestId('task-status')).toHaveText('办理中');

	// The liaison hands it in again; the secretary approves.
	await lp.reload();
	await lp.getByTestId('submit-task').click();
	await expect(lp.getByTestId('task-status')).toHaveText('待验收');
	await sp.reload();
	await sp.getByTestId('approve').click();
	await expect(sp.getByTestId('task-status')).toHaveText('已办结');
	await expect(sp.getByTestId('approve')).toHaveCount(0);

	// Every step is on the timeline, in order, with who did it.
	const timeline = sp.getByTestId('task-timeline').locator('li');
	const kinds = await timeline.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
	expect(kinds).toEqual([
		'dispatched',
		'accepted',
		'report',
		'submitted',
		'rejected',
		'submitted',
		'approved'
	]);
	await expect(timeline.nth(1)).toContainText(LEAD);
	await expect(timeline.nth(4)).toContainText('请补充楼道灯的照片');

	await api.dispose();
	for (const p of [secretary, other, liaison]) await p.context.close();
});

test('the dispatch form works without JavaScript, and a refused form keeps what was typed', async ({
	browser,
	baseURL
}) => {
	const title = `无脚本派单 ${Date.now().toString(36)}`;
	const needId = await acceptedNeed(baseURL!, title);
	const { context, page } = await withoutScripts(browser, baseURL!, 'admin');
	await page.goto(`/tasks/new?need=${needId}`);
	await page.getByLabel('任务名称').fill(`${title}（修订）`);
	// No lead unit chosen: refused, with the title kept and the need still ticked.
	await page.getByTestId('dispatch').click();
	await expect(page.getByRole('alert').first()).toBeVisible();
	await expect(page.getByLabel('任务名称')).toHaveValue(`${title}（修订）`);
	await expect(page.getByRole('checkbox', { name: title })).toBeChecked();
	await page.getByLabel('牵头单位', { exact: true }).selectOption({ label: LEAD });
	await page.getByRole('checkbox', { name: '供电公司' }).check();
	await page.getByTestId('dispatch').click();
	await expect(page).toHaveURL(/\/tasks\/[^/?]+\?dispatched/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title}（修订）`);
	await expect(page.getByTestId('task-units')).toContainText('供电公司');
	await expect(page.getByTestId('task-needs').getByRole('link', { name: title })).toBeVisible();
	await context.close();
});

test("a task dispatched from a resolution takes its needs along and is listed on the resolution's page", async ({
	browser,
	baseURL
}) => {
	const secretary = await signedInPerson(browser, baseURL!, 'admin');
	const page = secretary.page;
	await page.goto('/resolutions');
	await page
		.getByTestId('resolution-row')
		.getByRole('link', { name: '关于在和平里社区开设老年助餐点的动议' })
		.click();
	await expect(page.getByTestId('resolution-number')).toBeVisible();
	const resolutionUrl = page.url();
	const needs = await page.getByTestId('resolution-needs').getByRole('link').allTextContents();
	await page.getByTestId('dispatch-resolution').click();
	await expect(page.getByLabel('任务名称')).toHaveValue('关于在和平里社区开设老年助餐点的动议');
	// The resolution's needs come along, ticked.
	for (const title of needs)
		await expect(page.getByRole('checkbox', { name: title.trim() })).toBeChecked();
	const title = `开设老年助餐点 ${Date.now().toString(36)}`;
	await page.getByLabel('任务名称').fill(title);
	await page.getByLabel('牵头单位', { exact: true }).selectOption({ label: '区卫生健康委员会' });
	await page.getByTestId('dispatch').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByTestId('task-resolution')).toBeVisible();
	for (const t of needs)
		await expect(
			page.getByTestId('task-needs').getByRole('link', { name: t.trim() })
		).toBeVisible();
	await page.goto(resolutionUrl);
	const listed = page
		.getByTestId('resolution-tasks')
		.getByTestId('task-mini')
		.filter({ hasText: title });
	await expect(listed).toContainText('待接单');
	await secretary.context.close();
});

test('the secretary summons a unit about a need; its liaison responds, and another unit has no form', async ({
	browser,
	baseURL
}) => {
	const title = `积水严重 ${Date.now().toString(36)}`;
	const needId = await acceptedNeed(baseURL!, title);
	const secretary = await signedInPerson(browser, baseURL!, 'admin');
	const sp = secretary.page;
	await sp.goto(`/needs/${needId}`);
	await sp.getByTestId('need-tasks').getByRole('link', { name: '吹哨报到' }).click();
	await expect(sp.getByLabel('事项')).toHaveValue(title);
	await sp.getByRole('button', { name: '吹哨' }).click();
	// No unit ticked: refused in words.
	await expect(sp.getByText('请至少选择一个报到单位')).toBeVisible();
	await sp.getByRole('checkbox', { name: LEAD }).check();
	await sp.getByRole('button', { name: '吹哨' }).click();
	await expect(sp.getByRole('main').getByRole('status')).toContainText('已吹哨');
	const url = sp.url().replace(/\?.*$/, '');
	await expect(sp.getByTestId('summons-units')).toContainText('未报到');

	const other = await signedInPerson(browser, baseURL!, 'liaison2');
	await other.page.goto(url);
	await expect(other.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(other.page.getByTestId('summons-respond')).toHaveCount(0);

	const liaison = await signedInPerson(browser, baseURL!, 'liaison1');
	await liaison.page.goto('/summons');
	await liaison.page.getByTestId('summons-row').getByRole('link', { name: title }).click();
	await liaison.page.getByLabel(/响应内容/).fill('已派两名工作人员到场抽水。');
	await liaison.page.getByTestId('summons-respond').getByRole('button').click();
	await expect(liaison.page.getByTestId('summons-units')).toContainText(
		'已派两名工作人员到场抽水。'
	);
	await expect(liaison.page.getByTestId('summons-respond')).toHaveCount(0);
	for (const p of [secretary, other, liaison]) await p.context.close();
});
