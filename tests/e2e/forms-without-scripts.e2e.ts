/**
 * The forms residents and staff use most, with the page's scripts switched off (a slow phone, a
 * tap before they load, scripts blocked): each still does its job through a plain HTML post.
 * The need flow has its own walk in need-flow.e2e.ts.
 */
import { expect, test } from '@playwright/test';
import { apiAs, createPersonWithRole, DEMO_PASSWORD, navigation, withoutScripts } from './helpers';

test('signing in and registering work without JavaScript, and a refused sign-in keeps the account name', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await withoutScripts(browser, baseURL!);
	await page.goto('/login');
	await page.getByLabel('账号').fill('resident11');
	await page.getByLabel('密码').fill('not-the-password');
	await page.getByRole('main').getByRole('button').click();
	await expect(page.getByRole('alert')).toContainText('账号或密码不正确');
	await expect(page.getByLabel('账号')).toHaveValue('resident11');
	await page.getByLabel('密码').fill(DEMO_PASSWORD);
	await page.getByRole('main').getByRole('button').click();
	await expect(navigation(page)).toBeVisible();
	await context.clearCookies();

	const login = `noscript_${Date.now().toString(36)}`;
	await page.goto('/register?code=BINHE226');
	await page.getByLabel('您的称呼').fill('无脚本居民');
	await page.getByLabel('登录账号').fill(login);
	await page.getByLabel('密码').fill('a-long-password');
	await page.getByRole('button', { name: '注册并登录' }).click();
	await expect(navigation(page)).toBeVisible();
	await context.close();
});

test('settings save the language without JavaScript', async ({ browser, baseURL }) => {
	const admin = await apiAs(baseURL!, 'admin');
	const login = `noscript_set_${Date.now().toString(36)}`;
	const communities = (
		(await (await admin.get('/api/v1/communities')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	await createPersonWithRole(
		admin,
		{ login, displayName: '设置居民', password: DEMO_PASSWORD },
		{ role: 'resident', communityId: communities[0]!.id }
	);
	await admin.dispose();
	const { context, page } = await withoutScripts(browser, baseURL!, login);
	await page.goto('/settings');
	await page.getByLabel('界面语言').selectOption('en');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
	await context.close();
});

test('calling a public meeting for chosen communities works without JavaScript', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await withoutScripts(browser, baseURL!, 'admin');
	const title = `无脚本议事会 ${Date.now().toString(36)}`;
	await page.goto('/meetings/new');
	await page.getByLabel('会议名称').fill(title);
	await page.getByLabel('开始时间').fill('2027-01-20T19:00');
	await page.getByLabel('预计结束').fill('2027-01-20T21:00');
	await page.getByLabel('地点').fill('滨河社区活动中心');
	await page.getByRole('radio', { name: '向居民公开' }).check();
	// Only residents of 滨河社区: the choice must be there without scripts.
	await page.getByRole('checkbox', { name: '滨河社区' }).check();
	await page.getByRole('checkbox', { name: '区城市管理局' }).check();
	await page.getByRole('button', { name: '创建会议' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const id = new URL(page.url()).pathname.split('/')[2]!;

	const api = await apiAs(baseURL!, 'admin');
	const meeting = (await (await api.get(`/api/v1/meetings/${id}`)).json()) as {
		visibility: string;
		communityIds: string[];
	};
	const communities = (
		(await (await api.get('/api/v1/communities')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	expect(meeting.visibility).toBe('public');
	expect(meeting.communityIds).toEqual([communities.find((c) => c.name === '滨河社区')!.id]);
	await api.dispose();
	await context.close();
});
