/**
 * Needs (群众点单) through the HTTP API of the real built server: categories, creating, the board
 * (Chinese and English search, filters, sorting, cursor pagination), support (附议) once,
 * accept / decline / merge with supporters carried over once, timelines, notifications, stale
 * transitions and proxy entry (代办).
 *
 * Build first: `npm run build` (or set BUILD_DIR to another build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';

let s: ServerProcess;
let url: string;
const cookies: Record<string, string> = {};
const LOGINS = [
	'admin',
	'liaison1',
	'supervisor',
	'resident1',
	'resident2',
	'resident3',
	'resident4',
	'resident5',
	'resident6',
	'resident7'
] as const;
type Login = (typeof LOGINS)[number];

beforeAll(async () => {
	s = await startServerProcess();
	url = s.url;
	for (const login of LOGINS) cookies[login] = await signInCookie(url, login);
});
afterAll(async () => {
	await s?.stop();
});

// ---------------------------------------------------------------- helpers

interface TimelineEntry {
	at: string;
	kind: string;
	actorName: string | null;
	detail: Record<string, unknown>;
}
interface Need {
	id: string;
	title: string;
	createdAt: string;
	respondBy: string;
	description: string;
	category: string;
	communityId: string | null;
	visibility: 'public' | 'private';
	status: string;
	channel: string;
	supportCount: number;
	contactPhoneMasked: string;
	mergedInto: string | null;
	declineReason: string | null;
	timeline: TimelineEntry[];
}
interface ListItem {
	id: string;
	title: string;
	category: string;
	communityId: string | null;
	visibility: 'public' | 'private';
	status: string;
	supportCount: number;
	createdAt: string;
	mine: boolean;
	supportedByMe: boolean;
}
interface Page {
	items: ListItem[];
	nextCursor: string | null;
}
interface Problem {
	status: number;
	detail: string;
	errors?: Record<string, string[]>;
}

function call(as: Login, method: string, p: string, json?: unknown): Promise<Response> {
	const headers: Record<string, string> = { cookie: cookies[as]! };
	if (method !== 'GET') headers.origin = url;
	if (json !== undefined) headers['content-type'] = 'application/json';
	return fetch(`${url}/api/v1${p}`, {
		method,
		headers,
		body: json === undefined ? undefined : JSON.stringify(json)
	});
}

async function ok<T>(r: Response, status = 200): Promise<T> {
	const text = await r.text();
	expect(r.status, text).toBe(status);
	return JSON.parse(text) as T;
}

async function problem(r: Response, status: number): Promise<Problem> {
	const text = await r.text();
	expect(r.status, text).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
	return JSON.parse(text) as Problem;
}

let seq = 0;
/** Create a public need as `as`; titles get a unique suffix so tests can find their own. */
async function create(as: Login, over: Partial<Record<string, unknown>> = {}): Promise<Need> {
	seq++;
	return ok<Need>(
		await call(as, 'POST', '/needs', {
			title: `测试诉求第${seq}号`,
			description: '集成测试创建的诉求。',
			category: 'other',
			visibility: 'public',
			...over
		}),
		201
	);
}

const get = async (as: Login, id: string) => ok<Need>(await call(as, 'GET', `/needs/${id}`));
const list = async (as: Login, query: Record<string, string>) =>
	ok<Page>(await call(as, 'GET', `/needs?${new URLSearchParams(query)}`));

/** Every page of a listing, following nextCursor. */
async function listAll(as: Login, query: Record<string, string>): Promise<ListItem[]> {
	const out: ListItem[] = [];
	let cursor: string | null = null;
	for (let guard = 0; guard < 100; guard++) {
		const page: Page = await list(as, cursor ? { ...query, cursor } : query);
		out.push(...page.items);
		cursor = page.nextCursor;
		if (!cursor) return out;
	}
	throw new Error('pagination did not end');
}

const support = (as: Login, id: string) => call(as, 'POST', `/needs/${id}/support`);
const withdraw = (as: Login, id: string) => call(as, 'DELETE', `/needs/${id}/support`);

// ---------------------------------------------------------------- categories and creating

