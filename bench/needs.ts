/**
 * The needs board (群众点单) at 100,000 needs: the board query and the search, as a resident
 * and as the secretary see them, through the real `listNeeds`.
 *
 * Seeding: the demo committee (`seedDemo`: 3 communities, 8 categories, demo accounts and a few
 * dozen needs), 3,000 more residents, then 100,000 needs inserted with prepared statements in
 * one transaction, so the FTS5 triggers index them as they would in use. Titles and descriptions
 * are Chinese sentences built from per-category word lists; ~10% private; created over a year in
 * time order; statuses follow age (recent ones mostly waiting, old ones mostly done); support
 * counts are heavy-tailed. The support rows themselves are not inserted: the board reads only
 * the denormalised `support_count`.
 *
 * Baselines in the same run: a bare `SELECT id FROM need WHERE committee_id=? ORDER BY
 * created_at DESC LIMIT 51` and a bare FTS `MATCH` count, on the same better-sqlite3 handle.
 */
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDb, type Db } from '../src/lib/server/db';
import {
	communities,
	committees,
	grids,
	roleAssignments,
	users
} from '../src/lib/server/db/schema';
import { newId } from '../src/lib/server/db/ids';
import { seedDemo } from '../src/lib/server/seed';
import { loadActor } from '../src/lib/server/auth/session';
import { listNeeds, similarNeeds } from '../src/lib/server/needs/queries';
import { waitingCount } from '../src/lib/server/needs/triage';
import { needQuery } from '../src/lib/shared/schemas/needs';
import { pinyinKeys } from '../src/lib/server/needs/pinyin';
import type { Actor } from '../src/lib/shared/permissions';
import type { BenchContext, BenchPart, BenchResult, Figure } from './part';

const NEEDS = Number(process.env.BENCH_NEEDS || 100_000);
const EXTRA_RESIDENTS = 3_000;
const WARMUP = 20;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
/** Each scenario stops after this long even if it has not reached ITERATIONS. */
const SCENARIO_BUDGET_MS = 6_000;
/** Warm-up stops after WARMUP calls or this long, whichever comes first. */
const WARMUP_BUDGET_MS = 1_500;
const AIM_P95_MS = 50;
const DAY = 86_400_000;

// ---------------------------------------------------------------- data

