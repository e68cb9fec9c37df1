/**
 * Unit standings (履职积分 · 红黑榜): each member unit's duty points in a period, from the rules in
 * standings-rules.ts, its on-time rate, and the ranking. Everything is read from the records the
 * other domains keep (attendance, task units, tasks, ratings, notices), so the standings never
 * drift from what happened.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { units } from '../db/schema';
import { AppError, forbidden } from '../errors';
import { config } from '../config';
import { can, type Actor } from '../../shared/permissions';
import { STANDINGS_RULES, SATISFACTION_BASELINE, type StandingsRuleKey } from './standings-rules';
import { parsePeriod, type Period } from './period';
import { committeeOf } from './access';

export interface BreakdownLine {
	rule: StandingsRuleKey;
	/** Facts counted (for satisfaction: rated tasks). */
	count: number;
	points: number;
}

export interface UnitStanding {
	unitId: string;
	unitName: string;
	points: number;
	/** Tasks done by their due time ÷ tasks due in the period (null when none was due). */
	onTimeRate: number | null;
	rank: number;
	breakdown: BreakdownLine[];
	/** Mean satisfaction over the unit's rated tasks, null when none was rated. */
	satisfaction: number | null;
}

export interface Standings {
	period: Period;
	items: UnitStanding[];
}

type Counts = Map<string, Partial<Record<StandingsRuleKey, number>>>;

const round1 = (n: number) => Math.round(n * 10) / 10;

function add(counts: Counts, unitId: string, rule: StandingsRuleKey, n: number) {
	const c = counts.get(unitId) ?? {};
	c[rule] = (c[rule] ?? 0) + n;
	counts.set(unitId, c);
}

/** A unit counts once per meeting, however many of its people checked in. */
function attendance(db: DbLike, committeeId: string, p: Period, counts: Counts) {
	const rows = db.all<{ unitId: string; n: number }>(sql`
		select r.unit_id as unitId, count(distinct a.meeting_id) as n
		from meeting_attendance a
		join meeting m on m.id = a.meeting_id
		join role_assignment r on r.user_id = a.user_id and r.committee_id = m.committee_id
			and r.role in ('member', 'liaison')
		where m.committee_id = ${committeeId} and a.checked_in_at is not null
			and m.starts_at >= ${p.from.getTime()} and m.starts_at < ${p.to.getTime()}
		group by r.unit_id`);
	for (const r of rows) add(counts, r.unitId, 'attendance', r.n);
}

/** Each unit accepts on its own row; one never accepted counts as late once its time passed. */
function acceptance(db: DbLike, committeeId: string, p: Period, now: Date, counts: Counts) {
	const rows = db.all<{ unitId: string; inTime: number; late: number }>(sql`
		select u.unit_id as unitId,
			sum(u.accepted_at is not null and u.accepted_at <= t.accept_by) as inTime,
			sum((u.accepted_at is not null and u.accepted_at > t.accept_by)
				or (u.accepted_at is null and u.returned_at is null and t.accept_by < ${now.getTime()}))
				as late
		from task t join task_unit u on u.task_id = t.id
		where t.committee_id = ${committeeId} and t.status != 'cancelled'
			and t.accept_by >= ${p.from.getTime()} and t.accept_by < ${p.to.getTime()}
		group by u.unit_id`);
	for (const r of rows) {
		add(counts, r.unitId, 'acceptedInTime', r.inTime);
		add(counts, r.unitId, 'acceptedLate', r.late);
	}
}

/** The lead unit answers for completion: on time, late, or open past its due time. */
function completion(db: DbLike, committeeId: string, p: Period, now: Date, counts: Counts) {
	const rows = db.all<{ unitId: string; onTime: number; late: number }>(sql`
		select lead_unit_id as unitId,
			sum(status = 'done' and done_at <= due_at) as onTime,
			sum((status = 'done' and done_at > due_at)
				or (status != 'done' and due_at < ${now.getTime()})) as late
		from task
		where committee_id = ${committeeId} and status != 'cancelled'
			and due_at >= ${p.from.getTime()} and due_at < ${p.to.getTime()}
		group by lead_unit_id`);
	for (const r of rows) {
		add(counts, r.unitId, 'doneOnTime', r.onTime);
		add(counts, r.unitId, 'doneLate', r.late);
	}
}

