/**
 * The needs board and a need's page at phone size: each person sees their own support and can
 * withdraw it (with and without scripts, live for others), the whole card is one big link, the
 * supervisor is offered nothing to act on, and staff merge a duplicate by picking its target by
 * title (a combobox, or a plain search without scripts).
 */
import { expect, test, type Page } from '@playwright/test';
import {
	apiAs,
	hydrated,
	seriousA11yFindings,
	setPreferences,
	signedInPerson,
	withoutScripts
} from './helpers';

async function raise(
	baseURL: string,
	login: string,
	title: string,
	path = '/api/v1/needs',
	extra: Record<string, unknown> = {}
): Promise<string> {
	const api = await apiAs(baseURL, login);
	const r = await api.post(path, {
		data: {
			title,
			description: '夜里一片漆黑，老人出门不方便。',
			category: 'safety',
			visibility: 'public',
			...extra
		}
	});
	expect(r.status(), await r.text()).toBe(201);
	const { id } = (await r.json()) as { id: string };
	await api.dispose();
	return id;
}

const card = (page: Page, id: string) => page.locator(`[data-need-id="${id}"]`);

test('the board shows my own support, which I can withdraw there and on the need; others see the count move', async ({
	browser,
	baseURL
}) => {
	const title = `滨河路${Date.now().toString(36)}号路灯不亮`;
	const id = await raise(baseURL!, 'resident1', title);
	const board = `/needs?q=${encodeURIComponent(title)}`;

	const watcher = await signedInPerson(browser, baseURL!, 'resident7');
	await watcher.page.goto(board);
	await hydrated(watcher.page);
	await expect(watcher.page.getByTestId('connection-status')).toHaveClass(/connected/);
	const watched = card(watcher.page, id).getByTestId('support-count');
	await expect(watched).toHaveText('0 人附议');

	const supporter = await signedInPerson(browser, baseURL!, 'resident4');
	await supporter.page.goto(board);
	await hydrated(supporter.page);
	const mine = card(supporter.page, id);
	await mine.getByRole('button', { name: '附议', exact: true }).click();
	await expect(mine.getByTestId('supported')).toHaveText('已附议');
	await expect(mine.getByRole('button', { name: '取消附议' })).toBeVisible();
	await expect(mine.getByRole('button', { name: '附议', exact: true })).toHaveCount(0);
	await expect(watched).toHaveText('1 人附议');

	// The board remembers it: after a reload the button still says 取消附议.
	await supporter.page.reload();
	await expect(mine.getByTestId('supported')).toHaveText('已附议');
	await hydrated(supporter.page);
	await mine.getByRole('button', { name: '取消附议' }).click();
	await expect(mine.getByRole('button', { name: '附议', exact: true })).toBeVisible();
	await expect(mine.getByTestId('support-count')).toHaveText('0 人附议');
	await expect(watched).toHaveText('0 人附议');

	// On the need's own page too.
	await supporter.page.goto(`/needs/${id}`);
	await hydrated(supporter.page);
	await supporter.page.getByRole('button', { name: '附议', exact: true }).click();
	await expect(supporter.page.getByTestId('supported')).toHaveText('已附议');
	await expect(watched).toHaveText('1 人附议');
	await supporter.page.getByRole('button', { name: '取消附议' }).click();
	await expect(supporter.page.getByRole('button', { name: '附议', exact: true })).toBeVisible();
	await expect(supporter.page.getByTestId('support-count')).toHaveText('0 人附议');
	await expect(watched).toHaveText('0 人附议');

	// Without scripts: the same buttons are plain forms.
	const plain = await withoutScripts(browser, baseURL!, 'resident5');
	await plain.page.goto(board);
	await card(plain.page, id).getByRole('button', { name: '附议', exact: true }).click();
	await expect(card(plain.page, id).getByTestId('supported')).toHaveText('已附议');
	await expect(card(plain.page, id).getByTestId('support-count')).toHaveText('1 人附议');
	await card(plain.page, id).getByRole('button', { name: '取消附议' }).click();
	await expect(
		card(plain.page, id).getByRole('button', { name: '附议', exact: true })
	).toBeVisible();
	await expect(card(plain.page, id).getByTestId('support-count')).toHaveText('0 人附议');

	for (const p of [watcher, supporter, plain]) await p.context.close();
});

test('the supervisor is offered neither 我要提需求 nor 附议', async ({ browser, baseURL }) => {
	await raise(baseURL!, 'resident1', `督办看到的需求${Date.now().toString(36)}`);
	const supervisor = await signedInPerson(browser, baseURL!, 'supervisor');
	await supervisor.page.goto('/needs');
	await expect(supervisor.page.getByTestId('need-card').first()).toBeVisible();
	await expect(supervisor.page.getByRole('link', { name: '我要提需求' })).toHaveCount(0);
	await expect(supervisor.page.getByRole('button', { name: '附议', exact: true })).toHaveCount(0);
	// Opening the flow by its address says why at once, instead of refusing what was typed at the end.
	const r = await supervisor.page.goto('/needs/new');
	expect(r?.status()).toBe(403);
	await expect(supervisor.page.getByRole('heading', { level: 1 })).toContainText('需求由居民提出');
	await supervisor.context.close();
});

