/**
 * Shared steps for the end-to-end tests: one browser context per person, signing in and out
 * through the real forms, the navigation as a person sees it, waiting for a shared document,
 * and an axe scan that keeps only what blocks people.
 */
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	request,
	type APIRequestContext,
	type Browser,
	type BrowserContext,
	type Page,
	type TestInfo
} from '@playwright/test';

export const DEMO_PASSWORD = 'yiting-demo';
export const MOBILE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export interface Person {
	context: BrowserContext;
	page: Page;
}

/** A fresh browser context (its own cookies) for one person, at the mobile size unless told. */
export async function openPerson(
	browser: Browser,
	viewport: { width: number; height: number } = MOBILE
): Promise<Person> {
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	return { context, page };
}

/**
 * A browser context with the page's scripts switched off (a slow phone, a tap before they load,
 * scripts blocked): only HTML forms and links work. Signed in as `login` when given.
 */
export async function withoutScripts(
	browser: Browser,
	baseURL: string,
	login?: string,
	viewport: { width: number; height: number } = MOBILE
): Promise<Person> {
	let storageState;
	if (login) {
		const api = await apiAs(baseURL, login);
		storageState = await api.storageState();
		await api.dispose();
	}
	const context = await browser.newContext({ viewport, storageState, javaScriptEnabled: false });
	return { context, page: await context.newPage() };
}

/**
 * A browser context already signed in as `login`, through the API (for tests about something
 * other than signing in; they skip two page loads).
 */
export async function signedInPerson(
	browser: Browser,
	baseURL: string,
	login: string,
	viewport: { width: number; height: number } = MOBILE
): Promise<Person> {
	const api = await apiAs(baseURL, login);
	const storageState = await api.storageState();
	await api.dispose();
	const context = await browser.newContext({ viewport, storageState });
	const page = await context.newPage();
	return { context, page };
}

/**
 * Wait until the page's scripts have taken over (the root layout marks <html data-hydrated>).
 * Use it before an action that only works with JavaScript (a live update, a dialog); a plain
 * form or link must work without it.
 */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 15_000 });
}

/** Sign in through /login and wait for the signed-in home page. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.locator('input[name="login"]').fill(login);
	await page.locator('input[name="password"]').fill(password);
	await page.locator('main form button').click();
	await expect(page).toHaveURL(/\/$/);
	await expect(navigation(page)).toBeVisible();
}

/** Sign out with the button at the end of the navigation (under 更多 on phones); lands on /login. */
export async function signOut(page: Page): Promise<void> {
	await navigation(page).locator('form[action="/logout"] button').click();
	await expect(page).toHaveURL(/\/login$/);
	await expect(navigation(page)).toHaveCount(0);
}

/**
 * The main navigation as shown at the page's width (only to someone signed in): the header's
 * on a desktop; on a phone the bottom tab bar with 更多 (the other items and signing out).
 */
export function navigation(page: Page) {
	return page.locator('nav[data-site-nav]:visible');
}

/** The link texts of the main navigation, in order (without the phone's 更多 tab, which only leads to the rest). */
export async function navLabels(page: Page): Promise<string[]> {
	const texts = await navigation(page)
		.getByRole('link')
		.and(page.locator(':not([data-more])'))
		.allTextContents();
	return texts.map((t) => t.trim());
}

/** The id of the unit a unit page shows, from its URL. */
export function unitIdFrom(url: string): string {
	const id = new URL(url).pathname.match(/^\/units\/([^/]+)$/)?.[1];
	if (!id) throw new Error(`not a unit page: ${url}`);
	return id;
}

/** The duty list's textarea, once its shared document has synced with the server. */
export async function syncedDutyList(page: Page) {
	await expect(page.getByTestId('doc-status')).toHaveAttribute('data-synced', 'true', {
		timeout: 15_000
	});
	return page.getByTestId('collab-text');
}

