/**
 * The fixed points of the execution API (issue 10's table) for tasks, against the real built
 * server: dispatch, accept and return, reports, hand-in, approval or send-back, the filtered
 * list and one task with its timeline. A liaison acts only for their own unit; a supervisor
 * changes no task; every refusal is problem+json and writes nothing.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { api, openServerDb, sessionCookie, userIdOf, type Caller } from '../helpers/votes';

let s: ServerProcess;
let url: string;
let db: Database.Database;
const who: Record<string, Caller> = {};
let unit1: string;
let unit2: string;
let needId: string;

const unitOf = (login: string) =>
	(
		db
			.prepare(`select unit_id id from role_assignment where user_id = ? and unit_id is not null`)
			.get(userIdOf(db, login)) as { id: string }
	).id;
const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

beforeAll(async () => {
	s = await startServerProcess({ env: { LOG_LEVEL: 'warn' } });
	url = s.url;
	db = openServerDb(s);
	for (const login of [
		'admin',
		'liaison1',
		'member1',
		'liaison2',
		'liaison3',
		'supervisor',
		'resident1'
	])
		who[login] = { cookie: sessionCookie(db, userIdOf(db, login)) };
	unit1 = unitOf('liaison1');
	unit2 = unitOf('liaison2');
	needId = (
		db
			.prepare(`select id from need where status = 'accepted' and visibility = 'public' limit 1`)
			.get() as { id: string }
	).id;
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

const due = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('POST /api/v1/tasks', () => {
	it('dispatches: 201 with id and status pending; the units are notified', async () => {
		const r = await api(url, 'POST', '/tasks', who.admin!, {
			title: '修补人行道破损砖',
			description: '滨河路人行道有十余块地砖松动',
			needIds: [needId],
			leadUnitId: unit1,
			coUnitIds: [unit2],
			dueAt: due(10)
		});
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({ id: expect.any(String), status: 'pending' });
		const n = count(
			`select count(*) n from notification where kind = 'task.dispatched' and link = '/tasks/${r.body.id}'`
		);
		expect(n).toBeGreaterThanOrEqual(2);
	});

	it('refuses bad input with field errors and anyone but the secretary, writing nothing', async () => {
		const before = count('select count(*) n from task');
		const bad = await api(url, 'POST', '/tasks', who.admin!, {
			title: 'x',
			leadUnitId: unit1,
			dueAt: 'soon'
		});
		expect(bad.status).toBe(422);
		expect(bad.type).toContain('application/problem+json');
		expect(Object.keys(bad.body.errors)).toEqual(expect.arrayContaining(['title', 'dueAt']));
		const past = await api(url, 'POST', '/tasks', who.admin!, {
			title: '过期任务',
			leadUnitId: unit1,
			dueAt: '2020-01-01T00:00:00Z'
		});
		expect(past.status).toBe(422);
		for (const login of ['supervisor', 'liaison1', 'resident1']) {
			const r = await api(url, 'POST', '/tasks', who[login]!, {
				title: '越权派单',
				leadUnitId: unit1,
				dueAt: due(3)
			});
			expect(r.status, login).toBe(403);
		}
		expect(count('select count(*) n from task')).toBe(before);
	});
});

describe('a task from dispatch to done', () => {
	let id: string;
	beforeAll(async () => {
		const r = await api(url, 'POST', '/tasks', who.admin!, {
			title: '更换小区破损路灯',
			needIds: [needId],
			leadUnitId: unit1,
			coUnitIds: [unit2],
			dueAt: due(7),
			acceptHours: 12
		});
		id = r.body.id;
	});

	it('accept: only the lead unit and co-units, each once; 403 for anyone else', async () => {
		expect((await api(url, 'POST', `/tasks/${id}/accept`, who.liaison3!)).status).toBe(403);
		expect((await api(url, 'POST', `/tasks/${id}/accept`, who.supervisor!)).status).toBe(403);
		expect((await api(url, 'POST', `/tasks/${id}/accept`, who.admin!)).status).toBe(403);
		const co = await api(url, 'POST', `/tasks/${id}/accept`, who.liaison2!);
		expect(co.status).toBe(200);
		expect(co.body.status).toBe('pending');
		const lead = await api(url, 'POST', `/tasks/${id}/accept`, who.liaison1!);
		expect(lead.status).toBe(200);
		expect(lead.body.status).toBe('in_progress');
		expect((await api(url, 'POST', `/tasks/${id}/accept`, who.member1!)).status).toBe(409);
	});

	it('reports: 201, progress 0..100; the lead sets the task progress', async () => {
		const r = await api(url, 'POST', `/tasks/${id}/reports`, who.liaison1!, {
			progress: 50,
			text: '已更换一半'
		});
		expect(r.status).toBe(201);
		expect(r.body.id).toEqual(expect.any(String));
		expect(
			(await api(url, 'POST', `/tasks/${id}/reports`, who.liaison1!, { progress: 101, text: 'x' }))
				.status
		).toBe(422);
		expect(
			(await api(url, 'POST', `/tasks/${id}/reports`, who.liaison3!, { progress: 10, text: 'x' }))
				.status
		).toBe(403);
		expect((await api(url, 'GET', `/tasks/${id}`, who.admin!)).body.progress).toBe(50);
	});

	it('submit by the lead unit; approve and reject by the secretary; done has status "done"', async () => {
		expect((await api(url, 'POST', `/tasks/${id}/submit`, who.liaison2!)).status).toBe(403);
		expect((await api(url, 'POST', `/tasks/${id}/submit`, who.liaison1!)).body.status).toBe(
			'submitted'
		);
		expect((await api(url, 'POST', `/tasks/${id}/approve`, who.supervisor!)).status).toBe(403);
		expect((await api(url, 'POST', `/tasks/${id}/reject`, who.admin!, {})).status).toBe(422);
		const back = await api(url, 'POST', `/tasks/${id}/reject`, who.admin!, {
			reason: '还有两盏没换'
		});
		expect(back.body.status).toBe('in_progress');
		await api(url, 'POST', `/tasks/${id}/submit`, who.liaison1!);
		const done = await api(url, 'POST', `/tasks/${id}/approve`, who.admin!);
		expect(done.status).toBe(200);
		expect(done.body.status).toBe('done');
		expect((await api(url, 'POST', `/tasks/${id}/approve`, who.admin!)).status).toBe(409);
	});

	it('GET /tasks/{id}: the task with its timeline in time order', async () => {
		const r = await api(url, 'GET', `/tasks/${id}`, who.supervisor!);
		expect(r.status).toBe(200);
		const kinds = (r.body.timeline as { kind: string }[]).map((e) => e.kind);
		expect(kinds).toEqual([
			'dispatched',
			'accepted',
			'accepted',
			'report',
			'submitted',
			'rejected',
			'submitted',
			'approved'
		]);
		const times = (r.body.timeline as { at: string }[]).map((e) => Date.parse(e.at));
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		expect(r.body.can.approve).toBe(false);
	});
});

describe('return and the filtered list', () => {
	it('return needs a reason; the returned task waits for the secretary', async () => {
		const r = await api(url, 'POST', '/tasks', who.admin!, {
			title: '清理河道漂浮物',
			leadUnitId: unit2,
			dueAt: due(5)
		});
		expect(
			(await api(url, 'POST', `/tasks/${r.body.id}/return`, who.liaison2!, { reason: '' })).status
		).toBe(422);
		expect(
			(await api(url, 'POST', `/tasks/${r.body.id}/return`, who.liaison1!, { reason: '不归我们' }))
				.status
		).toBe(403);
		const back = await api(url, 'POST', `/tasks/${r.body.id}/return`, who.liaison2!, {
			reason: '河道归水务部门管理'
		});
		expect(back.status).toBe(200);
		expect(back.body.status).toBe('returned');
	});

	it('GET /tasks?status=&unit=&overdue=true: the tasks the caller may see', async () => {
		const all = await api(url, 'GET', '/tasks', who.supervisor!);
		expect(all.status).toBe(200);
		expect(all.body.nextCursor).toBeNull();
		const done = await api(url, 'GET', '/tasks?status=done', who.supervisor!);
		expect((done.body.items as { status: string }[]).every((t) => t.status === 'done')).toBe(true);
		const mine = await api(url, 'GET', `/tasks?unit=${unit1}`, who.liaison1!);
		expect(mine.body.items.length).toBeGreaterThan(0);
		const overdue = await api(url, 'GET', '/tasks?overdue=true', who.supervisor!);
		expect(overdue.body.items.length).toBeGreaterThan(0);
		for (const t of overdue.body.items as { overdue: boolean; dueAt: string }[]) {
			expect(t.overdue).toBe(true);
			expect(Date.parse(t.dueAt)).toBeLessThan(Date.now());
		}
		expect((await api(url, 'GET', '/tasks?status=bogus', who.supervisor!)).status).toBe(422);
		// A resident sees only tasks answering public needs or public resolutions.
		const resident = await api(url, 'GET', '/tasks', who.resident1!);
		expect(resident.status).toBe(200);
		expect(resident.body.items.length).toBeLessThan(all.body.items.length);
	});
});
