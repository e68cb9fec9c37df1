/**
 * Irreversible actions ask first. 结束会议 opens a modal dialog (focus inside, Escape cancels,
 * focus back on the button) and, without scripts, needs a second, explicit press. 删除议题 asks
 * too, and 撤销删除 brings the item back for everyone.
 */
import { expect, test } from '@playwright/test';
import { apiAs, DESKTOP, hydrated, liveMeeting, signedInPerson } from './helpers';

test('结束会议 asks in a dialog: Escape keeps the meeting, confirming closes it', async ({
	browser,
	baseURL
}) => {
	const admin = await apiAs(baseURL!, 'admin');
	const id = await liveMeeting(admin, baseURL!, `确认结束 ${Date.now().toString(36)}`);
	await admin.dispose();
	const { context, page } = await signedInPerson(browser, baseURL!, 'chair', DESKTOP);
	await page.goto(`/meetings/${id}/hall`);
	await hydrated(page);
	const close = page.getByRole('button', { name: '结束会议', exact: true });
	await close.click();
	const dialog = page.getByRole('dialog', { name: '结束会议？' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toHaveAccessibleDescription(/此操作不能撤销/);
	// Focus starts on the safe choice; Escape cancels and focus returns to the opener.
	await expect(dialog.getByRole('button', { name: '取消' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(close).toBeFocused();
	await page.waitForTimeout(300);
	await expect(page.getByTestId('hall-status')).toHaveText('进行中');

	await close.click();
	await dialog.getByRole('button', { name: '确认结束会议' }).click();
	await expect(page.getByTestId('hall-status')).toHaveText('已结束');
	await context.close();
});

test('without scripts, 结束会议 is never one click', async ({ browser, baseURL }) => {
	const admin = await apiAs(baseURL!, 'admin');
	const id = await liveMeeting(admin, baseURL!, `无脚本结束 ${Date.now().toString(36)}`);
	await admin.dispose();
	const api = await apiAs(baseURL!, 'chair');
	const context = await browser.newContext({
		viewport: DESKTOP,
		javaScriptEnabled: false,
		storageState: await api.storageState()
	});
	const page = await context.newPage();
	await page.goto(`/meetings/${id}/hall`);
	await page.getByText('结束会议', { exact: true }).click();
	await expect(page.locator('details').getByText('此操作不能撤销')).toBeVisible();
	const state = async () =>
		((await (await api.get(`/api/v1/meetings/${id}`)).json()) as { status: string }).status;
	expect(await state()).toBe('live');
	await page.getByRole('button', { name: '确认结束会议' }).click();
	await expect(page.getByTestId('hall-status')).toHaveText('已结束');
	expect(await state()).toBe('closed');
	await api.dispose();
	await context.close();
});

test('删除议题 asks first, and 撤销删除 brings the item back for everyone', async ({
	browser,
	baseURL
}) => {
	const admin = await apiAs(baseURL!, 'admin');
	const start = new Date(Date.now() + 86_400_000);
	const created = await admin.post('/api/v1/meetings', {
		data: {
			type: 'monthly_joint',
			title: `删除议题 ${Date.now().toString(36)}`,
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
			place: '街道会议室',
			visibility: 'members',
			quorum: 1,
			status: 'scheduled',
			unitIds: [],
			communityIds: []
		}
	});
	expect(created.status(), 'create meeting').toBe(201);
	const { id } = (await created.json()) as { id: string };
	const needs = (
		(await (await admin.get('/api/v1/needs')).json()) as { items: { id: string; status: string }[] }
	).items.filter((n) => n.status !== 'merged' && n.status !== 'declined');
	expect(
		(
			await admin.post(`/api/v1/meetings/${id}/agenda/needs`, {
				data: { needIds: [needs[0]!.id], title: '老旧小区加装电梯' }
			})
		).status()
	).toBe(200);

	const { context, page } = await signedInPerson(browser, baseURL!, 'admin', DESKTOP);
	await page.goto(`/meetings/${id}`);
	await hydrated(page);
	await expect(page.getByTestId('agenda')).toHaveAttribute('data-synced', 'true', {
		timeout: 15_000
	});
	const rows = page.getByTestId('agenda-item');
	await expect(rows).toHaveCount(1);
	const remove = page.getByTestId('agenda-remove');
	await remove.click();
	const dialog = page.getByRole('dialog', { name: '删除这个议题？' });
	await expect(dialog).toContainText('老旧小区加装电梯');
	await dialog.getByRole('button', { name: '保留' }).click();
	await expect(remove).toBeFocused();
	await expect(rows).toHaveCount(1);

	await remove.click();
	await dialog.getByRole('button', { name: '删除议题' }).click();
	await expect(rows).toHaveCount(0);
	const undo = page.getByTestId('agenda-undo');
	await expect(undo).toBeFocused();
	await expect(page.getByTestId('agenda-undo-status')).toContainText(
		'已删除议题“老旧小区加装电梯”'
	);
	const stored = async () =>
		(
			(await (await admin.get(`/api/v1/meetings/${id}/agenda`)).json()) as {
				items: { title: string }[];
			}
		).items.map((i) => i.title);
	await expect.poll(stored).toEqual([]);

	await undo.click();
	await expect(rows).toHaveCount(1);
	await expect(page.locator('input[name="title"]')).toHaveValue('老旧小区加装电梯');
	await expect.poll(stored).toEqual(['老旧小区加装电梯']);
	await admin.dispose();
	await context.close();
});
