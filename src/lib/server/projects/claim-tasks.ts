/**
 * The tasks a claimed project becomes: one per community it serves (one for the street when it
 * names none), led by the claiming unit, due at the end of the project's quarter. They are
 * dispatched like any task, so the unit accepts, reports and hands them in the same way.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbLike } from '../db';
import { communities, projectCommunities, type ProjectRow } from '../db/schema';
import { config } from '../config';
import { wallTimeToDate } from '../../time';
import { quarterDays } from '../../shared/projects/money';
import { createTask } from '../tasks';

const DAY = 86_400_000;
/** A project claimed late in (or after) its quarter still gets this long. */
const MIN_DAYS = 14;

/** The end of the project's quarter (its last day, 23:59 in the committee's zone), or later. */
export function projectDueAt(quarter: string, now: Date): Date {
	const days = quarterDays(quarter);
	const end = days ? wallTimeToDate(`${days.last}T23:59`, config.timeZone) : null;
	const floor = now.getTime() + MIN_DAYS * DAY;
	return new Date(Math.max(end?.getTime() ?? floor, floor));
}

/** What each task is called and for which community. */
export function taskPlan(
	tx: DbLike,
	p: ProjectRow
): { title: string; communityId: string | null }[] {
	const ids = tx
		.select({ id: projectCommunities.communityId })
		.from(projectCommunities)
		.where(eq(projectCommunities.projectId, p.id))
		.all()
		.map((r) => r.id);
	if (!ids.length) return [{ title: p.title, communityId: null }];
	return tx
		.select({ id: communities.id, name: communities.name })
		.from(communities)
		.where(inArray(communities.id, ids))
		.all()
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
		.map((c) => ({ title: `${p.title} · ${c.name}`, communityId: c.id }));
}

/**
 * Dispatch the claimed project's tasks to the claiming unit (inside the claiming transaction),
 * through the tasks domain's own `createTask`: timeline, timers and the unit's notification come
 * with them. Returns their ids and the pushes to run after the commit.
 */
export function createProjectTasks(
	tx: DbLike,
	p: ProjectRow,
	unitId: string,
	actorId: string,
	now: Date
): { taskIds: string[]; push: () => void } {
	const dueAt = projectDueAt(p.quarter, now);
	const made = taskPlan(tx, p).map(({ title }) =>
		createTask(tx, {
			committeeId: p.committeeId,
			title,
			description: p.description || undefined,
			projectId: p.id,
			leadUnitId: unitId,
			dueAt,
			createdBy: actorId,
			now
		})
	);
	return {
		taskIds: made.map((m) => m.task.id),
		push: () => made.forEach((m) => m.push())
	};
}
