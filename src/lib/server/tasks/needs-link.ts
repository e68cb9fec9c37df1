/**
 * What a task's steps mean for the needs it answers: accepted work puts them "in progress"
 * (办理中); the approval of the last open task on a need makes it "done" (已办结) and invites
 * its submitter and supporters to rate the result. Each change goes on the need's own timeline.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { DbLike } from '../db';
import { needs, taskNeeds, tasks, type Need } from '../db/schema';
import { needEvent } from '../needs/needs';
import { needFollowers } from '../needs/support';
import { broadcastNeedChange } from '../needs/broadcast';
import { notify } from '../notifications/notifications';

export function needsOfTask(tx: DbLike, taskId: string): Need[] {
	return tx
		.select({ need: needs })
		.from(taskNeeds)
		.innerJoin(needs, eq(needs.id, taskNeeds.needId))
		.where(eq(taskNeeds.taskId, taskId))
		.all()
		.map((r) => r.need);
}

function setStatus(
	tx: DbLike,
	need: Need,
	to: Need['status'],
	actorId: string | null,
	taskId: string
) {
	tx.update(needs).set({ status: to, updatedAt: new Date() }).where(eq(needs.id, need.id)).run();
	needEvent(tx, need.id, actorId, to, { taskId });
}

/** The lead unit accepted: needs waiting for action are now being handled. */
export function needsInProgress(
	tx: DbLike,
	taskId: string,
	actorId: string,
	unitName: string,
	title: string
): (() => void)[] {
	const after: (() => void)[] = [];
	for (const need of needsOfTask(tx, taskId)) {
		if (['accepted', 'on_agenda', 'decided'].includes(need.status)) {
			setStatus(tx, need, 'in_progress', actorId, taskId);
			after.push(() => broadcastNeedChange({ ...need, status: 'in_progress' }));
		}
		after.push(
			notify(tx, needFollowers(tx, need), {
				kind: 'task.accepted',
				params: { title, unit: unitName },
				link: `/needs/${need.id}`
			})
		);
	}
	return after;
}

/** Tell the needs' followers of a report that carries photos (evidence they can look at). */
export function needsReport(tx: DbLike, taskId: string, title: string, progress: number) {
	return needsOfTask(tx, taskId).map((need) =>
		notify(tx, needFollowers(tx, need), {
			kind: 'task.report',
			params: { title, progress },
			link: `/needs/${need.id}`
		})
	);
}

/**
 * The task was approved: each of its needs with no other task still open is done, and its
 * followers are asked to rate. Returns the needs that became done.
 */
export function needsDone(
	tx: DbLike,
	taskId: string,
	actorId: string
): { done: string[]; after: (() => void)[] } {
	const done: string[] = [];
	const after: (() => void)[] = [];
	for (const need of needsOfTask(tx, taskId)) {
		const stillOpen = tx
			.select({ id: tasks.id })
			.from(taskNeeds)
			.innerJoin(tasks, eq(tasks.id, taskNeeds.taskId))
			.where(
				and(
					eq(taskNeeds.needId, need.id),
					ne(tasks.id, taskId),
					inArray(tasks.status, ['pending', 'returned', 'in_progress', 'submitted'])
				)
			)
			.get();
		if (stillOpen || need.status === 'done' || need.status === 'rated') continue;
		setStatus(tx, need, 'done', actorId, taskId);
		done.push(need.id);
		after.push(() => broadcastNeedChange({ ...need, status: 'done' }));
		after.push(
			notify(tx, needFollowers(tx, need), {
				kind: 'need.done',
				params: { title: need.title },
				link: `/needs/${need.id}/rate`
			})
		);
	}
	return { done, after };
}
