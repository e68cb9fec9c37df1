/**
 * Supervision through the API against the real built server: the fixed point
 * `GET /api/v1/units/standings?period=`, the supervision list, notices and replies, every refusal
 * as problem+json, and a reply deadline passed while the server runs (and across a restart)
 * flagged once.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { api, openServerDb, sessionCookie, userIdOf, type Caller } from '../helpers/votes';

const DAY = 86_400_000;
let s: ServerProcess;
let db: Database.Database;
const who: Record<string, Caller> = {};
let unit1: string;
let unit2: string;
let overdueTask: string;

const unitOf = (login: string) =>
	(
		db
			.prepare("select unit_id u from role_assignment where user_id = ? and role = 'member'")
			.get(userIdOf(db, login)) as { u: string }
	).u;

/** A task written straight into the server's tables: supervision reads rows, whoever wrote them. */
function insertTask(leadUnitId: string, title: string, dueAt: number, status = 'in_progress') {
	const id = randomUUID();
	const committeeId = (db.prepare('select id from committee').get() as { id: string }).id;
	const created = dueAt - 10 * DAY;
	db.prepare(
		`insert into task (id, committee_id, title, lead_unit_id, status, accept_hours, accept_by,
		 due_at, created_at, updated_at) values (?, ?, ?, ?, ?, 24, ?, ?, ?, ?)`
	).run(id, committeeId, title, leadUnitId, status, created + DAY, dueAt, created, created);
	db.prepare(`insert into task_unit (task_id, unit_id, role) values (?, ?, 'lead')`).run(
		id,
		leadUnitId
	);
	return id;
}

async function start(dataDir?: string) {
	s = await startServerProcess({ dataDir, env: { LOG_LEVEL: 'warn' } });
	db = openServerDb(s);
}

