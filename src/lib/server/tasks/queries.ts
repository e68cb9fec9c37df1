/**
 * Reading tasks: lists filtered as the supervision pages and the API ask (status, unit, overdue,
 * resolution, need, project, dispatch period), and one task with its units, needs, reports and
 * timeline. Lateness is computed at the moment of the request from the stored times.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import {
	needs,
	resolutions,
	taskEvents,
	taskNeeds,
	taskReportFiles,
	taskReports,
	taskUnits,
	tasks,
	units,
	users,
	type TaskRow
} from '../db/schema';
import { canSeeNeed } from '../needs/needs';
import { mayOnTask, visibleTask } from './access';
import { can, isStaff, type Actor } from '../../shared/permissions';
import {
	OPEN_TASK_STATUSES,
	type TaskEventKind,
	type TaskStatus
} from '../../shared/tasks/options';
import type { TaskSummary, TaskView } from '../../shared/tasks/view';

export interface TaskFilter {
	status?: TaskStatus[];
	unitId?: string;
	overdue?: boolean;
	/** Done after its deadline, or still open past it (the dashboard's "late" figures). */
	late?: boolean;
	resolutionId?: string;
	needId?: string;
	projectId?: string;
	from?: Date;
	to?: Date;
	limit?: number;
}

function summary(
	t: TaskRow & { leadUnitName: string; resolutionNumber: string | null },
	now: Date
): TaskSummary {
	const open = OPEN_TASK_STATUSES.includes(t.status);
	return {
		id: t.id,
		title: t.title,
		status: t.status,
		progress: t.progress,
		leadUnitId: t.leadUnitId,
		leadUnitName: t.leadUnitName,
		resolutionId: t.resolutionId,
		resolutionNumber: t.resolutionNumber,
		projectId: t.projectId,
		acceptBy: t.acceptBy,
		dueAt: t.dueAt,
		acceptedAt: t.acceptedAt,
		doneAt: t.doneAt,
		createdAt: t.createdAt,
		overdue: open && t.dueAt < now,
		acceptLate: t.status === 'pending' && t.acceptBy < now
	};
}

/** The tasks the actor may see, newest first (overdue ones: most overdue first). */
export function listTasks(
	db: Db,
	actor: Actor,
	committeeId: string,
	f: TaskFilter = {}
): TaskSummary[] {
	const now = new Date();
	const staff = isStaff(actor, committeeId);
	if (!staff && !actor.roles.some((r) => r.committeeId === committeeId)) return [];
	const where: SQL[] = [eq(tasks.committeeId, committeeId)];
	if (f.status?.length) where.push(inArray(tasks.status, f.status));
	if (f.unitId)
		where.push(
			or(
				eq(tasks.leadUnitId, f.unitId),
				sql`exists (select 1 from task_unit tu where tu.task_id = ${tasks.id} and tu.unit_id = ${f.unitId})`
			)!
		);
	if (f.overdue) {
		where.push(inArray(tasks.status, [...OPEN_TASK_STATUSES]));
		where.push(lt(tasks.dueAt, now));
	}
	if (f.late)
		where.push(
			or(
				sql`${tasks.doneAt} > ${tasks.dueAt}`,
				and(inArray(tasks.status, [...OPEN_TASK_STATUSES]), lt(tasks.dueAt, now))
			)!
		);
	if (f.resolutionId) where.push(eq(tasks.resolutionId, f.resolutionId));
	if (f.projectId) where.push(eq(tasks.projectId, f.projectId));
	if (f.needId)
		where.push(
			sql`exists (select 1 from task_need tn where tn.task_id = ${tasks.id} and tn.need_id = ${f.needId})`
		);
	if (f.from) where.push(gte(tasks.createdAt, f.from));
	if (f.to) where.push(lte(tasks.createdAt, f.to));
	// Residents follow tasks answering public needs or public meetings' resolutions.
	if (!staff)
		where.push(
			sql`(exists (select 1 from task_need tn join need n on n.id = tn.need_id where tn.task_id = ${tasks.id} and n.visibility = 'public')
				or exists (select 1 from resolution r join meeting m on m.id = r.meeting_id where r.id = ${tasks.resolutionId} and m.visibility = 'public'))`
		);
	const rows = db
		.select({ task: tasks, leadUnitName: units.name, resolutionNumber: resolutions.number })
		.from(tasks)
		.innerJoin(units, eq(units.id, tasks.leadUnitId))
		.leftJoin(resolutions, eq(resolutions.id, tasks.resolutionId))
		.where(and(...where))
		.orderBy(f.overdue ? asc(tasks.dueAt) : desc(tasks.createdAt))
		.limit(Math.min(f.limit ?? 200, 1000))
		.all();
	return rows.map((r) =>
		summary({ ...r.task, leadUnitName: r.leadUnitName, resolutionNumber: r.resolutionNumber }, now)
	);
}

