/** Which units are on a task, and which of them a person acts for. */
import { eq } from 'drizzle-orm';
import type { DbLike } from '../db';
import { taskUnits, type TaskUnitRow } from '../db/schema';
import { AppError, forbidden } from '../errors';
import type { Actor } from '../../shared/permissions';

export function unitsOf(tx: DbLike, taskId: string): TaskUnitRow[] {
	return tx.select().from(taskUnits).where(eq(taskUnits.taskId, taskId)).all();
}

export function unitIdsOf(tx: DbLike, taskId: string): string[] {
	return unitsOf(tx, taskId).map((u) => u.unitId);
}

/**
 * The task's unit the actor acts for: the one named, or their only one on this task. (A person
 * may represent two units on one task; then they must say which.)
 */
export function actingUnit(
	tx: DbLike,
	actor: Actor,
	committeeId: string,
	taskId: string,
	unitId?: string
): TaskUnitRow {
	const mine = new Set(
		actor.roles
			.filter(
				(r) =>
					r.committeeId === committeeId && (r.role === 'liaison' || r.role === 'member') && r.unitId
			)
			.map((r) => r.unitId!)
	);
	const rows = unitsOf(tx, taskId).filter((u) => mine.has(u.unitId));
	if (unitId) {
		const row = rows.find((u) => u.unitId === unitId);
		if (!row) throw forbidden();
		return row;
	}
	if (rows.length === 0) throw forbidden();
	if (rows.length > 1)
		throw new AppError(422, 'err.validation', { unitId: ['err.task.whichUnit'] });
	return rows[0]!;
}
