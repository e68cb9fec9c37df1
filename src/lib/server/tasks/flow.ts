/**
 * A task's steps after dispatch: each unit accepts (接单) or returns it with a reason; the lead
 * unit hands it in (提交验收); the secretary approves it as done or sends it back (验收); the
 * secretary may cancel it. Every step is one immediate transaction that checks the state it
 * starts from (a conditional update), writes the timeline and audit entries, and returns the
 * pushes to run after commit: two people pressing at once get one step and one clear refusal.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { taskUnits, tasks, units, type TaskRow } from '../db/schema';
import { AppError, forbidden, parseInput } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { announce } from '../platform/domain-events';
import { notify } from '../notifications/notifications';
import { mayOnTask, visibleTask } from './access';
import { actingUnit, unitIdsOf } from './units';
import { addTaskEvent, peopleInRoles, taskLink, unitPeople } from './events';
import { cancelTaskTimers } from './timers';
import { needsDone, needsInProgress } from './needs-link';
import type { Actor } from '../../shared/permissions';
import { reasonSchema } from '../../shared/schemas/tasks';
import type { TaskStatus } from '../../shared/tasks/options';

type Step = (tx: DbLike, task: TaskRow, now: Date) => (() => void)[];

/** Run one step in an immediate transaction, then its pushes. */
function step(db: Db, task: TaskRow, fn: Step): TaskRow {
	const after = db.transaction((tx) => fn(tx, task, new Date()), { behavior: 'immediate' });
	for (const f of after) f();
	return db.select().from(tasks).where(eq(tasks.id, task.id)).get()!;
}

/** Move the task from one of `from` to `to`, or refuse with a 409 if someone moved it first. */
function move(tx: DbLike, task: TaskRow, from: TaskStatus[], set: Partial<TaskRow>, now: Date) {
	const r = tx
		.update(tasks)
		.set({ ...set, updatedAt: now })
		.where(and(eq(tasks.id, task.id), inArray(tasks.status, from)))
		.run();
	if (r.changes === 0) throw new AppError(409, 'err.task.wrongState');
}

const unitName = (tx: DbLike, id: string) =>
	tx.select({ name: units.name }).from(units).where(eq(units.id, id)).get()?.name ?? '';

const chain = (t: TaskRow) => committeeChain(t.committeeId);

export function acceptTask(db: Db, actor: Actor, id: string, unitId?: string): TaskRow {
	const { task, scope } = visibleTask(db, actor, id);
	if (!mayOnTask(actor, 'task.act', task, scope)) throw forbidden();
	return step(db, task, (tx, t, now) => {
		const row = actingUnit(tx, actor, t.committeeId, t.id, unitId);
		if (['done', 'cancelled'].includes(t.status)) throw new AppError(409, 'err.task.wrongState');
		const r = tx
			.update(taskUnits)
			.set({ acceptedAt: now, acceptedBy: actor.userId })
			.where(
				and(
					eq(taskUnits.taskId, t.id),
					eq(taskUnits.unitId, row.unitId),
					isNull(taskUnits.acceptedAt),
					isNull(taskUnits.returnedAt)
				)
			)
			.run();
		if (r.changes === 0) throw new AppError(409, 'err.task.alreadyAnswered');
		const name = unitName(tx, row.unitId);
		const late = now > t.acceptBy ? 1 : 0;
		addTaskEvent(tx, {
			taskId: t.id,
			kind: 'accepted',
			actorId: actor.userId,
			unitId: row.unitId,
			at: now,
			detail: { late, role: row.role }
		});
		audit(tx, actor.userId, 'task.accept', `task:${t.id}`, { unit: row.unitId }, chain(t));
		if (row.role !== 'lead') return [];
		move(tx, t, ['pending'], { status: 'in_progress', acceptedAt: now }, now);
		cancelTaskTimers(tx, t.id, 'acceptLate');
		return [
			notify(tx, peopleInRoles(tx, t.committeeId, ['admin']), {
				kind: 'task.accepted',
				params: { title: t.title, unit: name },
				link: taskLink(t.id)
			}),
			...needsInProgress(tx, t.id, actor.userId, name, t.title)
		];
	});
}

