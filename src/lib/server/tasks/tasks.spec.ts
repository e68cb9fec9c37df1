import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { and, eq } from 'drizzle-orm';
import { jobs, needs, notifications, taskEvents } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { acceptNeed, createNeed, supportNeed } from '../needs';
import { createScheduler } from '../platform/scheduler';
import { jobKinds } from '../jobs';
import * as tasks from '.';

let t: TestDb;
let needId: string;
beforeAll(async () => {
	t = await demoDb();
	needId = createNeed(t.db, t.actor('resident1'), t.committeeId, {
		title: '楼道灯坏了三个月',
		description: '三号楼二单元楼道灯一直不亮，老人晚上上下楼很危险。',
		category: 'environment',
		visibility: 'public'
	}).id;
	supportNeed(t.db, t.actor('resident2'), needId);
	acceptNeed(t.db, t.actor('admin'), needId);
});
afterAll(() => t.close());

const HOUR = 3_600_000;
function refusal(fn: () => unknown): { status: number; key: string } {
	try {
		fn();
	} catch (e) {
		if (e instanceof AppError) return { status: e.status, key: e.key };
		throw e;
	}
	throw new Error('expected a refusal');
}
const dispatch = (extra: Record<string, unknown> = {}) =>
	tasks.dispatchTask(t.db, t.actor('admin'), t.committeeId, {
		title: '修复楼道灯',
		leadUnitId: t.unitId(1),
		coUnitIds: [t.unitId(2)],
		needIds: [needId],
		dueAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
		...extra
	});
const kinds = (login: string, kind: string) =>
	t.db
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, t.userId(login)), eq(notifications.kind, kind)))
		.all();

describe('dispatch and acceptance', () => {
	it('dispatches with a 24-hour acceptance limit and tells the units', () => {
		const task = dispatch();
		expect(task.status).toBe('pending');
		expect(task.acceptBy.getTime() - task.createdAt.getTime()).toBe(24 * HOUR);
		expect(kinds('liaison1', 'task.dispatched').length).toBeGreaterThan(0);
		expect(kinds('liaison2', 'task.dispatched').length).toBeGreaterThan(0);
		expect(kinds('liaison3', 'task.dispatched')).toHaveLength(0);
	});

	it('refuses bad input and other people without writing anything', () => {
		const before = t.db.select().from(taskEvents).all().length;
		expect(refusal(() => dispatch({ dueAt: '2020-01-01T00:00:00Z' })).status).toBe(422);
		expect(refusal(() => dispatch({ leadUnitId: 'nope' })).status).toBe(422);
		expect(refusal(() => dispatch({ coUnitIds: [t.unitId(1)] })).status).toBe(422);
		expect(
			refusal(() =>
				tasks.dispatchTask(t.db, t.actor('supervisor'), t.committeeId, {
					title: 'x y',
					leadUnitId: t.unitId(1),
					dueAt: new Date(Date.now() + HOUR).toISOString()
				})
			).status
		).toBe(403);
		expect(t.db.select().from(taskEvents).all().length).toBe(before);
	});

	it('lets only the units on the task accept it, once each; the lead puts its needs in progress', () => {
		const task = dispatch();
		expect(refusal(() => tasks.acceptTask(t.db, t.actor('liaison3'), task.id)).status).toBe(403);
		expect(refusal(() => tasks.acceptTask(t.db, t.actor('supervisor'), task.id)).status).toBe(403);
		tasks.acceptTask(t.db, t.actor('liaison2'), task.id);
		expect(tasks.getTask(t.db, t.actor('admin'), task.id).status).toBe('pending');
		const accepted = tasks.acceptTask(t.db, t.actor('liaison1'), task.id);
		expect(accepted.status).toBe('in_progress');
		expect(refusal(() => tasks.acceptTask(t.db, t.actor('member1'), task.id))).toEqual({
			status: 409,
			key: 'err.task.alreadyAnswered'
		});
		expect(t.db.select().from(needs).where(eq(needs.id, needId)).get()!.status).toBe('in_progress');
		expect(kinds('resident2', 'task.accepted').length).toBeGreaterThan(0);
	});

	it('a return needs a reason and leaves the task for the secretary to reassign', () => {
		const task = dispatch();
		expect(
			refusal(() => tasks.returnTask(t.db, t.actor('liaison1'), task.id, { reason: '' })).status
		).toBe(422);
		const returned = tasks.returnTask(t.db, t.actor('liaison1'), task.id, {
			reason: '不在本单位职责内'
		});
		expect(returned.status).toBe('returned');
		expect(kinds('admin', 'task.returned').length).toBeGreaterThan(0);
		const moved = tasks.editTask(t.db, t.actor('admin'), task.id, { leadUnitId: t.unitId(3) });
		expect(moved.status).toBe('pending');
		expect(moved.leadUnitId).toBe(t.unitId(3));
		expect(tasks.acceptTask(t.db, t.actor('liaison3'), task.id).status).toBe('in_progress');
		const view = tasks.getTask(t.db, t.actor('admin'), task.id);
		expect(view.timeline.map((e) => e.kind)).toEqual([
			'dispatched',
			'returned',
			'reassigned',
			'accepted'
		]);
	});
});

