/**
 * The hall with a keyboard and a screen reader: after 签到, 举手发言 / 放下手, 请下一位发言 and
 * 提交问题 focus stays on the control that changed (or goes back to the question field), and the
 * hall's one live region says what changed — the person's place in the queue, who raised a hand
 * (to the chair), who speaks, new questions and comments.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiAs, DESKTOP, hydrated, liveMeeting, MOBILE, signedInPerson } from './helpers';

async function enter(page: Page, id: string) {
	await page.goto(`/meetings/${id}/hall`);
	await hydrated(page);
	await expect(page.getByTestId('connection-status').first()).toHaveAttribute(
		'class',
		/\bconnected\b/
	);
}

/** Press Tab until the focused element has this test id (as a keyboard user would). */
async function tabTo(page: Page, testId: string) {
	for (let i = 0; i < 60; i++) {
		await page.keyboard.press('Tab');
		if ((await focusedTestId(page)) === testId) return;
	}
	throw new Error(`Tab never reached ${testId}`);
}
const focusedTestId = (page: Page) =>
	page.evaluate(
		() =>
			document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null
	);
const announcer = (page: Page) => page.getByTestId('hall-announcer');

test('keyboard only: check in, raise and lower a hand, give the floor, ask — focus stays, the live region speaks', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const admin = await apiAs(baseURL!, 'admin');
	const id = await liveMeeting(admin, baseURL!, `键盘议事 ${Date.now().toString(36)}`);
	await admin.dispose();
	const chair = await signedInPerson(browser, baseURL!, 'chair', DESKTOP);
	const member = await signedInPerson(browser, baseURL!, 'member1', DESKTOP);
	const resident = await signedInPerson(browser, baseURL!, 'resident3', MOBILE);
	for (const p of [chair, member, resident]) await enter(p.page, id);

	// 签到: Enter on it, and focus is still on the same button, now saying it is done.
	await tabTo(member.page, 'check-in');
	await member.page.keyboard.press('Enter');
	await expect(member.page.getByTestId('checked-in')).toHaveText('✓ 已签到');
	expect(await focusedTestId(member.page)).toBe('checked-in');
	await expect(announcer(chair.page)).toHaveText('已达法定人数');

	// Raise a hand: focus stays on the button (now 放下手); the member hears their place, the chair who asked.
	await tabTo(member.page, 'raise-hand');
	await member.page.keyboard.press('Enter');
	await expect(member.page.getByTestId('lower-hand')).toBeFocused();
	await expect(announcer(member.page)).toHaveText('你已举手，排在第 1 位');
	await expect(announcer(chair.page)).toHaveText('区城市管理局代表 举手发言，排队 1 人');
	// Lower it again, and raise it once more: still the same button under the keyboard.
	await member.page.keyboard.press('Enter');
	await expect(member.page.getByTestId('raise-hand')).toBeFocused();
	await expect(announcer(member.page)).toHaveText('你已放下手');
	await member.page.keyboard.press('Enter');
	await expect(member.page.getByTestId('lower-hand')).toBeFocused();

	// The chair gives the floor with the keyboard; the emptied queue does not throw focus away.
	await tabTo(chair.page, 'give-next');
	await chair.page.keyboard.press('Enter');
	await expect(chair.page.getByTestId('speaker-name')).toHaveText('区城市管理局代表');
	await expect(chair.page.getByTestId('give-next')).toBeFocused();
	await expect(chair.page.getByTestId('give-next')).toHaveAttribute('aria-disabled', 'true');
	await expect(announcer(chair.page)).toHaveText('现在由 区城市管理局代表 发言');
	await expect(announcer(member.page)).toHaveText('轮到你发言了');
	await expect(announcer(resident.page)).toHaveText('现在由 区城市管理局代表 发言');

	// The resident on a phone: 提问 in the bottom bar goes to the question field; after sending, focus is back in it.
	await resident.page.getByTestId('bar-ask').focus();
	await resident.page.keyboard.press('Enter');
	await expect(resident.page.getByLabel('你的问题')).toBeFocused();
	await resident.page.keyboard.type('清淤什么时候开始？');
	await resident.page.keyboard.press('Tab');
	await resident.page.keyboard.press('Enter');
	await expect(resident.page.getByLabel('你的问题')).toBeFocused();
	await expect(resident.page.getByLabel('你的问题')).toHaveValue('');
	await expect(announcer(resident.page)).toHaveText('问题已提交');
	await expect(announcer(chair.page)).toHaveText('李居民 提问：清淤什么时候开始？');

	// A comment on the current item reaches the others' live region too.
	await resident.page.getByRole('tab', { name: '评论' }).click();
	await resident.page.getByLabel('对这个议题说点什么').fill('支持分两期');
	await resident.page.getByRole('button', { name: '发表' }).click();
	await expect(resident.page.getByLabel('对这个议题说点什么')).toBeFocused();
	await expect(announcer(member.page)).toHaveText('李居民 评论：支持分两期');

	for (const p of [chair, member, resident]) await p.context.close();
});