describe('categories and creating', () => {
	it('GET /needs/categories lists the committee categories as { code, name }', async () => {
		const cats = await ok<{ code: string; name: string }[]>(
			await call('resident1', 'GET', '/needs/categories')
		);
		expect(cats.map((c) => c.code)).toEqual([
			'elderly',
			'parking',
			'environment',
			'safety',
			'culture',
			'education',
			'health',
			'other'
		]);
		for (const c of cats) expect(Object.keys(c).sort()).toEqual(['code', 'name']);
		expect(cats.find((c) => c.code === 'parking')!.name).toBe('停车');
		expect(cats.find((c) => c.code === 'elderly')!.name).toBe('养老');
	});

	it('POST /needs creates a need (201 with its id) that then appears on the board', async () => {
		const n = await create('resident1', {
			title: '单元门禁经常失灵',
			category: 'safety',
			location: '和平里 5 号楼'
		});
		expect(n.id).toMatch(/\S/);
		expect(n.status).toBe('submitted');
		expect(n.supportCount).toBe(0);
		expect(n.channel).toBe('online');
		expect(n.timeline.map((e) => e.kind)).toEqual(['submitted']);
		// Staff have 24 hours (the default) to accept or decline.
		expect(Date.parse(n.respondBy) - Date.parse(n.createdAt)).toBe(24 * 3_600_000);
		// Another resident sees it on the board; the submitter sees it marked as theirs.
		expect((await listAll('resident2', {})).map((i) => i.id)).toContain(n.id);
		const mine = (await listAll('resident1', {})).find((i) => i.id === n.id);
		expect(mine?.mine).toBe(true);
		expect((await get('resident2', n.id)).title).toBe('单元门禁经常失灵');
	});

	it('refuses invalid needs with 422 and field errors, storing nothing', async () => {
		const before = (await listAll('admin', {})).length;
		const badCategory = await problem(
			await call('resident1', 'POST', '/needs', {
				title: '一个够长的标题',
				description: 'x',
				category: 'no-such',
				visibility: 'public'
			}),
			422
		);
		expect(Object.keys(badCategory.errors ?? {})).toContain('category');
		const shortTitle = await problem(
			await call('resident1', 'POST', '/needs', {
				title: '短',
				description: 'x',
				category: 'other',
				visibility: 'public'
			}),
			422
		);
		expect(Object.keys(shortTitle.errors ?? {})).toContain('title');
		const badPhone = await problem(
			await call('resident1', 'POST', '/needs', {
				title: '一个够长的标题',
				description: 'x',
				category: 'other',
				contactPhone: '12345'
			}),
			422
		);
		expect(Object.keys(badPhone.errors ?? {})).toContain('contactPhone');
		expect((await listAll('admin', {})).length).toBe(before);
	});
});

// ---------------------------------------------------------------- finding

