/**
 * Progress reports (进展): a unit that accepted the task reports a percentage and words, with
 * photos or files as evidence. The lead unit's report sets the task's progress; co-units report
 * their part on the same task. Reports with photos are shown to the needs' followers.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { taskReportFiles, taskReports, tasks } from '../db/schema';
import { AppError, forbidden, parseInput } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import type { StoredFile } from '../uploads/files';
import { mayOnTask, visibleTask } from './access';
import { actingUnit } from './units';
import { addTaskEvent } from './events';
import { needsReport } from './needs-link';
import type { Actor } from '../../shared/permissions';
import { reportSchema } from '../../shared/schemas/tasks';

/** Add a report; `files` are already checked and stored (they are removed by the caller on error). */
export function addReport(
	db: Db,
	actor: Actor,
	id: string,
	raw: unknown,
	files: StoredFile[] = [],
	unitId?: string
): string {
	const input = parseInput(reportSchema, raw);
	const { task, scope } = visibleTask(db, actor, id);
	if (!mayOnTask(actor, 'task.act', task, scope)) throw forbidden();
	const after = db.transaction(
		(tx) => {
			const now = new Date();
			const t = tx.select().from(tasks).where(eq(tasks.id, id)).get()!;
			if (t.status !== 'in_progress') throw new AppError(409, 'err.task.notInProgress');
			const row = actingUnit(tx, actor, t.committeeId, t.id, unitId);
			if (!row.acceptedAt) throw new AppError(409, 'err.task.acceptFirst');
			const reportId = newId();
			tx.insert(taskReports)
				.values({
					id: reportId,
					taskId: t.id,
					unitId: row.unitId,
					authorId: actor.userId,
					progress: input.progress,
					text: input.text,
					createdAt: now
				})
				.run();
			for (const f of files)
				tx.insert(taskReportFiles)
					.values({ id: newId(), reportId, ...f, createdAt: now })
					.run();
			if (row.role === 'lead')
				tx.update(tasks)
					.set({ progress: input.progress, updatedAt: now })
					.where(eq(tasks.id, t.id))
					.run();
			addTaskEvent(tx, {
				taskId: t.id,
				kind: 'report',
				actorId: actor.userId,
				unitId: row.unitId,
				at: now,
				detail: { progress: input.progress, reportId, files: files.length }
			});
			audit(
				tx,
				actor.userId,
				'task.report',
				`task:${t.id}`,
				{ progress: input.progress },
				committeeChain(t.committeeId)
			);
			const photos = files.some((f) => f.mime.startsWith('image/'));
			return { reportId, push: photos ? needsReport(tx, t.id, t.title, input.progress) : [] };
		},
		{ behavior: 'immediate' }
	);
	for (const f of after.push) f();
	return after.reportId;
}

/** A report's file, if the actor may see the task. */
export function getReportFile(db: Db, actor: Actor, fileId: string) {
	const row = db
		.select({ file: taskReportFiles, taskId: taskReports.taskId })
		.from(taskReportFiles)
		.innerJoin(taskReports, eq(taskReports.id, taskReportFiles.reportId))
		.where(eq(taskReportFiles.id, fileId))
		.get();
	if (!row) throw new AppError(404, 'err.notFound');
	visibleTask(db, actor, row.taskId);
	return row.file;
}
