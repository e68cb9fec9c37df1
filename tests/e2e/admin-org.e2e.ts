/**
 * The secretary adds a community and a grid in it on /admin, and issues an invite code that a
 * resident can use.
 */
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('the admin adds a community, then a grid in it, by the labelled fields', async ({ page }) => {
	const community = `新村社区${Date.now().toString(36)}`;
	await signIn(page, 'admin');
	await page.goto('/admin');

	await page.getByLabel('社区名称').fill(community);
	await page.getByRole('button', { name: '添加社区' }).click();
	const item = page.getByRole('main').getByRole('listitem').filter({ hasText: community });
	await expect(item).toBeVisible();
	await expect(item).toContainText('网格: 暂无');

	// Each label leads to its own field: the grid form's name is not the community form's.
	const gridName = page.getByLabel('网格名称');
	const communityName = page.getByLabel('社区名称');
	expect(await gridName.evaluate((el) => el.closest('form')?.getAttribute('action'))).toBe(
		'?/grid'
	);
	expect(await communityName.evaluate((el) => el.closest('form')?.getAttribute('action'))).toBe(
		'?/community'
	);

	await page.getByLabel('所属社区').selectOption({ label: community });
	await gridName.fill('第一网格');
	await page.getByRole('button', { name: '添加网格' }).click();
	await expect(item).toContainText('网格: 第一网格');
});

test('an invite code created by the admin lets a resident sign up', async ({ page, browser }) => {
	await signIn(page, 'admin');
	await page.goto('/admin/invites');
	const before = await page.getByTestId('invite-code').allTextContents();
	await page.getByLabel('所属社区').selectOption({ label: '滨河社区' });
	await page.getByLabel('可用次数').fill('1');
	await page.getByRole('button', { name: '生成邀请码' }).click();
	await expect(page.getByTestId('invite-code')).toHaveCount(before.length + 1);
	const code = (await page.getByTestId('invite-code').allTextContents()).find(
		(c) => !before.includes(c)
	);
	expect(code).toBeTruthy();

	const resident = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const rp = await resident.newPage();
	await rp.goto(`/register?code=${code}`);
	await rp.getByLabel('您的称呼').fill('冯先生');
	await rp.getByLabel('登录账号').fill(`res_${Date.now().toString(36)}`);
	await rp.getByLabel('密码').fill('a-long-password');
	await rp.getByRole('button', { name: '注册并登录' }).click();
	await expect(rp.locator('main .badge.role')).toHaveText(['居民']);
	await resident.close();

	// The code was for one use: the admin sees it used up.
	await page.reload();
	await expect(
		page.getByRole('main').getByRole('listitem').filter({ hasText: code! })
	).toContainText('已用 1/1');
});
