/**
 * Rows for the insight specs, written straight into the tables (the schema is the contract):
 * needs with their acceptance entry, tasks with their dates, ratings. Times are given, so the
 * specs can place everything in a period the demo's own data does not touch.
 */
import { newId } from '../db/ids';
import { needEvents, needs, ratings, taskNeeds, tasks, taskUnits } from '../db/schema';
import type { DbLike } from '../db';
import type { TaskStatus } from '../../shared/tasks/options';

const HOUR = 3_600_000;

/** What the fixtures need of a spec's demo database (seed/test-db.ts gives all of it). */
export interface TestDb {
	db: DbLike;
	committeeId: string;
	userId(login: string): string;
	unitId(n: number): string;
}

export interface NeedOpts {
	at: Date;
	category?: string;
	communityId?: string | null;
	/** Hours after submission the need was accepted (none: never). */
	acceptedAfterHours?: number;
	title?: string;
	submittedBy?: string;
}

export function insertNeed(t: TestDb, o: NeedOpts): string {
	const id = newId();
	const accepted = o.acceptedAfterHours;
	t.db
		.insert(needs)
		.values({
			id,
			committeeId: t.committeeId,
			communityId: o.communityId ?? null,
			title: o.title ?? '楼道照明坏了很久',
			description: '希望尽快修复',
			category: o.category ?? 'safety',
			visibility: 'public',
			status: accepted === undefined ? 'submitted' : 'accepted',
			submittedBy: o.submittedBy ?? t.userId('resident1'),
			createdAt: o.at,
			updatedAt: o.at,
			respondBy: new Date(o.at.getTime() + 24 * HOUR),
			respondedAt: accepted === undefined ? null : new Date(o.at.getTime() + accepted * HOUR)
		})
		.run();
	if (accepted !== undefined)
		t.db
			.insert(needEvents)
			.values({
				needId: id,
				at: new Date(o.at.getTime() + accepted * HOUR),
				actorId: t.userId('admin'),
				kind: 'accepted'
			})
			.run();
	return id;
}

export interface TaskOpts {
	unit: number;
	at: Date;
	dueInHours: number;
	status: TaskStatus;
	acceptedAfterHours?: number;
	doneAfterHours?: number;
	needId?: string;
	resolutionId?: string;
	title?: string;
}

export function insertTask(t: TestDb, o: TaskOpts): string {
	const id = newId();
	const at = o.at.getTime();
	const unitId = t.unitId(o.unit);
	const acceptedAt =
		o.acceptedAfterHours === undefined ? null : new Date(at + o.acceptedAfterHours * HOUR);
	t.db
		.insert(tasks)
		.values({
			id,
			committeeId: t.committeeId,
			title: o.title ?? `任务 ${o.unit}`,
			resolutionId: o.resolutionId ?? null,
			leadUnitId: unitId,
			status: o.status,
			progress: o.status === 'done' ? 100 : 0,
			acceptHours: 24,
			acceptBy: new Date(at + 24 * HOUR),
			dueAt: new Date(at + o.dueInHours * HOUR),
			acceptedAt,
			doneAt: o.doneAfterHours === undefined ? null : new Date(at + o.doneAfterHours * HOUR),
			createdBy: t.userId('admin'),
			createdAt: o.at,
			updatedAt: o.at
		})
		.run();
	t.db.insert(taskUnits).values({ taskId: id, unitId, role: 'lead', acceptedAt }).run();
	if (o.needId) t.db.insert(taskNeeds).values({ taskId: id, needId: o.needId }).run();
	return id;
}

export function insertRating(
	t: TestDb,
	o: { needId: string; taskId: string; login: string; score: number; at: Date }
): void {
	t.db
		.insert(ratings)
		.values({
			id: newId(),
			needId: o.needId,
			taskId: o.taskId,
			userId: t.userId(o.login),
			score: o.score,
			createdAt: o.at
		})
		.run();
}
