/**
 * Supervision's clock (督办): a task not accepted in time, due within 24 hours, or past its
 * deadline. Each is a scheduler job in the database, written with the task (and moved when the
 * deadline moves), so a condition met while the server was down is found at start, and each
 * fires once: the reminder, the timeline entry and the job's "done" mark commit together.
 * Units' people are reminded; supervisors (and the secretary) are informed of lateness.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbLike } from '../db';
import { tasks, type TaskRow } from '../db/schema';
import { cancel, defineJob, schedule } from '../platform/jobs';
import { notify } from '../notifications/notifications';
import { addTaskEvent, peopleInRoles, taskLink, unitPeople } from './events';
import { unitIdsOf } from './units';
import { plainTime, HOUR } from './clock';
import type { TaskStatus } from '../../shared/tasks/options';

/** Statuses in which the units still owe work (a task handed in waits on the secretary). */
const OWED: readonly TaskStatus[] = ['pending', 'returned', 'in_progress'];
const payload = z.object({ taskId: z.string() });
const keys = (id: string) => ({
	acceptLate: `task.acceptLate:${id}`,
	dueSoon: `task.dueSoon:${id}`,
	overdue: `task.overdue:${id}`
});

function load(tx: DbLike, id: string): TaskRow | undefined {
	return tx.select().from(tasks).where(eq(tasks.id, id)).get();
}

export const taskAcceptLate = defineJob({
	kind: 'task.acceptLate',
	payload,
	run({ tx, payload, now, afterCommit }) {
		const t = load(tx, payload.taskId);
		if (!t || t.status !== 'pending' || t.acceptBy > now) return;
		addTaskEvent(tx, { taskId: t.id, kind: 'accept_late', actorId: null, at: now });
		const people = [
			...unitPeople(tx, t.committeeId, [t.leadUnitId]),
			...peopleInRoles(tx, t.committeeId, ['supervisor', 'admin'])
		];
		afterCommit(
			notify(tx, people, {
				kind: 'task.acceptLate',
				params: { title: t.title },
				link: taskLink(t.id)
			})
		);
	}
});

export const taskDueSoon = defineJob({
	kind: 'task.dueSoon',
	payload,
	run({ tx, payload, now, afterCommit }) {
		const t = load(tx, payload.taskId);
		if (
			!t ||
			!OWED.includes(t.status) ||
			t.dueAt <= now ||
			t.dueAt.getTime() - now.getTime() > 24 * HOUR
		)
			return;
		addTaskEvent(tx, { taskId: t.id, kind: 'due_soon', actorId: null, at: now });
		afterCommit(
			notify(tx, unitPeople(tx, t.committeeId, unitIdsOf(tx, t.id)), {
				kind: 'task.dueSoon',
				params: { title: t.title, dueAt: plainTime(t.dueAt) },
				link: taskLink(t.id)
			})
		);
	}
});

export const taskOverdue = defineJob({
	kind: 'task.overdue',
	payload,
	run({ tx, payload, now, afterCommit }) {
		const t = load(tx, payload.taskId);
		if (!t || !OWED.includes(t.status) || t.dueAt > now) return;
		addTaskEvent(tx, { taskId: t.id, kind: 'overdue', actorId: null, at: now });
		const people = [
			...unitPeople(tx, t.committeeId, unitIdsOf(tx, t.id)),
			...peopleInRoles(tx, t.committeeId, ['supervisor', 'admin'])
		];
		afterCommit(
			notify(tx, people, { kind: 'task.overdue', params: { title: t.title }, link: taskLink(t.id) })
		);
	}
});

export const taskJobKinds = [taskAcceptLate, taskDueSoon, taskOverdue];

/** Watch a task's times; call in the transaction that dispatches it or moves its times. */
export function scheduleTaskTimers(
	tx: DbLike,
	t: Pick<TaskRow, 'id' | 'acceptBy' | 'dueAt'>,
	now: Date
): void {
	const k = keys(t.id);
	schedule(tx, taskAcceptLate, { key: k.acceptLate, dueAt: t.acceptBy, payload: { taskId: t.id } });
	// Due within a day already: "due soon" is said at once rather than never.
	const soon = new Date(Math.max(now.getTime(), t.dueAt.getTime() - 24 * HOUR));
	schedule(tx, taskDueSoon, { key: k.dueSoon, dueAt: soon, payload: { taskId: t.id } });
	schedule(tx, taskOverdue, { key: k.overdue, dueAt: t.dueAt, payload: { taskId: t.id } });
}

/** The task needs no more watching (done or cancelled). */
export function cancelTaskTimers(tx: DbLike, id: string, which?: 'acceptLate'): void {
	const k = keys(id);
	if (which) return cancel(tx, k[which]);
	for (const key of Object.values(k)) cancel(tx, key);
}
