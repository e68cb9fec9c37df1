/**
 * The frame around every page: each link of the navigation and footer leads somewhere that
 * works, the phone gets a compact header and a bottom tab bar, focus rings and field edges can
 * be seen, and the home and meetings pages say what this person can do.
 */
import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, MOBILE, hydrated, openPerson, setPreferences, signedInPerson } from './helpers';

/** Every same-page-origin link in the header, both navigations (phone and desktop) and the footer. */
async function frameLinks(page: Page): Promise<string[]> {
	const hrefs = await page
		.locator('header a[href], nav[data-site-nav] a[href], footer a[href]')
		.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
	const origin = new URL(page.url()).origin;
	return [
		...new Set(
			hrefs
				.map((h) => new URL(h))
				.filter((u) => u.origin === origin)
				.map((u) => u.pathname + u.search)
		)
	];
}

async function expectEveryLinkWorks(page: Page, who: string) {
	await page.goto('/');
	const links = await frameLinks(page);
	expect(links, `${who}: the footer's API documentation is linked`).toContain('/api');
	for (const href of links) {
		const response = await page.goto(href);
		expect(response?.status(), `${who}: ${href}`).toBeLessThan(400);
		await expect(page.getByTestId('error-page'), `${who}: ${href}`).toHaveCount(0);
	}
	return links;
}

test('every link in the header, navigation and footer opens without an error, signed out', async ({
	page
}) => {
	await expectEveryLinkWorks(page, 'signed out');
});

for (const login of ['resident3', 'admin']) {
	test(`every link in the header, navigation and footer opens without an error for ${login}`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await signedInPerson(browser, baseURL!, login);
		const links = await expectEveryLinkWorks(page, login);
		expect(links).toEqual(
			expect.arrayContaining(['/', '/needs', '/meetings', '/notifications', '/settings'])
		);
		await context.close();
	});
}

for (const elder of [false, true]) {
	test(`on a phone the header is one compact row and the navigation a bottom tab bar${elder ? ' (elder mode)' : ''}`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await signedInPerson(browser, baseURL!, 'resident3', MOBILE);
		await page.goto('/');
		await setPreferences(page, { elderMode: elder });
		await page.goto('/needs');
		await hydrated(page);

		const header = await page.locator('header').boundingBox();
		expect(header!.height, 'header height').toBeLessThanOrEqual(elder ? 120 : 100);
		// Language and elder mode stay one tap away.
		await expect(page.locator('header').getByRole('button', { name: 'English' })).toBeVisible();
		await expect(page.locator('header').getByRole('button', { name: '长辈模式' })).toBeVisible();

		const tabs = page.locator('nav[data-site-nav]:visible .tabs a');
		const count = await tabs.count();
		expect(count).toBeGreaterThanOrEqual(4);
		expect(count).toBeLessThanOrEqual(5);
		const boxes = await Promise.all((await tabs.all()).map((t) => t.boundingBox()));
		for (const box of boxes) {
			expect(box!.y, 'all tabs on one row').toBe(boxes[0]!.y);
			expect(box!.height, 'tab target height').toBeGreaterThanOrEqual(elder ? 56 : 48);
			expect(box!.y + box!.height, 'tab bar at the bottom of the screen').toBeGreaterThanOrEqual(
				MOBILE.height - 2
			);
		}
		// 通知 keeps its words, in elder mode too.
		await expect(tabs.filter({ hasText: '通知' })).toBeVisible();
		await expect(tabs.filter({ hasText: '需求' })).toHaveAttribute('aria-current', 'page');

		// Nothing hides behind the bar: at the very end of the page, the footer ends above it.
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		const footerLink = await page.locator('footer a[href="/api"]').boundingBox();
		expect(footerLink!.y + footerLink!.height).toBeLessThanOrEqual(boxes[0]!.y);
		// Signing out is under 更多.
		await tabs.filter({ hasText: '更多' }).click();
		await expect(page.locator('#more').getByRole('button', { name: '退出登录' })).toBeInViewport();
		await context.close();
	});
}

