/**
 * The live hall with four people in four browsers — chair, member, recorder, resident: check-in
 * and quorum, the agenda position followed everywhere, hands, floor, a point of order jumping
 * the queue, the speech timer, a resident's question upvoted by someone else, the minutes typed
 * by two people at once, then finalised, approved and exported. And a participant who drops
 * off the network and comes back: current within 3 s, nothing they did counted twice.
 *
 * Each test calls its own meeting through the API, so the demo meetings other tests read stay
 * as they are.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiAs, DESKTOP, MOBILE, signedInPerson, type Person } from './helpers';

interface Named {
	id: string;
	name: string;
}

/** A public meeting for 滨河社区 residents with member1's unit invited, quorum 1, two agenda items from needs. */
async function callMeeting(
	baseURL: string,
	title: string
): Promise<{ id: string; items: string[] }> {
	const api = await apiAs(baseURL, 'admin');
	const units = ((await (await api.get('/api/v1/units')).json()) as { items: Named[] }).items;
	const communities = (await (await api.get('/api/v1/communities')).json()) as
		{ items: Named[] } | Named[];
	const list = Array.isArray(communities) ? communities : communities.items;
	const binhe = list.find((c) => c.name === '滨河社区')!;
	const start = new Date(Date.now() + 3_600_000);
	const created = await api.post('/api/v1/meetings', {
		data: {
			type: 'resident_deliberation',
			title,
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
			place: '滨河社区活动中心',
			visibility: 'public',
			quorum: 1,
			status: 'scheduled',
			residentsMaySpeak: true,
			unitIds: [units.find((u) => u.name === '区城市管理局')!.id],
			communityIds: [binhe.id]
		}
	});
	expect(created.status(), 'create meeting').toBe(201);
	const { id } = (await created.json()) as { id: string };
	const needs = (
		(await (await api.get(`/api/v1/needs?community=${binhe.id}`)).json()) as {
			items: { id: string; title: string; status: string }[];
		}
	).items.filter((n) => n.status !== 'merged' && n.status !== 'declined');
	const items: string[] = [];
	for (const [i, title] of ['河道治理方案', '公园夜间照明'].entries()) {
		const r = await api.post(`/api/v1/meetings/${id}/agenda/needs`, {
			data: { needIds: [needs[i]!.id], title }
		});
		expect(r.status(), 'put a need on the agenda').toBe(200);
		items.push(title);
	}
	await api.dispose();
	return { id, items };
}

async function enterHall(p: Person, meetingId: string) {
	await p.page.goto(`/meetings/${meetingId}/hall`);
	await expect(p.page.getByTestId('hall-status')).toBeVisible();
	await expect(p.page.getByTestId('connection-status').first()).toContainText('实时连接正常');
}

const currentItem = (page: Page) =>
	page.locator('[data-testid="hall-item"][data-current="true"] .title');
const queueNames = (page: Page) => page.getByTestId('queue-entry').locator('.name');

/** Fail the test if any page ever opens a dialog (a stored script payload running). */
function noDialogs(pages: Page[]) {
	for (const page of pages)
		page.on('dialog', (d) => {
			throw new Error(`a dialog opened: ${d.message()}`);
		});
}

