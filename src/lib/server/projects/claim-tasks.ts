/**
 * The tasks a claimed project becomes: one per community it serves (one for the street when it
 * names none), led by the claiming unit, due at the end of the project's quarter. The unit chose
 * the work by claiming it, so its tasks start accepted and in progress, not waiting to be
 * accepted.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbLike } from '../db';
import { newId } from '../db/ids';
import {
	communities,
	projectCommunities,
	taskEvents,
	taskUnits,
	tasks,
	type ProjectRow
} from '../db/schema';
import { config } from '../config';
import { wallTimeToDate } from '../../time';
import { quarterDays } from '../../shared/projects/money';
import { DEFAULT_ACCEPT_HOURS } from '../../shared/tasks/options';

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

/** Insert the claimed project's tasks (inside the claiming transaction); returns their ids. */
export function insertProjectTasks(
	tx: DbLike,
	p: ProjectRow,
	unitId: string,
	actorId: string,
	now: Date
): string[] {
	const dueAt = projectDueAt(p.quarter, now);
	return taskPlan(tx, p).map(({ title }) => {
		const id = newId();
		tx.insert(tasks)
			.values({
				id,
				committeeId: p.committeeId,
				title,
				description: p.description,
				projectId: p.id,
				leadUnitId: unitId,
				status: 'in_progress',
				progress: 0,
				acceptHours: DEFAULT_ACCEPT_HOURS,
				acceptBy: new Date(now.getTime() + DEFAULT_ACCEPT_HOURS * 3_600_000),
				dueAt,
				acceptedAt: now,
				createdBy: actorId,
				createdAt: now,
				updatedAt: now
			})
			.run();
		tx.insert(taskUnits)
			.values({ taskId: id, unitId, role: 'lead', acceptedAt: now, acceptedBy: actorId })
			.run();
		for (const kind of ['dispatched', 'accepted'] as const)
			tx.insert(taskEvents)
				.values({
					taskId: id,
					at: now,
					actorId,
					unitId,
					kind,
					detail: JSON.stringify({ projectId: p.id })
				})
				.run();
		return id;
	});
}
