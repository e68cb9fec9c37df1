/**
 * The project list and its open finances, each person in their own browser: the secretary drafts
 * and publishes a project, a unit's liaison claims it from the quarter's list, the secretary
 * records spending with a receipt, and a resident reads the public list with the claiming unit
 * and what was spent.
 */
import { expect, test } from '@playwright/test';
import { apiAs, seriousA11yFindings, signedInPerson } from './helpers';

// A quarter of its own, so the demo's lists (and reruns) do not crowd it.
const QUARTER = `2031-Q${1 + (Date.now() % 4)}`;
const TITLE = `社区助浴服务 ${Date.now() % 100000}`;

test('a liaison claims a published project, the secretary records spending, a resident sees the public list', async ({
	browser,
	baseURL
}, testInfo) => {
	// Three people and nine page loads on a shared machine.
	test.setTimeout(90_000);
	const admin = await signedInPerson(browser, baseURL!, 'admin');
	await admin.page.goto(`/projects/new?quarter=${QUARTER}`);
	await admin.page.getByLabel('项目名称').fill(TITLE);
	await admin.page.getByLabel('预算（元）').fill('6000.5');
	await admin.page.getByLabel('和平里社区').check();
	await admin.page.getByTestId('save-project').click();
	await expect(admin.page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	const projectUrl = admin.page.url();
	await admin.page.getByTestId('publish').click();
	await expect(admin.page.getByTestId('project-status')).toHaveText('待认领');

	const liaison = await signedInPerson(browser, baseURL!, 'liaison1');
	await liaison.page.goto(`/projects?quarter=${QUARTER}`);
	const row = liaison.page.getByTestId('project-row').filter({ hasText: TITLE });
	await expect(row.getByTestId('budget')).toContainText('6,000.50');
	await row.getByTestId('claim').click();
	await expect(liaison.page.getByRole('status').filter({ hasText: '认领成功' })).toBeVisible();
	const unitName = (await row.getByTestId('claimed-by').textContent())!.trim();
	expect(unitName).not.toBe('尚未认领');
	await expect(row.getByTestId('claim')).toHaveCount(0);

	await admin.page.goto(projectUrl);
	await expect(admin.page.getByTestId('claimed-by')).toHaveText(unitName);
	await expect(admin.page.getByTestId('project-task')).toHaveCount(1);
	const form = admin.page.getByTestId('spending-form');
	await form.getByLabel('金额（元）').fill('1200.25');
	await form.getByLabel('事项').fill('助浴用品');
	await form.getByLabel('票据').setInputFiles({
		name: '票据.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
	});
	await form.getByTestId('record-spending').click();
	await expect(admin.page.getByRole('status').filter({ hasText: '支出已记录' })).toBeVisible();
	const table = admin.page.getByTestId('spending-table');
	await expect(table).toContainText('助浴用品');
	await expect(table.getByRole('link', { name: '查看票据' })).toBeVisible();
	await expect(admin.page.getByTestId('remaining')).toContainText('4,800.25');

	const resident = await signedInPerson(browser, baseURL!, 'resident1');
	await resident.page.goto(`/projects?quarter=${QUARTER}`);
	const seen = resident.page.getByTestId('project-row').filter({ hasText: TITLE });
	await expect(seen.getByTestId('claimed-by')).toHaveText(unitName);
	await expect(seen.getByTestId('spent')).toContainText('1,200.25');
	await expect(seen.getByTestId('claim')).toHaveCount(0);
	expect(await seriousA11yFindings(resident.page, testInfo, 'projects-resident')).toEqual([]);
	await seen.getByRole('link', { name: TITLE }).click();
	await expect(resident.page.getByTestId('spending-table')).toContainText('助浴用品');
	await expect(resident.page.getByTestId('spending-form')).toHaveCount(0);

	for (const p of [admin, liaison, resident]) await p.context.close();
});

test('a liaison lists a resource of their unit, and staff find it suggested on a matching need', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const admin = await apiAs(baseURL!, 'admin');
	const needs = (await (await admin.get('/api/v1/needs?limit=50')).json()) as {
		items: { id: string; category: string }[];
	};
	await admin.dispose();
	const need = needs.items.find((n) => n.category === 'elderly') ?? needs.items[0]!;
	const name = `助老服务队 ${Date.now() % 100000}`;

	const liaison = await signedInPerson(browser, baseURL!, 'liaison1');
	await liaison.page.goto('/projects');
	await liaison.page.getByRole('link', { name: /的资源清单$/ }).click();
	const form = liaison.page.getByTestId('resource-form').last();
	await form.getByLabel('类别').selectOption('volunteers');
	await form.getByLabel('名称').fill(name);
	await form.getByLabel('容量或规模').fill('20 人');
	const categoryLabel = { elderly: '养老' }[need.category as 'elderly'];
	await form.getByLabel(categoryLabel ?? need.category).check();
	await form.getByRole('button', { name: '登记资源' }).click();
	await expect(liaison.page.getByRole('status').filter({ hasText: '资源已登记' })).toBeVisible();
	await expect(liaison.page.getByTestId('resource-row').filter({ hasText: name })).toBeVisible();

	const chair = await signedInPerson(browser, baseURL!, 'chair');
	await chair.page.goto(`/needs/${need.id}`);
	await expect(chair.page.getByTestId('resource-suggestions')).toContainText(name);

	for (const p of [liaison, chair]) await p.context.close();
});
