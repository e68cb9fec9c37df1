/**
 * What the server refuses shows as a clear error page with the right status, and what a person
 * may only read stays read-only in the browser.
 */
import { expect, test } from '@playwright/test';
import { openUnit, signIn, syncedDutyList } from './helpers';

test('a resident opening /admin gets the 403 error page', async ({ page }) => {
	await signIn(page, 'resident1');
	const response = await page.goto('/admin');
	expect(response?.status()).toBe(403);
	const error = page.getByTestId('error-page');
	await expect(error).toHaveAttribute('data-status', '403');
	await expect(error.getByRole('heading', { level: 1 })).toHaveText('没有权限');
	await expect(error.getByRole('link', { name: '回到首页' })).toBeVisible();

	for (const path of ['/admin/units', '/admin/people', '/admin/invites']) {
		const r = await page.goto(path);
		expect(r?.status(), path).toBe(403);
		await expect(page.getByTestId('error-page')).toHaveAttribute('data-status', '403');
	}
});

test('someone signed out opening /admin is asked to sign in (401)', async ({ page }) => {
	const response = await page.goto('/admin');
	expect(response?.status()).toBe(401);
	await expect(page.getByTestId('error-page')).toHaveAttribute('data-status', '401');
	await page.getByTestId('error-page').getByRole('link', { name: '登录' }).click();
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/);
	await page.locator('input[name="login"]').fill('admin');
	await page.locator('input[name="password"]').fill('yiting-demo');
	await page.locator('main form button').click();
	await expect(page).toHaveURL(/\/admin$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('管理');
});

test('the supervisor reads people and roles but cannot manage them', async ({ page }) => {
	await signIn(page, 'supervisor');
	const admin = await page.goto('/admin');
	expect(admin?.status()).toBe(403);

	const people = await page.goto('/admin/people');
	expect(people?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('人员');
	await expect(page.getByTestId('person-admin')).toBeVisible();
	await expect(page.getByRole('button', { name: '添加人员' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: '授予角色' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /^移除/ })).toHaveCount(0);
});

test('a resident sees a unit’s duty list read-only', async ({ page }) => {
	await signIn(page, 'resident1');
	await openUnit(page, '区人民医院');
	await expect(page.getByText('只读：只有工委秘书和本单位联络员可以编辑。')).toBeVisible();
	const duties = await syncedDutyList(page);
	await expect(duties).toHaveValue(/义诊进社区/);
	await expect(duties).toHaveAttribute('readonly', '');
	await expect(duties).toHaveAttribute('aria-readonly', 'true');

	const before = await duties.inputValue();
	await duties.click();
	await page.keyboard.type('居民改的');
	await page.keyboard.press('Backspace');
	await expect(duties).toHaveValue(before);
	// Nor did anything reach the shared document: a fresh load shows the same text.
	await page.reload();
	await expect(await syncedDutyList(page)).toHaveValue(before);
});
