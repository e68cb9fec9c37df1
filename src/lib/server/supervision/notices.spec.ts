import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { and, eq } from 'drizzle-orm';
import { jobs, notifications, supervisionNotices, taskEvents } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { createScheduler } from '../platform/scheduler';
import { jobKinds } from '../jobs';
import { can } from '../../shared/permissions';
import { getNotice, issueNotice, listNotices, replyNotice } from '.';
import { insertTask } from './testing/tasks';

const HOUR = 3_600_000;
const T0 = new Date('2031-05-10T02:00:00Z');

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

function refusal(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError) return `${err.status} ${err.key}`;
		throw err;
	}
}

const told = (login: string, kind: string, link: string) =>
	t.db
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, t.userId(login)), eq(notifications.kind, kind)))
		.all()
		.filter((n) => n.link === link).length;
const events = (taskId: string, kind: string) =>
	t.db
		.select()
		.from(taskEvents)
		.where(and(eq(taskEvents.taskId, taskId), eq(taskEvents.kind, kind)))
		.all();
const scheduler = (clock: () => Date) =>
	createScheduler({ db: t.db, logger: pino({ level: 'silent' }), kinds: jobKinds, now: clock });

function overdueTask() {
	return insertTask(t.db, {
		committeeId: t.committeeId,
		leadUnitId: t.unitId(1),
		coUnitIds: [t.unitId(2)],
		dueAt: new Date(T0.getTime() - 48 * HOUR),
		title: '修缮三号楼屋顶'
	});
}
const issue = (taskId: string, over: Record<string, unknown> = {}, login = 'supervisor') =>
	issueNotice(
		t.db,
		t.actor(login),
		{
			taskId,
			unitId: t.unitId(1),
			text: '请说明逾期原因和完成时间',
			replyBy: new Date(T0.getTime() + 24 * HOUR).toISOString(),
			...over
		},
		T0
	);

describe('issuing a supervision notice', () => {
	it("tells the unit's liaison and member, puts it on the task's timeline, and schedules its deadline", () => {
		const task = overdueTask();
		const id = issue(task.id);
		const link = `/notices/${id}`;
		expect(told('liaison1', 'notice', link)).toBe(1);
		expect(told('member1', 'notice', link)).toBe(1);
		expect(told('liaison2', 'notice', link)).toBe(0);
		expect(events(task.id, 'notice')).toHaveLength(1);
		expect(JSON.parse(events(task.id, 'notice')[0]!.detail)).toMatchObject({ noticeId: id });
		const job = t.db
			.select()
			.from(jobs)
			.where(eq(jobs.key, `notice.late:${id}`))
			.get();
		expect(job?.dueAt).toEqual(new Date(T0.getTime() + 24 * HOUR));
		expect(getNotice(t.db, t.actor('liaison1'), id, T0)).toMatchObject({
			status: 'awaiting',
			canReply: true,
			unitId: t.unitId(1),
			taskTitle: '修缮三号楼屋顶'
		});
	});

	it('may be issued by the secretary too, to a co-unit; not to a unit off the task, nor with a past deadline', () => {
		const task = overdueTask();
		expect(refusal(() => issue(task.id, { unitId: t.unitId(2) }, 'admin'))).toBe('ok');
		expect(refusal(() => issue(task.id, { unitId: t.unitId(5) }))).toBe(
			'422 err.supervision.unitNotOnTask'
		);
		expect(
			refusal(() => issue(task.id, { replyBy: new Date(T0.getTime() - 1000).toISOString() }))
		).toBe('422 err.supervision.replyByPast');
		expect(refusal(() => issue(task.id, { text: '' }))).toBe('422 err.validation');
	});

	it('is refused to the chair, liaisons, members and residents, and writes nothing', () => {
		const task = overdueTask();
		const before = t.db.select().from(supervisionNotices).all().length;
		for (const login of ['chair', 'liaison1', 'member1', 'recorder'])
			expect(
				refusal(() => issue(task.id, {}, login)),
				login
			).toBe('403 err.forbidden');
		expect(refusal(() => issue(task.id, {}, 'resident1'))).toBe('404 err.notFound');
		expect(t.db.select().from(supervisionNotices).all()).toHaveLength(before);
		expect(events(task.id, 'notice')).toHaveLength(0);
	});
});

