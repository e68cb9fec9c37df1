/**
 * The need flow as residents on slow phones and keyboards meet it: the whole flow through plain
 * forms with JavaScript off (a tap before the scripts load must not be lost), by keyboard alone
 * with focus following every step, a confirm step that promises instead of claiming, and the
 * 谁能看到 choice laid out for thumbs. Each test signs up a resident of its own, so elder mode
 * or language set here disturbs no other test.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test, type Page } from '@playwright/test';
import {
	apiAs,
	createPersonWithRole,
	DEMO_PASSWORD,
	hydrated,
	seriousA11yFindings,
	setPreferences,
	signedInPerson,
	withoutScripts
} from './helpers';

const SCREENS = path.resolve('test-results/screens');

/** A resident of 滨河社区 created for one test; returns the login. */
async function newResident(baseURL: string, tag: string): Promise<string> {
	const admin = await apiAs(baseURL, 'admin');
	const communities = (
		(await (await admin.get('/api/v1/communities')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const login = `flow_${tag}_${Date.now().toString(36)}`;
	await createPersonWithRole(
		admin,
		{ login, displayName: `流程居民${tag}`, password: DEMO_PASSWORD },
		{ role: 'resident', communityId: communities.find((c) => c.name === '滨河社区')!.id }
	);
	await admin.dispose();
	return login;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** What has the keyboard focus, as a person would name it: `tag:label or text`. */
function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLInputElement | null;
		if (!el || el === document.body) return 'body';
		const name = el.labels?.[0]?.textContent ?? el.textContent ?? '';
		return `${el.tagName.toLowerCase()}:${name.trim()}`;
	});
}

/** Press Tab until `target` has the focus (at most `max` times), as a keyboard user would. */
async function tabTo(page: Page, target: string, max = 40): Promise<void> {
	for (let i = 0; i < max; i++) {
		if ((await focused(page)) === target) return;
		await page.keyboard.press('Tab');
	}
	expect(await focused(page), `Tab never reached ${target}`).toBe(target);
}

test('without JavaScript a resident raises a need with a photo through plain forms; a refused step keeps what was typed', async ({
	browser,
	baseURL
}) => {
	const login = await newResident(baseURL!, 'nojs');
	const { context, page } = await withoutScripts(browser, baseURL!, login);
	const title = `无脚本提交：菜场后门垃圾堆放 ${Date.now().toString(36)}`;
	await page.goto('/needs/new');
	await expect(page.getByText('第 1 步，共 3 步')).toBeVisible();
	await expect(heading(page, '是哪方面的事？')).toBeVisible();

	// Going on without a choice: the server says what is missing.
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(page.getByRole('radiogroup')).toHaveAccessibleDescription(/请选择一项/);
	await page.getByRole('radio', { name: '环境' }).check();
	await page.getByRole('button', { name: '下一步' }).click();

	await expect(page.getByText('第 2 步，共 3 步')).toBeVisible();
	await expect(heading(page, '说说具体情况')).toBeVisible();
	// Empty required fields are called required, tied to their field; what was typed stays.
	await page.getByLabel('具体位置（可不填）').fill('青年路菜场后门');
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '说说具体情况')).toBeVisible();
	const titleField = page.getByLabel('一句话说明');
	await expect(titleField).toHaveAttribute('aria-invalid', 'true');
	await expect(titleField).toHaveAccessibleDescription(/请填写此项/);
	await expect(page.getByLabel('详细情况')).toHaveAccessibleDescription(/请填写此项/);
	await expect(page.getByText('格式不正确')).toHaveCount(0);
	await expect(page.getByLabel('具体位置（可不填）')).toHaveValue('青年路菜场后门');

	await titleField.fill(title);
	await page.getByLabel('详细情况').fill('每天傍晚菜场后门堆满垃圾，第二天中午才清走。');
	await page.getByRole('radio', { name: /不公开/ }).check();
	await page.getByRole('button', { name: '下一步' }).click();

	await expect(page.getByText('第 3 步，共 3 步')).toBeVisible();
	await expect(heading(page, '确认提交')).toBeVisible();
	await expect(page.getByRole('main')).toContainText(title);
	await expect(page.getByRole('main')).toContainText('青年路菜场后门');
	await expect(page.getByRole('main')).toContainText('不公开');
	// Back and forth keeps everything.
	await page.getByRole('button', { name: '上一步' }).click();
	await expect(heading(page, '说说具体情况')).toBeVisible();
	await expect(titleField).toHaveValue(title);
	await expect(page.getByLabel('详细情况')).toHaveValue(
		'每天傍晚菜场后门堆满垃圾，第二天中午才清走。'
	);
	await expect(page.getByRole('radio', { name: /不公开/ })).toBeChecked();
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '确认提交')).toBeVisible();

	const png = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#3a6' } })
		.png()
		.toBuffer();
	await page
		.getByLabel('照片（可不填，最多 6 张）')
		.setInputFiles({ name: 'laji.png', mimeType: 'image/png', buffer: png });
	await page.getByRole('button', { name: '提交需求' }).click();

	await expect(heading(page, '需求已提交')).toBeVisible();
	await page.getByRole('link', { name: '查看这条需求' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByTestId('need-status')).toHaveText('待受理');
	await expect(page.getByRole('img', { name: '需求照片 1' })).toBeVisible();
	await context.close();
});

