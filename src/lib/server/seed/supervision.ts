/**
 * Demo supervision: notices on the demo's overdue tasks, one replied, one whose deadline passed
 * unanswered (flagged late), one still awaiting its reply (with its deadline job armed), so the
 * supervision pages, a task's timeline and the standings have something to show. Called by the
 * demo seed after its tasks exist; adds nothing when there is no overdue task.
 */
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { DbLike } from '../db';
import { newId } from '../db/ids';
import { roleAssignments, supervisionNotices, taskEvents, tasks, users } from '../db/schema';
import { schedule } from '../platform/jobs';
import { noticeLate } from '../supervision/notices';
import { OPEN_TASK_STATUSES } from '../../shared/tasks/options';

const HOUR = 3_600_000;

const TEXTS = [
	{
		text: '该任务已超过办结期限，请说明进展、逾期原因和预计完成时间。',
		reply: '施工材料已到位，因连续降雨延误，预计本周五前完工，届时提交验收。'
	},
	{ text: '任务逾期仍未接单，请于期限内说明原因并尽快接单办理。', reply: null },
	{ text: '请报告本任务的最新进展，并上传现场照片。', reply: null }
] as const;

function userOf(db: DbLike, committeeId: string, role: 'supervisor' | 'liaison', unitId?: string) {
	const where = [eq(roleAssignments.committeeId, committeeId), eq(roleAssignments.role, role)];
	if (unitId) where.push(eq(roleAssignments.unitId, unitId));
	return db
		.select({ id: roleAssignments.userId })
		.from(roleAssignments)
		.innerJoin(users, eq(users.id, roleAssignments.userId))
		.where(and(...where))
		.get()?.id;
}

export function seedDemoSupervision(db: DbLike, committeeId: string, now = new Date()): void {
	const overdue = db
		.select()
		.from(tasks)
		.where(
			and(
				eq(tasks.committeeId, committeeId),
				inArray(tasks.status, [...OPEN_TASK_STATUSES]),
				lt(tasks.dueAt, now)
			)
		)
		.orderBy(asc(tasks.dueAt))
		.limit(TEXTS.length)
		.all();
	const issuer = userOf(db, committeeId, 'supervisor') ?? null;
	overdue.forEach((task, i) => {
		const kind = (['replied', 'late', 'awaiting'] as const)[i]!;
		const issuedAt = new Date(Math.max(task.dueAt.getTime(), now.getTime() - 5 * 24 * HOUR) + HOUR);
		const replyBy =
			kind === 'awaiting'
				? new Date(now.getTime() + 2 * 24 * HOUR)
				: new Date(issuedAt.getTime() + 48 * HOUR);
		const repliedAt = kind === 'replied' ? new Date(issuedAt.getTime() + 20 * HOUR) : null;
		const lateAt = kind === 'late' ? replyBy : null;
		const id = newId();
		db.insert(supervisionNotices)
			.values({
				id,
				committeeId,
				taskId: task.id,
				unitId: task.leadUnitId,
				text: TEXTS[i]!.text,
				replyBy,
				issuedBy: issuer,
				issuedAt,
				reply: TEXTS[i]!.reply,
				repliedAt,
				repliedBy: repliedAt ? (userOf(db, committeeId, 'liaison', task.leadUnitId) ?? null) : null,
				lateAt
			})
			.run();
		const detail = JSON.stringify({ noticeId: id, replyBy: replyBy.getTime() });
		const entry = (
			kind: 'notice' | 'notice_reply' | 'notice_late',
			at: Date,
			actorId: string | null
		) =>
			db
				.insert(taskEvents)
				.values({ taskId: task.id, at, actorId, unitId: task.leadUnitId, kind, detail })
				.run();
		entry('notice', issuedAt, issuer);
		if (repliedAt)
			entry('notice_reply', repliedAt, userOf(db, committeeId, 'liaison', task.leadUnitId) ?? null);
		if (lateAt) entry('notice_late', lateAt, null);
		if (kind === 'awaiting')
			schedule(db, noticeLate, {
				key: `notice.late:${id}`,
				dueAt: replyBy,
				payload: { noticeId: id }
			});
	});
}
