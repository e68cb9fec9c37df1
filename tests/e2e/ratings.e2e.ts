/**
 * Residents' ratings and the trace as people meet them: a need carried through the tasks API to
 * approval, then the resident who raised it rates from the notification in two taps, in elder
 * mode; a supporter rates on a phone whose scripts never loaded; and anyone who may see the need
 * opens its trace and reads "办结并已评价" with every step. Residents made for the test keep
 * elder mode away from other tests.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
	apiAs,
	createPersonWithRole,
	DEMO_PASSWORD,
	seriousA11yFindings,
	setPreferences,
	signedInPerson,
	withoutScripts
} from './helpers';

const SCREENS = 'test-results/screens';

async function newResident(admin: APIRequestContext, tag: string): Promise<string> {
	const communities = (
		(await (await admin.get('/api/v1/communities')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const login = `rate_${tag}_${Date.now().toString(36)}`;
	await createPersonWithRole(
		admin,
		{ login, displayName: `评价居民${tag}`, password: DEMO_PASSWORD },
		{ role: 'resident', communityId: communities[0]!.id }
	);
	return login;
}

async function ok(r: Promise<APIResponse>): Promise<APIResponse> {
	const res = await r;
	expect(res.ok(), `${res.status()} ${await res.text()}`).toBe(true);
	return res;
}

test.describe.serial('rating a need and following it', () => {
	let needId = '';
	let submitter = '';
	let supporter = '';
	const title = `路灯不亮${Date.now().toString(36)}`;

	test.beforeAll(async ({ baseURL }) => {
		const admin = await apiAs(baseURL!, 'admin');
		submitter = await newResident(admin, 'a');
		supporter = await newResident(admin, 'b');
		const resident = await apiAs(baseURL!, submitter);
		const need = (await (
			await ok(
				resident.post('/api/v1/needs', {
					data: {
						title,
						description: '三号楼前的路灯坏了',
						category: 'safety',
						visibility: 'public'
					}
				})
			)
		).json()) as { id: string };
		needId = need.id;
		const backer = await apiAs(baseURL!, supporter);
		await ok(backer.post(`/api/v1/needs/${needId}/support`));
		await ok(admin.post(`/api/v1/needs/${needId}/accept`));
		const liaison = await apiAs(baseURL!, 'liaison1');
		const me = (await (await liaison.get('/api/v1/me')).json()) as {
			roles: { unitId: string | null }[];
		};
		const task = (await (
			await ok(
				admin.post('/api/v1/tasks', {
					data: {
						title: `修路灯：${title}`,
						needIds: [needId],
						leadUnitId: me.roles.find((r) => r.unitId)!.unitId,
						dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString()
					}
				})
			)
		).json()) as { id: string };
		await ok(liaison.post(`/api/v1/tasks/${task.id}/accept`));
		await ok(
			liaison.post(`/api/v1/tasks/${task.id}/reports`, {
				data: { progress: 100, text: '已更换灯泡' }
			})
		);
		await ok(liaison.post(`/api/v1/tasks/${task.id}/submit`));
		await ok(admin.post(`/api/v1/tasks/${task.id}/approve`));
		for (const c of [admin, resident, backer, liaison]) await c.dispose();
	});

	test('the submitter rates from the notification in two taps, in elder mode', async ({
		browser,
		baseURL
	}, testInfo) => {
		const { page, context } = await signedInPerson(browser, baseURL!, submitter);
		await page.goto('/');
		await setPreferences(page, { elderMode: true });
		await page.goto('/');
		await expect(page.locator('html')).toHaveClass(/\belder\b/);
		// Tap 1: the bell. Tap 2: the invitation.
		await page.getByTestId('notification-bell').click();
		await page.locator(`a[href="/needs/${needId}/rate"]`).first().click();
		await expect(page).toHaveURL(new RegExp(`/needs/${needId}/rate$`));
		await expect(page.getByRole('radio')).toHaveCount(5);
		expect(await seriousA11yFindings(page, testInfo, 'rate-elder')).toEqual([]);
		// Each star is a big target (48 px or more in elder mode).
		const box = await page.locator('label.star').first().boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(48);
		await page
			.getByRole('radio', { name: /很满意/ })
			.last()
			.check();
		await page.getByLabel('想说的话（选填）').fill('灯亮了，谢谢');
		await page.screenshot({ path: `${SCREENS}/rate-elder.png`, fullPage: true });
		await page.getByRole('button', { name: '提交评价' }).click();
		await expect(page.getByTestId('rating-thanks')).toContainText('谢谢您的评价');
		await expect(page.getByTestId('rating-thanks')).toContainText('5 星');
		await expect(page.getByTestId('rating-thanks')).toContainText('灯亮了，谢谢');
		await page.screenshot({ path: `${SCREENS}/rate-thanks-elder.png`, fullPage: true });
		await context.close();
	});

	test('a supporter rates before any script has loaded', async ({ browser, baseURL }) => {
		const { page, context } = await withoutScripts(browser, baseURL!, supporter);
		await page.goto(`/needs/${needId}/rate`);
		await page.getByRole('radio', { name: /3 星/ }).check();
		await page.getByRole('button', { name: '提交评价' }).click();
		await expect(page.getByTestId('rating-thanks')).toContainText('3 星');
		await page.goto(`/needs/${needId}`);
		await expect(page.getByTestId('ratings-average')).toContainText('4');
		await context.close();
	});

	test('the trace shows every step and says it is done and rated', async ({
		browser,
		baseURL
	}, testInfo) => {
		const { page, context } = await signedInPerson(browser, baseURL!, 'resident3');
		await page.goto(`/needs/${needId}`);
		await page.getByTestId('need-trace').click();
		await expect(page).toHaveURL(new RegExp(`/needs/${needId}/trace$`));
		await expect(page.getByTestId('trace-status')).toContainText('办结并已评价');
		const steps = page.getByTestId('trace-steps').locator('li');
		for (const word of ['提出需求', '受理', '派单', '接单', '进展报告', '验收通过', '居民评价'])
			await expect(steps.filter({ hasText: word }).first(), word).toBeVisible();
		await expect(steps.filter({ hasText: '居民评价' })).toHaveCount(2);
		// A resident reads role words and units, never the staff's or other residents' names.
		await expect(page.getByTestId('trace-steps')).not.toContainText('评价居民');
		expect(await seriousA11yFindings(page, testInfo, 'trace')).toEqual([]);
		await page.screenshot({ path: `${SCREENS}/trace-resident.png`, fullPage: true });
		await context.close();
	});
});