test('four people run a live meeting: quorum, agenda, floor, questions, minutes', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { id, items } = await callMeeting(baseURL!, `E2E 议事厅 ${Date.now()}`);
	const chair = await signedInPerson(browser, baseURL!, 'chair', DESKTOP);
	const member = await signedInPerson(browser, baseURL!, 'member1', MOBILE);
	const recorder = await signedInPerson(browser, baseURL!, 'recorder', DESKTOP);
	const resident = await signedInPerson(browser, baseURL!, 'resident3', MOBILE);
	const everyone = [chair, member, recorder, resident];
	noDialogs(everyone.map((p) => p.page));

	await enterHall(chair, id);
	await expect(chair.page.getByTestId('hall-status')).toHaveText('已安排');
	await chair.page.getByRole('button', { name: '开始会议' }).click();
	await expect(chair.page.getByTestId('hall-status')).toHaveText('进行中');
	for (const p of [member, recorder, resident]) await enterHall(p, id);

	// Check-in and quorum (1 member): everyone sees it met once member1 checks in.
	for (const p of everyone) await expect(p.page.getByTestId('quorum')).toHaveText('未达法定人数');
	await member.page.getByRole('button', { name: '签到' }).click();
	await expect(member.page.getByTestId('checked-in')).toBeVisible();
	for (const p of everyone) await expect(p.page.getByTestId('quorum')).toHaveText('已达法定人数');
	await expect(resident.page.getByRole('button', { name: '签到' })).toHaveCount(0);

	// The chair moves to the next item; every view follows. A resident has no such control.
	for (const p of everyone) await expect(currentItem(p.page)).toHaveText(items[0]!);
	await expect(resident.page.getByTestId('next-item')).toHaveCount(0);
	await chair.page.getByTestId('next-item').click();
	for (const p of everyone) await expect(currentItem(p.page)).toHaveText(items[1]!);

	// Hands: the resident, then the member; the recorder's point of order goes ahead of both.
	await resident.page.getByTestId('raise-hand').click();
	await expect(queueNames(chair.page)).toHaveText(['李居民']);
	await member.page.getByTestId('raise-hand').click();
	await recorder.page.getByTestId('point-of-order').click();
	for (const p of everyone)
		await expect(queueNames(p.page)).toHaveText(['赵记录', '李居民', '区城市管理局代表']);
	await expect(resident.page.getByTestId('my-place')).toContainText('第 2 位');
	await expect(
		chair.page.locator('[data-testid="queue-entry"][data-point-of-order="true"]')
	).toHaveCount(1);

	// The floor goes to the head of the queue; the timer counts down on every screen.
	await chair.page.getByTestId('give-next').click();
	for (const p of everyone) {
		await expect(p.page.getByTestId('speaker-name')).toHaveText('赵记录');
		await expect(p.page.getByTestId('speech-timer')).toContainText(/剩余 [23]:\d\d/);
	}
	for (const p of everyone)
		await expect(queueNames(p.page)).toHaveText(['李居民', '区城市管理局代表']);

	// The resident asks (with a script payload that must stay text); the member upvotes.
	const payload = '什么时候开始清淤？<img src=x onerror=alert(1)><script>alert(2)</script>';
	// On a phone the questions are a tab of their own.
	for (const p of [resident, member]) await p.page.getByRole('tab', { name: '提问' }).click();
	await resident.page.getByLabel('你的问题').fill(payload);
	await resident.page.getByRole('button', { name: '提交问题' }).click();
	const question = (page: Page) =>
		page.getByTestId('question').filter({ hasText: '什么时候开始清淤' });
	await expect(question(member.page)).toContainText('<script>alert(2)</script>');
	await question(member.page).getByTestId('upvote').click();
	await expect(question(resident.page).getByTestId('upvotes')).toHaveText('1 人赞同');
	await expect(question(chair.page).getByTestId('upvotes')).toHaveText('1 人赞同');
	await expect(question(resident.page).getByTestId('upvote')).toHaveCount(0);

	// The recorder and the chair type into the minutes at the same time; both end with the same text.
	const editors = [recorder, chair].map((p) => p.page.getByTestId('minutes-editor'));
	for (const e of editors) await expect(e).toBeVisible({ timeout: 15_000 });
	// Readers get the minutes as the server renders them, without the editor.
	await expect(member.page.getByTestId('minutes-editor')).toHaveCount(0);
	await expect(member.page.getByTestId('minutes-html')).toBeVisible();
	// The minutes start with a heading and an empty paragraph per agenda item: each writes under one.
	await expect(editors[0]!.locator('h2')).toHaveText(items);
	await editors[0]!.locator('p').nth(0).click();
	await editors[1]!.locator('p').nth(1).click();
	await Promise.all([
		recorder.page.keyboard.type('记录员：河道治理议定分两期实施。', { delay: 20 }),
		chair.page.keyboard.type('主持人补充：夜间照明下月完成。', { delay: 20 })
	]);
	for (const e of editors) {
		await expect(e).toContainText('河道治理议定分两期实施');
		await expect(e).toContainText('夜间照明下月完成');
	}
	// The same text on both screens (other people's carets and name labels aside).
	const text = (e: (typeof editors)[number]) =>
		e.evaluate((el) => {
			const copy = el.cloneNode(true) as HTMLElement;
			copy
				.querySelectorAll('.collaboration-carets__caret, .collaboration-carets__label')
				.forEach((n) => n.remove());
			return copy.textContent;
		});
	await expect.poll(async () => (await text(editors[0]!)) === (await text(editors[1]!))).toBe(true);
	await expect(member.page.getByTestId('minutes-html')).toContainText('夜间照明下月完成', {
		timeout: 15_000
	});

	// The chair closes the meeting; the recorder finalises, the chair approves; the minutes export.
	await chair.page.getByRole('button', { name: '结束会议', exact: true }).click();
	await chair.page
		.getByRole('dialog', { name: '结束会议？' })
		.getByRole('button', { name: '确认结束会议' })
		.click();
	await expect(chair.page.getByTestId('hall-status')).toHaveText('已结束');
	await expect(resident.page.getByTestId('hall-status')).toHaveText('已结束');
	await recorder.page.goto(`/meetings/${id}/minutes`);
	await recorder.page.getByTestId('finalise').click();
	await expect(recorder.page.getByTestId('minutes-status')).toHaveText('已定稿，待主持人审定');
	await chair.page.goto(`/meetings/${id}/minutes`);
	await chair.page.getByTestId('approve').click();
	await expect(chair.page.getByTestId('minutes-status')).toHaveText('已审定');
	await expect(chair.page.getByTestId('minutes-html')).toContainText('河道治理议定分两期实施');

	const md = await chair.page.request.get(`/api/v1/meetings/${id}/minutes.md`);
	expect(md.headers()['content-type']).toContain('text/markdown');
	expect(await md.text()).toContain('主持人补充：夜间照明下月完成。');
	const docx = await chair.page.request.get(`/meetings/${id}/minutes.docx`);
	expect(docx.status()).toBe(200);
	expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
	await chair.page.goto(`/meetings/${id}/minutes/print`);
	await expect(chair.page.getByTestId('print')).toContainText('夜间照明下月完成');

	// Approved minutes of a public meeting are published to its residents.
	await resident.page.goto(`/meetings/${id}/minutes`);
	await expect(resident.page.getByTestId('minutes-html')).toContainText('河道治理议定分两期实施');
	for (const p of everyone) await p.context.close();
});

