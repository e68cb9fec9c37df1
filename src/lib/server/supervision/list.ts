/**
 * The supervision list (督办台): every task of the committee with its status, due dates and
 * lateness, filtered and sorted in SQL on the task table's own indexes (task_status_due_unit for
 * status, due time and a lead unit, task_unit's key for a co-unit), so a page of 100,000 tasks
 * answers in milliseconds. One scan finds the page's ids and the total (a window count); the
 * page's rows, names and notice counts are then read for those ids only.
 */
import { and, asc, desc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbLike } from '../db';
import { resolutions, supervisionNotices, taskUnits, tasks, units } from '../db/schema';
import { forbidden } from '../errors';
import { can, type Actor } from '../../shared/permissions';
import { OPEN_TASK_STATUSES, type TaskStatus } from '../../shared/tasks/options';
import { committeeOf } from './access';

export const LIST_SORTS = ['due', 'lateness', 'unit'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

const DAY = 86_400_000;

export interface SupervisionFilter {
	status?: TaskStatus[];
	/** Lead unit or co-unit. */
	unitId?: string;
	/** Tasks answering a need of this community. */
	communityId?: string;
	resolutionId?: string;
	overdue?: boolean;
	/** Open tasks due within this many days from now (not yet overdue). */
	dueWithinDays?: number;
	sort?: ListSort;
	dir?: 'asc' | 'desc';
	limit?: number;
	/** Opaque: the `nextCursor` of the page before. */
	cursor?: string;
	now?: Date;
}

export interface SupervisionRow {
	id: string;
	title: string;
	status: TaskStatus;
	progress: number;
	leadUnitId: string;
	leadUnitName: string;
	resolutionId: string | null;
	resolutionNumber: string | null;
	acceptBy: Date;
	acceptedAt: Date | null;
	dueAt: Date;
	doneAt: Date | null;
	overdue: boolean;
	/** Whole days past the due time: open and late, or done late; 0 otherwise. */
	daysLate: number;
	/** Not accepted in time (still pending past acceptBy, or accepted after it). */
	acceptLate: boolean;
	/** Open and not late: whole days left (0 = due within a day); null otherwise. */
	daysLeft: number | null;
	openNotices: number;
}

export interface SupervisionPage {
	items: SupervisionRow[];
	total: number;
	nextCursor: string | null;
}

const open = inArray(tasks.status, [...OPEN_TASK_STATUSES]);

function conditions(committeeId: string, f: SupervisionFilter, now: number): SQL[] {
	const where: SQL[] = [eq(tasks.committeeId, committeeId)];
	if (f.status?.length) where.push(inArray(tasks.status, f.status));
	if (f.overdue) where.push(open, lte(tasks.dueAt, new Date(now)));
	if (f.dueWithinDays !== undefined)
		where.push(
			open,
			gt(tasks.dueAt, new Date(now)),
			lte(tasks.dueAt, new Date(now + f.dueWithinDays * DAY))
		);
	if (f.resolutionId) where.push(eq(tasks.resolutionId, f.resolutionId));
	if (f.unitId)
		// EXISTS probes task_unit's key per candidate; `id in (…)` built the unit's whole task
		// list (thousands of ids) on every call.
		where.push(
			or(
				eq(tasks.leadUnitId, f.unitId),
				sql`exists (select 1 from task_unit tu where tu.task_id = ${tasks.id} and tu.unit_id = ${f.unitId})`
			)!
		);
	if (f.communityId)
		where.push(sql`${tasks.id} in (select tn.task_id from task_need tn
			join need n on n.id = tn.need_id where n.community_id = ${f.communityId})`);
	return where;
}

/** How late, in ms: open tasks by now, done ones by when they were done; never negative. */
const lateness = (now: number) =>
	sql`max(0, case when ${tasks.status} in ('pending', 'returned', 'in_progress', 'submitted')
		then ${now} - ${tasks.dueAt} when ${tasks.status} = 'done' then ${tasks.doneAt} - ${tasks.dueAt}
		else 0 end)`;

function order(f: SupervisionFilter, now: number): SQL[] {
	const d = f.dir === 'desc' ? desc : asc;
	switch (f.sort ?? 'due') {
		case 'lateness':
			// Every overdue task is open and due by now, so lateness is now − due: order by the due
			// time itself, which the index holds (no row read, same order, same ties).
			if (f.overdue)
				return f.dir === 'asc'
					? [desc(tasks.dueAt), asc(tasks.id)]
					: [asc(tasks.dueAt), asc(tasks.id)];
			// Most late first unless asked otherwise.
			return [
				f.dir === 'asc' ? asc(lateness(now)) : desc(lateness(now)),
				asc(tasks.dueAt),
				asc(tasks.id)
			];
		case 'unit':
			return [
				d(sql`(select name from unit where unit.id = ${tasks.leadUnitId})`),
				asc(tasks.dueAt),
				asc(tasks.id)
			];
		default:
			return [d(tasks.dueAt), d(tasks.id)];
	}
}

const offsetOf = (cursor?: string) => {
	const n = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
	return Number.isSafeInteger(n) && n > 0 ? n : 0;
};
const cursorOf = (offset: number) => Buffer.from(String(offset)).toString('base64url');

/** Filters that leave one unit's, resolution's or community's tasks: thousands at most. */
const narrow = (f: SupervisionFilter) => !!(f.unitId || f.resolutionId || f.communityId);

/**
 * The page's ids (one more than the page, to know there is a next) and the total. A narrow
 * filter counts in the same scan (a window count keeps every match until the sort is done, which
 * costs nothing for a few thousand); the whole committee's list keeps its top-N sort and counts
 * on the index.
 */
function pageIds(
	db: DbLike,
	where: SQL | undefined,
	orderBy: SQL[],
	limit: number,
	offset: number,
	counted: boolean
): { found: { id: string }[]; total: number } {
	const count = () =>
		db
			.select({ n: sql<number>`count(*)` })
			.from(tasks)
			.where(where)
			.get()?.n ?? 0;
	if (!counted) {
		const found = db
			.select({ id: tasks.id })
			.from(tasks)
			.where(where)
			.orderBy(...orderBy)
			.limit(limit + 1)
			.offset(offset)
			.all();
		return { found, total: count() };
	}
	const found = db
		.select({ id: tasks.id, total: sql<number>`count(*) over ()` })
		.from(tasks)
		.where(where)
		.orderBy(...orderBy)
		.limit(limit + 1)
		.offset(offset)
		.all();
	// Past the last page the window has no row to count on.
	return { found, total: found[0]?.total ?? (offset ? count() : 0) };
}

/** One page of the supervision list for the actor's committee. */
export function supervisionList(
	db: DbLike,
	actor: Actor,
	filter: SupervisionFilter = {}
): SupervisionPage {
	const committeeId = committeeOf(actor);
	if (!can(actor, 'supervision.view', { committeeId })) throw forbidden();
	const now = (filter.now ?? new Date()).getTime();
	const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
	const offset = offsetOf(filter.cursor);
	const where = and(...conditions(committeeId, filter, now));
	const { found, total } = pageIds(db, where, order(filter, now), limit, offset, narrow(filter));
	const ids = found.slice(0, limit).map((r) => r.id);
	const byId = new Map(
		ids.length
			? db
					.select()
					.from(tasks)
					.where(inArray(tasks.id, ids))
					.all()
					.map((t) => [t.id, t])
			: []
	);
	const page = ids.map((id) => byId.get(id)).filter((t) => t !== undefined);
	return {
		items: decorate(db, page, now),
		total,
		nextCursor: found.length > limit ? cursorOf(offset + limit) : null
	};
}

function decorate(db: DbLike, rows: (typeof tasks.$inferSelect)[], now: number): SupervisionRow[] {
	if (!rows.length) return [];
	const unitIds = [...new Set(rows.map((r) => r.leadUnitId))];
	const resIds = [...new Set(rows.map((r) => r.resolutionId).filter((r): r is string => !!r))];
	const unitNames = new Map(
		db
			.select({ id: units.id, name: units.name })
			.from(units)
			.where(inArray(units.id, unitIds))
			.all()
			.map((u) => [u.id, u.name])
	);
	const numbers = new Map(
		resIds.length
			? db
					.select({ id: resolutions.id, number: resolutions.number })
					.from(resolutions)
					.where(inArray(resolutions.id, resIds))
					.all()
					.map((r) => [r.id, r.number])
			: []
	);
	const notices = new Map(
		db
			.select({ taskId: supervisionNotices.taskId, n: sql<number>`count(*)` })
			.from(supervisionNotices)
			.where(
				and(
					inArray(
						supervisionNotices.taskId,
						rows.map((r) => r.id)
					),
					sql`${supervisionNotices.repliedAt} is null`
				)
			)
			.groupBy(supervisionNotices.taskId)
			.all()
			.map((r) => [r.taskId, r.n])
	);
	return rows.map((t) => {
		const isOpen = OPEN_TASK_STATUSES.includes(t.status);
		const due = t.dueAt.getTime();
		const lateMs = isOpen ? now - due : t.doneAt ? t.doneAt.getTime() - due : 0;
		return {
			id: t.id,
			title: t.title,
			status: t.status,
			progress: t.progress,
			leadUnitId: t.leadUnitId,
			leadUnitName: unitNames.get(t.leadUnitId) ?? '',
			resolutionId: t.resolutionId,
			resolutionNumber: t.resolutionId ? (numbers.get(t.resolutionId) ?? null) : null,
			acceptBy: t.acceptBy,
			acceptedAt: t.acceptedAt,
			dueAt: t.dueAt,
			doneAt: t.doneAt,
			overdue: isOpen && due <= now,
			daysLate: lateMs > 0 ? Math.floor(lateMs / DAY) : 0,
			acceptLate: t.acceptedAt
				? t.acceptedAt > t.acceptBy
				: t.status === 'pending' && t.acceptBy.getTime() < now,
			daysLeft: isOpen && due > now ? Math.floor((due - now) / DAY) : null,
			openNotices: notices.get(t.id) ?? 0
		};
	});
}

/** Resolutions adopted but not yet dispatched as any task: supervision sees them too. */
export function undispatchedResolutions(db: DbLike, actor: Actor) {
	const committeeId = committeeOf(actor);
	if (!can(actor, 'supervision.view', { committeeId })) throw forbidden();
	return db
		.select({
			id: resolutions.id,
			number: resolutions.number,
			title: resolutions.title,
			adoptedAt: resolutions.adoptedAt
		})
		.from(resolutions)
		.where(
			and(
				eq(resolutions.committeeId, committeeId),
				sql`not exists (select 1 from task where task.resolution_id = ${resolutions.id})`
			)
		)
		.orderBy(asc(resolutions.adoptedAt))
		.limit(200)
		.all();
}

/** The units on each of these tasks (lead first), for the notice form's choice of unit. */
export function unitsOfTasks(db: DbLike, taskIds: string[]) {
	const out = new Map<string, { id: string; name: string }[]>();
	if (!taskIds.length) return out;
	const rows = db
		.select({ taskId: taskUnits.taskId, id: units.id, name: units.name, role: taskUnits.role })
		.from(taskUnits)
		.innerJoin(units, eq(units.id, taskUnits.unitId))
		.where(inArray(taskUnits.taskId, taskIds))
		.orderBy(asc(taskUnits.role), asc(units.name))
		.all();
	for (const r of rows)
		out.set(r.taskId, [...(out.get(r.taskId) ?? []), { id: r.id, name: r.name }]);
	return out;
}