test('phone hall: the current item and speaker stay on top, actions at the bottom, parts in tabs (arrow keys)', async ({
	browser,
	baseURL
}) => {
	const admin = await apiAs(baseURL!, 'admin');
	// Residents may ask to speak here, so the bar offers 举手发言 too.
	const id = await liveMeeting(admin, baseURL!, `手机议事 ${Date.now().toString(36)}`, {
		residentsMaySpeak: true
	});
	const resident = await signedInPerson(browser, baseURL!, 'resident3', MOBILE);
	await enter(resident.page, id);
	const page = resident.page;

	// The back link is a full touch target.
	const back = await page.getByRole('link', { name: /^← / }).first().boundingBox();
	expect(back!.height).toBeGreaterThanOrEqual(44);

	const tabs = page.getByRole('tablist');
	await expect(tabs.getByRole('tab')).toHaveText(['发言', '议程', '提问', '评论', '在场']);
	const floor = tabs.getByRole('tab', { name: '发言' });
	await expect(floor).toHaveAttribute('aria-selected', 'true');
	await expect(page.locator('#panel-floor')).toBeVisible();
	await expect(page.locator('#panel-agenda')).toBeHidden();
	// Arrow keys move along the tabs and show their panel; only the selected tab is in the Tab order.
	await floor.focus();
	await page.keyboard.press('ArrowRight');
	const agenda = tabs.getByRole('tab', { name: '议程' });
	await expect(agenda).toBeFocused();
	await expect(agenda).toHaveAttribute('aria-selected', 'true');
	await expect(agenda).toHaveAttribute('tabindex', '0');
	await expect(floor).toHaveAttribute('tabindex', '-1');
	await expect(page.locator('#panel-agenda')).toBeVisible();
	await expect(page.locator('#panel-agenda')).toHaveAttribute('role', 'tabpanel');
	await expect(page.locator('#panel-floor')).toBeHidden();
	await page.keyboard.press('End');
	await expect(tabs.getByRole('tab', { name: '在场' })).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(floor).toBeFocused();

	// A need put on the agenda while the resident watches shows at once (no shared document on a phone).
	const communities = (
		(await (await admin.get('/api/v1/communities')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const binhe = communities.find((c) => c.name === '滨河社区')!;
	const needs = (
		(await (await admin.get(`/api/v1/needs?community=${binhe.id}`)).json()) as {
			items: { id: string; status: string }[];
		}
	).items.filter((n) => n.status !== 'merged' && n.status !== 'declined');
	expect(
		(
			await admin.post(`/api/v1/meetings/${id}/agenda/needs`, {
				data: { needIds: [needs[1]!.id], title: '公园夜间照明' }
			})
		).status()
	).toBe(200);
	await expect(page.getByTestId('hall-item')).toHaveText([/河道治理方案/, /公园夜间照明/]);
	await admin.dispose();

	// Scrolled to the end of the hall (on a short screen), the current item and speaker are still at
	// the top, the actions at the bottom. (Below the hall comes the site's 更多 menu, where the
	// hall's header scrolls away with the hall.)
	await page.setViewportSize({ width: MOBILE.width, height: 480 });
	await page.evaluate(() => {
		const main = document.getElementById('main')!;
		window.scrollTo(0, main.offsetTop + main.offsetHeight - window.innerHeight);
	});
	const now = await page.getByTestId('hall-now').boundingBox();
	expect(now!.y).toBeGreaterThanOrEqual(0);
	expect(now!.y).toBeLessThan(10);
	await expect(page.getByTestId('hall-now')).toContainText('河道治理方案');
	const bar = await page.getByTestId('hall-action-bar').boundingBox();
	expect(Math.round(bar!.y + bar!.height)).toBeLessThanOrEqual(480);
	expect(bar!.y + bar!.height).toBeGreaterThan(480 - 80);
	await expect(page.getByTestId('hall-action-bar').getByTestId('raise-hand')).toHaveText(
		'举手发言'
	);
	// 表态 opens the three reactions in the bar.
	await page.getByTestId('bar-react').click();
	await expect(page.getByTestId('bar-react')).toHaveAttribute('aria-expanded', 'true');
	await page.getByTestId('bar-reactions').getByTestId('react-support').click();
	await expect(page.getByTestId('bar-reactions').getByTestId('count-support')).toHaveText('1');
	await resident.context.close();
});

test('without scripts the phone hall shows every part, one after another', async ({
	browser,
	baseURL
}) => {
	const admin = await apiAs(baseURL!, 'admin');
	const id = await liveMeeting(admin, baseURL!, `无脚本议事 ${Date.now().toString(36)}`);
	await admin.dispose();
	const api = await apiAs(baseURL!, 'resident3');
	const context = await browser.newContext({
		viewport: MOBILE,
		javaScriptEnabled: false,
		storageState: await api.storageState()
	});
	await api.dispose();
	const page = await context.newPage();
	await page.goto(`/meetings/${id}/hall`);
	await expect(page.getByRole('tablist')).toHaveCount(0);
	for (const part of ['floor', 'agenda', 'questions', 'comments', 'people'])
		await expect(page.locator(`#panel-${part}`)).toBeVisible();
	await context.close();
});