test('a participant who drops off the network is current again within 3 s, and nothing counts twice', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(60_000);
	const { id, items } = await callMeeting(baseURL!, `E2E 断线重连 ${Date.now()}`);
	const chairApi: APIRequestContext = await apiAs(baseURL!, 'chair');
	expect((await chairApi.post(`/api/v1/meetings/${id}/start`)).status()).toBe(200);
	const chair = await signedInPerson(browser, baseURL!, 'chair', DESKTOP);
	const member = await signedInPerson(browser, baseURL!, 'member1', MOBILE);
	await enterHall(chair, id);
	await enterHall(member, id);
	await expect(currentItem(member.page)).toHaveText(items[0]!);

	await member.context.setOffline(true);
	// While the member is away: the chair moves on, and the member raises a hand (sent when back).
	await chair.page.getByTestId('next-item').click();
	await expect(currentItem(chair.page)).toHaveText(items[1]!);
	await member.page.getByTestId('raise-hand').click();
	await member.page.waitForTimeout(500);

	await member.context.setOffline(false);
	const back = Date.now();
	await expect(currentItem(member.page)).toHaveText(items[1]!, { timeout: 3_000 });
	await expect(queueNames(chair.page)).toHaveText(['区城市管理局代表'], { timeout: 3_000 });
	expect(Date.now() - back).toBeLessThan(3_000);

	// The hand counted once, everywhere and on the server; the member is one person in the hall.
	await expect(queueNames(member.page)).toHaveText(['区城市管理局代表']);
	const hall = (await (await chairApi.get(`/api/v1/meetings/${id}/hall`)).json()) as {
		state: { queue: unknown[] };
		attendance: { inHall: number };
	};
	expect(hall.state.queue).toHaveLength(1);
	expect(hall.attendance.inHall).toBe(2);
	await chairApi.dispose();
	for (const p of [chair, member]) await p.context.close();
});
