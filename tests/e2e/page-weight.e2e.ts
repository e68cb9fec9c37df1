/**
 * Page weight: the JavaScript a resident's phone downloads on a first load (empty cache), as
 * sent, that is brotli-compressed. Every resident page must stay under the aim; each test
 * attaches its figure (and the heaviest files) so a regression shows where it came from.
 */
import { brotliCompressSync, constants } from 'node:zlib';
import { expect, test, type Browser } from '@playwright/test';
import { apiAs, hydrated, signedInPerson } from './helpers';

const AIM_KIB = 60;

/**
 * Pages that still miss the aim, each held at a ceiling just above what it weighs today so it
 * cannot grow unnoticed. Why each is over (and what would bring it under) is in BENCHMARKS.md
 * under "Page weight"; take a page off this list once it meets the aim.
 */
const OVER_AIM: Record<string, number> = {
	// Decisions put home over the aim (58.9 → 60.8): the words of theirs every page may show (the
	// navigation, the notifications, outcomes: 1.1 KiB of the catalogue) and the client's route
	// manifest, which names every page (0.3 KiB). The rest of decisions' words load with their pages.
	// Execution added 1.7 KiB to every page: its permission rules (the navigation asks them), its
	// navigation items and home cards, and the route manifest naming some thirty new pages. Its
	// notification texts are rendered by the server only and never reach a browser.
	// Hardening (issue 11) added 0.3–0.4 KiB to every page: the words of the account pages
	// (password, devices, reset links) joined the base catalogue, with the errors for text that
	// cannot be stored and wrong methods and the shared documents' read-only notice. Moving the
	// account words to a section loaded by their pages would win it back.
	home: 63.6,
	// The permission rules, now one file per domain, ship whole with the root layout; decisions as on home.
	meetings: 64.3,
	// socket.io-client (11.5 KiB) for live support counts, plus the board's own code.
	'needs board': 65.6,
	// The need's tasks, ratings and (for staff) resources; once a need has tasks or ratings, the page
	// also loads execution's words (about 7 KiB). A per-page split of that section would win it back.
	"a need's detail": 77.2,
	// The three steps' components; the need's schema now arrives only with the first 下一步.
	'new need': 67.4,
	// The agenda is a Yjs document read live by everyone who opens the meeting (about 25 KiB).
	'a public meeting': 96,
	// The hall's own code and the socket; the minutes editor, Yjs and the votes panel are not sent to readers.
	"that meeting's hall": 75.8
};

let needId = '';
let meetingId = '';

test.beforeAll(async ({ baseURL }) => {
	const api = await apiAs(baseURL!, 'resident3');
	const needs = (await (await api.get('/api/v1/needs?limit=1')).json()) as {
		items: { id: string }[];
	};
	needId = needs.items[0]!.id;
	const meetings = (await (await api.get('/api/v1/meetings?limit=50')).json()) as {
		items: { id: string; visibility: string; status: string }[];
	};
	// A scheduled one: a live meeting's page opens as its hall, measured on its own below.
	meetingId = meetings.items.find((m) => m.visibility === 'public' && m.status === 'scheduled')!.id;
	await api.dispose();
});

/** The size the browser receives for one script: brotli as the server sends it (quality 11, as adapter-node precompresses). */
function brotliSize(body: Buffer): number {
	return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

async function firstLoadJs(browser: Browser, baseURL: string, path: string) {
	const { context, page } = await signedInPerson(browser, baseURL, 'resident3');
	const scripts: Promise<{ url: string; size: number; encoding: string | undefined }>[] = [];
	page.on('response', (r) => {
		if (r.request().resourceType() !== 'script' && !r.url().endsWith('.js')) return;
		scripts.push(
			r.body().then((b) => ({
				url: r.url(),
				size: brotliSize(b),
				encoding: r.headers()['content-encoding']
			}))
		);
	});
	const response = await page.goto(path);
	expect(response?.status(), path).toBeLessThan(400);
	await hydrated(page);
	// What the page imports right after hydrating (the socket, lazy parts) is part of the first load.
	await page.waitForTimeout(1_000);
	const files = await Promise.all(scripts);
	await context.close();
	const total = files.reduce((sum, f) => sum + f.size, 0);
	return { kib: Math.round((total / 1024) * 10) / 10, files };
}

const pages: [string, () => string][] = [
	['home', () => '/'],
	['needs board', () => '/needs'],
	["a need's detail", () => `/needs/${needId}`],
	['new need', () => '/needs/new'],
	['meetings', () => '/meetings'],
	['a public meeting', () => `/meetings/${meetingId}`],
	["that meeting's hall", () => `/meetings/${meetingId}/hall`]
];

for (const [name, path] of pages) {
	const limit = OVER_AIM[name] ?? AIM_KIB;
	test(`page weight: ${name} loads under ${limit} KiB of compressed JavaScript for a resident`, async ({
		browser,
		baseURL
	}, testInfo) => {
		const { kib, files } = await firstLoadJs(browser, baseURL!, path());
		const heaviest = files
			.sort((a, b) => b.size - a.size)
			.map(
				(f) =>
					`${(f.size / 1024).toFixed(1)} KiB ${new URL(f.url).pathname} (${f.encoding ?? 'identity'})`
			);
		testInfo.annotations.push({
			type: 'page weight',
			description: `${name}: ${kib} KiB brotli in ${files.length} files`
		});
		console.log(
			`page weight ${name}: ${kib} KiB brotli in ${files.length} files\n  ${heaviest.join('\n  ')}`
		);
		if (kib >= AIM_KIB)
			testInfo.annotations.push({
				type: 'over the aim',
				description: `${name}: ${kib} KiB, aim ${AIM_KIB} KiB`
			});
		expect(kib, `${name}: ${heaviest.slice(0, 8).join('; ')}`).toBeLessThan(limit);
	});
}

test('page weight: the server sends scripts brotli-compressed to browsers that accept it', async ({
	request,
	baseURL
}) => {
	const html = await (await request.get('/login')).text();
	const script = html.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
	expect(script, 'a script on /login').toBeTruthy();
	const r = await request.get(new URL(script!, baseURL).href, {
		headers: { 'accept-encoding': 'br, gzip' }
	});
	expect(r.headers()['content-encoding']).toBe('br');
});
