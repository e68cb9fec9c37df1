/**
 * A resident signs up with a community invite code and is signed in as a resident of that
 * community straight away.
 */
import { expect, test } from '@playwright/test';
import { navigation, navLabels, signOut } from './helpers';

const unique = () => Date.now().toString(36) + Math.floor(Math.random() * 1e4).toString(36);

test('a resident registers with invite code HEPING26 and lands signed in as 居民', async ({
	page
}) => {
	const login = `res_${unique()}`;
	await page.goto('/register?code=HEPING26');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民注册');
	await expect(page.getByLabel('社区邀请码')).toHaveValue('HEPING26');
	await page.getByLabel('您的称呼').fill('钱阿姨');
	await page.getByLabel('登录账号').fill(login);
	await page.getByLabel('密码').fill('a-long-password');
	await page.getByRole('button', { name: '注册并登录' }).click();

	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('钱阿姨，您好');
	await expect(page.locator('main .badge.role')).toHaveText(['居民']);
	const nav = await navLabels(page);
	expect(nav).toEqual(expect.arrayContaining(['首页', '成员单位', '设置']));
	for (const staffOnly of ['管理', '人员', '我的单位']) expect(nav).not.toContain(staffOnly);

	// The new account works for a later sign-in too.
	await signOut(page);
	await page.locator('input[name="login"]').fill(login);
	await page.locator('input[name="password"]').fill('a-long-password');
	await page.locator('main form button').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('钱阿姨，您好');
});

test('the invite code can be typed in lower case from the sign-in page', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('link', { name: /居民可以用社区邀请码注册/ }).click();
	await expect(page).toHaveURL(/\/register$/);
	await page.getByLabel('社区邀请码').fill('qingnian');
	await page.getByLabel('您的称呼').fill('周大爷');
	await page.getByLabel('登录账号').fill(`res_${unique()}`);
	await page.getByLabel('密码').fill('a-long-password');
	await page.getByRole('button', { name: '注册并登录' }).click();
	await expect(page.locator('main .badge.role')).toHaveText(['居民']);
});

test('a wrong invite code is refused and what was typed is kept', async ({ page }) => {
	const login = `res_${unique()}`;
	await page.goto('/register');
	await page.getByLabel('社区邀请码').fill('NOSUCHCODE');
	await page.getByLabel('您的称呼').fill('吴奶奶');
	await page.getByLabel('登录账号').fill(login);
	await page.getByLabel('密码').fill('a-long-password');
	await page.getByRole('button', { name: '注册并登录' }).click();

	await expect(page.getByText('邀请码无效或已过期')).toBeVisible();
	await expect(page.getByLabel('社区邀请码')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('您的称呼')).toHaveValue('吴奶奶');
	await expect(page.getByLabel('登录账号')).toHaveValue(login);
	await expect(navigation(page)).toHaveCount(0);
});

test('elder mode chosen before signing up stays on for the new account', async ({ page }) => {
	await page.goto('/register?code=BINHE226');
	await page.getByRole('button', { name: '长辈模式' }).click();
	await expect(page.locator('html')).toHaveClass(/\belder\b/);
	await page.getByLabel('您的称呼').fill('郑爷爷');
	await page.getByLabel('登录账号').fill(`res_${unique()}`);
	await page.getByLabel('密码').fill('a-long-password');
	await page.getByRole('button', { name: '注册并登录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('郑爷爷，您好');
	await expect(page.locator('html')).toHaveClass(/\belder\b/);
});
