/**
 * For the specs of ratings and the trace: a need carried through the tasks domain's own verbs
 * (dispatch, accept, hand in, approve), as the secretary and unit 1's liaison would.
 */
import type { Db } from '../db';
import { createNeed } from '../needs/needs';
import { supportNeed } from '../needs/support';
import { acceptNeed } from '../needs/triage';
import { acceptTask, approveTask, dispatchTask, submitTask } from '../tasks';
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

/** The secretary dispatches a task for `needIds` to unit 1, due in `dueInDays`. */
export function dispatch(
	t: TestDb,
	needIds: string[],
	opts: { title?: string; resolutionId?: string; dueInDays?: number } = {}
): string {
	return dispatchTask(t.db, t.actor('admin'), t.committeeId, {
		title: opts.title ?? '修好路灯',
		needIds,
		resolutionId: opts.resolutionId,
		leadUnitId: t.unitId(1),
		dueAt: new Date(Date.now() + (opts.dueInDays ?? 7) * 86_400_000).toISOString()
	}).id;
}

/** Unit 1's liaison accepts the task (its needs are now being handled). */
export function accept(t: TestDb, taskId: string): void {
	acceptTask(t.db, t.actor('liaison1'), taskId);
}

/** Unit 1's liaison hands the task in and the secretary approves it: its needs are done. */
export function approve(t: TestDb, taskId: string): void {
	submitTask(t.db, t.actor('liaison1'), taskId);
	approveTask(t.db, t.actor('admin'), taskId);
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
	accept(t, taskId);
	if (opts.approve !== false) approve(t, taskId);
	return { needId: need.id, taskId };
}
