/**
 * Needs at phone size: a resident raises one in three screens (in elder mode too), staff
 * accept one and merge two duplicates, the submitter follows every step on the timeline, and a
 * support shows up live in a third person's browser.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiAs, hydrated, setPreferences, signedInPerson } from './helpers';

async function raiseNeed(page: Page, title: string): Promise<string> {
	await page.goto('/needs/new');
	// Screen 1: what kind.
	await expect(page.getByText('第 1 步，共 3 步')).toBeVisible();
	await page.getByRole('radio', { name: '停车' }).check();
	await page.getByRole('button', { name: '下一步' }).click();
	// Screen 2: what and where.
	await expect(page.getByText('第 2 步，共 3 步')).toBeVisible();
	await page.getByLabel('一句话说明').fill(title);
	await page.getByLabel('详细情况').fill('晚上八点以后车位全满，老人看病回来没处停车。');
	await page.getByLabel('具体位置（可不填）').fill('滨河小区北门');
	await page.getByRole('button', { name: '下一步' }).click();
	// Screen 3: confirm.
	await expect(page.getByText('第 3 步，共 3 步')).toBeVisible();
	await expect(page.locator('.summary')).toContainText(title);
	await page.getByRole('button', { name: '提交需求' }).click();
	// Sent: said so, and the way to the need.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('需求已提交');
	await page.getByRole('link', { name: '查看这条需求' }).click();
	await expect(page).toHaveURL(/\/needs\/[a-z0-9]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByTestId('need-status')).toHaveText('待受理');
	return new URL(page.url()).pathname.split('/')[2]!;
}

test('a resident raises a need in three screens, in standard and in elder mode', async ({
	browser,
	baseURL
}) => {
	const resident = await signedInPerson(browser, baseURL!, 'resident3');
	await raiseNeed(resident.page, '滨河小区北门夜间停车难');
	await setPreferences(resident.page, { elderMode: true });
	const id = await raiseNeed(resident.page, '长辈模式下提交的停车需求');
	await expect(resident.page.locator('html')).toHaveClass(/elder/);
	const fontSize = await resident.page.evaluate(() =>
		parseFloat(getComputedStyle(document.body).fontSize)
	);
	expect(fontSize).toBeGreaterThanOrEqual(20);
	await expect(resident.page.getByTestId('timeline').locator('li')).toHaveCount(1);
	// It is on the board, marked as the resident's own.
	await resident.page.goto('/needs');
	await expect(resident.page.locator(`[data-need-id="${id}"]`)).toContainText('我提的');
	await resident.context.close();
});

test('staff accept one need and merge two duplicates; submitters see each step; a support is live elsewhere', async ({
	browser,
	baseURL
}) => {
	// Two residents raise the same need (set up through the API: this test is about handling them).
	const r1 = await apiAs(baseURL!, 'resident1');
	const r2 = await apiAs(baseURL!, 'resident2');
	const body = (title: string) => ({
		data: { title, description: '路灯坏了，晚上很黑。', category: 'safety', visibility: 'public' }
	});
	const a = (await (await r1.post('/api/v1/needs', body('和平里5号楼路灯不亮'))).json()) as {
		id: string;
	};
	const b = (await (await r2.post('/api/v1/needs', body('5号楼门口路灯坏了'))).json()) as {
		id: string;
	};

	const admin = await signedInPerson(browser, baseURL!, 'admin');
	await admin.page.goto(`/needs/${a.id}`);
	await admin.page.getByRole('button', { name: '受理' }).click();
	await expect(admin.page.getByTestId('need-status')).toHaveText('已受理');

	await admin.page.goto(`/needs/${b.id}`);
	await hydrated(admin.page);
	await admin.page.getByText('合并到另一条需求').first().click();
	await admin.page
		.getByRole('combobox', { name: '合并到哪条需求' })
		.pressSequentially('和平里5号楼');
	await admin.page.getByRole('option', { name: /和平里5号楼路灯不亮.*已受理/ }).click();
	await admin.page.getByRole('button', { name: '合并到另一条需求' }).click();
	await expect(admin.page.getByTestId('need-status')).toHaveText('已合并');

	// Each submitter sees what happened on their own need's timeline.
	const submitterA = await signedInPerson(browser, baseURL!, 'resident1');
	await submitterA.page.goto(`/needs/${a.id}`);
	const timelineA = submitterA.page.getByTestId('timeline').locator('li');
	await expect(timelineA).toHaveCount(3);
	await expect(timelineA.nth(0)).toHaveAttribute('data-kind', 'submitted');
	await expect(timelineA.nth(1)).toHaveAttribute('data-kind', 'accepted');
	await expect(timelineA.nth(2)).toHaveAttribute('data-kind', 'merged_from');
	// The duplicate's submitter now counts as a supporter of the kept need.
	await expect(submitterA.page.getByTestId('support-count')).toHaveText('1 人附议');
	const submitterB = await signedInPerson(browser, baseURL!, 'resident2');
	await submitterB.page.goto(`/needs/${b.id}`);
	await expect(submitterB.page.getByTestId('timeline').locator('li').last()).toHaveAttribute(
		'data-kind',
		'merged'
	);

	// A third person watches the board while a second resident supports: the count moves live.
	const watcher = await signedInPerson(browser, baseURL!, 'resident7');
	await watcher.page.goto('/needs');
	// Live updates come through the page's scripts.
	await hydrated(watcher.page);
	const card = watcher.page.locator(`[data-need-id="${a.id}"]`);
	await expect(card.getByTestId('support-count')).toHaveText('1 人附议');
	await expect(watcher.page.getByTestId('connection-status')).toHaveClass(/connected/);
	const supporter = await signedInPerson(browser, baseURL!, 'resident4');
	await supporter.page.goto(`/needs/${a.id}`);
	await supporter.page.getByRole('button', { name: '附议', exact: true }).click();
	await expect(supporter.page.getByTestId('support-count')).toHaveText('2 人附议');
	await expect(card.getByTestId('support-count')).toHaveText('2 人附议');
	// Supporting twice is refused by the server; the page offers no second button.
	await expect(supporter.page.getByText('已附议')).toBeVisible();

	await Promise.all([r1.dispose(), r2.dispose()]);
	for (const p of [admin, submitterA, submitterB, watcher, supporter]) await p.context.close();
});