/**
 * Hold the page's scripts back (as a slow phone does) until `release()`; what a person does
 * meanwhile is plain HTML.
 */
async function slowScripts(page: Page) {
	let open = () => {};
	let gate = Promise.resolve();
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await gate;
		await route.continue();
	});
	return {
		hold: () => void (gate = new Promise<void>((r) => (open = r))),
		release: () => open()
	};
}

test('what is chosen and typed before the page’s scripts load is kept when they do', async ({
	browser,
	baseURL
}) => {
	const resident = await signedInPerson(browser, baseURL!, await newResident(baseURL!, 'slow'));
	const { page } = resident;
	const scripts = await slowScripts(page);

	// A kind picked before the scripts run stays picked, and 下一步 then works in the page.
	scripts.hold();
	await page.goto('/needs/new', { waitUntil: 'commit' });
	await page.getByRole('radio', { name: '停车' }).check();
	scripts.release();
	await hydrated(page);
	await expect(page.getByRole('radio', { name: '停车' })).toBeChecked();
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '说说具体情况')).toBeVisible();
	await expect(page.getByRole('main')).toContainText('停车');

	// 下一步 before the scripts run goes through the server; text typed before they run is kept.
	scripts.hold();
	await page.goto('/needs/new', { waitUntil: 'commit' });
	await page.getByRole('radio', { name: '环境' }).check();
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '说说具体情况')).toBeVisible();
	await page.getByLabel('一句话说明').fill('滨河公园长椅坏了好几张');
	await page.getByLabel('详细情况').fill('东门进去右手边的三张长椅都断了。');
	scripts.release();
	await hydrated(page);
	await expect(page.getByLabel('详细情况')).toHaveValue('东门进去右手边的三张长椅都断了。');
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '确认提交')).toBeVisible();
	const summary = page.locator('dl.summary');
	await expect(summary).toContainText('环境');
	await expect(summary).toContainText('滨河公园长椅坏了好几张');
	await expect(summary).toContainText('东门进去右手边的三张长椅都断了。');
	await resident.context.close();
});

