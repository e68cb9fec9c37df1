/**
 * Projects as people read them: budget, spent and remaining in fen, and progress as the mean of
 * the project's tasks (a done task counts 100, a cancelled one not at all). Each figure for a
 * whole list is one grouped query, not one per project.
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import {
	communities,
	projectCommunities,
	projects,
	spendings,
	tasks,
	units,
	users,
	type ProjectRow
} from '../db/schema';
import type { ProjectSummary, ProjectTaskView, SpendingView } from '../../shared/projects/view';

function spentBy(db: DbLike, ids: string[]): Map<string, number> {
	return new Map(
		db
			.select({ id: spendings.projectId, sum: sql<number>`coalesce(sum(${spendings.amount}), 0)` })
			.from(spendings)
			.where(inArray(spendings.projectId, ids))
			.groupBy(spendings.projectId)
			.all()
			.map((r) => [r.id, Number(r.sum)])
	);
}

function progressBy(db: DbLike, ids: string[]): Map<string, number> {
	return new Map(
		db
			.select({
				id: tasks.projectId,
				mean: sql<number>`avg(case when ${tasks.status} = 'done' then 100 else ${tasks.progress} end)`
			})
			.from(tasks)
			.where(and(inArray(tasks.projectId, ids), ne(tasks.status, 'cancelled')))
			.groupBy(tasks.projectId)
			.all()
			.map((r) => [r.id!, Math.round(Number(r.mean))])
	);
}

function communitiesBy(db: DbLike, ids: string[]) {
	const out = new Map<string, { id: string; name: string }[]>();
	const rows = db
		.select({ projectId: projectCommunities.projectId, id: communities.id, name: communities.name })
		.from(projectCommunities)
		.innerJoin(communities, eq(communities.id, projectCommunities.communityId))
		.where(inArray(projectCommunities.projectId, ids))
		.orderBy(asc(communities.name))
		.all();
	for (const r of rows) {
		const list = out.get(r.projectId) ?? [];
		list.push({ id: r.id, name: r.name });
		out.set(r.projectId, list);
	}
	return out;
}

export function toSummaries(db: DbLike, rows: ProjectRow[]): ProjectSummary[] {
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const spent = spentBy(db, ids);
	const progress = progressBy(db, ids);
	const coms = communitiesBy(db, ids);
	const unitIds = [...new Set(rows.map((r) => r.claimedBy).filter((u): u is string => !!u))];
	const unitNames = new Map(
		unitIds.length
			? db
					.select({ id: units.id, name: units.name })
					.from(units)
					.where(inArray(units.id, unitIds))
					.all()
					.map((u) => [u.id, u.name])
			: []
	);
	return rows.map((r) => {
		const s = spent.get(r.id) ?? 0;
		return {
			id: r.id,
			title: r.title,
			quarter: r.quarter,
			status: r.status,
			claimedBy: r.claimedBy ? { id: r.claimedBy, name: unitNames.get(r.claimedBy) ?? '' } : null,
			communities: coms.get(r.id) ?? [],
			budget: r.budget,
			spent: s,
			remaining: r.budget - s,
			progress: progress.get(r.id) ?? (r.status === 'done' ? 100 : 0),
			claimedAt: r.claimedAt?.getTime() ?? null,
			publishedAt: r.publishedAt?.getTime() ?? null
		};
	});
}

export function projectTasks(db: DbLike, projectId: string): ProjectTaskView[] {
	return db
		.select({
			id: tasks.id,
			title: tasks.title,
			status: tasks.status,
			progress: tasks.progress,
			dueAt: tasks.dueAt
		})
		.from(tasks)
		.where(eq(tasks.projectId, projectId))
		.orderBy(asc(tasks.createdAt), asc(tasks.title))
		.all()
		.map((t) => ({
			...t,
			progress: t.status === 'done' ? 100 : t.progress,
			dueAt: t.dueAt.getTime()
		}));
}

export function projectSpending(db: DbLike, projectId: string): SpendingView[] {
	return db
		.select({ s: spendings, name: users.displayName })
		.from(spendings)
		.leftJoin(users, eq(users.id, spendings.recordedBy))
		.where(eq(spendings.projectId, projectId))
		.orderBy(desc(spendings.spentOn), desc(spendings.createdAt))
		.all()
		.map(({ s, name }) => ({
			id: s.id,
			amount: s.amount,
			item: s.item,
			spentOn: s.spentOn,
			receiptUrl: s.receiptFile ? `/media/receipts/${s.id}` : null,
			receiptMime: s.receiptMime,
			recordedByName: name ?? null,
			createdAt: s.createdAt.getTime()
		}));
}

/** The rows of a committee's list, newest quarter first, then by title. */
export function projectRows(
	db: DbLike,
	committeeId: string,
	f: { quarter?: string; drafts: boolean; unitId?: string }
): ProjectRow[] {
	const where = [eq(projects.committeeId, committeeId)];
	if (f.quarter) where.push(eq(projects.quarter, f.quarter));
	if (!f.drafts) where.push(ne(projects.status, 'draft'));
	if (f.unitId) where.push(eq(projects.claimedBy, f.unitId));
	return db
		.select()
		.from(projects)
		.where(and(...where))
		.orderBy(desc(projects.quarter), asc(projects.title))
		.limit(500)
		.all();
}