/** A small deterministic PRNG (mulberry32), so every run seeds the same texts. */
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const random = rng(20_261_127);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const WORDS: Record<string, { things: string[]; issues: string[]; asks: string[] }> = {
	elderly: {
		things: [
			'加装电梯',
			'老年助餐点',
			'日间照料中心',
			'适老化改造',
			'老年活动室',
			'居家养老服务',
			'独居老人探访',
			'助浴服务',
			'老年大学',
			'楼道扶手'
		],
		issues: ['一直没有落实', '离得太远', '名额太少', '开放时间太短', '收费偏高', '没有人管'],
		asks: ['希望尽快推进', '建议社区协调', '希望增加', '盼望早日解决']
	},
	parking: {
		things: [
			'停车位',
			'电动车',
			'共享单车',
			'充电桩',
			'地下车库',
			'非机动车棚',
			'路边停车',
			'访客车辆',
			'消防通道'
		],
		issues: [
			'不够用',
			'乱停乱放',
			'收费不合理',
			'被长期占用',
			'晚上很紧张',
			'堵住了出入口',
			'缺少管理',
			'照明不足'
		],
		asks: ['希望规划', '建议错时共享', '希望加强管理', '建议增设']
	},
	environment: {
		things: [
			'垃圾分类投放点',
			'绿化带',
			'河道',
			'公共厕所',
			'楼道杂物',
			'下水道',
			'外墙',
			'健身器材区'
		],
		issues: [
			'有异味',
			'无人清理',
			'杂草丛生',
			'经常堵塞',
			'脏乱差',
			'蚊虫很多',
			'噪音扰民',
			'破损严重'
		],
		asks: ['希望定期清理', '建议改造', '希望物业重视', '建议整治']
	},
	safety: {
		things: [
			'路口红绿灯',
			'楼道照明',
			'监控探头',
			'小区围墙',
			'消防栓',
			'飞线充电',
			'井盖',
			'门禁系统'
		],
		issues: ['坏了很久', '存在隐患', '一直缺失', '老化严重', '松动了', '无人维修', '不起作用'],
		asks: ['希望尽快修复', '建议排查', '希望安装', '建议加强巡查']
	},
	culture: {
		things: [
			'社区图书角',
			'广场舞场地',
			'文艺汇演',
			'书画班',
			'戏曲活动',
			'文化活动室',
			'老年合唱团',
			'露天电影'
		],
		issues: ['太少了', '场地不够', '开放时间太短', '图书陈旧', '缺少经费', '没人组织'],
		asks: ['希望多组织', '建议开放', '希望补充', '建议增加']
	},
	education: {
		things: [
			'课后托管',
			'学校操场',
			'四点半课堂',
			'家长学校',
			'青少年活动中心',
			'幼儿园学位',
			'周末兴趣班'
		],
		issues: ['名额不够', '周末不开放', '收费太贵', '离家太远', '没有老师', '时间不合适'],
		asks: ['希望学校配合', '建议社区开设', '希望增加', '建议协调']
	},
	health: {
		things: [
			'社区卫生站',
			'家庭医生',
			'儿科门诊',
			'免费体检',
			'急救培训',
			'慢病随访',
			'常用药品',
			'心理咨询'
		],
		issues: ['排队太久', '联系不上', '一直没有', '次数太少', '经常缺货', '不够专业'],
		asks: ['希望开设', '建议增加', '希望上门服务', '建议定期组织']
	},
	other: {
		things: ['快递柜', '菜市场', '公交站', '便民服务点', '自来水', '暖气', '手机信号', '物业服务'],
		issues: ['经常满', '太远了', '水压不足', '不热', '信号很差', '态度不好', '收费不透明'],
		asks: ['希望增加', '建议协调', '希望改进', '建议公开']
	}
};
const CONSEQUENCES = [
	'老人出行很不方便',
	'存在安全隐患',
	'影响居民休息',
	'孩子上学很危险',
	'大家意见很大',
	'已经反映过多次',
	'晚上尤其严重',
	'雨天更加明显',
	'外来人员随意进出',
	'邻里之间经常为此争吵'
];
const EXTRAS = [
	'',
	'',
	'去年也反映过一次，至今没有解决。',
	'附近的居民都很关注这件事。',
	'楼里好几户人家都有同样的意见。',
	'可以联系我了解具体情况。',
	'我们愿意配合社区一起想办法。',
	'物业说不归他们管。'
];
const SPOTS = [
	'东门',
	'西门',
	'南门',
	'北区',
	'南区',
	'中心广场',
	'地下车库',
	'活动中心',
	'菜市场旁',
	'学校门口'
];

function needText(category: string, placeShort: string) {
	const w = WORDS[category]!;
	const thing = pick(w.things);
	const issue = pick(w.issues);
	const place =
		random() < 0.5
			? `${placeShort}${1 + Math.floor(random() * 30)}号楼`
			: `${placeShort}${pick(SPOTS)}`;
	const r = random();
	const title =
		r < 0.45
			? `${thing}${issue}`
			: r < 0.8
				? `${place}${thing}${issue}`
				: `${pick(w.asks)}${thing}`;
	const description = `${place}的${thing}${issue}，${pick(CONSEQUENCES)}。${pick(w.asks)}${thing}，${pick(CONSEQUENCES)}的问题也请一并考虑。${pick(EXTRAS)}`;
	return { title: title.slice(0, 60), description, location: place };
}

const PROGRESS = [
	'submitted',
	'accepted',
	'on_agenda',
	'decided',
	'in_progress',
	'done',
	'rated'
] as const;