test('staff enter a need for a resident (代办) without JavaScript: name and phone asked for, the entry stays an entry for someone else', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await withoutScripts(browser, baseURL!, 'admin');
	const title = `代办：滨河小区3号楼电梯常坏 ${Date.now().toString(36)}`;
	await page.goto('/needs/new?proxy=1');
	await page.getByRole('radio', { name: '安全' }).check();
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '说说具体情况')).toBeVisible();
	await page.getByLabel('一句话说明').fill(title);
	await page.getByLabel('详细情况').fill('电梯一周坏两次，楼里住着好几位行动不便的老人。');
	await page.getByLabel('所在社区').selectOption({ label: '滨河社区' });
	await page.getByRole('button', { name: '下一步' }).click();
	// Still step 2: whom it is for and how to reach them are required here.
	await expect(page.getByLabel('居民姓名')).toHaveAccessibleDescription(/请填写此项/);
	// Required here, so not called optional.
	await expect(page.getByLabel('联系电话', { exact: true })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page.getByLabel('一句话说明')).toHaveValue(title);
	await page.getByLabel('居民姓名').fill('王阿姨');
	await page.getByLabel('登记方式').selectOption({ label: '来访' });
	await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '确认提交')).toBeVisible();
	await expect(page.getByRole('main')).toContainText('王阿姨');
	await page.getByRole('button', { name: '提交需求' }).click();
	await expect(heading(page, '需求已提交')).toBeVisible();
	await page.getByRole('link', { name: '查看这条需求' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByTestId('timeline').locator('li').first()).toHaveAttribute(
		'data-kind',
		'entered'
	);
	await context.close();
});

test('the confirm step says what will happen after 提交需求; "submitted" is said only once it is', async ({
	browser,
	baseURL
}) => {
	const resident = await signedInPerson(browser, baseURL!, await newResident(baseURL!, 'confirm'));
	const { page } = resident;
	await page.goto('/needs/new');
	await page.getByRole('radio', { name: '停车' }).check();
	await page.getByRole('button', { name: '下一步' }).click();
	await page.getByLabel('一句话说明').fill('滨河小区南门晚上没有车位');
	await page.getByLabel('详细情况').fill('晚上九点以后南门一个车位都没有。');
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '确认提交')).toBeVisible();
	await expect(page.getByText('提交后，工作人员会在 24 小时内受理')).toBeVisible();
	await expect(page.getByText('需求已提交')).toHaveCount(0);

	await page.getByRole('button', { name: '提交需求' }).click();
	await expect(heading(page, '需求已提交')).toBeVisible();
	await expect(page.getByText('工作人员会在 24 小时内受理')).toBeVisible();
	await resident.context.close();
});

test('by keyboard alone: arrows browse the kinds without moving on, Enter moves on, focus lands on each step’s heading and on the first field to fix', async ({
	browser,
	baseURL
}) => {
	const resident = await signedInPerson(browser, baseURL!, await newResident(baseURL!, 'keys'));
	const { page } = resident;
	await page.goto('/needs/new');
	await hydrated(page);

	await tabTo(page, 'input:养老');
	await page.keyboard.press('ArrowDown');
	await expect.poll(() => focused(page)).toBe('input:停车');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowUp');
	await expect.poll(() => focused(page)).toBe('input:停车');
	// Browsing the kinds does not move on.
	await expect(heading(page, '是哪方面的事？')).toBeVisible();
	await expect(page.getByRole('radio', { name: '停车' })).toBeChecked();
	await page.keyboard.press('Enter');
	await expect(heading(page, '说说具体情况')).toBeVisible();
	await expect.poll(() => focused(page)).toBe('h1:说说具体情况');

	// Enter in an empty field: the first field to fix gets the focus and says why.
	await tabTo(page, 'input:一句话说明');
	await page.keyboard.press('Enter');
	const titleField = page.getByLabel('一句话说明');
	await expect(titleField).toHaveAttribute('aria-invalid', 'true');
	await expect.poll(() => focused(page)).toBe('input:一句话说明');
	await expect(titleField).toHaveAccessibleDescription(/请填写此项/);
	await expect(page.getByLabel('详细情况')).toHaveAccessibleDescription(/请填写此项/);

	await page.keyboard.type('河边步道路灯不亮');
	await tabTo(page, 'textarea:详细情况');
	await page.keyboard.type('从三号桥到五号桥的路灯一个月没亮了。');
	await tabTo(page, 'button:下一步');
	await page.keyboard.press('Enter');
	await expect(heading(page, '确认提交')).toBeVisible();
	await expect.poll(() => focused(page)).toBe('h1:确认提交');

	// Back keeps what was typed and puts the focus on that step's heading.
	await tabTo(page, 'button:上一步');
	await page.keyboard.press('Enter');
	await expect(heading(page, '说说具体情况')).toBeVisible();
	await expect.poll(() => focused(page)).toBe('h1:说说具体情况');
	await expect(titleField).toHaveValue('河边步道路灯不亮');
	await tabTo(page, 'button:下一步');
	await page.keyboard.press('Enter');
	await expect.poll(() => focused(page)).toBe('h1:确认提交');

	await tabTo(page, 'button:提交需求');
	await page.keyboard.press('Enter');
	await expect(heading(page, '需求已提交')).toBeVisible();
	await expect.poll(() => focused(page)).toBe('h1:需求已提交');
	await resident.context.close();
});

