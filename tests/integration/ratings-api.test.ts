/**
 * The fixed points of ratings and the trace (issue 10's table) against the real built server: a
 * need carried through the tasks API to approval, then `POST /needs/{id}/rating` (201 once, 409
 * the second time and before the task is done, 403 for anyone else), a rating entered by staff
 * on a resident's behalf, the ratings list, reopening, and `GET /needs/{id}/trace`.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import {
	api,
	openServerDb,
	sessionCookie,
	userIdOf,
	type Caller,
	type Json
} from '../helpers/votes';

let s: ServerProcess;
let url: string;
let db: Database.Database;
const who: Record<string, Caller> = {};
const as = (login: string) => who[login]!;

beforeAll(async () => {
	s = await startServerProcess({ env: { LOG_LEVEL: 'warn' } });
	url = s.url;
	db = openServerDb(s);
	for (const login of [
		'admin',
		'chair',
		'liaison1',
		'member2',
		'resident1',
		'resident2',
		'resident3'
	])
		who[login] = { cookie: sessionCookie(db, userIdOf(db, login)) };
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

const unitOf = (login: string) =>
	(
		db
			.prepare(
				'select unit_id u from role_assignment where user_id = ? and unit_id is not null limit 1'
			)
			.get(userIdOf(db, login)) as { u: string }
	).u;

/** A need by resident1, supported by resident2, accepted, with a task dispatched to liaison1's unit. */
async function dispatched(title: string): Promise<{ needId: string; taskId: string }> {
	const need = await api(url, 'POST', '/needs', as('resident1'), {
		title,
		description: '楼道灯坏了很久',
		category: 'safety',
		visibility: 'public'
	});
	expect(need.status, JSON.stringify(need.body)).toBe(201);
	const needId = need.body.id as string;
	expect((await api(url, 'POST', `/needs/${needId}/support`, as('resident2'))).status).toBe(200);
	expect((await api(url, 'POST', `/needs/${needId}/accept`, as('admin'))).status).toBe(200);
	const task = await api(url, 'POST', '/tasks', as('admin'), {
		title: `办理：${title}`,
		needIds: [needId],
		leadUnitId: unitOf('liaison1'),
		dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString()
	});
	expect(task.status, JSON.stringify(task.body)).toBe(201);
	return { needId, taskId: task.body.id as string };
}

async function carryOut(taskId: string) {
	for (const [path, who_, body] of [
		[`/tasks/${taskId}/accept`, 'liaison1', undefined],
		[`/tasks/${taskId}/reports`, 'liaison1', { progress: 100, text: '已更换灯泡' }],
		[`/tasks/${taskId}/submit`, 'liaison1', undefined],
		[`/tasks/${taskId}/approve`, 'admin', undefined]
	] as const) {
		const r = await api(url, 'POST', path, as(who_), body);
		expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBeLessThan(300);
	}
}