describe('reports, acceptance check and completion', () => {
	it('carries a task through reports, a sent-back check and approval; its need is done and its followers asked to rate', () => {
		const task = dispatch();
		expect(
			refusal(() =>
				tasks.addReport(t.db, t.actor('liaison1'), task.id, { progress: 10, text: '开始' })
			).key
		).toBe('err.task.notInProgress');
		tasks.acceptTask(t.db, t.actor('liaison1'), task.id);
		expect(
			refusal(() =>
				tasks.addReport(t.db, t.actor('liaison2'), task.id, { progress: 10, text: '协办' })
			).key
		).toBe('err.task.acceptFirst');
		expect(
			refusal(() =>
				tasks.addReport(t.db, t.actor('liaison1'), task.id, { progress: 140, text: 'x' })
			).status
		).toBe(422);
		tasks.addReport(t.db, t.actor('liaison1'), task.id, { progress: 60, text: '已采购灯具' });
		expect(tasks.getTask(t.db, t.actor('admin'), task.id).progress).toBe(60);
		expect(refusal(() => tasks.submitTask(t.db, t.actor('liaison2'), task.id)).status).toBe(403);
		tasks.submitTask(t.db, t.actor('liaison1'), task.id);
		expect(refusal(() => tasks.approveTask(t.db, t.actor('supervisor'), task.id)).status).toBe(403);
		tasks.rejectTask(t.db, t.actor('admin'), task.id, { reason: '请补充照片' });
		expect(tasks.getTask(t.db, t.actor('admin'), task.id).status).toBe('in_progress');
		tasks.submitTask(t.db, t.actor('liaison1'), task.id);
		// Other tasks on the same need are still open: the need waits for them.
		for (const other of tasks.listTasks(t.db, t.actor('admin'), t.committeeId, { needId }))
			if (other.id !== task.id && other.status !== 'done')
				tasks.cancelTask(t.db, t.actor('admin'), other.id, { reason: '合并办理' });
		const done = tasks.approveTask(t.db, t.actor('admin'), task.id);
		expect(done.status).toBe('done');
		expect(done.progress).toBe(100);
		expect(t.db.select().from(needs).where(eq(needs.id, needId)).get()!.status).toBe('done');
		const invite = kinds('resident1', 'need.done');
		expect(invite).toHaveLength(1);
		expect(invite[0]!.link).toBe(`/needs/${needId}/rate`);
		expect(kinds('resident2', 'need.done')).toHaveLength(1);
		expect(refusal(() => tasks.approveTask(t.db, t.actor('admin'), task.id)).status).toBe(409);
	});

	it('shows a resident the tasks of a public need, and nothing that changes them', () => {
		const list = tasks.listTasks(t.db, t.actor('resident3'), t.committeeId, { needId });
		expect(list.length).toBeGreaterThan(0);
		const view = tasks.getTask(t.db, t.actor('resident3'), list[0]!.id);
		expect(view.can).toEqual({
			accept: [],
			report: false,
			submit: false,
			approve: false,
			manage: false,
			notice: false
		});
	});
});