/** Open a unit by its name from the member-unit list. */
export async function openUnit(page: Page, name: string): Promise<void> {
	await page.goto('/units');
	await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export interface AxeFinding {
	id: string;
	impact: string | null | undefined;
	help: string;
	targets: string[];
}

/** Run axe-core (WCAG 2.x A/AA and best practice) and keep the serious and critical findings. */
export async function seriousA11yFindings(
	page: Page,
	testInfo: TestInfo,
	label: string
): Promise<AxeFinding[]> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	await testInfo.attach(`axe-${label}.json`, {
		body: JSON.stringify(results.violations, null, 2),
		contentType: 'application/json'
	});
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			targets: v.nodes.map((n) => n.target.join(' '))
		}));
}

/** Set the language and elder mode of whoever is signed in on `page` (the account remembers them). */
export async function setPreferences(
	page: Page,
	prefs: { locale?: 'zh-CN' | 'en'; elderMode?: boolean }
): Promise<void> {
	const origin = new URL(page.url()).origin;
	if (prefs.locale) {
		const r = await page.request.post('/prefs?/language', {
			form: { locale: prefs.locale },
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(r.status()).toBe(303);
	}
	if (prefs.elderMode !== undefined) {
		const r = await page.request.post('/prefs?/elder', {
			form: { elderMode: prefs.elderMode ? '1' : '0' },
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(r.status()).toBe(303);
	}
}

/** An HTTP API client signed in as `login` (for setting up what a test is not about). */
export async function apiAs(
	baseURL: string,
	login: string,
	password = DEMO_PASSWORD
): Promise<APIRequestContext> {
	const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
	const r = await api.post('/api/v1/auth/login', { data: { login, password } });
	expect(r.status(), `API sign-in as ${login}`).toBe(200);
	return api;
}

/** Create an account and grant it one role through the API, as the secretary; returns its id. */
export async function createPersonWithRole(
	api: APIRequestContext,
	person: { login: string; displayName: string; password: string },
	role: { role: string; unitId?: string; communityId?: string }
): Promise<string> {
	const created = await api.post('/api/v1/people', { data: person });
	expect(created.status(), 'create person').toBe(201);
	const { id } = (await created.json()) as { id: string };
	const granted = await api.post('/api/v1/roles', { data: { userId: id, ...role } });
	expect(granted.status(), 'grant role').toBe(201);
	return id;
}

/**
 * Call a public meeting for 滨河社区 residents (member1's unit invited, quorum 1) with an agenda
 * item from a need, and start it as the chair; returns its id. Residents may ask to speak only
 * when `options.residentsMaySpeak` says so (the meeting setting is off by default). For tests that need a live hall
 * without disturbing the demo meetings.
 */
export async function liveMeeting(
	admin: APIRequestContext,
	baseURL: string,
	title = `直播议事 ${Date.now().toString(36)}`,
	options: { residentsMaySpeak?: boolean } = {}
): Promise<string> {
	const units = (
		(await (await admin.get('/api/v1/units?limit=200')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const communities = (
		(await (await admin.get('/api/v1/communities')).json()) as {
			items: { id: string; name: string }[];
		}
	).items;
	const binhe = communities.find((c) => c.name === '滨河社区')!;
	const start = new Date(Date.now() + 3_600_000);
	const created = await admin.post('/api/v1/meetings', {
		data: {
			type: 'resident_deliberation',
			title,
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
			place: '滨河社区活动中心',
			videoUrl: 'https://meet.jit.si/yiting-e2e',
			visibility: 'public',
			quorum: 1,
			status: 'scheduled',
			unitIds: [units.find((u) => u.name === '区城市管理局')!.id],
			communityIds: [binhe.id],
			residentsMaySpeak: options.residentsMaySpeak ?? false
		}
	});
	expect(created.status(), 'create meeting').toBe(201);
	const { id } = (await created.json()) as { id: string };
	const needs = (
		(await (await admin.get(`/api/v1/needs?community=${binhe.id}`)).json()) as {
			items: { id: string; status: string }[];
		}
	).items.filter((n) => n.status !== 'merged' && n.status !== 'declined');
	expect(
		(
			await admin.post(`/api/v1/meetings/${id}/agenda/needs`, {
				data: { needIds: [needs[0]!.id], title: '河道治理方案' }
			})
		).status()
	).toBe(200);
	const chair = await apiAs(baseURL, 'chair');
	expect((await chair.post(`/api/v1/meetings/${id}/start`)).status(), 'start meeting').toBe(200);
	await chair.dispose();
	return id;
}