describe('search, filters, sorting and pagination', () => {
	let parking: Need;
	let english: Need;
	let green: Need;
	beforeAll(async () => {
		parking = await create('resident3', {
			title: '每天晚上停车位被外来车辆占用',
			description: '希望物业加装道闸，只允许登记车辆夜间进入。',
			category: 'parking'
		});
		english = await create('resident4', {
			title: 'Streetlight broken near the playground',
			description: 'The lamp by the swings has been dark for two weeks.',
			category: 'safety'
		});
		green = await create('resident3', {
			title: '楼下花坛无人打理',
			description: '花坛里全是杂草。',
			category: 'environment'
		});
	});

	/** The full text of a need, to check that each hit really contains the query. */
	const text = async (id: string) => {
		const n = await get('admin', id);
		return `${n.title}\n${n.description}`;
	};

	it('a two-character Chinese query (停车) finds the need by substring', async () => {
		const hits = await listAll('resident2', { q: '停车' });
		expect(hits.map((h) => h.id)).toContain(parking.id);
		expect(hits.map((h) => h.id)).not.toContain(green.id);
		// Every hit says 停车, or is of the 停车 category (whose name the query is).
		for (const h of hits) if (h.category !== 'parking') expect(await text(h.id)).toContain('停车');
	});

	it('a longer Chinese query (晚上停车) finds the need through full-text search', async () => {
		const hits = await listAll('resident2', { q: '晚上停车' });
		expect(hits.map((h) => h.id)).toContain(parking.id);
		for (const h of hits) expect(await text(h.id)).toContain('晚上停车');
		// A substring from the middle of the description, not at a word boundary.
		expect((await listAll('resident2', { q: '加装道闸' })).map((h) => h.id)).toEqual([parking.id]);
		// Not every need: a query that matches nothing returns nothing.
		expect((await listAll('resident2', { q: '完全不存在的词语组合' })).length).toBe(0);
	});

	it('a single character finds every need containing it, wherever it stands (through the bigram index)', async () => {
		const rare = await create('resident3', {
			title: '河边发现搁浅的鲸',
			description: '请有关部门处理，附近还有一条鳄',
			category: 'environment'
		});
		// At the end of the title (before the line break), at the very end of the text, mid-text, before punctuation.
		for (const q of ['鲸', '鳄', '闸', '草']) {
			const hits = await listAll('resident2', { q });
			expect(hits.length, q).toBeGreaterThan(0);
			for (const h of hits) expect(await text(h.id), q).toContain(q);
		}
		expect((await listAll('resident2', { q: '鲸' })).map((h) => h.id)).toEqual([rare.id]);
		expect((await listAll('resident2', { q: '鳄' })).map((h) => h.id)).toEqual([rare.id]);
		expect((await listAll('resident2', { q: '闸' })).map((h) => h.id)).toContain(parking.id);
		expect((await listAll('resident2', { q: '草' })).map((h) => h.id)).toContain(green.id);
		expect(await listAll('resident2', { q: '鳌' })).toEqual([]);
	});

	it('an English word finds the English-titled need, whatever its case', async () => {
		expect((await listAll('resident2', { q: 'streetlight' })).map((h) => h.id)).toEqual([
			english.id
		]);
		expect((await listAll('resident2', { q: 'PLAYGROUND' })).map((h) => h.id)).toEqual([
			english.id
		]);
		expect((await listAll('resident2', { q: 'swings' })).map((h) => h.id)).toEqual([english.id]);
	});

	it('the category name finds the needs of that category (停车, "parking", "tingche")', async () => {
		for (const q of ['停车', 'parking', 'tingche', 'tc']) {
			const hits = (await listAll('resident2', { q })).map((h) => h.id);
			expect(hits, q).toContain(parking.id);
			expect(hits, q).not.toContain(green.id);
		}
		// A 停车 need whose text never says 停车 is found by its category.
		const quiet = await create('resident3', {
			title: '北门道闸每天坏',
			description: '车进不来。',
			category: 'parking'
		});
		expect((await listAll('resident2', { q: '停车' })).map((h) => h.id)).toContain(quiet.id);
	});

	it('pinyin finds titles: initials, full, spaced and while typing (ld, ludeng, lu deng, lude → 路灯)', async () => {
		const lamp = await create('resident4', {
			title: '和平里小区路灯不亮',
			description: '晚上很黑。',
			category: 'safety'
		});
		for (const q of ['ld', 'ludeng', 'lu deng', 'LuDeng', 'lude', 'hplxq', 'ludengbuliang']) {
			expect(
				(await listAll('resident2', { q })).map((h) => h.id),
				q
			).toContain(lamp.id);
		}
		for (const q of ['dl', 'dengl', 'qxz']) {
			expect(
				(await listAll('resident2', { q })).map((h) => h.id),
				q
			).not.toContain(lamp.id);
		}
		// English words still match English text.
		expect((await listAll('resident2', { q: 'playground' })).map((h) => h.id)).toContain(
			english.id
		);
	});

	it('search input with quotes and LIKE wildcards is taken literally', async () => {
		for (const q of ['"', '%%', '_', '停车"', 'a"b OR c', '100%']) {
			const r = await call('resident2', 'GET', `/needs?${new URLSearchParams({ q })}`);
			const page = await ok<Page>(r);
			expect(page.items.length, q).toBe(0);
		}
	});

	it('filters by category, community and status', async () => {
		const byCategory = await listAll('resident2', { category: 'parking' });
		expect(byCategory.length).toBeGreaterThan(1);
		expect(byCategory.every((i) => i.category === 'parking')).toBe(true);
		expect(byCategory.map((i) => i.id)).toContain(parking.id);

		const { items: communities } = await ok<{ items: { id: string; name: string }[] }>(
			await call('resident2', 'GET', '/communities')
		);
		expect(communities.length).toBeGreaterThan(1);
		const all = await listAll('resident2', {});
		for (const c of communities) {
			const inC = await listAll('resident2', { community: c.id });
			expect(inC.every((i) => i.communityId === c.id)).toBe(true);
			expect(inC.map((i) => i.id).sort()).toEqual(
				all
					.filter((i) => i.communityId === c.id)
					.map((i) => i.id)
					.sort()
			);
		}
		// resident3's need is in resident3's community, not in the others.
		const own = parking.communityId!;
		expect(own).toBeTruthy();
		expect((await listAll('resident2', { community: own })).map((i) => i.id)).toContain(parking.id);
		for (const c of communities.filter((c) => c.id !== own))
			expect((await listAll('resident2', { community: c.id })).map((i) => i.id)).not.toContain(
				parking.id
			);

		const accepted = await listAll('resident2', { status: 'accepted' });
		expect(accepted.length).toBeGreaterThan(0);
		expect(accepted.every((i) => i.status === 'accepted')).toBe(true);
		// Merged duplicates are hidden from the default board but can be asked for.
		expect(all.some((i) => i.status === 'merged')).toBe(false);
		const merged = await listAll('resident2', { status: 'merged' });
		expect(merged.length).toBeGreaterThan(0);
		expect(merged.every((i) => i.status === 'merged')).toBe(true);
		// Filters combine with search.
		const combined = await listAll('resident2', {
			q: '停车',
			category: 'parking',
			status: 'submitted'
		});
		expect(combined.map((i) => i.id)).toContain(parking.id);
		expect(combined.every((i) => i.category === 'parking' && i.status === 'submitted')).toBe(true);
		expect(await listAll('resident2', { q: '停车', category: 'environment' })).toEqual([]);
	});

	it('refuses an unknown status or sort with 400', async () => {
		await problem(await call('resident2', 'GET', '/needs?status=bogus'), 400);
		await problem(await call('resident2', 'GET', '/needs?sort=bogus'), 400);
	});

	it('sorts by support (most first), newest and waiting longest', async () => {
		const bySupport = await listAll('resident2', { sort: 'support', limit: '9' });
		expect(bySupport.length).toBeGreaterThan(10);
		expect(bySupport[0]!.supportCount).toBeGreaterThan(0);
		for (let i = 1; i < bySupport.length; i++)
			expect(bySupport[i - 1]!.supportCount).toBeGreaterThanOrEqual(bySupport[i]!.supportCount);
		const newest = await listAll('resident2', { sort: 'newest' });
		for (let i = 1; i < newest.length; i++)
			expect(Date.parse(newest[i - 1]!.createdAt)).toBeGreaterThanOrEqual(
				Date.parse(newest[i]!.createdAt)
			);
		const waiting = await listAll('resident2', { sort: 'waiting' });
		for (let i = 1; i < waiting.length; i++)
			expect(Date.parse(waiting[i - 1]!.createdAt)).toBeLessThanOrEqual(
				Date.parse(waiting[i]!.createdAt)
			);
	});

	it('cursor pagination returns every visible need exactly once, for every sort', async () => {
		// Needs raised in the same millisecond (as under load) tie on every sort key.
		const twins: Need[] = [];
		for (let i = 0; i < 12; i++)
			twins.push(
				await create(i % 2 ? 'resident5' : 'resident6', { title: `同一毫秒提交的诉求${i}` })
			);
		const db = new Database(path.join(s.dataDir, 'yiting.db'), { fileMustExist: true });
		try {
			db.pragma('busy_timeout = 5000');
			const at = Date.now() - 60_000;
			const stmt = db.prepare('update need set created_at = ? where id = ?');
			for (const t of twins) stmt.run(at, t.id);
		} finally {
			db.close();
		}
		for (const [as, limits] of [
			['resident2', ['6']],
			['admin', ['4', '9']]
		] as const) {
			const whole = await list(as, { limit: '200' });
			expect(whole.nextCursor).toBeNull();
			const expected = whole.items.map((i) => i.id).sort();
			expect(expected.length).toBeGreaterThan(20);
			for (const sort of ['newest', 'support', 'waiting']) {
				for (const limit of limits) {
					const ids = (await listAll(as, { sort, limit })).map((i) => i.id);
					expect(new Set(ids).size, `${as} ${sort} ${limit}: duplicates`).toBe(ids.length);
					expect([...ids].sort(), `${as} ${sort} ${limit}`).toEqual(expected);
				}
			}
		}
	});
});