describe('the reply', () => {
	it("is recorded once, goes on the timeline and to the issuer, and stops the deadline's flag", () => {
		const task = overdueTask();
		const id = issue(task.id);
		const at = new Date(T0.getTime() + HOUR);
		expect(
			refusal(() => replyNotice(t.db, t.actor('liaison2'), id, { text: '不是我们' }, at))
		).toBe('404 err.notFound');
		expect(refusal(() => replyNotice(t.db, t.actor('supervisor'), id, { text: '代答' }, at))).toBe(
			'403 err.forbidden'
		);
		replyNotice(t.db, t.actor('liaison1'), id, { text: '材料已到，月底前完工' }, at);
		expect(refusal(() => replyNotice(t.db, t.actor('member1'), id, { text: '再答一次' }, at))).toBe(
			'409 err.supervision.alreadyReplied'
		);
		expect(told('supervisor', 'notice.reply', `/notices/${id}`)).toBe(1);
		expect(events(task.id, 'notice_reply')).toHaveLength(1);
		const clock = new Date(T0.getTime() + 48 * HOUR);
		scheduler(() => clock).runDue();
		const v = getNotice(t.db, t.actor('supervisor'), id, clock);
		expect(v).toMatchObject({ status: 'replied', reply: '材料已到，月底前完工', lateAt: null });
		expect(v.repliedByName).not.toBe('');
		expect(events(task.id, 'notice_late')).toHaveLength(0);
	});
});

describe('a reply not given in time', () => {
	it('is flagged once at the deadline, never twice: not by a second scan, nor across a restart', () => {
		const task = overdueTask();
		const id = issue(task.id);
		const link = `/notices/${id}`;
		let clock = new Date(T0.getTime() + 24 * HOUR - 1000);
		// The first process sees nothing due yet, and goes down.
		expect(scheduler(() => clock).runDue()).toBe(0);
		// A second process starts after the deadline and flags it.
		clock = new Date(T0.getTime() + 30 * HOUR);
		scheduler(() => clock).runDue();
		const flagged = t.db
			.select()
			.from(supervisionNotices)
			.where(eq(supervisionNotices.id, id))
			.get()!;
		expect(flagged.lateAt).toEqual(clock);
		expect(events(task.id, 'notice_late')).toHaveLength(1);
		expect(told('supervisor', 'notice.late', link)).toBe(1);
		// The same job armed again (as a retry or a rescan would) and a third process: still once.
		const job = t.db
			.select()
			.from(jobs)
			.where(eq(jobs.key, `notice.late:${id}`))
			.get()!;
		t.db.update(jobs).set({ doneAt: null }).where(eq(jobs.id, job.id)).run();
		clock = new Date(T0.getTime() + 40 * HOUR);
		scheduler(() => clock).runDue();
		expect(events(task.id, 'notice_late')).toHaveLength(1);
		expect(told('supervisor', 'notice.late', link)).toBe(1);
		expect(
			t.db.select().from(supervisionNotices).where(eq(supervisionNotices.id, id)).get()!.lateAt
		).toEqual(new Date(T0.getTime() + 30 * HOUR));
		// A late reply is still recorded; the flag stays and the list says so.
		replyNotice(t.db, t.actor('liaison1'), id, { text: '迟到的回复' }, clock);
		expect(getNotice(t.db, t.actor('supervisor'), id, clock)).toMatchObject({
			status: 'replied',
			repliedLate: true
		});
	});

	it('lists notices by unit and those still open, to supervision and the unit only', () => {
		const task = overdueTask();
		const id = issue(task.id, { unitId: t.unitId(2) });
		const open = listNotices(t.db, t.actor('supervisor'), { unitId: t.unitId(2), open: true }, T0);
		expect(open.map((n) => n.id)).toContain(id);
		expect(listNotices(t.db, t.actor('liaison2'), {}, T0).map((n) => n.id)).toContain(id);
		expect(listNotices(t.db, t.actor('liaison1'), {}, T0).map((n) => n.id)).not.toContain(id);
		expect(listNotices(t.db, t.actor('resident1'), {}, T0)).toEqual([]);
	});
});

describe('supervisors and tasks', () => {
	it('the permission module lets a supervisor see every task and issue notices, but change none', () => {
		const s = t.actor('supervisor');
		const scope = {
			committeeId: t.committeeId,
			unitId: t.unitId(1),
			task: { leadUnitId: t.unitId(1), unitIds: [t.unitId(1)], public: true }
		};
		expect(can(s, 'supervision.view', scope)).toBe(true);
		expect(can(s, 'notice.issue', scope)).toBe(true);
		expect(can(s, 'task.view', scope)).toBe(true);
		for (const action of [
			'task.dispatch',
			'task.manage',
			'task.act',
			'task.submit',
			'task.approve',
			'summons.create',
			'notice.reply'
		] as const)
			expect(can(s, action, scope), action).toBe(false);
	});
});
