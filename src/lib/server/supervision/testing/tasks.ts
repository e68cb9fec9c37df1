/**
 * Tasks written straight into the tables for supervision's specs: the list, notices and
 * standings read rows, whichever service wrote them.
 */
import type { DbLike } from '../../db';
import { newId } from '../../db/ids';
import { taskUnits, tasks, type TaskRow } from '../../db/schema';

const HOUR = 3_600_000;

export interface TaskSeed extends Partial<TaskRow> {
	committeeId: string;
	leadUnitId: string;
	dueAt: Date;
	coUnitIds?: string[];
	/** When the lead unit accepted (null: not yet). */
	leadAcceptedAt?: Date | null;
}

export function insertTask(db: DbLike, s: TaskSeed): TaskRow {
	const created = s.createdAt ?? new Date(s.dueAt.getTime() - 10 * 24 * HOUR);
	const row: TaskRow = {
		id: newId(),
		title: '测试任务',
		description: '',
		resolutionId: null,
		projectId: null,
		status: 'in_progress',
		progress: 0,
		acceptHours: 24,
		acceptBy: new Date(created.getTime() + 24 * HOUR),
		acceptedAt: null,
		submittedAt: null,
		doneAt: null,
		createdBy: null,
		createdAt: created,
		updatedAt: created,
		...s
	};
	const { coUnitIds: _co, leadAcceptedAt: _acc, ...values } = row as TaskRow & TaskSeed;
	db.insert(tasks).values(values).run();
	const accepted = s.leadAcceptedAt === undefined ? row.acceptedAt : s.leadAcceptedAt;
	db.insert(taskUnits)
		.values([
			{ taskId: row.id, unitId: row.leadUnitId, role: 'lead', acceptedAt: accepted },
			...(s.coUnitIds ?? []).map((unitId) => ({ taskId: row.id, unitId, role: 'co' as const }))
		])
		.run();
	return row;
}