// ---------------------------------------------------------------- support

describe('support (附议)', () => {
	it('counts one support per person: 200, then 409 with the count unchanged', async () => {
		const n = await create('resident1');
		expect(await ok<{ supportCount: number }>(await support('resident2', n.id))).toEqual({
			supportCount: 1,
			supportedByMe: true
		});
		await problem(await support('resident2', n.id), 409);
		expect((await get('resident1', n.id)).supportCount).toBe(1);
		expect(await ok<{ supportCount: number }>(await support('resident3', n.id))).toEqual({
			supportCount: 2,
			supportedByMe: true
		});
		expect((await get('resident2', n.id)).supportCount).toBe(2);
		expect((await listAll('resident2', {})).find((i) => i.id === n.id)?.supportCount).toBe(2);
	});

	it('concurrent supports by one person count once', async () => {
		const n = await create('resident1');
		const rs = await Promise.all(Array.from({ length: 8 }, () => support('resident4', n.id)));
		expect(rs.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
		expect((await get('resident1', n.id)).supportCount).toBe(1);
	});

	it('a resident cannot support their own need, nor staff support as a resident (403)', async () => {
		const n = await create('resident1');
		await problem(await support('resident1', n.id), 403);
		await problem(await support('admin', n.id), 403);
		await problem(await support('liaison1', n.id), 403);
		expect((await get('resident1', n.id)).supportCount).toBe(0);
	});

	it('a resident cannot accept, decline or merge (403), and nothing changes', async () => {
		const n = await create('resident1');
		const other = await create('resident3');
		await problem(await call('resident2', 'POST', `/needs/${n.id}/accept`), 403);
		await problem(await call('resident1', 'POST', `/needs/${n.id}/accept`), 403);
		await problem(
			await call('resident2', 'POST', `/needs/${n.id}/decline`, { reason: '不需要处理' }),
			403
		);
		await problem(
			await call('resident2', 'POST', `/needs/${n.id}/merge`, { intoId: other.id }),
			403
		);
		await problem(await call('supervisor', 'POST', `/needs/${n.id}/accept`), 403);
		const after = await get('resident1', n.id);
		expect(after.status).toBe('submitted');
		expect(after.timeline.map((e) => e.kind)).toEqual(['submitted']);
	});

	it('the board and the need tell each person whether they support it', async () => {
		const n = await create('resident1');
		await ok(await support('resident2', n.id));
		expect((await listAll('resident2', {})).find((i) => i.id === n.id)?.supportedByMe).toBe(true);
		expect((await listAll('resident3', {})).find((i) => i.id === n.id)?.supportedByMe).toBe(false);
		expect(
			((await get('resident2', n.id)) as Need & { supportedByMe: boolean }).supportedByMe
		).toBe(true);
	});

	it('the supervisor observes: raising or supporting a need is refused (403); residents and liaisons may raise', async () => {
		await problem(
			await call('supervisor', 'POST', '/needs', {
				title: '督办不应提交需求',
				description: 'x',
				category: 'other',
				visibility: 'public'
			}),
			403
		);
		const n = await create('resident1');
		await problem(await support('supervisor', n.id), 403);
		await create('liaison1');
	});

	it('an unknown need is 404', async () => {
		await problem(await support('resident2', 'no-such-need'), 404);
		await problem(await call('admin', 'GET', '/needs/no-such-need'), 404);
		await problem(await call('admin', 'POST', '/needs/no-such-need/accept'), 404);
	});
});

describe('withdrawing support (取消附议)', () => {
	it('DELETE withdraws once: the count goes down, the board shows it, a second withdrawal is 409, supporting again counts once', async () => {
		const n = await create('resident1');
		await ok(await support('resident2', n.id));
		await ok(await support('resident3', n.id));
		expect(await ok(await withdraw('resident2', n.id))).toEqual({
			supportCount: 1,
			supportedByMe: false
		});
		await problem(await withdraw('resident2', n.id), 409);
		expect((await get('resident1', n.id)).supportCount).toBe(1);
		expect((await listAll('resident2', {})).find((i) => i.id === n.id)).toMatchObject({
			supportCount: 1,
			supportedByMe: false
		});
		expect(await ok(await support('resident2', n.id))).toEqual({
			supportCount: 2,
			supportedByMe: true
		});
		expect((await get('resident1', n.id)).supportCount).toBe(2);
	});

	it('concurrent withdrawals by one person count once', async () => {
		const n = await create('resident1');
		for (const r of ['resident2', 'resident3', 'resident4'] as const)
			await ok(await support(r, n.id));
		const rs = await Promise.all(Array.from({ length: 8 }, () => withdraw('resident4', n.id)));
		expect(rs.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
		expect((await get('resident1', n.id)).supportCount).toBe(2);
	});

	it('someone who does not support it gets 409; an unknown need 404; a closed need keeps its supporters (409)', async () => {
		const n = await create('resident1');
		await problem(await withdraw('resident5', n.id), 409);
		await problem(await withdraw('resident1', n.id), 409);
		await problem(await withdraw('resident5', 'no-such-need'), 404);
		await ok(await support('resident5', n.id));
		await ok(await call('admin', 'POST', `/needs/${n.id}/decline`, { reason: '不属于社区职责' }));
		await problem(await withdraw('resident5', n.id), 409);
		expect((await get('resident1', n.id)).supportCount).toBe(1);
	});

	it('a withdrawn supporter hears no more about the need', async () => {
		const n = await create('resident1');
		await ok(await support('resident6', n.id));
		await ok(await withdraw('resident6', n.id));
		await ok(await call('admin', 'POST', `/needs/${n.id}/accept`));
		const items = (
			await ok<{ items: { link: string }[] }>(await call('resident6', 'GET', '/notifications'))
		).items;
		expect(items.map((i) => i.link)).not.toContain(`/needs/${n.id}`);
	});

	it('the OpenAPI document lists DELETE /needs/{id}/support', async () => {
		const doc = await ok<{ paths: Record<string, Record<string, unknown>> }>(
			await fetch(`${url}/api/v1/openapi.json`)
		);
		expect(Object.keys(doc.paths['/needs/{id}/support'] ?? {}).sort()).toEqual(['delete', 'post']);
	});
});

// ---------------------------------------------------------------- lifecycle

interface Notification {
	id: string;
	kind: string;
	text: string;
	link: string;
	readAt: string | null;
}
const notifications = async (as: Login) =>
	ok<{ items: Notification[]; unread: number }>(await call(as, 'GET', '/notifications'));

describe('accept, decline, merge; timelines and notifications', () => {
	it('accept: the submitter sees it in the timeline; submitter and supporters are notified; accepting again is 409', async () => {
		const n = await create('resident1', { title: '健身器材生锈需要更换' });
		await ok(await support('resident2', n.id));
		const before7 = await notifications('resident7');

		const accepted = await ok<Need>(await call('liaison1', 'POST', `/needs/${n.id}/accept`));
		expect(accepted.status).toBe('accepted');

		const seen = await get('resident1', n.id);
		expect(seen.status).toBe('accepted');
		expect(seen.timeline.map((e) => e.kind)).toEqual(['submitted', 'accepted']);
		const entry = seen.timeline[1]!;
		expect(entry.actorName).toBeTruthy();
		expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(Date.parse(seen.timeline[0]!.at));

		for (const who of ['resident1', 'resident2'] as const) {
			const { items, unread } = await notifications(who);
			const mine = items.filter((i) => i.link === `/needs/${n.id}`);
			expect(mine.length, who).toBe(1);
			expect(mine[0]!.kind).toBe('need.status');
			expect(mine[0]!.text).toContain('健身器材生锈需要更换');
			expect(mine[0]!.readAt).toBeNull();
			expect(unread).toBeGreaterThan(0);
		}
		// Someone with no part in it hears nothing.
		const after7 = await notifications('resident7');
		expect(after7.items.filter((i) => i.link === `/needs/${n.id}`)).toEqual([]);
		expect(after7.unread).toBe(before7.unread);

		// A stale transition: the need is no longer 'submitted'.
		await problem(await call('admin', 'POST', `/needs/${n.id}/accept`), 409);
		const again = await get('resident1', n.id);
		expect(again.timeline.map((e) => e.kind)).toEqual(['submitted', 'accepted']);
		expect(
			(await notifications('resident1')).items.filter((i) => i.link === `/needs/${n.id}`).length
		).toBe(1);
	});

	it('two simultaneous accepts: one succeeds, the other is 409', async () => {
		const n = await create('resident1');
		const rs = await Promise.all([
			call('admin', 'POST', `/needs/${n.id}/accept`),
			call('liaison1', 'POST', `/needs/${n.id}/accept`)
		]);
		expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
		expect(
			(await get('resident1', n.id)).timeline.filter((e) => e.kind === 'accepted').length
		).toBe(1);
	});

	it('decline needs a reason (422 without); the reason reaches the timeline; a declined need cannot be supported', async () => {
		const n = await create('resident1');
		await ok(await support('resident5', n.id));
		const noBody = await problem(await call('admin', 'POST', `/needs/${n.id}/decline`, {}), 422);
		expect(Object.keys(noBody.errors ?? {})).toContain('reason');
		await problem(await call('admin', 'POST', `/needs/${n.id}/decline`, { reason: '  ' }), 422);
		expect((await get('resident1', n.id)).status).toBe('submitted');

		const reason = '属于物业职责，已转交物业公司处理。';
		const declined = await ok<Need>(
			await call('admin', 'POST', `/needs/${n.id}/decline`, { reason })
		);
		expect(declined.status).toBe('declined');
		expect(declined.declineReason).toBe(reason);
		const seen = await get('resident1', n.id);
		expect(seen.timeline.map((e) => e.kind)).toEqual(['submitted', 'declined']);
		expect(seen.timeline[1]!.detail.reason).toBe(reason);
		expect(
			(await notifications('resident5')).items.some(
				(i) => i.link === `/needs/${n.id}` && i.kind === 'need.status'
			)
		).toBe(true);

		await problem(await support('resident6', n.id), 409);
		await problem(await call('admin', 'POST', `/needs/${n.id}/decline`, { reason }), 409);
		await problem(await call('admin', 'POST', `/needs/${n.id}/accept`), 409);
	});

	it('merge carries supporters over without double counting: |{r2,r3,r4,r5}| = 4', async () => {
		const a = await create('resident1', { title: '小区东门需要增设减速带', category: 'safety' });
		await ok(await support('resident2', a.id));
		await ok(await support('resident3', a.id));
		const b = await create('resident5', { title: '东门车速太快希望加减速带', category: 'safety' });
		await ok(await support('resident3', b.id));
		await ok(await support('resident4', b.id));
		expect((await get('admin', a.id)).supportCount).toBe(2);
		expect((await get('admin', b.id)).supportCount).toBe(2);

		await problem(await call('admin', 'POST', `/needs/${b.id}/merge`, {}), 422);
		await problem(await call('admin', 'POST', `/needs/${b.id}/merge`, { intoId: b.id }), 422);
		await problem(
			await call('admin', 'POST', `/needs/${b.id}/merge`, { intoId: 'no-such-need' }),
			404
		);

		const merged = await ok<Need>(
			await call('admin', 'POST', `/needs/${b.id}/merge`, { intoId: a.id })
		);
		expect(merged.status).toBe('merged');
		expect(merged.mergedInto).toBe(a.id);

		const target = await get('resident1', a.id);
		expect(target.supportCount).toBe(4);
		expect(target.timeline.map((e) => e.kind)).toEqual(['submitted', 'merged_from']);
		expect((await listAll('resident2', {})).find((i) => i.id === a.id)?.supportCount).toBe(4);
		expect((await listAll('resident2', {})).map((i) => i.id)).not.toContain(b.id);

		// The carried-over supporters (and B's submitter) are now supporters of A: once each.
		for (const who of ['resident2', 'resident3', 'resident4', 'resident5'] as const)
			await problem(await support(who, a.id), 409);
		expect((await get('admin', a.id)).supportCount).toBe(4);
		expect(await ok<{ supportCount: number }>(await support('resident6', a.id))).toEqual({
			supportCount: 5,
			supportedByMe: true
		});

		// B's submitter sees the merge in B's timeline and is told where it went.
		const dup = await get('resident5', b.id);
		expect(dup.timeline.map((e) => e.kind)).toEqual(['submitted', 'merged']);
		expect(dup.timeline[1]!.detail.into).toBe(a.id);
		for (const who of ['resident5', 'resident3', 'resident4'] as const) {
			const n = (await notifications(who)).items.find(
				(i) => i.kind === 'need.merged' && i.link === `/needs/${a.id}`
			);
			expect(n, who).toBeTruthy();
		}
		// A merged need takes no more support and cannot be merged again.
		await problem(await support('resident7', b.id), 409);
		await problem(await call('admin', 'POST', `/needs/${b.id}/merge`, { intoId: a.id }), 409);
		// Nothing can be merged into a merged need.
		const c = await create('resident6');
		await problem(await call('admin', 'POST', `/needs/${c.id}/merge`, { intoId: b.id }), 409);
		expect((await get('admin', c.id)).status).toBe('submitted');
	});

	it("merging never makes the target's own submitter its supporter", async () => {
		const target = await create('resident1');
		await ok(await support('resident2', target.id));
		const dup = await create('resident6');
		await ok(await support('resident1', dup.id));
		await ok(await support('resident2', dup.id));
		await ok(await call('admin', 'POST', `/needs/${dup.id}/merge`, { intoId: target.id }));
		// {r2, r6}: resident1 submitted the target, resident2 already supported it.
		expect((await get('admin', target.id)).supportCount).toBe(2);
		await problem(await support('resident1', target.id), 403);
	});

	it('accepted, then merged: every step is in the submitter’s timeline', async () => {
		const a = await create('resident2');
		const b = await create('resident1');
		await ok(await call('admin', 'POST', `/needs/${b.id}/accept`));
		await ok(await call('admin', 'POST', `/needs/${b.id}/merge`, { intoId: a.id }));
		const seen = await get('resident1', b.id);
		expect(seen.timeline.map((e) => e.kind)).toEqual(['submitted', 'accepted', 'merged']);
		expect(seen.status).toBe('merged');
		const kinds = (await notifications('resident1')).items
			.filter((i) => i.link === `/needs/${b.id}` || i.link === `/needs/${a.id}`)
			.map((i) => i.kind);
		expect(kinds.sort()).toEqual(['need.merged', 'need.status']);
	});
});

// ---------------------------------------------------------------- proxy entry

describe('proxy entry (代办)', () => {
	it('a liaison enters a need for a resident who phoned in; residents are refused (403)', async () => {
		const body = {
			title: '独居老人家中水管漏水',
			description: '李奶奶来电：厨房水管漏水，自己没法修。',
			category: 'elderly',
			visibility: 'public',
			channel: 'phone',
			contactName: '李奶奶',
			contactPhone: '13812345678'
		};
		const n = await ok<Need>(await call('liaison1', 'POST', '/needs/proxy', body), 201);
		expect(n.channel).toBe('phone');
		expect(n.contactPhoneMasked).toBe('138****5678');
		expect(JSON.stringify(n)).not.toContain('13812345678');
		expect(n.timeline.map((e) => e.kind)).toEqual(['entered']);
		expect(n.timeline[0]!.detail.channel).toBe('phone');
		// Staff see the masked contact, other residents do not.
		expect((await get('admin', n.id)).contactPhoneMasked).toBe('138****5678');
		const asResident = await get('resident2', n.id);
		expect(asResident.contactPhoneMasked).toBe('');
		// On the board like any other need.
		expect((await listAll('resident2', {})).map((i) => i.id)).toContain(n.id);

		await problem(await call('resident1', 'POST', '/needs/proxy', body), 403);
		await problem(await call('supervisor', 'POST', '/needs/proxy', body), 403);
		const missing = await problem(
			await call('liaison1', 'POST', '/needs/proxy', { ...body, contactPhone: undefined }),
			422
		);
		expect(Object.keys(missing.errors ?? {})).toContain('contactPhone');
		const badChannel = await problem(
			await call('liaison1', 'POST', '/needs/proxy', { ...body, channel: 'carrier-pigeon' }),
			422
		);
		expect(Object.keys(badChannel.errors ?? {})).toContain('channel');
	});

	it('records each channel', async () => {
		for (const channel of ['visit', 'grid_visit', 'online']) {
			const n = await ok<Need>(
				await call('liaison1', 'POST', '/needs/proxy', {
					title: `上门走访记录的诉求${channel}`,
					description: '走访时居民反映。',
					category: 'other',
					visibility: 'public',
					channel,
					contactName: '张先生',
					contactPhone: '021-55556666'
				}),
				201
			);
			expect(n.channel).toBe(channel);
			expect(n.contactPhoneMasked).toBe('021****6666');
		}
	});
});