/** Status by age: recent needs mostly wait or were just accepted, year-old ones are mostly done. */
function statusFor(ageDays: number): string {
	if (ageDays < 1) return random() < 0.8 ? 'submitted' : 'accepted';
	const r = random();
	if (r < 0.07) return 'declined';
	if (r < 0.11) return 'merged';
	// A few overdue ones still waiting: the staff queue is never empty.
	if (r < 0.13) return 'submitted';
	const stage = Math.min(PROGRESS.length - 1, 1 + Math.floor(random() * 3 + (ageDays / 365) * 4));
	return PROGRESS[stage]!;
}

/** Heavy-tailed: about half have none, a few hundred have hundreds. */
const supportCount = () => Math.min(800, Math.floor((1 / (1 - random())) ** (1 / 1.1)) - 1);

interface Seeded {
	committeeId: string;
	communityIds: string[];
	seedMs: number;
	dbFile: string;
}

export async function seed(db: Db, dbFile: string, count = NEEDS): Promise<Seeded> {
	const t0 = performance.now();
	await seedDemo(db);
	const committeeId = db.select({ id: committees.id }).from(committees).get()!.id;
	const comms = db.select().from(communities).where(eq(communities.committeeId, committeeId)).all();
	const gridsOf = new Map(
		comms.map((c) => [
			c.id,
			db
				.select({ id: grids.id })
				.from(grids)
				.where(eq(grids.communityId, c.id))
				.all()
				.map((g) => g.id)
		])
	);
	const liaisons = db
		.select({ id: roleAssignments.userId })
		.from(roleAssignments)
		.where(eq(roleAssignments.role, 'liaison'))
		.all()
		.map((r) => r.id);
	const demoResidents = db
		.select({ id: roleAssignments.userId, communityId: roleAssignments.communityId })
		.from(roleAssignments)
		.where(eq(roleAssignments.role, 'resident'))
		.all();

	const client = db.$client;
	const now = Date.now();
	const insertUser = client.prepare(
		`insert into user (id, login, display_name, password_hash, created_at) values (?, ?, ?, '!bench-no-login', ?)`
	);
	const insertRole = client.prepare(
		`insert into role_assignment (id, user_id, committee_id, role, community_id, created_at) values (?, ?, ?, 'resident', ?, ?)`
	);
	const insertNeed = client.prepare(
		`insert into need (id, committee_id, community_id, grid_id, title, description, category, location, visibility, status,
			submitted_by, entered_by, channel, contact_name, contact_phone_masked, merged_into, decline_reason, support_count,
			created_at, updated_at, respond_by, responded_at, title_pinyin)
		 values (@id, @committeeId, @communityId, @gridId, @title, @description, @category, @location, @visibility, @status,
			@submittedBy, @enteredBy, @channel, @contactName, @masked, @mergedInto, @declineReason, @supportCount,
			@createdAt, @updatedAt, @respondBy, @respondedAt, @titlePinyin)`
	);
	const categories = Object.keys(WORDS);
	const shortName = (name: string) => name.replace(/社区$/, '');

	client.transaction(() => {
		const residents = demoResidents.map((r) => r.id);
		const residentsOf = new Map<string, string[]>(
			comms.map((c) => [c.id, demoResidents.filter((r) => r.communityId === c.id).map((r) => r.id)])
		);
		for (let i = 0; i < EXTRA_RESIDENTS; i++) {
			const id = newId();
			const c = comms[i % comms.length]!;
			insertUser.run(id, `bench${i}`, `居民${i}`, now - 400 * DAY);
			insertRole.run(newId(), id, committeeId, c.id, now - 400 * DAY);
			residents.push(id);
			residentsOf.get(c.id)!.push(id);
		}
		// Time order, as they would arrive: rowids follow created_at.
		const times = Array.from({ length: count }, () => now - Math.floor(random() * 365 * DAY)).sort(
			(a, b) => a - b
		);
		const recent: string[] = [];
		for (let i = 0; i < count; i++) {
			const createdAt = times[i]!;
			const ageDays = (now - createdAt) / DAY;
			const category = pick(categories);
			const community = random() < 0.95 ? pick(comms) : null;
			const text = needText(category, community ? shortName(community.name) : '街道');
			const status = statusFor(ageDays);
			const visibility = random() < 0.1 ? 'private' : 'public';
			const proxy = random() < 0.15;
			const submitter = community ? pick(residentsOf.get(community.id)!) : pick(residents);
			const respondedAt =
				status === 'submitted'
					? null
					: Math.min(now, createdAt + Math.floor(random() * 30 * 3_600_000));
			const id = newId();
			insertNeed.run({
				id,
				committeeId,
				communityId: community?.id ?? null,
				gridId: community && random() < 0.7 ? pick(gridsOf.get(community.id)!) : null,
				...text,
				// As createNeed writes them: the pinyin index is filled by its trigger.
				titlePinyin: pinyinKeys(text.title),
				category,
				visibility,
				status,
				submittedBy: proxy && random() < 0.5 ? null : submitter,
				enteredBy: proxy ? pick(liaisons) : null,
				channel: proxy ? pick(['phone', 'visit', 'grid_visit']) : 'online',
				contactName: proxy
					? `${pick([...'张王李赵刘陈杨黄'])}${pick(['奶奶', '大爷', '阿姨', '师傅'])}`
					: '',
				masked: proxy
					? `13${Math.floor(random() * 10)}****${String(Math.floor(random() * 10_000)).padStart(4, '0')}`
					: '',
				mergedInto: status === 'merged' && recent.length ? pick(recent) : null,
				declineReason: status === 'declined' ? '不属于社区职责范围，已转交相关部门。' : null,
				supportCount: visibility === 'public' && status !== 'merged' ? supportCount() : 0,
				createdAt,
				updatedAt: Math.min(now, createdAt + Math.floor(random() * ageDays * DAY)),
				respondBy: createdAt + 24 * 3_600_000,
				respondedAt
			});
			recent.push(id);
			if (recent.length > 200) recent.shift();
		}
	})();
	client.pragma('wal_checkpoint(TRUNCATE)');
	return {
		committeeId,
		communityIds: comms.map((c) => c.id),
		seedMs: performance.now() - t0,
		dbFile
	};
}

