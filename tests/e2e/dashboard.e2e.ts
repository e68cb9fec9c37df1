/**
 * The dashboard and the annual evaluation as the committee sees them: charts drawn on the server
 * (SVG present with scripts off, no chart library downloaded), a figure that leads to its list,
 * the CSV downloads (tasks, unit standings) with their BOM, the printable report with the year's
 * unit standings, and a resident turned away.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { seriousA11yFindings, setPreferences, signedInPerson, withoutScripts } from './helpers';

test('the dashboard shows its charts without scripts, and a figure leads to its list', async ({
	browser,
	baseURL
}) => {
	// Several pages, each rendering its charts on the server: more than the default on a busy machine.
	test.setTimeout(60_000);
	const { context, page } = await withoutScripts(browser, baseURL!, 'supervisor');
	const scripts: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'script') scripts.push(r.url());
	});
	await page.goto('/dashboard');
	await expect(page.getByRole('heading', { level: 1, name: '数据看板' })).toBeVisible();
	for (const id of ['needs-monthly', 'tasks-monthly', 'tasks-by-unit', 'satisfaction']) {
		const chart = page.getByTestId(`chart-${id}`);
		await expect(chart.locator('svg[role="img"]')).toBeVisible();
		// Each chart keeps its data as a table.
		await expect(chart.locator('details table')).toHaveCount(1);
	}
	// The chart fits the phone's width.
	const box = await page.getByTestId('chart-tasks-by-unit').locator('svg').boundingBox();
	expect(box!.width).toBeLessThanOrEqual(390);
	expect(scripts.filter((u) => /echarts|zrender/i.test(u))).toEqual([]);

	// A big number is a link to the list behind it.
	const received = Number(await page.getByTestId('figure-needs').locator('.value').textContent());
	expect(received).toBeGreaterThan(0);
	await page.getByTestId('figure-needs').click();
	await expect(page).toHaveURL(/\/needs\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

	await page.goBack();
	await page.getByTestId('figure-resolutions').click();
	await expect(page).toHaveURL(/\/resolutions\?year=\d{4}/);
	await expect(page.getByTestId('resolution-row').first()).toBeVisible();
	await context.close();
});

test('the period is chosen with a plain form, and the tasks CSV downloads with its BOM', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await withoutScripts(browser, baseURL!, 'admin');
	await page.goto('/dashboard');
	await page.getByLabel('起始日期').fill('2025-01-01');
	await page.getByLabel('截止日期').fill('2026-12-31');
	await page.getByRole('button', { name: '查看' }).click();
	await expect(page).toHaveURL(/from=2025-01-01&to=2026-12-31/);
	await expect(page.getByTestId('period')).toHaveText('2025-01-01 至 2026-12-31');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-tasks').click()
	]);
	expect(download.suggestedFilename()).toBe('tasks-2025-01-01-2026-12-31.csv');
	const bytes = fs.readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(bytes.toString('utf8').split('\r\n')[0]).toContain('"牵头单位"');

	// The unit standings of a quarter or a year: a plain GET form too.
	const year = new Date().getFullYear();
	await page.getByLabel('积分统计期间').selectOption(String(year));
	const [standings] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: '下载积分排名' }).click()
	]);
	expect(standings.suggestedFilename()).toBe(`standings-${year}.csv`);
	const lines = fs.readFileSync((await standings.path())!, 'utf8').split('\r\n');
	expect(lines[0]).toMatch(/^\uFEFF"排名","单位","积分"/);
	expect(lines.length).toBeGreaterThan(3);
	await context.close();
});

test('the annual evaluation prints with its charts; the dashboard in elder mode passes axe', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(60_000);
	const { context, page } = await signedInPerson(browser, baseURL!, 'chair');
	await page.goto('/evaluation');
	await expect(page).toHaveURL(/\/evaluation\/\d{4}$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('年度综合评估报告');
	await expect(page.getByTestId('summary')).toContainText('收到居民需求');
	await expect(page.getByTestId('chart-needs-monthly').locator('svg')).toBeVisible();
	// The member units' standings over the year, ranked.
	await expect(page.getByTestId('eval-standings').locator('tbody tr').first()).toContainText('1');
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.top')).toBeHidden();
	await expect(page.getByTestId('chart-satisfaction').locator('table')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// Elder mode: the dashboard stays readable and accessible.
	await setPreferences(page, { elderMode: true });
	await page.goto('/dashboard');
	await expect(page.locator('html')).toHaveClass(/\belder\b/);
	const findings = await seriousA11yFindings(page, testInfo, 'dashboard-elder');
	expect(findings).toEqual([]);
	await setPreferences(page, { elderMode: false });
	await context.close();
});

test('residents see neither the dashboard, the evaluation nor the exports', async ({
	browser,
	baseURL
}) => {
	const resident = await signedInPerson(browser, baseURL!, 'resident1');
	for (const path of ['/dashboard', '/evaluation/2026', '/dashboard/export/tasks.csv']) {
		const r = await resident.page.goto(path);
		expect(r!.status(), path).toBe(403);
	}
	await resident.context.close();
});
