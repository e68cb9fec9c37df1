/**
 * Each demo role signs in and out through the real forms and sees the navigation its
 * permissions allow — no more, no less.
 */
import { expect, test } from '@playwright/test';
import { navigation, navLabels, signIn, signOut } from './helpers';

// The role-dependent items of the navigation: each person sees exactly their own.
const ROLE_ITEMS = ['我的单位', '管理', '人员'];
const cases = [
	{ login: 'admin', role: '工委秘书', shows: ['管理'] },
	{ login: 'chair', role: '主持人', shows: [] },
	{ login: 'member1', role: '成员单位代表', shows: [] },
	{ login: 'liaison1', role: '联络员', shows: ['我的单位'] },
	{ login: 'supervisor', role: '督办', shows: ['人员'] },
	{ login: 'resident1', role: '居民', shows: [] }
];

for (const { login, role, shows } of cases) {
	test(`${login} signs in, sees the ${role} navigation, and signs out`, async ({ page }) => {
		await signIn(page, login);

		await expect(page.getByRole('heading', { level: 1 })).toContainText('您好');
		await expect(page.locator('main .badge.role')).toHaveText([role]);
		const nav = await navLabels(page);
		expect(nav.slice(0, 1), 'home comes first').toEqual(['首页']);
		expect(nav.at(-1), 'settings comes last').toBe('设置');
		expect(nav).toContain('成员单位');
		expect(nav.filter((label) => ROLE_ITEMS.includes(label))).toEqual(shows);
		await expect(navigation(page).getByRole('button', { name: '退出登录' })).toBeVisible();

		await signOut(page);
		await page.goto('/');
		await expect(navigation(page)).toHaveCount(0);
		await expect(page.getByRole('main').getByRole('link', { name: '登录' })).toBeVisible();
		// The session is gone on the server too, not just in this page.
		const response = await page.goto('/settings');
		expect(response?.status()).toBe(401);
		await expect(page.getByTestId('error-page')).toHaveAttribute('data-status', '401');
	});
}

test('the liaison’s “my unit” link opens their own unit', async ({ page }) => {
	await signIn(page, 'liaison1');
	await navigation(page).getByRole('link', { name: '我的单位' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('区城市管理局');
	await expect(navigation(page).getByRole('link', { name: '我的单位' })).toHaveAttribute(
		'aria-current',
		'page'
	);
});

test('a wrong password is refused and the account name is kept', async ({ page }) => {
	await page.goto('/login');
	await page.locator('input[name="login"]').fill('chair');
	await page.locator('input[name="password"]').fill('not-the-password');
	await page.locator('main form button').click();
	await expect(page.getByRole('alert')).toHaveText('账号或密码不正确');
	await expect(page.locator('input[name="login"]')).toHaveValue('chair');
	await expect(navigation(page)).toHaveCount(0);
});