// ---------------------------------------------------------------- measuring

interface Stats {
	n: number;
	p50: number;
	p95: number;
	p99: number;
	rows: number;
	cpu: number;
}

/** Nearest-rank percentile of sorted samples. */
const pct = (sorted: number[], p: number) =>
	sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** 20 warm-up calls, then up to ITERATIONS timed calls, each loop bounded by time too. `fn` returns the rows it got. */
function measure(fn: () => number): Stats {
	let rows = 0;
	const warm = performance.now() + WARMUP_BUDGET_MS;
	for (let i = 0; i < WARMUP && performance.now() < warm; i++) rows = fn();
	const samples: number[] = [];
	const deadline = performance.now() + SCENARIO_BUDGET_MS;
	const cpu0 = process.cpuUsage();
	const wall0 = process.hrtime.bigint();
	for (let i = 0; i < ITERATIONS && performance.now() < deadline; i++) {
		const t = process.hrtime.bigint();
		rows = fn();
		samples.push(Number(process.hrtime.bigint() - t) / 1e6);
	}
	const wall = Number(process.hrtime.bigint() - wall0) / 1e3;
	const used = process.cpuUsage(cpu0);
	samples.sort((a, b) => a - b);
	return {
		n: samples.length,
		p50: pct(samples, 50),
		p95: pct(samples, 95),
		p99: pct(samples, 99),
		rows,
		cpu: (used.user + used.system) / wall
	};
}