test('each card is one link into the need, at least 48 px tall in normal and elder mode; its support button stays separate', async ({
	browser,
	baseURL
}, testInfo) => {
	// Entered by the secretary for a resident without a community: the card shows just the date.
	const title = `代登记的路灯需求${Date.now().toString(36)}`;
	const id = await raise(baseURL!, 'admin', title, '/api/v1/needs/proxy', {
		channel: 'phone',
		contactName: '王奶奶',
		contactPhone: '13911112222'
	});
	const resident = await signedInPerson(browser, baseURL!, 'resident3');
	for (const elder of [false, true]) {
		await resident.page.goto('/needs');
		await setPreferences(resident.page, { elderMode: elder });
		await resident.page.goto(`/needs?q=${encodeURIComponent(title)}`);
		await expect(resident.page.locator('html')).toHaveClass(elder ? /elder/ : /^(?!.*elder)/);
		const c = card(resident.page, id);
		const link = c.getByRole('link', { name: title });
		await expect(link).toHaveCount(1);
		const box = (await link.boundingBox())!;
		expect(box.height, 'card link height').toBeGreaterThanOrEqual(48);
		expect(box.width, 'card link width').toBeGreaterThanOrEqual(300);
		const button = c.getByRole('button', { name: '附议', exact: true });
		const b = (await button.boundingBox())!;
		expect(b.height, 'support button height').toBeGreaterThanOrEqual(elder ? 48 : 44);
		// Nothing interactive inside the link.
		await expect(link.locator('a, button, input, select, textarea')).toHaveCount(0);
		// No dangling separator when there is no community.
		await expect(c.getByTestId('need-meta')).not.toHaveText(/^\s*·/);
		await expect(c.getByTestId('need-meta')).toHaveText(/^\d{4}\/\d{1,2}\/\d{1,2}$/);
		expect(
			await seriousA11yFindings(resident.page, testInfo, `board-${elder ? 'elder' : 'normal'}`)
		).toEqual([]);
	}
	await resident.page.goto(`/needs?q=${encodeURIComponent(title)}`);
	await card(resident.page, id).getByRole('link', { name: title }).click();
	await expect(resident.page).toHaveURL(new RegExp(`/needs/${id}$`));
	await setPreferences(resident.page, { elderMode: false });
	await resident.context.close();
});

test('staff merge a duplicate by picking the target by title, with the keyboard or without scripts', async ({
	browser,
	baseURL
}, testInfo) => {
	const stamp = Date.now().toString(36);
	const target = `和平里${stamp}号楼路灯不亮`;
	const targetId = await raise(baseURL!, 'resident1', target);
	const dupId = await raise(baseURL!, 'resident2', `${stamp}号楼门口路灯坏了`);
	const dup2Id = await raise(baseURL!, 'resident2', `${stamp}号楼路灯一直不亮`);

	const admin = await signedInPerson(browser, baseURL!, 'admin');
	await admin.page.goto(`/needs/${dupId}`);
	await hydrated(admin.page);
	await admin.page.getByText('合并到另一条需求').first().click();
	const box = admin.page.getByRole('combobox', { name: '合并到哪条需求' });
	await box.pressSequentially(`和平里${stamp}`);
	const option = admin.page.getByRole('option', { name: new RegExp(target) });
	await expect(option).toBeVisible();
	await expect(box).toHaveAttribute('aria-expanded', 'true');
	expect(await seriousA11yFindings(admin.page, testInfo, 'merge-combobox-open')).toEqual([]);
	await box.press('ArrowDown');
	await expect(box).toHaveAttribute('aria-activedescendant', /merge-option-/);
	await expect(
		admin.page.getByRole('listbox', { name: '找到的需求' }).getByRole('option', { selected: true })
	).toHaveCount(1);
	// Arrow keys wrap around the single match; Enter picks it.
	await box.press('Enter');
	await expect(admin.page.getByTestId('merge-chosen')).toContainText(target);
	await admin.page.getByRole('button', { name: '合并到另一条需求' }).click();
	await expect(admin.page.getByTestId('need-status')).toHaveText('已合并');
	// The merged need names its target and links to it; no raw id, and no empty 办理 card.
	const merged = admin.page.getByTestId('merged-into');
	await expect(merged.getByRole('link', { name: target })).toHaveAttribute(
		'href',
		`/needs/${targetId}`
	);
	await expect(merged).not.toContainText(targetId);
	await expect(admin.page.getByRole('heading', { name: '办理', exact: true })).toHaveCount(0);

	// Without scripts: search, then choose among the matches as radio options.
	const plain = await withoutScripts(browser, baseURL!, 'admin');
	await plain.page.goto(`/needs/${dup2Id}`);
	await plain.page.getByText('合并到另一条需求').first().click();
	await plain.page.getByLabel('合并到哪条需求').fill(`和平里${stamp}`);
	await plain.page.getByRole('button', { name: '查找' }).click();
	await plain.page.getByRole('radio', { name: target }).check();
	await plain.page.getByRole('button', { name: '合并到另一条需求' }).click();
	await expect(plain.page.getByTestId('need-status')).toHaveText('已合并');
	await expect(
		plain.page.getByTestId('merged-into').getByRole('link', { name: target })
	).toBeVisible();

	for (const p of [admin, plain]) await p.context.close();
});