describe('the supervision clock', () => {
	it('reminds once per condition, at the right moments, and not again after a restart', () => {
		const task = dispatch({ dueAt: new Date(Date.now() + 72 * HOUR).toISOString() });
		const base = Date.now();
		let clock = new Date(base + 25 * HOUR);
		const opts = { db: t.db, logger: pino({ level: 'silent' }), kinds: jobKinds, now: () => clock };
		let s = createScheduler(opts);
		s.runDue();
		s.runDue();
		const events = () =>
			t.db
				.select()
				.from(taskEvents)
				.where(eq(taskEvents.taskId, task.id))
				.all()
				.map((e) => e.kind);
		expect(events()).toEqual(['dispatched', 'accept_late']);
		const late = kinds('supervisor', 'task.acceptLate').filter(
			(n) => n.link === `/tasks/${task.id}`
		);
		expect(late).toHaveLength(1);
		// A restart: a new scheduler on the same database repeats nothing.
		s = createScheduler(opts);
		s.runDue();
		expect(events()).toEqual(['dispatched', 'accept_late']);
		tasks.acceptTask(t.db, t.actor('liaison1'), task.id);
		clock = new Date(base + 49 * HOUR);
		s.runDue();
		expect(events().slice(-1)).toEqual(['due_soon']);
		clock = new Date(base + 73 * HOUR);
		s = createScheduler(opts);
		s.runDue();
		s.runDue();
		expect(events().filter((k) => k === 'overdue')).toHaveLength(1);
		expect(
			kinds('liaison1', 'task.overdue').filter((n) => n.link === `/tasks/${task.id}`)
		).toHaveLength(1);
		expect(
			tasks
				.listTasks(t.db, t.actor('supervisor'), t.committeeId, { overdue: true })
				.map((x) => x.id)
		).not.toContain('none');
	});

	it('a task done in time is never reported late, and its jobs are gone', () => {
		const task = dispatch({ dueAt: new Date(Date.now() + 30 * HOUR).toISOString() });
		tasks.acceptTask(t.db, t.actor('liaison1'), task.id);
		tasks.submitTask(t.db, t.actor('liaison1'), task.id);
		tasks.approveTask(t.db, t.actor('admin'), task.id);
		const s = createScheduler({
			db: t.db,
			logger: pino({ level: 'silent' }),
			kinds: jobKinds,
			now: () => new Date(Date.now() + 40 * HOUR)
		});
		s.runDue();
		const kindsOf = t.db
			.select()
			.from(taskEvents)
			.where(eq(taskEvents.taskId, task.id))
			.all()
			.map((e) => e.kind);
		expect(kindsOf).not.toContain('overdue');
		expect(
			t.db
				.select()
				.from(jobs)
				.all()
				.filter((j) => j.key.includes(task.id) && !j.doneAt)
		).toEqual([]);
	});
});

describe('summonses', () => {
	it('summons units, records their response, and marks the silent one late once', () => {
		const s = tasks.createSummons(t.db, t.actor('admin'), t.committeeId, {
			title: '暴雨积水紧急处置',
			unitIds: [t.unitId(1), t.unitId(2)],
			respondHours: 2
		});
		expect(
			refusal(() => tasks.respondSummons(t.db, t.actor('liaison3'), s.id, { response: '到' }))
				.status
		).toBe(403);
		tasks.respondSummons(t.db, t.actor('liaison1'), s.id, { response: '两人已到场' });
		expect(
			refusal(() => tasks.respondSummons(t.db, t.actor('liaison1'), s.id, { response: '再次' }))
				.status
		).toBe(409);
		const sch = createScheduler({
			db: t.db,
			logger: pino({ level: 'silent' }),
			kinds: jobKinds,
			now: () => new Date(Date.now() + 3 * HOUR)
		});
		sch.runDue();
		sch.runDue();
		const view = tasks.getSummons(t.db, t.actor('admin'), s.id);
		expect(view.units.map((u) => [u.unitId === t.unitId(1), !!u.respondedAt, u.late])).toEqual(
			expect.arrayContaining([
				[true, true, false],
				[false, false, true]
			])
		);
		expect(
			kinds('supervisor', 'summons.late').filter((n) => n.link === `/summons/${s.id}`)
		).toHaveLength(1);
	});
});