/** Capture the SQL and parameters drizzle sends for one call, for EXPLAIN QUERY PLAN. */
function captureSql(
	client: Database.Database,
	fn: () => void
): { sql: string; params: unknown[] }[] {
	const seen: { sql: string; params: unknown[] }[] = [];
	const real = client.prepare;
	client.prepare = ((source: string) => {
		const stmt = real.call(client, source);
		for (const m of ['all', 'get', 'run'] as const) {
			const orig = stmt[m].bind(stmt) as (...a: unknown[]) => unknown;
			(stmt as unknown as Record<string, unknown>)[m] = (...params: unknown[]) => {
				seen.push({ sql: source, params });
				return orig(...params);
			};
		}
		return stmt;
	}) as typeof client.prepare;
	try {
		fn();
	} finally {
		client.prepare = real;
	}
	return seen;
}

function plan(client: Database.Database, q: { sql: string; params: unknown[] }): string {
	const rows = client.prepare(`explain query plan ${q.sql}`).all(...q.params) as {
		id: number;
		parent: number;
		detail: string;
	}[];
	const depth = new Map<number, number>([[0, -1]]);
	return rows
		.map((r) => {
			const d = (depth.get(r.parent) ?? -1) + 1;
			depth.set(r.id, d);
			return `${'  '.repeat(d)}${r.detail}`;
		})
		.join('\n');
}