export function returnTask(
	db: Db,
	actor: Actor,
	id: string,
	raw: unknown,
	unitId?: string
): TaskRow {
	const { reason } = parseInput(reasonSchema, raw);
	const { task, scope } = visibleTask(db, actor, id);
	if (!mayOnTask(actor, 'task.act', task, scope)) throw forbidden();
	return step(db, task, (tx, t, now) => {
		const row = actingUnit(tx, actor, t.committeeId, t.id, unitId);
		const r = tx
			.update(taskUnits)
			.set({ returnedAt: now, returnReason: reason })
			.where(
				and(
					eq(taskUnits.taskId, t.id),
					eq(taskUnits.unitId, row.unitId),
					isNull(taskUnits.acceptedAt),
					isNull(taskUnits.returnedAt)
				)
			)
			.run();
		if (r.changes === 0) throw new AppError(409, 'err.task.alreadyAnswered');
		if (row.role === 'lead') move(tx, t, ['pending'], { status: 'returned' }, now);
		addTaskEvent(tx, {
			taskId: t.id,
			kind: 'returned',
			actorId: actor.userId,
			unitId: row.unitId,
			at: now,
			detail: { reason, role: row.role }
		});
		audit(tx, actor.userId, 'task.return', `task:${t.id}`, { unit: row.unitId, reason }, chain(t));
		return [
			notify(tx, peopleInRoles(tx, t.committeeId, ['admin']), {
				kind: 'task.returned',
				params: { title: t.title, unit: unitName(tx, row.unitId), reason },
				link: taskLink(t.id)
			})
		];
	});
}

export function submitTask(db: Db, actor: Actor, id: string): TaskRow {
	const { task, scope } = visibleTask(db, actor, id);
	if (!mayOnTask(actor, 'task.submit', task, scope)) throw forbidden();
	return step(db, task, (tx, t, now) => {
		move(tx, t, ['in_progress'], { status: 'submitted', submittedAt: now }, now);
		addTaskEvent(tx, {
			taskId: t.id,
			kind: 'submitted',
			actorId: actor.userId,
			unitId: t.leadUnitId,
			at: now,
			detail: { late: now > t.dueAt ? 1 : 0 }
		});
		audit(tx, actor.userId, 'task.submit', `task:${t.id}`, {}, chain(t));
		return [
			notify(tx, peopleInRoles(tx, t.committeeId, ['admin']), {
				kind: 'task.submitted',
				params: { title: t.title },
				link: taskLink(t.id)
			})
		];
	});
}

export function approveTask(db: Db, actor: Actor, id: string): TaskRow {
	const { task, scope } = visibleTask(db, actor, id);
	if (!mayOnTask(actor, 'task.approve', task, scope)) throw forbidden();
	return step(db, task, (tx, t, now) => {
		move(tx, t, ['submitted'], { status: 'done', doneAt: now, progress: 100 }, now);
		cancelTaskTimers(tx, t.id);
		addTaskEvent(tx, { taskId: t.id, kind: 'approved', actorId: actor.userId, at: now });
		audit(tx, actor.userId, 'task.approve', `task:${t.id}`, {}, chain(t));
		const { done, after } = needsDone(tx, t.id, actor.userId);
		announce('task.approved', {
			tx,
			taskId: t.id,
			needIds: done,
			now,
			afterCommit: (f) => after.push(f)
		});
		return [
			notify(tx, unitPeople(tx, t.committeeId, unitIdsOf(tx, t.id)), {
				kind: 'task.approved',
				params: { title: t.title },
				link: taskLink(t.id)
			}),
			...after
		];
	});
}

export function rejectTask(db: Db, actor: Actor, id: string, raw: unknown): TaskRow {
	const { reason } = parseInput(reasonSchema, raw);
	const { task, scope } = visibleTask(db, actor, id);
	if (!mayOnTask(actor, 'task.approve', task, scope)) throw forbidden();
	return step(db, task, (tx, t, now) => {
		move(tx, t, ['submitted'], { status: 'in_progress', submittedAt: null }, now);
		addTaskEvent(tx, {
			taskId: t.id,
			kind: 'rejected',
			actorId: actor.userId,
			at: now,
			detail: { reason }
		});
		audit(tx, actor.userId, 'task.reject', `task:${t.id}`, { reason }, chain(t));
		return [
			notify(tx, unitPeople(tx, t.committeeId, [t.leadUnitId]), {
				kind: 'task.rejected',
				params: { title: t.title, reason },
				link: taskLink(t.id)
			})
		];
	});
}

export function cancelTask(db: Db, actor: Actor, id: string, raw: unknown): TaskRow {
	const { reason } = parseInput(reasonSchema, raw);
	const { task, scope } = visibleTask(db, actor, id);
	if (!mayOnTask(actor, 'task.manage', task, scope)) throw forbidden();
	return step(db, task, (tx, t, now) => {
		move(tx, t, ['pending', 'returned', 'in_progress', 'submitted'], { status: 'cancelled' }, now);
		cancelTaskTimers(tx, t.id);
		addTaskEvent(tx, {
			taskId: t.id,
			kind: 'cancelled',
			actorId: actor.userId,
			at: now,
			detail: { reason }
		});
		audit(tx, actor.userId, 'task.cancel', `task:${t.id}`, { reason }, chain(t));
		return [];
	});
}
