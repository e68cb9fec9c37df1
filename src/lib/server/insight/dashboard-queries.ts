/**
 * The dashboard's aggregates, each one SQL statement grouped so finely that every breakdown
 * (by unit, community, category, month) is a sum of its rows in JS: one pass over each table's
 * rows of the period, through the indexes that start with (committee, created_at). Progress
 * reports are never read: a task's latest progress and its dates live on the task row.
 */
import { sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { OPEN_TASK_STATUSES } from '../../shared/tasks/options';
import { offsetSeconds, type Period } from './period';

const openList = sql.raw(OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', '));
const month = (col: string, off: number) =>
	sql.raw(`strftime('%Y-%m', ${col} / 1000 + ${Math.trunc(off)}, 'unixepoch')`);

export interface TaskGroup {
	unitId: string;
	month: string;
	total: number;
	onTime: number;
	late: number;
	open: number;
	overdue: number;
	cancelled: number;
	accepted: number;
	acceptedInTime: number;
	acceptMs: number;
	done: number;
	doneMs: number;
}

/** Tasks dispatched in the period, by lead unit and month (cancelled ones counted apart). */
export function taskGroups(db: DbLike, committeeId: string, p: Period, now: Date): TaskGroup[] {
	const live = sql.raw(`status <> 'cancelled'`);
	return db.all<TaskGroup>(sql`
		select lead_unit_id as unitId, ${month('created_at', offsetSeconds(p))} as month,
			count(*) filter (where ${live}) as total,
			count(*) filter (where status = 'done' and done_at <= due_at) as onTime,
			count(*) filter (where status = 'done' and done_at > due_at) as late,
			count(*) filter (where status in (${openList})) as open,
			count(*) filter (where status in (${openList}) and due_at < ${now.getTime()}) as overdue,
			count(*) filter (where status = 'cancelled') as cancelled,
			count(*) filter (where ${live} and accepted_at is not null) as accepted,
			count(*) filter (where ${live} and accepted_at <= accept_by) as acceptedInTime,
			coalesce(sum(accepted_at - created_at) filter (where ${live} and accepted_at is not null), 0) as acceptMs,
			count(*) filter (where status = 'done') as done,
			coalesce(sum(done_at - created_at) filter (where status = 'done'), 0) as doneMs
		from task
		where committee_id = ${committeeId} and created_at >= ${p.start.getTime()} and created_at < ${p.end.getTime()}
		group by 1, 2`);
}

export interface NeedGroup {
	communityId: string | null;
	category: string;
	month: string;
	received: number;
	accepted: number;
	acceptedInTime: number;
	declined: number;
}

/**
 * Needs received in the period, by community, category and month. "Accepted within the limit"
 * is read from the need's timeline: its acceptance entry no later than its `respond_by`.
 */
export function needGroups(db: DbLike, committeeId: string, p: Period): NeedGroup[] {
	return db.all<NeedGroup>(sql`
		select community_id as communityId, category, month,
			count(*) as received,
			count(acceptedAt) as accepted,
			count(*) filter (where acceptedAt <= respond_by) as acceptedInTime,
			count(*) filter (where status = 'declined') as declined
		from (
			select n.community_id, n.category, n.status, n.respond_by,
				${month('n.created_at', offsetSeconds(p))} as month,
				(select min(e.at) from need_event e where e.need_id = n.id and e.kind = 'accepted') as acceptedAt
			from need n
			where n.committee_id = ${committeeId} and n.created_at >= ${p.start.getTime()} and n.created_at < ${p.end.getTime()}
		)
		group by 1, 2, 3`);
}

export interface RatingGroup {
	unitId: string | null;
	category: string;
	communityId: string | null;
	month: string;
	score: number;
	count: number;
}

/** Ratings given in the period, by the rated task's lead unit, the need's category and community. */
export function ratingGroups(db: DbLike, committeeId: string, p: Period): RatingGroup[] {
	return db.all<RatingGroup>(sql`
		select t.lead_unit_id as unitId, n.category, n.community_id as communityId,
			${month('r.created_at', offsetSeconds(p))} as month, r.score, count(*) as count
		from rating r
		join need n on n.id = r.need_id
		left join task t on t.id = r.task_id
		where r.created_at >= ${p.start.getTime()} and r.created_at < ${p.end.getTime()}
			and n.committee_id = ${committeeId}
		group by 1, 2, 3, 4, 5`);
}

export interface ResolutionRowStat {
	id: string;
	number: string;
	title: string;
	month: string;
	adoptedAt: number;
	tasks: number;
	done: number;
	open: number;
}

/** Resolutions adopted in the period, each with how many of its (live) tasks are done. */
export function resolutionStats(db: DbLike, committeeId: string, p: Period): ResolutionRowStat[] {
	return db.all<ResolutionRowStat>(sql`
		select r.id, r.number, r.title, ${month('r.adopted_at', offsetSeconds(p))} as month,
			r.adopted_at as adoptedAt,
			count(t.id) filter (where t.status <> 'cancelled') as tasks,
			count(t.id) filter (where t.status = 'done') as done,
			count(t.id) filter (where t.status in (${openList})) as open
		from resolution r
		left join task t on t.resolution_id = r.id
		where r.committee_id = ${committeeId} and r.adopted_at >= ${p.start.getTime()} and r.adopted_at < ${p.end.getTime()}
		group by r.id
		order by r.adopted_at`);
}