/** Per rated task (approved in the period): the mean of its residents' scores. */
function satisfaction(db: DbLike, committeeId: string, p: Period) {
	return db.all<{ unitId: string; mean: number }>(sql`
		select t.lead_unit_id as unitId, avg(r.score) as mean
		from task t join rating r on r.task_id = t.id
		where t.committee_id = ${committeeId} and t.status = 'done'
			and t.done_at >= ${p.from.getTime()} and t.done_at < ${p.to.getTime()}
		group by t.id`);
}

function notices(db: DbLike, committeeId: string, p: Period, counts: Counts) {
	const rows = db.all<{ unitId: string; n: number; late: number }>(sql`
		select unit_id as unitId, count(*) as n, sum(late_at is not null) as late
		from supervision_notice
		where committee_id = ${committeeId}
			and issued_at >= ${p.from.getTime()} and issued_at < ${p.to.getTime()}
		group by unit_id`);
	for (const r of rows) {
		add(counts, r.unitId, 'notice', r.n);
		add(counts, r.unitId, 'noticeLate', r.late);
	}
}

/** Points from counts, rule by rule, in the order the page shows them. */
function breakdownOf(
	c: Partial<Record<StandingsRuleKey, number>>,
	rated: { mean: number }[]
): BreakdownLine[] {
	return STANDINGS_RULES.map((rule) => {
		if (rule.key === 'satisfaction') {
			const sum = rated.reduce((s, r) => s + (r.mean - SATISFACTION_BASELINE) * rule.points, 0);
			return { rule: rule.key, count: rated.length, points: round1(sum) };
		}
		const count = c[rule.key] ?? 0;
		return { rule: rule.key, count, points: count * rule.points };
	});
}

/** Rank by points, then on-time rate (none due ranks below any rate); ties share a rank. */
export function rank(items: Omit<UnitStanding, 'rank'>[]): UnitStanding[] {
	const rate = (s: { onTimeRate: number | null }) => s.onTimeRate ?? -1;
	const sorted = [...items].sort(
		(a, b) =>
			b.points - a.points || rate(b) - rate(a) || a.unitName.localeCompare(b.unitName, 'zh-CN')
	);
	let prev: (typeof sorted)[number] | undefined;
	let prevRank = 0;
	return sorted.map((s, i) => {
		const tied = prev && prev.points === s.points && rate(prev) === rate(s);
		const r = tied ? prevRank : i + 1;
		prev = s;
		prevRank = r;
		return { ...s, rank: r };
	});
}

/** Every unit of the committee with its points, on-time rate, rank and breakdown for `periodKey`. */
export function unitStandings(
	db: DbLike,
	actor: Actor,
	periodKey: string,
	opts: { committeeId?: string; now?: Date } = {}
): Standings {
	const committeeId = opts.committeeId ?? committeeOf(actor);
	if (!can(actor, 'standings.view', { committeeId })) throw forbidden();
	const period = parsePeriod(periodKey, config.timeZone);
	if (!period)
		throw new AppError(422, 'err.supervision.period', { period: ['err.supervision.period'] });
	const now = opts.now ?? new Date();
	const counts: Counts = new Map();
	attendance(db, committeeId, period, counts);
	acceptance(db, committeeId, period, now, counts);
	completion(db, committeeId, period, now, counts);
	notices(db, committeeId, period, counts);
	const rated = satisfaction(db, committeeId, period);
	const all = db
		.select({ id: units.id, name: units.name })
		.from(units)
		.where(eq(units.committeeId, committeeId))
		.all();
	const items = all.map((u) => {
		const c = counts.get(u.id) ?? {};
		const mine = rated.filter((r) => r.unitId === u.id);
		const breakdown = breakdownOf(c, mine);
		const due = (c.doneOnTime ?? 0) + (c.doneLate ?? 0);
		return {
			unitId: u.id,
			unitName: u.name,
			points: round1(breakdown.reduce((s, b) => s + b.points, 0)),
			onTimeRate: due ? (c.doneOnTime ?? 0) / due : null,
			breakdown,
			satisfaction: mine.length ? round1(mine.reduce((s, r) => s + r.mean, 0) / mine.length) : null
		};
	});
	return { period, items: rank(items) };
}
