/**
 * The whole loop, one browser per person: a resident raises a need on a phone; the secretary
 * accepts it and the chair puts it on the agenda of a public meeting; in the live hall a motion
 * is put to a vote and adopted; the secretary dispatches the resolution's task to 区城市管理局;
 * its liaison accepts it and reports with a photo; the secretary approves; the resident rates
 * it from the notification; the trace shows every step, and the dashboard counts the work.
 *
 * A new resident and a new meeting keep the demo's own data as other tests read it.
 */
import sharp from 'sharp';
import { expect, test, type Page } from '@playwright/test';
import {
	apiAs,
	createPersonWithRole,
	DEMO_PASSWORD,
	DESKTOP,
	hydrated,
	MOBILE,
	signedInPerson
} from './helpers';

const LEAD = '区城市管理局';

async function raiseNeed(page: Page, title: string): Promise<string> {
	await page.goto('/needs/new');
	await page.getByRole('radio', { name: '环境' }).check();
	await page.getByRole('button', { name: '下一步' }).click();
	await page.getByLabel('一句话说明').fill(title);
	await page.getByLabel('详细情况').fill('河边步道的护栏锈断了两段，晚上散步的老人容易跌落。');
	await page.getByRole('button', { name: '下一步' }).click();
	await page.getByRole('button', { name: '提交需求' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('需求已提交');
	await page.getByRole('link', { name: '查看这条需求' }).click();
	await expect(page).toHaveURL(/\/needs\/[a-z0-9]+$/);
	return new URL(page.url()).pathname.split('/')[2]!;
}

/** A figure on the dashboard, as a number. */
async function figure(page: Page, id: string): Promise<number> {
	await page.goto('/dashboard');
	return Number(await page.getByTestId(`figure-${id}`).locator('.value').innerText());
}

test('a need goes round the whole loop: agenda, hall, vote, resolution, task, report, approval, rating, trace, dashboard', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(420_000);
	const tag = Date.now().toString(36);
	const title = `河边步道护栏锈断 ${tag}`;
	const admin = await apiAs(baseURL!, 'admin');
	const communities = (
		(await (await admin.get('/api/v1/communities')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const binhe = communities.find((c) => c.name === '滨河社区')!;
	const units = (
		(await (await admin.get('/api/v1/units?limit=200')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const login = `loop_${tag}`;
	await createPersonWithRole(
		admin,
		{ login, displayName: `闭环居民${tag}`, password: DEMO_PASSWORD },
		{ role: 'resident', communityId: binhe.id }
	);

	// 点单: the resident raises the need on a phone.
	const resident = await signedInPerson(browser, baseURL!, login, MOBILE);
	const needId = await raiseNeed(resident.page, title);

	// 受理: the secretary accepts it.
	const secretary = await signedInPerson(browser, baseURL!, 'admin', DESKTOP);
	const sp = secretary.page;
	const supervisor = await signedInPerson(browser, baseURL!, 'supervisor', DESKTOP);
	const before = {
		resolutions: await figure(supervisor.page, 'resolutions'),
		onTime: await figure(supervisor.page, 'on-time')
	};
	await sp.goto(`/needs/${needId}`);
	await hydrated(sp);
	await sp.getByRole('button', { name: '受理' }).click();
	await expect(sp.getByTestId('need-status')).toHaveText('已受理');

	// 议题: a public meeting for 滨河社区 with the need on its agenda, started by the chair.
	const start = new Date(Date.now() + 3_600_000);
	const created = await admin.post('/api/v1/meetings', {
		data: {
			type: 'resident_deliberation',
			title: `闭环议事会 ${tag}`,
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
			place: '滨河社区活动中心',
			visibility: 'public',
			quorum: 1,
			status: 'scheduled',
			unitIds: [units.find((u) => u.name === LEAD)!.id],
			communityIds: [binhe.id]
		}
	});
	expect(created.status(), 'create meeting').toBe(201);
	const meetingId = ((await created.json()) as { id: string }).id;
	const item = await admin.post(`/api/v1/meetings/${meetingId}/agenda/needs`, {
		data: { needIds: [needId], title: '河边步道护栏修复' }
	});
	expect(item.status(), 'agenda item').toBe(200);
	const chairApi = await apiAs(baseURL!, 'chair');
	expect((await chairApi.post(`/api/v1/meetings/${meetingId}/start`)).status()).toBe(200);

	// 协商 · 决策: in the hall the chair puts the motion to the invited unit's vote.
	const chair = await signedInPerson(browser, baseURL!, 'chair', DESKTOP);
	const member = await signedInPerson(browser, baseURL!, 'member1', DESKTOP);
	for (const p of [chair, member]) {
		await p.page.goto(`/meetings/${meetingId}/hall`);
		await hydrated(p.page);
		await expect(p.page.getByTestId('connection-status').first()).toContainText('实时连接正常');
	}
	const motion = '关于修复河边步道护栏的动议';
	await chair.page.getByTestId('prepare-vote').click();
	const form = chair.page.getByTestId('vote-form');
	await form.getByLabel('表决事项').fill(motion);
	await form.getByLabel('应到的全体委员').check();
	await form.getByTestId('save-vote').click();
	const card = (page: Page) =>
		page.getByTestId('hall-vote').filter({ has: page.getByRole('heading', { name: motion }) });
	await card(chair.page).getByTestId('open-vote').click();
	await expect(card(chair.page)).toHaveAttribute('data-status', 'open');
	await card(member.page).getByRole('button', { name: '赞成' }).click();
	await expect(card(member.page).getByTestId('ballot-cast')).toBeVisible();
	await card(chair.page).getByTestId('close-vote').click();
	await chair.page
		.getByRole('dialog', { name: '结束表决？' })
		.getByRole('button', { name: '结束并公布结果' })
		.click();
	await expect(card(member.page)).toHaveAttribute('data-status', 'closed');
	const resolutions = (await (
		await admin.get(`/api/v1/resolutions?meeting=${meetingId}`)
	).json()) as {
		items: { id: string; number: string; needIds?: string[] }[];
	};
	expect(resolutions.items).toHaveLength(1);
	const resolutionId = resolutions.items[0]!.id;

	// 派单: from the resolution, its need ticked, to 区城市管理局.
	await sp.goto(`/resolutions/${resolutionId}`);
	await sp.getByTestId('dispatch-resolution').click();
	await expect(
		sp.getByTestId('dispatch-form').getByRole('checkbox', { name: title })
	).toBeChecked();
	await sp.getByLabel('任务名称').fill('修复河边步道护栏');
	await sp.getByLabel('牵头单位', { exact: true }).selectOption({ label: LEAD });
	await sp.getByTestId('dispatch').click();
	// The form's own address is /tasks/new: wait for the task's.
	await expect(sp).toHaveURL(/\/tasks\/(?!new\b)[^/?]+\?dispatched/);
	const taskUrl = sp.url().replace(/\?.*$/, '');

	// 接单 · 进展: the liaison, told by a notification, accepts and reports with a photo.
	const liaison = await signedInPerson(browser, baseURL!, 'liaison1', MOBILE);
	const lp = liaison.page;
	await lp.goto('/notifications');
	await lp
		.locator(`a[href="${new URL(taskUrl).pathname}"]`)
		.first()
		.click();
	await expect(lp).toHaveURL(taskUrl);
	await hydrated(lp);
	await lp.getByTestId('accept').click();
	await expect(lp.getByTestId('task-status')).toHaveText('办理中');
	const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#468' } })
		.png()
		.toBuffer();
	const report = lp.getByTestId('report-form');
	await report.getByLabel('完成进度（%）').fill('100');
	await report.getByLabel('进展说明').fill('两段护栏已更换为不锈钢护栏。');
	await report
		.getByLabel(/照片或文件/)
		.setInputFiles({ name: 'hulan.png', mimeType: 'image/png', buffer: png });
	await lp.getByTestId('send-report').click();
	await expect(lp.getByTestId('task-done')).toHaveText('进展已提交');
	await lp.getByTestId('submit-task').click();
	await expect(lp.getByTestId('task-status')).toHaveText('待验收');

	// 验收: the secretary approves.
	await sp.goto(taskUrl);
	await hydrated(sp);
	await sp.getByTestId('approve').click();
	await expect(sp.getByTestId('task-status')).toHaveText('已办结');

	// 评单: the resident rates from the notification: the bell, then the invitation.
	const rp = resident.page;
	await rp.goto('/');
	await rp.getByTestId('notification-bell').click();
	await rp.locator(`a[href="/needs/${needId}/rate"]`).first().click();
	await rp
		.getByRole('radio', { name: /很满意/ })
		.last()
		.check();
	await rp.getByRole('button', { name: '提交评价' }).click();
	await expect(rp.getByTestId('rating-thanks')).toContainText('5 星');

	// 全过程: every step on the trace, in order.
	await rp.goto(`/needs/${needId}/trace`);
	await expect(rp.getByTestId('trace-status')).toContainText('办结并已评价');
	const steps = rp.getByTestId('trace-steps').locator('li');
	const words = [
		'提出需求',
		'受理',
		'列入会议议题',
		'召开会议',
		'表决结果',
		'形成决议',
		'派单',
		'接单',
		'进展报告',
		'验收通过',
		'居民评价'
	];
	const texts = await steps.allInnerTexts();
	let at = -1;
	for (const w of words) {
		const i = texts.findIndex((t, k) => k > at && t.includes(w));
		expect(i, `step ${w} after step ${at}`).toBeGreaterThan(at);
		at = i;
	}
	await expect(rp.getByTestId('trace-steps')).not.toContainText('王秘书');

	// 看板: the dashboard counts the resolution and the task done on time.
	// Other tests may add their own meanwhile: at least ours is counted.
	expect(await figure(supervisor.page, 'resolutions')).toBeGreaterThanOrEqual(
		before.resolutions + 1
	);
	expect(await figure(supervisor.page, 'on-time')).toBeGreaterThanOrEqual(before.onTime + 1);

	await admin.dispose();
	await chairApi.dispose();
	for (const p of [resident, secretary, supervisor, chair, member, liaison])
		await p.context.close();
});