test('every step, a refused step and the page after sending pass axe', async ({
	browser,
	baseURL
}, testInfo) => {
	const resident = await signedInPerson(browser, baseURL!, await newResident(baseURL!, 'axe'));
	const { page } = resident;
	await page.goto('/needs/new');
	await hydrated(page);
	expect(await seriousA11yFindings(page, testInfo, 'flow-step1')).toEqual([]);
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(page.getByRole('radiogroup')).toHaveAttribute('aria-invalid', 'true');
	expect(await seriousA11yFindings(page, testInfo, 'flow-step1-refused')).toEqual([]);
	await page.getByRole('radio', { name: '文化' }).check();
	await page.getByRole('button', { name: '下一步' }).click();
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(page.getByLabel('一句话说明')).toHaveAttribute('aria-invalid', 'true');
	expect(await seriousA11yFindings(page, testInfo, 'flow-step2-refused')).toEqual([]);
	await page.getByLabel('一句话说明').fill('社区活动室周末不开门');
	await page.getByLabel('详细情况').fill('周末想组织书法活动，活动室总是锁着。');
	await page.getByRole('button', { name: '下一步' }).click();
	await expect(heading(page, '确认提交')).toBeVisible();
	expect(await seriousA11yFindings(page, testInfo, 'flow-step3')).toEqual([]);
	await page.getByRole('button', { name: '提交需求' }).click();
	await expect(heading(page, '需求已提交')).toBeVisible();
	expect(await seriousA11yFindings(page, testInfo, 'flow-done')).toEqual([]);
	await resident.context.close();
});

for (const elderMode of [false, true]) {
	test(`the 谁能看到 choices: each radio on one line with its label, text wrapping beside it, big enough to tap${elderMode ? ' (elder mode)' : ''}`, async ({
		browser,
		baseURL
	}) => {
		const resident = await signedInPerson(
			browser,
			baseURL!,
			await newResident(baseURL!, elderMode ? 'radioelder' : 'radio')
		);
		const { page } = resident;
		await page.goto('/');
		await setPreferences(page, { elderMode });
		await page.goto('/needs/new');
		await page.getByRole('radio', { name: '安全' }).check();
		await page.getByRole('button', { name: '下一步' }).click();
		await expect(heading(page, '说说具体情况')).toBeVisible();
		const choices = await page
			.getByRole('group', { name: '谁能看到' })
			.locator('label')
			.evaluateAll((labels) =>
				labels.map((label) => {
					const radio = label.querySelector('input')!.getBoundingClientRect();
					const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT, {
						acceptNode: (n) =>
							n.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT
					});
					const range = document.createRange();
					range.selectNodeContents(walker.nextNode()!);
					const lines = [...range.getClientRects()];
					return {
						radioWidth: radio.width,
						radioCentre: radio.top + radio.height / 2,
						radioRight: radio.right,
						firstLineCentre: lines[0]!.top + lines[0]!.height / 2,
						textLeft: Math.min(...lines.map((l) => l.left)),
						height: label.getBoundingClientRect().height
					};
				})
			);
		expect(choices).toHaveLength(2);
		for (const c of choices) {
			expect(c.radioWidth, 'a radio the size of a radio').toBeLessThanOrEqual(32);
			expect(c.radioWidth).toBeGreaterThanOrEqual(18);
			expect(
				Math.abs(c.radioCentre - c.firstLineCentre),
				'radio centred on the first line of its label'
			).toBeLessThanOrEqual(4);
			expect(
				c.textLeft,
				'every line of the label beside the radio, none under it'
			).toBeGreaterThanOrEqual(c.radioRight);
			expect(c.height).toBeGreaterThanOrEqual(elderMode ? 48 : 44);
		}
		await resident.context.close();
	});
}

