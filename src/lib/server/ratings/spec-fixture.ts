/**
 * For the specs of ratings and the trace: a need carried to a task approved as done, written
 * straight into the tables (the schema is the contract) and announced as the approval does.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { needs, taskEvents, taskNeeds, taskUnits, tasks } from '../db/schema';
import { createNeed } from '../needs/needs';
import { supportNeed } from '../needs/support';
import { acceptNeed } from '../needs/triage';
import { announce } from '../platform/domain-events';
import type { Actor } from '../../shared/permissions';

/** What the fixture needs of seed/test-db.ts's demo database. */
export interface TestDb {
	db: Db;
	committeeId: string;
	userId(login: string): string;
	actor(login: string): Actor;
	unitId(n: number): string;
}

export interface DoneNeed {
	needId: string;
	taskId: string;
}

/** Dispatch a task for `needIds` to unit 1 (pending), as the secretary would. */
export function dispatch(
	t: TestDb,
	needIds: string[],
	at = new Date(),
	title = '修好路灯',
	resolutionId: string | null = null
): string {
	const id = newId();
	const admin = t.userId('admin');
	t.db
		.insert(tasks)
		.values({
			id,
			committeeId: t.committeeId,
			title,
			resolutionId,
			leadUnitId: t.unitId(1),
			acceptHours: 24,
			acceptBy: new Date(at.getTime() + 24 * 3600_000),
			dueAt: new Date(at.getTime() + 7 * 86_400_000),
			createdBy: admin,
			createdAt: at,
			updatedAt: at
		})
		.run();
	t.db
		.insert(taskUnits)
		.values({ taskId: id, unitId: t.unitId(1), role: 'lead' })
		.run();
	for (const needId of needIds) t.db.insert(taskNeeds).values({ taskId: id, needId }).run();
	t.db
		.insert(taskEvents)
		.values({ taskId: id, at, actorId: admin, kind: 'dispatched', detail: '{}' })
		.run();
	return id;
}

/** Approve a task as done, with its needs: status, timeline, and the `task.approved` announcement. */
export function approve(t: TestDb, taskId: string, needIds: string[], at = new Date()): void {
	t.db.transaction((tx) => {
		tx.update(tasks)
			.set({ status: 'done', doneAt: at, progress: 100 })
			.where(eq(tasks.id, taskId))
			.run();
		tx.insert(taskEvents)
			.values({ taskId, at, actorId: t.userId('admin'), kind: 'approved', detail: '{}' })
			.run();
		for (const needId of needIds)
			tx.update(needs).set({ status: 'done' }).where(eq(needs.id, needId)).run();
		announce('task.approved', { tx, taskId, needIds, now: at, afterCommit: () => {} });
	});
}

/** A public need by `submitter`, supported by `supporters`, accepted, answered by a task approved as done. */
export function doneNeed(
	t: TestDb,
	opts: { submitter?: string; supporters?: string[]; approve?: boolean; title?: string } = {}
): DoneNeed {
	const need = createNeed(t.db, t.actor(opts.submitter ?? 'resident1'), t.committeeId, {
		title: opts.title ?? '小区路灯不亮',
		description: '三号楼前的路灯坏了一个月',
		category: 'safety',
		visibility: 'public'
	});
	for (const s of opts.supporters ?? []) supportNeed(t.db, t.actor(s), need.id);
	acceptNeed(t.db, t.actor('admin'), need.id);
	const taskId = dispatch(t, [need.id]);
	if (opts.approve !== false) approve(t, taskId, [need.id]);
	return { needId: need.id, taskId };
}
