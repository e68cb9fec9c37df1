/**
 * Elder mode (长辈模式) and the language switch in the header: they change the page at once and
 * are remembered — on the account when signed in, so they follow the person to a new device.
 */
import { expect, test, type Page } from '@playwright/test';
import { navigation, navLabels, openPerson, signIn, signOut } from './helpers';

const rootFontPx = (page: Page) =>
	page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
const bodyFontPx = (page: Page) =>
	page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));

test('elder mode enlarges the page, shows fewer choices and persists after reload', async ({
	page
}) => {
	await signIn(page, 'liaison3');
	const html = page.locator('html');
	await expect(html).not.toHaveClass(/\belder\b/);
	expect(await rootFontPx(page)).toBe(16);
	const standardNav = await navLabels(page);
	expect(standardNav).toEqual(expect.arrayContaining(['首页', '我的单位', '成员单位', '设置']));

	const toggle = page.getByRole('button', { name: '长辈模式' });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await toggle.click();
	await expect(html).toHaveClass(/\belder\b/);
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => rootFontPx(page)).toBeGreaterThanOrEqual(20);
	expect(await bodyFontPx(page)).toBeGreaterThanOrEqual(20);
	// Fewer, bigger choices: the liaison's "member units" item is not primary.
	const elderNav = await navLabels(page);
	expect(elderNav).toEqual(expect.arrayContaining(['首页', '我的单位', '设置']));
	expect(elderNav).not.toContain('成员单位');
	expect(elderNav.length).toBeLessThan(standardNav.length);
	const firstLink = navigation(page).getByRole('link').first();
	expect((await firstLink.boundingBox())?.height).toBeGreaterThanOrEqual(48);

	await page.reload();
	await expect(html).toHaveClass(/\belder\b/);
	expect(await rootFontPx(page)).toBeGreaterThanOrEqual(20);

	// Remembered on the account: a new device signs in already in elder mode.
	const other = await openPerson(page.context().browser()!);
	await signIn(other.page, 'liaison3');
	await expect(other.page.locator('html')).toHaveClass(/\belder\b/);
	await other.context.close();

	await toggle.click();
	await expect(html).not.toHaveClass(/\belder\b/);
	await expect.poll(() => rootFontPx(page)).toBe(16);
});

test('elder mode works before signing in and survives a reload', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: '长辈模式' }).click();
	await expect(page.locator('html')).toHaveClass(/\belder\b/);
	await expect(page).toHaveURL(/\/login$/);
	await page.reload();
	await expect(page.locator('html')).toHaveClass(/\belder\b/);
	expect(await rootFontPx(page)).toBeGreaterThanOrEqual(20);
});

test('the English switch changes the text and is remembered for the signed-in person', async ({
	browser
}) => {
	const first = await openPerson(browser);
	const { page } = first;
	await signIn(page, 'member4');
	await expect(navigation(page).getByRole('link', { name: '成员单位' })).toBeVisible();

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(navigation(page).getByRole('link', { name: 'Member units' })).toBeVisible();
	expect(await navLabels(page)).toEqual(
		expect.arrayContaining(['Home', 'Member units', 'Settings'])
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Hello, /);
	await expect(page.locator('main .badge.role')).toHaveText(['Member unit representative']);
	await expect(page.getByRole('button', { name: '中文' })).toBeVisible();

	// Pages reached afterwards are in English too.
	await navigation(page).getByRole('link', { name: 'Member units' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Member units');

	await signOut(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Yiting');

	// A fresh browser (no language cookie) starts in Chinese, and signing in brings English back.
	const second = await openPerson(browser);
	await second.page.goto('/login');
	await expect(second.page.getByRole('heading', { level: 1 })).toHaveText('登录议厅');
	await signIn(second.page, 'member4');
	await expect(second.page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(navigation(second.page).getByRole('link', { name: 'Member units' })).toBeVisible();

	// Switching back is remembered the same way.
	await second.page.getByRole('button', { name: '中文' }).click();
	await expect(navigation(second.page).getByRole('link', { name: '成员单位' })).toBeVisible();
	await signOut(second.page);
	await signIn(page, 'member4');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

	await Promise.all([first.context.close(), second.context.close()]);
});

test('the settings page changes language and elder mode together', async ({ page }) => {
	await signIn(page, 'resident7');
	await page.goto('/settings');
	await page.getByLabel('界面语言').selectOption('en');
	await page.getByLabel(/长辈模式/).check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
	await expect(page.locator('html')).toHaveClass(/\belder\b/);
	await expect(page.getByRole('main').getByRole('status')).toHaveText('Saved');
	await page.reload();
	await expect(page.getByLabel('Language')).toHaveValue('en');
	await expect(page.getByLabel(/Elder mode/)).toBeChecked();
});