test('on a desktop the navigation stays in the header and there is no tab bar', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await signedInPerson(browser, baseURL!, 'resident3', DESKTOP);
	await page.goto('/');
	await expect(page.locator('header nav')).toBeVisible();
	await expect(page.locator('nav[data-site-nav] .tabs')).toBeHidden();
	await expect(page.locator('header nav').getByRole('button', { name: '退出登录' })).toBeVisible();
	await context.close();
});

/** Contrast ratio (WCAG) of two computed CSS colours. */
function contrastIn(page: Page, selector: string) {
	return page.evaluate((sel) => {
		const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
		const lum = (c: string) => {
			const [r, g, b] = rgb(c)
				.map((v) => v / 255)
				.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
			return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
		};
		const ratio = (a: string, b: string) => {
			const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
			return (hi! + 0.05) / (lo! + 0.05);
		};
		/** The colour behind an element: the first ancestor with an opaque background. */
		const behind = (el: Element | null): string => {
			for (let e = el; e; e = e.parentElement) {
				const bg = getComputedStyle(e).backgroundColor;
				if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
			}
			return 'rgb(255, 255, 255)';
		};
		const field = document.querySelector(sel)!;
		const style = getComputedStyle(field);
		return {
			border: Math.min(
				ratio(style.borderTopColor, behind(field.parentElement)),
				ratio(style.borderTopColor, style.backgroundColor)
			),
			focus: ratio(style.outlineColor, behind(field.parentElement)),
			focusStyle: style.outlineStyle
		};
	}, selector);
}

for (const elder of [false, true]) {
	test(`field edges and the focus ring stand out at least 3:1${elder ? ' (elder mode)' : ''}`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await openPerson(browser);
		await context.addCookies([
			{ name: 'yt_elder', value: elder ? '1' : '0', domain: new URL(baseURL!).hostname, path: '/' }
		]);
		await page.goto('/login');
		await hydrated(page);
		const login = page.locator('input[name="login"]');
		await login.focus();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Shift+Tab');
		await expect(login).toBeFocused();
		const c = await contrastIn(page, 'input[name="login"]');
		expect(c.focusStyle).not.toBe('none');
		expect(c.focus, 'focus ring against the page').toBeGreaterThanOrEqual(3);
		expect(c.border, 'field border against the page and the field').toBeGreaterThanOrEqual(3);
		await context.close();
	});
}

for (const [login, sees] of [
	['chair', true],
	['supervisor', true],
	['admin', true],
	['resident3', false]
] as const) {
	test(`${login} ${sees ? 'sees' : 'does not see'} on the home page how many needs wait for acceptance and how many are overdue`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await signedInPerson(browser, baseURL!, login);
		await page.goto('/');
		if (sees) {
			await expect(page.getByTestId('needs-queue')).toContainText(
				/\d+ 条待受理，其中 \d+ 条已超时/
			);
			await page.getByTestId('needs-queue').click();
			await expect(page).toHaveURL(/\/needs\?status=submitted/);
		} else {
			await expect(page.getByTestId('needs-queue')).toHaveCount(0);
		}
		await context.close();
	});
}

const intros: [string, RegExp, RegExp | null][] = [
	['resident3', /提问、表态和评论/, /编辑议程/],
	['chair', /召集会议/, null],
	['member1', /共同编辑议程/, null],
	['supervisor', /查看所有会议/, /编辑/],
	['liaison1', /本单位受邀的会议/, /编辑/]
];
for (const [login, says, never] of intros) {
	test(`the meetings page tells ${login} what they can do with meetings`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await signedInPerson(browser, baseURL!, login);
		await page.goto('/meetings');
		await expect(page.getByTestId('meetings-intro')).toHaveText(says);
		if (never) await expect(page.getByTestId('meetings-intro')).not.toHaveText(never);
		await context.close();
	});
}

test('the home page says truthfully what is live and what comes next', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByText(/会议大厅.*即将上线/)).toHaveCount(0);
	await expect(
		page.getByText('需求征集、会议议程、线上议事厅、会议纪要和表决决议已上线')
	).toBeVisible();
});
