/**
 * Supervision notices (督办单): a supervisor (or the secretary) tells a unit on a task to answer
 * by a deadline. The unit's people are notified and reply; the reply goes on the task's timeline
 * and to the issuer. A scheduler job at the deadline flags a missing reply once (`lateAt`, set
 * under a condition in the UPDATE), so a restart or a second scan never flags it twice.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import {
	supervisionNotices,
	taskUnits,
	tasks,
	units,
	type SupervisionNoticeRow
} from '../db/schema';
import { AppError, forbidden, notFound, parseInput } from '../errors';
import { config } from '../config';
import { audit, committeeChain } from '../platform/audit';
import { cancel, defineJob, schedule } from '../platform/jobs';
import { notify } from '../notifications/notifications';
import { can, type Actor } from '../../shared/permissions';
import { noticeInputSchema, noticeReplySchema } from '../../shared/schemas/supervision';
import type { TaskEventKind } from '../../shared/tasks/options';
import { dateToWallTime } from '../../time';
import { addTaskEvent, peopleInRoles, unitPeople } from '../tasks';
import { noticeFor } from './access';

const lateKey = (noticeId: string) => `notice.late:${noticeId}`;
const link = (noticeId: string) => `/notices/${noticeId}`;
const wall = (d: Date) => dateToWallTime(d, config.timeZone).replace('T', ' ');

function timeline(
	tx: DbLike,
	n: SupervisionNoticeRow,
	kind: TaskEventKind,
	at: Date,
	actorId: string | null
) {
	if (!n.taskId) return;
	addTaskEvent(tx, {
		taskId: n.taskId,
		kind,
		actorId,
		unitId: n.unitId,
		at,
		detail: { noticeId: n.id, replyBy: n.replyBy.getTime() }
	});
}

function names(tx: DbLike, n: SupervisionNoticeRow) {
	const unit = tx.select({ name: units.name }).from(units).where(eq(units.id, n.unitId)).get();
	const task = n.taskId
		? tx.select({ title: tasks.title }).from(tasks).where(eq(tasks.id, n.taskId)).get()
		: undefined;
	return { unit: unit?.name ?? '', title: task?.title ?? '' };
}

/** Flags a notice still unanswered at its deadline: once, whatever runs it again. */
export const noticeLate = defineJob({
	kind: 'notice.late',
	payload: z.object({ noticeId: z.string() }),
	run({ tx, payload, now, afterCommit }) {
		const n = tx
			.select()
			.from(supervisionNotices)
			.where(eq(supervisionNotices.id, payload.noticeId))
			.get();
		if (!n || n.repliedAt || n.lateAt || n.replyBy > now) return;
		const flagged = tx
			.update(supervisionNotices)
			.set({ lateAt: now })
			.where(
				and(
					eq(supervisionNotices.id, n.id),
					isNull(supervisionNotices.lateAt),
					isNull(supervisionNotices.repliedAt)
				)
			)
			.run();
		if (flagged.changes !== 1) return;
		timeline(tx, n, 'notice_late', now, null);
		const told = [
			...peopleInRoles(tx, n.committeeId, ['supervisor']),
			...(n.issuedBy ? [n.issuedBy] : [])
		];
		afterCommit(notify(tx, told, { kind: 'notice.late', params: names(tx, n), link: link(n.id) }));
	}
});

/** Is the unit on the task (as lead or co-unit)? */
function unitOnTask(tx: DbLike, taskId: string, leadUnitId: string, unitId: string): boolean {
	if (leadUnitId === unitId) return true;
	return !!tx
		.select()
		.from(taskUnits)
		.where(and(eq(taskUnits.taskId, taskId), eq(taskUnits.unitId, unitId)))
		.get();
}

/** Issue a notice to a unit about a task; returns its id. */
export function issueNotice(db: Db, actor: Actor, input: unknown, now = new Date()): string {
	const v = parseInput(noticeInputSchema, input);
	let push = () => {};
	const id = db.transaction(
		(tx) => {
			const task = tx.select().from(tasks).where(eq(tasks.id, v.taskId)).get();
			if (!task || !can(actor, 'task.view', { committeeId: task.committeeId })) throw notFound();
			if (!can(actor, 'notice.issue', { committeeId: task.committeeId })) throw forbidden();
			if (!unitOnTask(tx, task.id, task.leadUnitId, v.unitId))
				throw new AppError(422, 'err.supervision.unitNotOnTask', {
					unitId: ['err.supervision.unitNotOnTask']
				});
			if (v.replyBy <= now)
				throw new AppError(422, 'err.supervision.replyByPast', {
					replyBy: ['err.supervision.replyByPast']
				});
			const row: SupervisionNoticeRow = {
				id: newId(),
				committeeId: task.committeeId,
				taskId: task.id,
				unitId: v.unitId,
				text: v.text,
				replyBy: v.replyBy,
				issuedBy: actor.userId,
				issuedAt: now,
				reply: null,
				repliedAt: null,
				repliedBy: null,
				lateAt: null
			};
			tx.insert(supervisionNotices).values(row).run();
			timeline(tx, row, 'notice', now, actor.userId);
			schedule(tx, noticeLate, {
				key: lateKey(row.id),
				dueAt: row.replyBy,
				payload: { noticeId: row.id }
			});
			audit(
				tx,
				actor.userId,
				'notice.issue',
				row.id,
				{ taskId: task.id, unitId: v.unitId },
				committeeChain(task.committeeId)
			);
			push = notify(tx, unitPeople(tx, task.committeeId, [v.unitId]), {
				kind: 'notice',
				params: { ...names(tx, row), replyBy: wall(row.replyBy) },
				link: link(row.id)
			});
			return row.id;
		},
		{ behavior: 'immediate' }
	);
	push();
	return id;
}

/** The unit's reply (once). A reply after the deadline is still recorded; the flag stays. */
export function replyNotice(db: Db, actor: Actor, id: string, input: unknown, now = new Date()) {
	const v = parseInput(noticeReplySchema, input);
	let push = () => {};
	db.transaction(
		(tx) => {
			const n = noticeFor(tx, actor, id);
			if (!can(actor, 'notice.reply', { committeeId: n.committeeId, unitId: n.unitId }))
				throw forbidden();
			const done = tx
				.update(supervisionNotices)
				.set({ reply: v.text, repliedAt: now, repliedBy: actor.userId })
				.where(and(eq(supervisionNotices.id, n.id), isNull(supervisionNotices.repliedAt)))
				.run();
			if (done.changes !== 1) throw new AppError(409, 'err.supervision.alreadyReplied');
			cancel(tx, lateKey(n.id));
			timeline(tx, n, 'notice_reply', now, actor.userId);
			audit(tx, actor.userId, 'notice.reply', n.id, {}, committeeChain(n.committeeId));
			if (n.issuedBy)
				push = notify(tx, [n.issuedBy], {
					kind: 'notice.reply',
					params: names(tx, n),
					link: link(n.id)
				});
		},
		{ behavior: 'immediate' }
	);
	push();
}
