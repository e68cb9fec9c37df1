/**
 * axe-core on every page at phone size (390×844): no serious or critical violations. A failure
 * lists each rule with the selectors of the offending elements; the full axe results are
 * attached to the test.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	apiAs,
	createPersonWithRole,
	hydrated,
	liveMeeting,
	openPerson,
	openUnit,
	seriousA11yFindings,
	setPreferences,
	signedInPerson,
	syncedDutyList
} from './helpers';

interface Case {
	name: string;
	as?: string;
	elder?: boolean;
	open: (page: Page) => Promise<void>;
}

const goto = (path: string) => async (page: Page) => {
	const response = await page.goto(path);
	expect(response?.status(), path).toBe(200);
};
const openSyncedUnit = async (page: Page) => {
	await openUnit(page, '供电公司');
	await syncedDutyList(page);
};

/** A live public meeting of its own (called in beforeAll), for the hall and its minutes. */
let liveMeetingId = '';
const openHall = async (page: Page) => {
	await goto(`/meetings/${liveMeetingId}/hall`)(page);
	await expect(page.getByTestId('hall-status')).toHaveText(/进行中/);
	// Scanned as it is with scripts: on a phone, with its tabs and bottom bar.
	await hydrated(page);
};

/** A task of its own (dispatched in beforeAll) to 区城市管理局, for the task page. */
let taskId = '';
const openTask = async (page: Page) => {
	await goto(`/tasks/${taskId}`)(page);
	await expect(page.getByTestId('task-status')).toBeVisible();
};

/** The demo's open poll (closed by then, when votes-pages.e2e.ts ran first: a page either way). */
const openPoll = async (page: Page) => {
	await goto('/votes')(page);
	await page.getByRole('link', { name: '国庆社区文艺活动形式征集' }).first().click();
	await expect(page.getByTestId('vote-status')).toBeVisible();
};
const openResolution = (title: string) => async (page: Page) => {
	await goto('/resolutions')(page);
	await page.getByTestId('resolution-row').getByRole('link', { name: title }).click();
	await expect(page.getByTestId('resolution-number')).toBeVisible();
};

const cases: Case[] = [
	{ name: 'home, signed out', open: goto('/') },
	{ name: 'login', open: goto('/login') },
	{ name: 'register', open: goto('/register?code=HEPING26') },
	{ name: 'home, admin', as: 'admin', open: goto('/') },
	{ name: 'home, resident in elder mode', as: 'resident9', elder: true, open: goto('/') },
	{ name: 'units', as: 'resident2', open: goto('/units') },
	{ name: 'unit detail, editable', as: 'admin', open: openSyncedUnit },
	{ name: 'unit detail, read-only', as: 'resident2', open: openSyncedUnit },
	{ name: 'admin: communities and grids', as: 'admin', open: goto('/admin') },
	{ name: 'admin: units', as: 'admin', open: goto('/admin/units') },
	{ name: 'admin: people', as: 'admin', open: goto('/admin/people') },
	{ name: 'admin: invites', as: 'admin', open: goto('/admin/invites') },
	{ name: 'people, supervisor', as: 'supervisor', open: goto('/admin/people') },
	{ name: 'settings', as: 'resident2', open: goto('/settings') },
	{ name: 'needs board', as: 'resident2', open: goto('/needs') },
	{ name: 'new need', as: 'resident2', open: goto('/needs/new') },
	{ name: 'meetings', as: 'member1', open: goto('/meetings') },
	{ name: 'meetings, month', as: 'member1', open: goto('/meetings?month=2026-12') },
	{ name: 'hall, chair', as: 'chair', open: openHall },
	{ name: 'hall, resident in elder mode', as: 'resident6', elder: true, open: openHall },
	{
		name: 'hall, chair asked to confirm 结束会议',
		as: 'chair',
		open: async (page) => {
			await openHall(page);
			await hydrated(page);
			await page.getByRole('button', { name: '结束会议', exact: true }).click();
			await expect(page.getByRole('dialog')).toBeVisible();
		}
	},
	{
		name: 'minutes, recorder',
		as: 'recorder',
		open: async (page) => {
			await goto(`/meetings/${liveMeetingId}/minutes`)(page);
			await expect(page.getByTestId('minutes-editor')).toBeVisible({ timeout: 15_000 });
		}
	},
	{
		name: 'votes, chair with the new-poll form',
		as: 'chair',
		open: async (page) => {
			await goto('/votes')(page);
			await page.getByRole('heading', { name: '发起会间表决' }).click();
			await expect(page.getByTestId('poll-form')).toBeVisible();
		}
	},
	{ name: 'a poll, member who has not voted', as: 'member5', open: openPoll },
	{ name: 'my votes', as: 'member4', open: goto('/me/votes') },
	{ name: 'resolutions, resident', as: 'resident2', open: goto('/resolutions') },
	{
		name: 'resolution with a ranked result, resident',
		as: 'resident2',
		open: openResolution('明年为民办实事项目优先顺序')
	},
	{
		name: 'a closed named vote, member',
		as: 'member1',
		open: async (page) => {
			await openResolution('关于在和平里社区开设老年助餐点的动议')(page);
			await page.getByRole('link', { name: '关于在和平里社区开设老年助餐点的动议' }).click();
			await expect(page.getByTestId('vote-result')).toBeVisible();
		}
	},
	{ name: 'tasks, liaison with their unit first', as: 'liaison1', open: goto('/tasks') },
	{ name: 'tasks, secretary', as: 'admin', open: goto('/tasks') },
	{ name: 'a task, liaison of its lead unit', as: 'liaison1', open: openTask },
	{ name: 'a task, secretary in elder mode', as: 'admin', elder: true, open: openTask },
	{ name: 'dispatch form', as: 'admin', open: goto('/tasks/new') },
	{ name: 'summonses', as: 'admin', open: goto('/summons') },
	{
		name: 'error page (403)',
		as: 'resident2',
		open: async (page) => {
			await page.goto('/admin');
		}
	}
];

