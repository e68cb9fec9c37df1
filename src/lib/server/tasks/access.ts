/**
 * Reading a task with what the permission module needs to judge it: its units, and whether
 * residents may follow it (it answers a public need, or a resolution of a public meeting).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbLike } from '../db';
import {
	meetings,
	needs,
	resolutions,
	taskNeeds,
	taskUnits,
	tasks,
	units,
	type TaskRow
} from '../db/schema';
import { notFound } from '../errors';
import { can, type Actor, type TaskScope } from '../../shared/permissions';
import type { TaskAction } from '../../shared/permissions/tasks';

export function taskScope(db: DbLike, task: TaskRow): TaskScope {
	const unitIds = db
		.select({ unitId: taskUnits.unitId })
		.from(taskUnits)
		.where(eq(taskUnits.taskId, task.id))
		.all()
		.map((u) => u.unitId);
	return { leadUnitId: task.leadUnitId, unitIds, public: isPublic(db, task) };
}

function isPublic(db: DbLike, task: TaskRow): boolean {
	const publicNeed = db
		.select({ id: needs.id })
		.from(taskNeeds)
		.innerJoin(needs, eq(needs.id, taskNeeds.needId))
		.where(and(eq(taskNeeds.taskId, task.id), eq(needs.visibility, 'public')))
		.get();
	if (publicNeed) return true;
	if (!task.resolutionId) return false;
	const r = db
		.select({ visibility: meetings.visibility })
		.from(resolutions)
		.leftJoin(meetings, eq(meetings.id, resolutions.meetingId))
		.where(eq(resolutions.id, task.resolutionId))
		.get();
	return r?.visibility === 'public';
}

export function findTask(db: DbLike, id: string): TaskRow | undefined {
	return db.select().from(tasks).where(eq(tasks.id, id)).get();
}

/** The task, if the actor may see it (otherwise "not found": a task's existence is not told). */
export function visibleTask(
	db: DbLike,
	actor: Actor,
	id: string
): { task: TaskRow; scope: TaskScope } {
	const task = findTask(db, id);
	if (!task) throw notFound();
	const scope = taskScope(db, task);
	if (!can(actor, 'task.view', { committeeId: task.committeeId, task: scope })) throw notFound();
	return { task, scope };
}

export function mayOnTask(
	actor: Actor,
	action: TaskAction,
	task: TaskRow,
	scope: TaskScope
): boolean {
	return can(actor, action, { committeeId: task.committeeId, task: scope });
}

/** Units of these ids that belong to the committee (to refuse another committee's units). */
export function committeeUnits(db: DbLike, committeeId: string, unitIds: string[]): Set<string> {
	if (unitIds.length === 0) return new Set();
	return new Set(
		db
			.select({ id: units.id })
			.from(units)
			.where(and(eq(units.committeeId, committeeId), inArray(units.id, unitIds)))
			.all()
			.map((u) => u.id)
	);
}