test('in elder mode the flow stays three steps with big targets; screenshots of each step and of the page after sending, in zh, en and elder mode', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	fs.mkdirSync(SCREENS, { recursive: true });
	for (const variant of [
		{ name: 'zh', locale: 'zh-CN', elderMode: false },
		{ name: 'en', locale: 'en', elderMode: false },
		{ name: 'elder', locale: 'zh-CN', elderMode: true }
	] as const) {
		const resident = await signedInPerson(
			browser,
			baseURL!,
			await newResident(baseURL!, `shot${variant.name}`)
		);
		const { page } = resident;
		await page.goto('/');
		await setPreferences(page, { locale: variant.locale, elderMode: variant.elderMode });
		await page.goto('/needs/new');
		await hydrated(page);
		const min = variant.elderMode ? 48 : 44;
		const shoot = async (screen: string) => {
			await page.evaluate(() => document.fonts.ready);
			await page.screenshot({
				path: path.join(SCREENS, `flow-${variant.name}-mobile-${screen}.png`)
			});
			await page.screenshot({
				path: path.join(SCREENS, `flow-${variant.name}-mobile-${screen}-full.png`),
				fullPage: true
			});
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect.soft(overflow, `${screen} scrolls sideways`).toBeLessThanOrEqual(0);
			// Every control a thumb uses here is big enough.
			const small = await page.locator('main').evaluate((main, least) => {
				const targets = [
					...main.querySelectorAll<HTMLElement>(
						'a.button, button, select, textarea, input:not([type=hidden]), label:has(input[type=radio])'
					)
				];
				return targets
					.filter(
						(el) =>
							el.offsetParent !== null && !(el instanceof HTMLInputElement && el.type === 'radio')
					)
					.map((el) => ({
						what: el.outerHTML.slice(0, 60),
						height: el.getBoundingClientRect().height
					}))
					.filter((t) => t.height < least);
			}, min);
			expect.soft(small, `small targets on ${screen}`).toEqual([]);
		};
		const en = variant.locale === 'en';
		const next = page.getByRole('button', { name: en ? 'Next' : '下一步' });
		await expect(page.getByText(en ? 'Step 1 of 3' : '第 1 步，共 3 步')).toBeVisible();
		await page.getByRole('radio', { name: en ? 'Environment' : '环境' }).check();
		await shoot('step1');
		await next.click();
		await expect(page.getByText(en ? 'Step 2 of 3' : '第 2 步，共 3 步')).toBeVisible();
		await next.click();
		await expect(page.getByLabel(en ? 'In one sentence' : '一句话说明')).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await shoot('step2-errors');
		await page.getByLabel(en ? 'In one sentence' : '一句话说明').fill('河边健身器材坏了两个月');
		await page
			.getByLabel(en ? 'Details' : '详细情况')
			.fill('滨河公园东侧的两台健身器材坏了，老人没地方锻炼。');
		await shoot('step2');
		await next.click();
		await expect(page.getByText(en ? 'Step 3 of 3' : '第 3 步，共 3 步')).toBeVisible();
		await shoot('step3');
		await page.getByRole('button', { name: en ? 'Send' : '提交需求' }).click();
		await expect(
			page.getByRole('link', { name: en ? 'See this need' : '查看这条需求' })
		).toBeVisible();
		await shoot('done');
		await resident.context.close();
	}
});
