/**
 * Meeting agendas: two editors change, add and reorder items at the same time and end with the
 * same agenda; a resident reads a public meeting's agenda but cannot change it; a need put on
 * an agenda from its page shows up there.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiAs, signedInPerson } from './helpers';

interface MeetingSummary {
	id: string;
	title: string;
	visibility: string;
}

// The demo's two meetings (other tests call and start meetings of their own).
const DEMO_JOINT = '和平街道大工委月度联席会议';
const DEMO_DELIBERATION = '滨河社区居民议事会：河道与公园';

async function meetings(baseURL: string): Promise<MeetingSummary[]> {
	const api = await apiAs(baseURL, 'admin');
	const list = (await (await api.get('/api/v1/meetings')).json()) as { items: MeetingSummary[] };
	await api.dispose();
	return list.items;
}

async function openAgenda(page: Page, meetingId: string) {
	await page.goto(`/meetings/${meetingId}`);
	const agenda = page.getByTestId('agenda');
	await expect(agenda).toHaveAttribute('data-synced', 'true', { timeout: 15_000 });
	return agenda;
}

/** The agenda as a person sees it: titles in order. */
async function titles(page: Page): Promise<string[]> {
	const items = page.getByTestId('agenda-item');
	const n = await items.count();
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		const item = items.nth(i);
		const input = item.locator('input[name="title"]');
		out.push(
			(await input.count())
				? await input.inputValue()
				: ((await item.locator('h3').textContent()) ?? '').trim()
		);
	}
	return out;
}

test('two editors change, add and reorder agenda items at once and end with the same agenda', async ({
	browser,
	baseURL
}) => {
	const joint = (await meetings(baseURL!)).find((m) => m.title === DEMO_JOINT)!;
	const chair = await signedInPerson(browser, baseURL!, 'chair');
	const member = await signedInPerson(browser, baseURL!, 'member1'); // 区城市管理局 is invited
	await Promise.all([openAgenda(chair.page, joint.id), openAgenda(member.page, joint.id)]);
	const before = await titles(chair.page);
	expect(before.length).toBeGreaterThanOrEqual(3);
	await expect(member.page.getByTestId('people-here').first()).toContainText('李主任');

	await Promise.all([
		(async () => {
			// The chair renames the first item and moves the last one to the top.
			const first = chair.page.getByTestId('agenda-item').first().locator('input[name="title"]');
			await first.click();
			await first.press('End');
			await first.pressSequentially('（含附件）', { delay: 20 });
			await chair.page.getByRole('button', { name: `上移 ${before.length}` }).click();
			await chair.page.getByRole('button', { name: `上移 ${before.length - 1}` }).click();
		})(),
		(async () => {
			// The member adds an item and names it, and moves the second item down.
			await member.page.getByRole('button', { name: '+ 添加议题' }).click();
			const added = member.page.getByTestId('agenda-item').last().locator('input[name="title"]');
			await expect(added).toBeFocused();
			await added.pressSequentially('垃圾分类督导情况', { delay: 20 });
			await member.page.getByRole('button', { name: '下移 2' }).click();
		})()
	]);

	// Both end with the same agenda, which holds every change.
	await expect
		.poll(async () => JSON.stringify(await titles(chair.page)), { timeout: 10_000 })
		.toBe(JSON.stringify(await titles(member.page)));
	const after = await titles(chair.page);
	expect(after).toHaveLength(before.length + 1);
	expect(after).toContain(`${before[0]}（含附件）`);
	expect(after).toContain('垃圾分类督导情况');
	expect(new Set(after).size).toBe(after.length);
	// What the editors see is what the server stored.
	const api = await apiAs(baseURL!, 'admin');
	await expect
		.poll(async () =>
			(
				(await (await api.get(`/api/v1/meetings/${joint.id}/agenda`)).json()) as {
					items: { title: string }[];
				}
			).items.map((i) => i.title)
		)
		.toEqual(after);
	await api.dispose();
	await Promise.all([chair.context.close(), member.context.close()]);
});

test('a resident reads a public meeting’s agenda but cannot change it', async ({
	browser,
	baseURL
}) => {
	const open = (await meetings(baseURL!)).find((m) => m.title === DEMO_DELIBERATION)!;
	const resident = await signedInPerson(browser, baseURL!, 'resident3'); // 滨河社区
	const agenda = await openAgenda(resident.page, open.id);
	await expect(resident.page.getByRole('heading', { name: '议程（只读）' })).toBeVisible();
	await expect(agenda.getByTestId('agenda-item').first()).toBeVisible();
	await expect(agenda.locator('input, textarea')).toHaveCount(0);
	await expect(agenda.getByRole('button')).toHaveCount(0);
	// A resident of another community cannot open it at all.
	const other = await signedInPerson(browser, baseURL!, 'resident1');
	const r = await other.page.goto(`/meetings/${open.id}`);
	expect(r?.status()).toBe(404);
	await Promise.all([resident.context.close(), other.context.close()]);
});

test('a need put on an agenda from its page shows up on the agenda', async ({
	browser,
	baseURL
}) => {
	const joint = (await meetings(baseURL!)).find((m) => m.title === DEMO_JOINT)!;
	const resident = await apiAs(baseURL!, 'resident5');
	const need = (await (
		await resident.post('/api/v1/needs', {
			data: {
				title: '社区食堂价格偏高',
				description: '希望调整老年人套餐价格。',
				category: 'elderly',
				visibility: 'public'
			}
		})
	).json()) as { id: string };
	await resident.dispose();

	const admin = await signedInPerson(browser, baseURL!, 'admin');
	await admin.page.goto(`/needs/${need.id}`);
	await admin.page.getByText('列入会议议题').first().click();
	await admin.page.getByLabel('会议').selectOption(`${joint.id}|`);
	await admin.page.getByRole('button', { name: '列入会议议题' }).click();
	await expect(admin.page.getByTestId('need-status')).toHaveText('已列入议题');
	await expect(admin.page.getByTestId('timeline').locator('li').last()).toHaveAttribute(
		'data-kind',
		'on_agenda'
	);

	await openAgenda(admin.page, joint.id);
	const item = admin.page
		.getByTestId('agenda-item')
		.filter({ has: admin.page.getByRole('link', { name: '社区食堂价格偏高' }) });
	await expect(item).toHaveCount(1);
	await expect(item.locator('input[name="title"]')).toHaveValue('社区食堂价格偏高');
	await admin.context.close();
});