function timeline(db: DbLike, taskId: string): TaskView['timeline'] {
	return db
		.select({ e: taskEvents, actorName: users.displayName, unitName: units.name })
		.from(taskEvents)
		.leftJoin(users, eq(users.id, taskEvents.actorId))
		.leftJoin(units, eq(units.id, taskEvents.unitId))
		.where(eq(taskEvents.taskId, taskId))
		.orderBy(asc(taskEvents.at), asc(taskEvents.id))
		.all()
		.map((r) => ({
			at: r.e.at,
			kind: r.e.kind as TaskEventKind,
			actorName: r.actorName,
			unitName: r.unitName,
			detail: JSON.parse(r.e.detail) as Record<string, string | number | null>
		}));
}

function reports(db: DbLike, taskId: string): TaskView['reports'] {
	const rows = db
		.select({ r: taskReports, unitName: units.name, authorName: users.displayName })
		.from(taskReports)
		.leftJoin(units, eq(units.id, taskReports.unitId))
		.leftJoin(users, eq(users.id, taskReports.authorId))
		.where(eq(taskReports.taskId, taskId))
		.orderBy(desc(taskReports.createdAt))
		.all();
	const files = rows.length
		? db
				.select()
				.from(taskReportFiles)
				.where(
					inArray(
						taskReportFiles.reportId,
						rows.map((r) => r.r.id)
					)
				)
				.all()
		: [];
	return rows.map(({ r, unitName, authorName }) => ({
		id: r.id,
		unitId: r.unitId,
		unitName: unitName ?? '',
		authorName: authorName ?? '',
		progress: r.progress,
		text: r.text,
		createdAt: r.createdAt,
		files: files
			.filter((f) => f.reportId === r.id)
			.map((f) => ({
				id: f.id,
				url: `/media/tasks/${f.id}`,
				mime: f.mime,
				name: f.name,
				bytes: f.bytes
			}))
	}));
}

/** One task as its page and the API show it, with what the actor may do on it now. */
export function getTask(db: Db, actor: Actor, id: string): TaskView {
	const { task, scope } = visibleTask(db, actor, id);
	const now = new Date();
	const unitRows = db
		.select({ u: taskUnits, name: units.name })
		.from(taskUnits)
		.innerJoin(units, eq(units.id, taskUnits.unitId))
		.where(eq(taskUnits.taskId, id))
		.orderBy(desc(taskUnits.role), asc(units.name))
		.all();
	const lead = unitRows.find((u) => u.u.role === 'lead');
	const resolution = task.resolutionId
		? db.select().from(resolutions).where(eq(resolutions.id, task.resolutionId)).get()
		: undefined;
	const linked = db
		.select({ need: needs })
		.from(taskNeeds)
		.innerJoin(needs, eq(needs.id, taskNeeds.needId))
		.where(eq(taskNeeds.taskId, id))
		.all()
		.map((r) => r.need)
		.filter((n) => canSeeNeed(actor, n));
	const mine = new Set(
		actor.roles
			.filter(
				(r) => r.committeeId === task.committeeId && (r.role === 'liaison' || r.role === 'member')
			)
			.map((r) => r.unitId)
	);
	const open = OPEN_TASK_STATUSES.includes(task.status);
	const acting = mayOnTask(actor, 'task.act', task, scope);
	const scopeFull = { committeeId: task.committeeId, task: scope };
	return {
		...summary(
			{ ...task, leadUnitName: lead?.name ?? '', resolutionNumber: resolution?.number ?? null },
			now
		),
		description: task.description,
		acceptHours: task.acceptHours,
		submittedAt: task.submittedAt,
		units: unitRows.map(({ u, name }) => ({
			unitId: u.unitId,
			unitName: name,
			role: u.role,
			acceptedAt: u.acceptedAt,
			returnedAt: u.returnedAt,
			returnReason: u.returnReason
		})),
		needs: linked.map((n) => ({ id: n.id, title: n.title, status: n.status })),
		reports: reports(db, id),
		timeline: timeline(db, id),
		can: {
			accept:
				acting && open
					? unitRows
							.filter((u) => mine.has(u.u.unitId) && !u.u.acceptedAt && !u.u.returnedAt)
							.map((u) => u.u.unitId)
					: [],
			report:
				acting &&
				task.status === 'in_progress' &&
				unitRows.some((u) => mine.has(u.u.unitId) && !!u.u.acceptedAt),
			submit: task.status === 'in_progress' && can(actor, 'task.submit', scopeFull),
			approve: task.status === 'submitted' && can(actor, 'task.approve', scopeFull),
			manage: open && can(actor, 'task.manage', scopeFull),
			notice: open && can(actor, 'notice.issue', scopeFull)
		}
	};
}
