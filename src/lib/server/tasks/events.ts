/**
 * A task's timeline and who hears of it: every step is a `task_event` row (who, when, what),
 * written in the transaction of the step; the units' people and the committee's supervisors
 * are looked up here for notifications.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbLike } from '../db';
import { roleAssignments, taskEvents } from '../db/schema';
import type { TaskEventKind } from '../../shared/tasks/options';

export interface TaskEventInput {
	taskId: string;
	kind: TaskEventKind;
	actorId: string | null;
	unitId?: string | null;
	detail?: Record<string, string | number | null>;
	at?: Date;
}

export function addTaskEvent(db: DbLike, e: TaskEventInput): void {
	db.insert(taskEvents)
		.values({
			taskId: e.taskId,
			at: e.at ?? new Date(),
			actorId: e.actorId,
			unitId: e.unitId ?? null,
			kind: e.kind,
			detail: JSON.stringify(e.detail ?? {})
		})
		.run();
}

/** The people who act for these units: their liaisons and member representatives. */
export function unitPeople(db: DbLike, committeeId: string, unitIds: string[]): string[] {
	if (unitIds.length === 0) return [];
	const rows = db
		.select({ userId: roleAssignments.userId })
		.from(roleAssignments)
		.where(
			and(
				eq(roleAssignments.committeeId, committeeId),
				inArray(roleAssignments.role, ['liaison', 'member']),
				inArray(roleAssignments.unitId, unitIds)
			)
		)
		.all();
	return [...new Set(rows.map((r) => r.userId))];
}

/** The committee's people in these roles (supervisors, the secretary). */
export function peopleInRoles(
	db: DbLike,
	committeeId: string,
	roles: ('admin' | 'supervisor' | 'chair')[]
): string[] {
	const rows = db
		.select({ userId: roleAssignments.userId })
		.from(roleAssignments)
		.where(and(eq(roleAssignments.committeeId, committeeId), inArray(roleAssignments.role, roles)))
		.all();
	return [...new Set(rows.map((r) => r.userId))];
}

export const taskLink = (id: string) => `/tasks/${id}`;
