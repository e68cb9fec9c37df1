/**
 * Who may rate a need, and against which task: the need's submitter and supporters, once a task
 * answering it has been approved as done (after the latest reopening, if it was reopened).
 */
import { and, desc, eq, gte } from 'drizzle-orm';
import type { DbLike } from '../db';
import { needEvents, needSupports, needs, taskNeeds, tasks, type Need } from '../db/schema';
import { notFound } from '../errors';
import { canSeeNeed } from '../needs';
import type { Actor } from '../../shared/permissions';

/** The need, if the actor may see it (404 otherwise, so its existence does not leak). */
export function visibleNeed(db: DbLike, actor: Actor, needId: string): Need {
	const need = db.select().from(needs).where(eq(needs.id, needId)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	return need;
}

/** Did this person raise or support the need? */
export function isFollower(db: DbLike, need: Need, userId: string): boolean {
	if (need.submittedBy === userId) return true;
	return !!db
		.select({ userId: needSupports.userId })
		.from(needSupports)
		.where(and(eq(needSupports.needId, need.id), eq(needSupports.userId, userId)))
		.get();
}

/** When the secretary last reopened the need (null if never). */
export function lastReopened(db: DbLike, needId: string): Date | null {
	const e = db
		.select({ at: needEvents.at })
		.from(needEvents)
		.where(and(eq(needEvents.needId, needId), eq(needEvents.kind, 'reopened')))
		.orderBy(desc(needEvents.id))
		.get();
	return e?.at ?? null;
}

/** The latest task answering the need that was approved as done since its last reopening. */
export function doneTask(db: DbLike, needId: string): { id: string; doneAt: Date } | null {
	const since = lastReopened(db, needId);
	const row = db
		.select({ id: tasks.id, doneAt: tasks.doneAt })
		.from(taskNeeds)
		.innerJoin(tasks, eq(tasks.id, taskNeeds.taskId))
		.where(
			and(
				eq(taskNeeds.needId, needId),
				eq(tasks.status, 'done'),
				since ? gte(tasks.doneAt, since) : undefined
			)
		)
		.orderBy(desc(tasks.doneAt))
		.get();
	return row ? { id: row.id, doneAt: row.doneAt ?? new Date(0) } : null;
}

/** Everyone who raised or supported the need (the people a rating may be entered for). */
export function followers(db: DbLike, need: Need): string[] {
	const supporters = db
		.select({ userId: needSupports.userId })
		.from(needSupports)
		.where(eq(needSupports.needId, need.id))
		.all()
		.map((s) => s.userId);
	return [...new Set([...(need.submittedBy ? [need.submittedBy] : []), ...supporters])];
}
