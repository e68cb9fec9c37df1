/**
 * Screenshots for reviewing the interface by eye: the main screens at phone (390×844) and
 * desktop (1280×800) size, in the default Chinese, in elder mode and in English, saved to
 * test-results/screens/<variant>-<size>-<screen>.png (plus -full.png for long pages). Each screen
 * must have its heading and must not scroll sideways.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
	apiAs,
	createPersonWithRole,
	hydrated,
	liveMeeting,
	DEMO_PASSWORD,
	DESKTOP,
	MOBILE,
	openPerson,
	openUnit,
	setPreferences,
	signIn,
	signOut,
	syncedDutyList
} from './helpers';

const DIR = path.resolve('test-results/screens');

const variants = [
	{ name: 'zh', locale: 'zh-CN', elderMode: false },
	{ name: 'elder', locale: 'zh-CN', elderMode: true },
	{ name: 'en', locale: 'en', elderMode: false }
] as const;
const sizes = [
	{ name: 'mobile', ...MOBILE },
	{ name: 'desktop', ...DESKTOP }
] as const;

// A secretary of its own, so changing its language and elder mode cannot disturb other tests.
const screensLogin = `screens_${Date.now().toString(36)}`;
// A chair and a resident of their own for the hall's pictures, for the same reason.
const hallPeople = [
	{ as: 'chair', login: `screens_chair_${Date.now().toString(36)}`, name: '截图主持人' },
	{ as: 'resident', login: `screens_res_${Date.now().toString(36)}`, name: '截图居民' }
] as const;
let hallId = '';
// A resident of their own too: residents are who the phone's header and tab bar are for.
const residentLogin = `screens_home_${Date.now().toString(36)}`;

test.beforeAll(async ({ baseURL }) => {
	fs.mkdirSync(DIR, { recursive: true });
	const api = await apiAs(baseURL!, 'admin');
	await createPersonWithRole(
		api,
		{ login: screensLogin, displayName: '截图秘书', password: DEMO_PASSWORD },
		{ role: 'admin' }
	);
	const communities = (
		(await (await api.get('/api/v1/communities')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const binhe = communities.find((c) => c.name === '滨河社区')!;
	await createPersonWithRole(
		api,
		{ login: hallPeople[0].login, displayName: hallPeople[0].name, password: DEMO_PASSWORD },
		{ role: 'chair' }
	);
	await createPersonWithRole(
		api,
		{ login: hallPeople[1].login, displayName: hallPeople[1].name, password: DEMO_PASSWORD },
		{ role: 'resident', communityId: binhe.id }
	);
	hallId = await liveMeeting(api, baseURL!, '截图用居民议事会');
	await createPersonWithRole(
		api,
		{ login: residentLogin, displayName: '截图居民', password: DEMO_PASSWORD },
		{ role: 'resident', communityId: communities.find((c) => c.name === '滨河社区')!.id }
	);
	await api.dispose();
});

async function shoot(page: Page, file: string): Promise<void> {
	await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
	// Let fonts and layout settle before the picture.
	await page.evaluate(() => document.fonts.ready);
	// The first screen as a person sees it, and the whole page when it is longer than that.
	await page.screenshot({ path: path.join(DIR, `${file}.png`) });
	const { overflow, tall } = await page.evaluate(() => ({
		overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
		tall: document.documentElement.scrollHeight > window.innerHeight
	}));
	if (tall) await page.screenshot({ path: path.join(DIR, `${file}-full.png`), fullPage: true });
	expect.soft(overflow, `${file} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
	if (file.startsWith('en-')) {
		// The interface's own words are in English (not the page title: it may be a unit's name).
		const chinese = await page
			.locator('header nav a, main h2, label, main button, th, .hint, footer')
			.evaluateAll((els) =>
				els
					// What people wrote (need and meeting titles, agenda items, the minutes) is theirs, in their language.
					.filter((el) => !el.closest('[data-user-content]'))
					.map((el) => {
						const copy = el.cloneNode(true) as HTMLElement;
						copy.querySelectorAll('[data-user-content]').forEach((n) => n.remove());
						return copy.textContent?.trim() ?? '';
					})
					.filter((text) => /\p{Script=Han}/u.test(text))
			);
		expect.soft(chinese, `${file}: untranslated text`).toEqual([]);
	}
}

for (const variant of variants) {
	for (const size of sizes) {
		test(`screens: ${variant.name} at ${size.width}x${size.height}`, async ({
			browser,
			baseURL
		}) => {
			// Some forty screens, each waiting for its fonts: much longer than one ordinary test.
			test.setTimeout(180_000);
			const { context, page } = await openPerson(browser, {
				width: size.width,
				height: size.height
			});
			const prefix = `${variant.name}-${size.name}`;
			const { hostname } = new URL(baseURL!);
			await context.addCookies([
				{ name: 'yt_lang', value: variant.locale, domain: hostname, path: '/' },
				{ name: 'yt_elder', value: variant.elderMode ? '1' : '0', domain: hostname, path: '/' }
			]);

			await page.goto('/');
			await shoot(page, `${prefix}-home-signed-out`);
			await page.goto('/login');
			await shoot(page, `${prefix}-login`);
			await page.goto('/register?code=HEPING26');
			await shoot(page, `${prefix}-register`);

			await signIn(page, screensLogin);
			await setPreferences(page, { locale: variant.locale, elderMode: variant.elderMode });
			await page.goto('/');
			await expect(page.locator('html')).toHaveAttribute('lang', variant.locale);
			await expect(page.getByTestId('connection-status')).toHaveAttribute('class', /\bconnected\b/);
			await shoot(page, `${prefix}-home-admin`);
			await page.goto('/units');
			await shoot(page, `${prefix}-units`);
			await openUnit(page, '供电公司');
			await syncedDutyList(page);
			await shoot(page, `${prefix}-unit-detail`);
			await page.goto('/admin/people');
			await shoot(page, `${prefix}-admin-people`);
			await page.goto('/settings/password');
			await shoot(page, `${prefix}-password`);
			await page.goto('/settings/sessions');
			await shoot(page, `${prefix}-sessions`);
			await page.goto('/needs');
			await shoot(page, `${prefix}-needs`);
			await page.goto('/meetings');
			await shoot(page, `${prefix}-meetings`);
			await page.goto('/votes');
			await shoot(page, `${prefix}-votes`);
			await page.goto('/resolutions');
			await shoot(page, `${prefix}-resolutions`);
			// Execution: tasks, one task, supervision, the ranking, the dashboard, projects, a trace.
			const someTask = (
				(await (await page.request.get('/api/v1/tasks?status=in_progress&limit=1')).json()) as {
					items: { id: string }[];
				}
			).items[0]!.id;
			const ratedNeed = (
				(await (await page.request.get('/api/v1/needs?status=rated&limit=1')).json()) as {
					items: { id: string }[];
				}
			).items[0]!.id;
			for (const [screen, url] of [
				['tasks', '/tasks'],
				['task', `/tasks/${someTask}`],
				['supervision', '/supervision'],
				['standings', '/units/standings'],
				['dashboard', '/dashboard'],
				['projects', '/projects'],
				['trace', `/needs/${ratedNeed}/trace`]
			] as const) {
				await page.goto(url);
				await shoot(page, `${prefix}-${screen}`);
			}
			await page.goto(`/meetings/${hallId}/hall`);
			// Writers get the editor, readers the rendered minutes.
			await expect(
				page.getByTestId('minutes-editor').or(page.getByTestId('minutes-html'))
			).toBeVisible({ timeout: 15_000 });
			await shoot(page, `${prefix}-hall`);
			await page.goto(`/meetings/${hallId}/minutes`);
			await shoot(page, `${prefix}-minutes`);

			// The hall as its chair and as a resident see it (on a phone: tabs, the bar at the bottom).
			for (const who of hallPeople) {
				const person = await openPerson(browser, { width: size.width, height: size.height });
				await signIn(person.page, who.login);
				await setPreferences(person.page, { locale: variant.locale, elderMode: variant.elderMode });
				await person.page.goto(`/meetings/${hallId}/hall`);
				await hydrated(person.page);
				await expect(person.page.getByTestId('connection-status').first()).toHaveAttribute(
					'class',
					/\bconnected\b/
				);
				await shoot(person.page, `${prefix}-hall-${who.as}`);
				await person.context.close();
			}

			// The header (and on phones the bottom tab bar) as a resident sees it.
			await signOut(page);
			await signIn(page, residentLogin);
			await setPreferences(page, { locale: variant.locale, elderMode: variant.elderMode });
			for (const [screen, url] of [
				['home', '/'],
				['needs', '/needs']
			] as const) {
				await page.goto(url);
				await shoot(page, `${prefix}-resident-${screen}`);
				await page
					.locator('header')
					.screenshot({ path: path.join(DIR, `${prefix}-resident-${screen}-header.png`) });
			}

			await context.close();
		});
	}
}
