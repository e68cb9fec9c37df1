/**
 * The dashboard's aggregates, each one SQL statement grouped so finely that every breakdown
 * (by unit, community, category, month) is a sum of its rows in JS: one pass over each table's
 * rows of the period, through the indexes that start with (committee, created_at). Progress
 * reports are never read: a task's latest progress and its dates live on the task row.
 */
import { sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { OPEN_TASK_STATUSES } from '../../shared/tasks/options';
import { monthStarts, monthsOf, type Period } from './period';

const openList = sql.raw(OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * The month of the period a time falls in, as its index: a chain of comparisons with the
 * months' first instants (worked out in the committee's time zone), several times cheaper per
 * row than formatting each time with strftime.
 */
function monthIndex(col: string, p: Period) {
	const starts = monthStarts(p).slice(1);
	if (!starts.length) return sql.raw('0');
	const arms = starts.map((t, i) => `when ${col} < ${t.getTime()} then ${i}`).join(' ');
	return sql.raw(`case ${arms} else ${starts.length} end`);
}

/** Rows with a month index `m` → rows with the month's key. */
function withMonth<T extends { m: number }>(
	rows: T[],
	p: Period
): (Omit<T, 'm'> & { month: string })[] {
	const months = monthsOf(p);
	return rows.map(({ m, ...rest }) => ({ ...rest, month: months[m] ?? months.at(-1)! }));
}

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

interface TaskBucket {
	unitId: string;
	m: number;
	k: 'onTime' | 'late' | 'open' | 'overdue' | 'cancelled';
	n: number;
	accepted: number;
	acceptedInTime: number;
	acceptMs: number;
	doneMs: number;
}

/**
 * Tasks dispatched in the period, by lead unit and month (cancelled ones counted apart). Each
 * row is put in one outcome bucket by one CASE, so the scan does little per row; the buckets
 * are folded into the figures here.
 */
export function taskGroups(db: DbLike, committeeId: string, p: Period, now: Date): TaskGroup[] {
	const rows = db.all<TaskBucket>(sql`
		select lead_unit_id as unitId, ${monthIndex('created_at', p)} as m,
			case
				when status = 'done' then case when done_at <= due_at then 'onTime' else 'late' end
				when status = 'cancelled' then 'cancelled'
				when due_at < ${now.getTime()} then 'overdue'
				else 'open'
			end as k,
			count(*) as n,
			count(accepted_at) as accepted,
			count(*) filter (where accepted_at <= accept_by) as acceptedInTime,
			coalesce(sum(accepted_at - created_at), 0) as acceptMs,
			coalesce(sum(done_at - created_at), 0) as doneMs
		from task
		where committee_id = ${committeeId} and created_at >= ${p.start.getTime()} and created_at < ${p.end.getTime()}
		group by 1, 2, 3`);
	const groups = new Map<string, TaskGroup>();
	for (const r of withMonth(rows, p)) {
		const key = `${r.unitId}|${r.month}`;
		let g = groups.get(key);
		if (!g) {
			g = {
				unitId: r.unitId,
				month: r.month,
				total: 0,
				onTime: 0,
				late: 0,
				open: 0,
				overdue: 0,
				cancelled: 0,
				accepted: 0,
				acceptedInTime: 0,
				acceptMs: 0,
				done: 0,
				doneMs: 0
			};
			groups.set(key, g);
		}
		if (r.k === 'cancelled') {
			g.cancelled += r.n;
			continue;
		}
		g.total += r.n;
		g.accepted += r.accepted;
		g.acceptedInTime += r.acceptedInTime;
		g.acceptMs += r.acceptMs;
		if (r.k === 'onTime' || r.k === 'late') {
			g[r.k] += r.n;
			g.done += r.n;
			g.doneMs += r.doneMs;
		} else {
			g.open += r.n;
			if (r.k === 'overdue') g.overdue += r.n;
		}
	}
	return [...groups.values()];
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
	const rows = db.all<NeedGroup & { m: number }>(sql`
		select community_id as communityId, category, m,
			count(*) as received,
			count(acceptedAt) as accepted,
			count(*) filter (where acceptedAt <= respond_by) as acceptedInTime,
			count(*) filter (where status = 'declined') as declined
		from (
			select n.community_id, n.category, n.status, n.respond_by,
				${monthIndex('n.created_at', p)} as m,
				(select min(e.at) from need_event e where e.need_id = n.id and e.kind = 'accepted') as acceptedAt
			from need n
			where n.committee_id = ${committeeId} and n.created_at >= ${p.start.getTime()} and n.created_at < ${p.end.getTime()}
		)
		group by 1, 2, 3`);
	return withMonth(rows, p);
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
	// CROSS JOIN keeps ratings (by rating_created) as the outer loop: otherwise the planner may
	// walk every need of the committee and look for its ratings.
	const rows = db.all<RatingGroup & { m: number }>(sql`
		select t.lead_unit_id as unitId, n.category, n.community_id as communityId,
			${monthIndex('r.created_at', p)} as m, r.score, count(*) as count
		from rating r
		cross join need n on n.id = r.need_id
		left join task t on t.id = r.task_id
		where r.created_at >= ${p.start.getTime()} and r.created_at < ${p.end.getTime()}
			and n.committee_id = ${committeeId}
		group by 1, 2, 3, 4, 5`);
	return withMonth(rows, p);
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
	const rows = db.all<Omit<ResolutionRowStat, 'month'> & { m: number }>(sql`
		select r.id, r.number, r.title, ${monthIndex('r.adopted_at', p)} as m,
			r.adopted_at as adoptedAt,
			count(t.id) filter (where t.status <> 'cancelled') as tasks,
			count(t.id) filter (where t.status = 'done') as done,
			count(t.id) filter (where t.status in (${openList})) as open
		from resolution r
		left join task t on t.resolution_id = r.id
		where r.committee_id = ${committeeId} and r.adopted_at >= ${p.start.getTime()} and r.adopted_at < ${p.end.getTime()}
		group by r.id
		order by r.adopted_at`);
	return withMonth(rows, p);
}