/** How the SQL drizzle sent searches: LIKE, the trigram or bigram FTS index, and whether the hits drive the query. */
function pathOf(sqlText: string): string {
	const how = / like /i.test(sqlText)
		? 'LIKE scan'
		: /need_bigram/.test(sqlText)
			? 'FTS bigram'
			: /need_fts/.test(sqlText)
				? 'FTS trigram'
				: 'index';
	const extra = `${/need_pinyin/.test(sqlText) ? ' + pinyin' : ''}${/"need"\."category" in/.test(sqlText) ? ' + category' : ''}`;
	if (how.startsWith('FTS'))
		return `${how}${extra}, ${/\+"need"\."committee_id"/.test(sqlText) ? 'by hits' : 'by index'}`;
	return how + extra;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

// ---------------------------------------------------------------- the part

interface Scenario {
	name: string;
	/** Which baseline the ratio is against: the bare board select, or the bare FTS count of a term. */
	baseline: 'board' | { fts: string };
	query: Record<string, unknown>;
	/** Call something other than listNeeds (extras). */
	call?: (db: Db, actor: Actor, committeeId: string) => number;
	/** Only meaningful for staff. */
	staffOnly?: boolean;
}

async function run({ dataDir }: BenchContext): Promise<BenchResult> {
	const dbFile = path.join(dataDir, 'yiting.db');
	const db = openDb(dbFile);
	const client = db.$client;
	try {
		console.log(`seeding ${NEEDS.toLocaleString('en')} needs…`);
		const s = await seed(db, dbFile);
		const size = fs.statSync(dbFile).size;
		console.log(
			`seeded in ${(s.seedMs / 1000).toFixed(1)} s, database ${(size / 2 ** 20).toFixed(0)} MiB`
		);
		const userId = (login: string) =>
			db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()!.id;
		const actors: [string, Actor][] = [
			['resident1', loadActor(db, userId('resident1'))],
			['admin', loadActor(db, userId('admin'))]
		];
		const cursor = (offset: number) => Buffer.from(String(offset)).toString('base64url');
		const heping = s.communityIds[0]!;

		const scenarios: Scenario[] = [
			{ name: 'board, newest (default)', baseline: 'board', query: {} },
			{ name: 'board, most supported', baseline: 'board', query: { sort: 'support' } },
			{ name: 'board, waiting longest', baseline: 'board', query: { sort: 'waiting' } },
			{
				name: 'filter category + community',
				baseline: 'board',
				query: { category: 'parking', community: heping }
			},
			{ name: 'filter status = submitted', baseline: 'board', query: { status: 'submitted' } },
			{ name: 'page 2 (cursor, offset 50)', baseline: 'board', query: { cursor: cursor(50) } },
			{ name: 'deep page (offset 5000)', baseline: 'board', query: { cursor: cursor(5000) } },
			{ name: 'search "电梯" (2 chars)', baseline: 'board', query: { q: '电梯' } },
			{
				name: 'search "加装电梯" (4 chars)',
				baseline: { fts: '加装电梯' },
				query: { q: '加装电梯' }
			},
			{
				name: 'search "和平里5号楼" (6 chars, fewer hits)',
				baseline: { fts: '和平里5号楼' },
				query: { q: '和平里5号楼' }
			},
			{
				name: 'search "不方便" (3 chars, common)',
				baseline: { fts: '不方便' },
				query: { q: '不方便' }
			},
			{ name: 'search "dt" (pinyin initials)', baseline: 'board', query: { q: 'dt' } },
			{ name: 'search "dianti" (full pinyin)', baseline: 'board', query: { q: 'dianti' } },
			{
				name: 'search "jia zhuang dian ti" (spaced pinyin)',
				baseline: 'board',
				query: { q: 'jia zhuang dian ti' }
			},
			{
				name: 'search "ldzm" (pinyin initials, fewer hits)',
				baseline: 'board',
				query: { q: 'ldzm' }
			},
			{ name: 'search "养老" (category name and text)', baseline: 'board', query: { q: '养老' } },
			{ name: 'search "tingche" (category by pinyin)', baseline: 'board', query: { q: 'tingche' } },
			{ name: 'search "qxz" (pinyin, no hits)', baseline: 'board', query: { q: 'qxz' } },
			{ name: 'search "鲸鱼" (2 chars, no hits)', baseline: 'board', query: { q: '鲸鱼' } },
			{
				name: 'search "量子计算" (4 chars, no hits)',
				baseline: { fts: '量子计算' },
				query: { q: '量子计算' }
			},
			{
				name: 'extra: search "号楼" (2 chars, half of all needs)',
				baseline: 'board',
				query: { q: '号楼' }
			},
			{ name: 'extra: search "鲸" (1 char, no hits)', baseline: 'board', query: { q: '鲸' } },
			{
				name: 'extra: similar while typing "电梯" (top 5)',
				baseline: 'board',
				query: {},
				call: (d, a, c) => similarNeeds(d, a, c, '电梯').length
			},
			{
				name: 'extra: similar while typing "电动车乱停乱放" (top 5)',
				baseline: { fts: '电动车乱停乱放' },
				query: {},
				call: (d, a, c) => similarNeeds(d, a, c, '电动车乱停乱放').length
			},
			{
				name: 'extra: staff queue count (waitingCount; rows = count)',
				baseline: 'board',
				query: {},
				staffOnly: true,
				call: (d, a, c) => waitingCount(d, a, c).waiting
			}
		];

		// Baselines: the same handle, no drizzle, no permission filter.
		const bareBoard = client.prepare(
			'SELECT id FROM need WHERE committee_id = ? ORDER BY created_at DESC LIMIT 51'
		);
		const bareFts = client.prepare('SELECT count(*) AS n FROM need_fts WHERE need_fts MATCH ?');
		const phrase = (t: string) => `"${t.replace(/"/g, '""')}"`;
		const baselines = new Map<string, Stats>();
		const basePlans = new Map<string, string>();
		console.log('baseline: bare board select');
		baselines.set(
			'board',
			measure(() => bareBoard.all(s.committeeId).length)
		);
		basePlans.set('board', plan(client, { sql: bareBoard.source, params: [s.committeeId] }));
		for (const sc of scenarios) {
			if (sc.baseline === 'board' || baselines.has(sc.baseline.fts)) continue;
			const term = sc.baseline.fts;
			console.log(`baseline: bare FTS count "${term}"`);
			baselines.set(
				term,
				measure(() => (bareFts.get(phrase(term)) as { n: number }).n)
			);
			basePlans.set(term, plan(client, { sql: bareFts.source, params: [phrase(term)] }));
		}

		const results: {
			actor: string;
			sc: Scenario;
			st: Stats;
			plans: { sql: string; plan: string }[];
			path: string;
		}[] = [];
		for (const [actorName, actor] of actors) {
			for (const sc of scenarios) {
				if (sc.staffOnly && actorName !== 'admin') continue;
				const query = needQuery.parse(sc.query);
				const fn = sc.call
					? () => sc.call!(db, actor, s.committeeId)
					: () => listNeeds(db, actor, s.committeeId, query).items.length;
				const st = measure(fn);
				const sent = captureSql(client, fn);
				const plans = sent.map((q) => ({ sql: q.sql, plan: plan(client, q) }));
				results.push({
					actor: actorName,
					sc,
					st,
					plans,
					path: pathOf(sent.map((q) => q.sql).join('\n'))
				});
				console.log(
					`${actorName.padEnd(9)} ${sc.name.padEnd(44)} ${results.at(-1)!.path.padEnd(20)} rows ${String(st.rows).padStart(5)}  p50 ${ms(st.p50).padStart(6)}  p95 ${ms(st.p95).padStart(6)}  p99 ${ms(st.p99).padStart(6)} ms  (n=${st.n})`
				);
			}
		}

		// ------------------------------------------------------------ Markdown
		const baseOf = (sc: Scenario) =>
			baselines.get(sc.baseline === 'board' ? 'board' : sc.baseline.fts)!;
		const baseLabel = (sc: Scenario) =>
			sc.baseline === 'board' ? 'bare select' : `bare FTS "${sc.baseline.fts}"`;
		const misses = results.filter((r) => r.st.p95 >= AIM_P95_MS);
		const lines: string[] = [];
		lines.push(
			`${NEEDS.toLocaleString('en')} needs in one committee (3 communities, 8 categories, ~10% private, statuses by age, created over a year) ` +
				`plus the demo data and ${EXTRA_RESIDENTS.toLocaleString('en')} extra residents. ` +
				`Seeded in ${(s.seedMs / 1000).toFixed(1)} s (one transaction, FTS triggers on); database ${(size / 2 ** 20).toFixed(0)} MiB. ` +
				`\`listNeeds\` with the page size of the board (50; it asks for 51). ${WARMUP} warm-up (at most ${WARMUP_BUDGET_MS / 1000} s) + ` +
				`${ITERATIONS} timed calls per row (at most ${SCENARIO_BUDGET_MS / 1000} s; n says how many ran); times in ms; ` +
				`"×" is the p50 ratio to the baseline. Aim: p95 < ${AIM_P95_MS} ms.`
		);
		lines.push('');
		lines.push(
			'| actor | query | path | rows | p50 | p95 | p99 | n | baseline (p50 / p95) | × p50 | p95 < 50 |'
		);
		lines.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | :---: |');
		for (const r of results) {
			const b = baseOf(r.sc);
			lines.push(
				`| ${r.actor} | ${r.sc.name} | ${r.path} | ${r.st.rows} | ${ms(r.st.p50)} | ${ms(r.st.p95)} | ${ms(r.st.p99)} | ${r.st.n} | ${baseLabel(r.sc)} ${ms(b.p50)} / ${ms(b.p95)} | ${(r.st.p50 / b.p50).toFixed(1)} | ${r.st.p95 < AIM_P95_MS ? 'yes' : '**no**'} |`
			);
		}
		lines.push('');
		lines.push('Baselines (better-sqlite3 directly, prepared once):');
		lines.push('');
		lines.push('| baseline | rows / count | p50 | p95 | p99 | n |');
		lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
		for (const [k, b] of baselines) {
			const label =
				k === 'board'
					? '`SELECT id FROM need WHERE committee_id=? ORDER BY created_at DESC LIMIT 51`'
					: `\`SELECT count(*) FROM need_fts WHERE need_fts MATCH '"${k}"'\``;
			lines.push(`| ${label} | ${b.rows} | ${ms(b.p50)} | ${ms(b.p95)} | ${ms(b.p99)} | ${b.n} |`);
		}
		lines.push('');
		const cpu = results.reduce((a, r) => a + r.st.cpu, 0) / results.length;
		lines.push(
			`In-process and single-threaded: the calls are synchronous on one core, so there is no separate load generator; ` +
				`the process used ${(cpu * 100).toFixed(0)}% of one core on average while timing` +
				(cpu < 0.9
					? ' (below 90%: other processes took CPU time, so these figures are inflated). '
					: '. ') +
				(misses.length
					? `Missed the aim: ${misses.map((m) => `${m.actor} / ${m.sc.name}`).join('; ')}.`
					: 'Every query met the aim.')
		);
		lines.push('');
		lines.push(
			'<details><summary>Query plans (EXPLAIN QUERY PLAN of the SQL drizzle sent)</summary>\n'
		);
		// Each distinct statement once, numbered; then each row's plans by number.
		const statements = new Map<string, number>();
		for (const r of results)
			for (const p of r.plans)
				if (!statements.has(p.sql)) statements.set(p.sql, statements.size + 1);
		lines.push('```');
		for (const [k, p] of basePlans) lines.push(`-- baseline ${k}\n${p}\n`);
		for (const r of results)
			for (const p of r.plans)
				lines.push(`-- ${r.actor}: ${r.sc.name} (statement ${statements.get(p.sql)})\n${p.plan}\n`);
		lines.push('```\n');
		lines.push('Statements:\n');
		lines.push('```sql');
		for (const [text, k] of statements) lines.push(`-- ${k}\n${text};\n`);
		lines.push('```\n</details>');
		return { figures: summaryFigures(results, baseOf, baseLabel), markdown: lines.join('\n') };
	} finally {
		client.close();
	}
}

/** The board and search rows the summary shows (as a resident), and the slowest row of all. */
const SUMMARY = [
	'board, newest (default)',
	'search "电梯" (2 chars)',
	'search "加装电梯" (4 chars)',
	'search "dianti" (full pinyin)'
];

function summaryFigures(
	results: { actor: string; sc: Scenario; st: Stats }[],
	baseOf: (sc: Scenario) => Stats,
	baseLabel: (sc: Scenario) => string
): Figure[] {
	const figure = (r: { actor: string; sc: Scenario; st: Stats }, prefix = ''): Figure => {
		const b = baseOf(r.sc);
		return {
			what: `${prefix}${r.sc.name}, as ${r.actor}, ${NEEDS.toLocaleString('en')} needs`,
			unit: 'ms',
			p50: r.st.p50,
			p95: r.st.p95,
			p99: r.st.p99,
			n: r.st.n,
			baseline: { what: baseLabel(r.sc), p50: b.p50, p95: b.p95, p99: b.p99, n: b.n },
			aim: `p95 < ${AIM_P95_MS} ms`,
			met: r.st.p95 < AIM_P95_MS
		};
	};
	const chosen = results.filter((r) => r.actor === 'resident1' && SUMMARY.includes(r.sc.name));
	const slowest = [...results].sort((a, b) => b.st.p95 - a.st.p95)[0];
	const out = chosen.map((r) => figure(r));
	if (slowest && !chosen.includes(slowest)) out.push(figure(slowest, 'slowest of all: '));
	return out;
}

export const part: BenchPart = {
	describe:
		'the needs board (群众点单) at 100,000 needs: `listNeeds` as a resident and as the secretary — default board (newest), ' +
		'sort by support and by waiting, category+community and status filters, page 2 and a deep page, search with a 2-character ' +
		'query, 3+ character queries (common, rarer) and queries with no hits — against a bare SELECT of the newest 51 and a bare FTS count.',
	run
};