beforeAll(async () => {
	await start();
	for (const login of ['admin', 'chair', 'supervisor', 'liaison1', 'liaison2', 'member1'])
		who[login] = { cookie: sessionCookie(db, userIdOf(db, login)) };
	const resident = db
		.prepare("select user_id id from role_assignment where role = 'resident' limit 1")
		.get() as { id: string };
	who.resident = { cookie: sessionCookie(db, resident.id) };
	unit1 = unitOf('member1');
	unit2 = unitOf('member2');
	overdueTask = insertTask(unit1, '督办测试：逾期九天', Date.now() - 9.5 * DAY);
	insertTask(unit2, '督办测试：下周到期', Date.now() + 6.5 * DAY);
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

describe('GET /api/v1/units/standings', () => {
	it('answers every unit with points, on-time rate, rank and breakdown for the period', async () => {
		const r = await api(s.url, 'GET', '/units/standings?period=2026-Q4', who.chair!);
		expect(r.status).toBe(200);
		expect(r.body.period).toBe('2026-Q4');
		const units = db.prepare('select count(*) n from unit').get() as { n: number };
		expect(r.body.items).toHaveLength(units.n);
		for (const item of r.body.items) {
			expect(Object.keys(item)).toEqual(
				expect.arrayContaining(['unitId', 'unitName', 'points', 'onTimeRate', 'rank', 'breakdown'])
			);
			const sum = item.breakdown.reduce((a: number, b: { points: number }) => a + b.points, 0);
			expect(item.points).toBeCloseTo(sum, 5);
		}
		const ranks = r.body.items.map((i: { rank: number }) => i.rank);
		expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
		expect(r.body.items[0].rank).toBe(1);
		const year = await api(s.url, 'GET', '/units/standings?period=2026', who.member1!);
		expect(year.status).toBe(200);
		const now = await api(s.url, 'GET', '/units/standings', who.supervisor!);
		expect(now.body.period).toMatch(/^\d{4}-Q[1-4]$/);
	});

	it('refuses a period it cannot read (422) and residents (403), as problem+json', async () => {
		const bad = await api(s.url, 'GET', '/units/standings?period=2026-Q7', who.chair!);
		expect(bad.status).toBe(422);
		expect(bad.type).toContain('application/problem+json');
		expect(bad.body.detail).toContain('2026-Q4');
		const resident = await api(s.url, 'GET', '/units/standings', who.resident!);
		expect(resident.status).toBe(403);
	});
});

describe('GET /api/v1/supervision', () => {
	it('lists overdue tasks, most late first, for supervision; 403 for a liaison', async () => {
		const r = await api(s.url, 'GET', '/supervision?overdue=true&sort=lateness', who.supervisor!);
		expect(r.status).toBe(200);
		const row = r.body.items.find((i: { id: string }) => i.id === overdueTask);
		expect(row).toMatchObject({ overdue: true, daysLate: 9, leadUnitId: unit1 });
		expect(row.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(r.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
		const soon = await api(s.url, 'GET', `/supervision?dueWithin=7&unit=${unit2}`, who.chair!);
		expect(soon.body.items.map((i: { title: string }) => i.title)).toContain('督办测试：下周到期');
		expect((await api(s.url, 'GET', '/supervision', who.liaison1!)).status).toBe(403);
		expect((await api(s.url, 'GET', '/supervision?sort=nope', who.chair!)).status).toBe(400);
	});
});

describe('supervisors change no task', () => {
	it('every task-changing route answers a supervisor 403 and the task stays as it was', async () => {
		const before = db
			.prepare('select status, title, due_at from task where id = ?')
			.get(overdueTask);
		const calls: [string, string, unknown][] = [
			[
				'POST',
				'/tasks',
				{
					title: '督办人员派单',
					leadUnitId: unit1,
					dueAt: new Date(Date.now() + DAY).toISOString()
				}
			],
			['PATCH', `/tasks/${overdueTask}`, { title: '督办人员改单' }],
			['POST', `/tasks/${overdueTask}/accept`, undefined],
			['POST', `/tasks/${overdueTask}/return`, { reason: '督办人员退回' }],
			['POST', `/tasks/${overdueTask}/reports`, { progress: 50, text: '督办人员报进展' }],
			['POST', `/tasks/${overdueTask}/submit`, undefined],
			['POST', `/tasks/${overdueTask}/approve`, undefined],
			['POST', `/tasks/${overdueTask}/reject`, { reason: '督办人员驳回' }],
			['POST', `/tasks/${overdueTask}/cancel`, { reason: '督办人员撤销' }]
		];
		for (const [method, path, body] of calls) {
			const r = await api(s.url, method, path, who.supervisor!, body);
			expect(r.status, `${method} ${path}`).toBe(403);
		}
		expect(
			db.prepare('select status, title, due_at from task where id = ?').get(overdueTask)
		).toEqual(before);
		const seen = await api(s.url, 'GET', `/tasks/${overdueTask}`, who.supervisor!);
		expect(seen.status).toBe(200);
	});
});

describe('supervision notices', () => {
	it('a supervisor issues one (201), the unit replies once, the issuer hears of it', async () => {
		const replyBy = new Date(Date.now() + 2 * DAY).toISOString();
		const body = { taskId: overdueTask, unitId: unit1, text: '请说明逾期原因', replyBy };
		expect((await api(s.url, 'POST', '/notices', who.liaison1!, body)).status).toBe(403);
		expect((await api(s.url, 'POST', '/notices', who.chair!, body)).status).toBe(403);
		const off = await api(s.url, 'POST', '/notices', who.supervisor!, { ...body, unitId: unit2 });
		expect(off.status).toBe(422);
		expect(off.body.errors.unitId).toBeDefined();
		const made = await api(s.url, 'POST', '/notices', who.supervisor!, body);
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ status: 'awaiting', unitId: unit1, taskId: overdueTask });
		const id = made.body.id;
		const open = await api(s.url, 'GET', `/notices?unit=${unit1}&open=true`, who.liaison1!);
		expect(open.body.items.map((n: { id: string }) => n.id)).toContain(id);
		expect((await api(s.url, 'GET', `/notices/${id}`, who.liaison2!)).status).toBe(404);
		expect(
			(await api(s.url, 'POST', `/notices/${id}/reply`, who.liaison2!, { text: '不归我们' })).status
		).toBe(404);
		expect(
			(await api(s.url, 'POST', `/notices/${id}/reply`, who.supervisor!, { text: '代答' })).status
		).toBe(403);
		const reply = await api(s.url, 'POST', `/notices/${id}/reply`, who.liaison1!, {
			text: '材料已到，本周完工'
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ status: 'replied', reply: '材料已到，本周完工' });
		const again = await api(s.url, 'POST', `/notices/${id}/reply`, who.member1!, { text: '再答' });
		expect(again.status).toBe(409);
		const stillOpen = await api(s.url, 'GET', `/notices?unit=${unit1}&open=true`, who.chair!);
		expect(stillOpen.body.items.map((n: { id: string }) => n.id)).not.toContain(id);
		const told = db
			.prepare(
				"select count(*) n from notification where user_id = ? and kind = 'notice.reply' and link = ?"
			)
			.get(userIdOf(db, 'supervisor'), `/notices/${id}`) as { n: number };
		expect(told.n).toBe(1);
	});

	it('a deadline that passes flags the notice once, and a restart does not flag it again', async () => {
		const made = await api(s.url, 'POST', '/notices', who.admin!, {
			taskId: overdueTask,
			unitId: unit1,
			text: '请于两秒内回复',
			replyBy: new Date(Date.now() + 1500).toISOString()
		});
		expect(made.status).toBe(201);
		const id = made.body.id;
		const lateAt = () =>
			(
				db.prepare('select late_at l from supervision_notice where id = ?').get(id) as {
					l: number | null;
				}
			).l;
		await expect.poll(lateAt, { timeout: 10_000, interval: 200 }).not.toBeNull();
		const first = lateAt();
		const flags = () =>
			(
				db
					.prepare("select count(*) n from task_event where kind = 'notice_late' and detail like ?")
					.get(`%${id}%`) as { n: number }
			).n;
		expect(flags()).toBe(1);
		const dataDir = s.dataDir;
		db.close();
		await s.stop();
		await start(dataDir);
		for (const login of ['admin']) who[login] = { cookie: sessionCookie(db, userIdOf(db, login)) };
		await new Promise((r) => setTimeout(r, 1000));
		expect(flags()).toBe(1);
		expect(lateAt()).toBe(first);
		const v = await api(s.url, 'GET', `/notices/${id}`, who.admin!);
		expect(v.body.status).toBe('late');
	}, 90_000);
});