describe('POST /api/v1/needs/{id}/rating', () => {
	it('201 once for the submitter and a supporter after approval; 409 before and the second time; 403 for anyone else', async () => {
		const { needId, taskId } = await dispatched('三单元楼道灯不亮');
		const early = await api(url, 'POST', `/needs/${needId}/rating`, as('resident1'), { score: 5 });
		expect(early.status).toBe(409);
		expect(early.type).toMatch(/problem\+json/);
		expect(early.body.detail).toContain('验收');
		await carryOut(taskId);
		// The invitation: a notification whose link opens the rating page.
		const inbox = await api(url, 'GET', '/notifications', as('resident2'));
		expect(inbox.body.items.map((n: Json) => n.link)).toContain(`/needs/${needId}/rate`);
		const first = await api(url, 'POST', `/needs/${needId}/rating`, as('resident2'), {
			score: 4,
			comment: '修得及时'
		});
		expect(first.status, JSON.stringify(first.body)).toBe(201);
		expect(first.body).toMatchObject({ score: 4, comment: '修得及时', channel: 'online', taskId });
		const again = await api(url, 'POST', `/needs/${needId}/rating`, as('resident2'), { score: 1 });
		expect(again.status).toBe(409);
		for (const login of ['resident3', 'member2', 'chair']) {
			const r = await api(url, 'POST', `/needs/${needId}/rating`, as(login), { score: 3 });
			expect(r.status, login).toBe(403);
		}
		const bad = await api(url, 'POST', `/needs/${needId}/rating`, as('resident1'), { score: 6 });
		expect(bad.status).toBe(422);
		expect(bad.body.errors.score).toBeDefined();
		const own = await api(url, 'POST', `/needs/${needId}/rating`, as('resident1'), { score: 5 });
		expect(own.status).toBe(201);
		const need = await api(url, 'GET', `/needs/${needId}`, as('resident3'));
		expect(need.body.status).toBe('rated');
		const list = await api(url, 'GET', `/needs/${needId}/ratings`, as('resident3'));
		expect(list.body).toMatchObject({ average: 4.5, count: 2, nextCursor: null });
		expect(list.body.items.every((r: Json) => r.raterName === null)).toBe(true);
		const staff = await api(url, 'GET', `/needs/${needId}/ratings`, as('admin'));
		expect(staff.body.items.every((r: Json) => typeof r.raterName === 'string')).toBe(true);
	});

	it('lets staff enter a rating given by phone for a supporter, marked as such; residents may not', async () => {
		const { needId, taskId } = await dispatched('小区门口路面塌陷');
		await carryOut(taskId);
		const body = {
			score: 2,
			comment: '电话回访：还有积水',
			userId: userIdOf(db, 'resident2'),
			channel: 'phone'
		};
		expect((await api(url, 'POST', `/needs/${needId}/rating`, as('resident1'), body)).status).toBe(
			403
		);
		const r = await api(url, 'POST', `/needs/${needId}/rating`, as('liaison1'), body);
		expect(r.status, JSON.stringify(r.body)).toBe(201);
		expect(r.body).toMatchObject({ onBehalf: true, channel: 'phone' });
		const half = await api(url, 'POST', `/needs/${needId}/rating`, as('liaison1'), {
			score: 3,
			channel: 'visit'
		});
		expect(half.status).toBe(422);
		expect(
			(await api(url, 'POST', `/needs/${needId}/rating`, as('resident2'), { score: 5 })).status
		).toBe(409);
	});
});

describe('POST /api/v1/needs/{id}/reopen', () => {
	it('sends a need rated 1–2 back to the board, by the secretary only', async () => {
		const { needId, taskId } = await dispatched('健身器材损坏');
		await carryOut(taskId);
		expect(
			(
				await api(url, 'POST', `/needs/${needId}/rating`, as('resident1'), {
					score: 1,
					comment: '没修'
				})
			).status
		).toBe(201);
		expect((await api(url, 'POST', `/needs/${needId}/reopen`, as('chair'), {})).status).toBe(403);
		const r = await api(url, 'POST', `/needs/${needId}/reopen`, as('admin'), {
			reason: '重新派单'
		});
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body).toEqual({ id: needId, status: 'accepted' });
		expect((await api(url, 'POST', `/needs/${needId}/reopen`, as('admin'), {})).status).toBe(409);
	});
});

describe('GET /api/v1/needs/{id}/trace', () => {
	it('answers the steps in time order with kind, at, actor and ref; no staff names for residents', async () => {
		const { needId, taskId } = await dispatched('垃圾分类点太远');
		await carryOut(taskId);
		await api(url, 'POST', `/needs/${needId}/rating`, as('resident1'), { score: 4 });
		const r = await api(url, 'GET', `/needs/${needId}/trace`, as('resident3'));
		expect(r.status).toBe(200);
		const steps = r.body.steps as { kind: string; at: string; actor: Json; ref: Json }[];
		for (const k of ['need', 'accepted', 'task', 'report', 'approval', 'rating'])
			expect(
				steps.map((x) => x.kind),
				k
			).toContain(k);
		const times = steps.map((x) => Date.parse(x.at));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(steps.every((x) => x.actor === null || x.actor.name === null)).toBe(true);
		expect(r.body.status).toBe('closedRated');
		const staff = await api(url, 'GET', `/needs/${needId}/trace`, as('admin'));
		expect(staff.body.steps.some((x: Json) => x.actor?.name)).toBe(true);
		const missing = await api(url, 'GET', '/needs/nosuchneed000000/trace', as('admin'));
		expect(missing.status).toBe(404);
	});
});