// Real lists have long names: one such person, so the people table is as wide as it can be in use,
// whichever other tests ran first.
test.beforeAll(async ({ baseURL }) => {
	const api = await apiAs(baseURL!, 'admin');
	const units = (await (await api.get('/api/v1/units?limit=200')).json()) as {
		items: { id: string; name: string }[];
	};
	const unit = units.items.find((u) => u.name === '阳光社会工作服务中心');
	// The longest account name allowed (32 characters), which cannot wrap.
	const login = `hepingli_gridworker_${Date.now().toString(36)}_0000000000`.slice(0, 32);
	await createPersonWithRole(
		api,
		{ login, displayName: '和平里社区第一网格网格员', password: 'grid-worker-01' },
		{ role: 'liaison', unitId: unit!.id }
	);
	liveMeetingId = await liveMeeting(api, baseURL!);
	const dispatched = await api.post('/api/v1/tasks', {
		data: {
			title: '无障碍检查：修复楼道灯',
			description: '三号楼二单元楼道灯不亮。',
			leadUnitId: units.items.find((u) => u.name === '区城市管理局')!.id,
			coUnitIds: [units.items.find((u) => u.name === '供电公司')!.id],
			dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString()
		}
	});
	expect(dispatched.status(), 'dispatch a task').toBe(201);
	taskId = ((await dispatched.json()) as { id: string }).id;
	await api.dispose();
});

for (const c of cases) {
	test(`a11y: ${c.name}`, async ({ browser, baseURL }, testInfo) => {
		const { context, page: p } = c.as
			? await signedInPerson(browser, baseURL!, c.as)
			: await openPerson(browser);
		if (c.elder) {
			await p.goto('/');
			await setPreferences(p, { elderMode: true });
		}
		await c.open(p);
		await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
		if (c.as) await expect(p.getByTestId('connection-status')).toHaveText('实时连接正常');
		if (c.elder) await expect(p.locator('html')).toHaveClass(/\belder\b/);

		const findings = await seriousA11yFindings(p, testInfo, c.name.replace(/\W+/g, '-'));
		await context.close();
		const report = findings
			.map((f) => `${f.impact} ${f.id} (${f.help}):\n    ${f.targets.join('\n    ')}`)
			.join('\n');
		expect(findings, `serious or critical axe violations on ${c.name}:\n${report}`).toEqual([]);
	});
}
