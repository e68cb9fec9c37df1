/**
 * The dashboard (数据看板) for the committee and supervisors: needs received and accepted within
 * their limit, resolutions adopted and carried out, tasks on time, late and open, how long units
 * take to accept and to finish, residents' satisfaction; by unit, community and category, and
 * month by month. Every figure carries the link to the list behind it.
 */
import { eq } from 'drizzle-orm';
import type { DbLike } from '../db';
import { communities, needCategories, units } from '../db/schema';
import { forbidden } from '../errors';
import { can, type Actor } from '../../shared/permissions';
import {
	needGroups,
	ratingGroups,
	resolutionStats,
	taskGroups,
	type NeedGroup,
	type RatingGroup,
	type TaskGroup
} from './dashboard-queries';
import { needLinks, resolutionLink, taskLinks, type TaskLinks } from './dashboard-links';
import { monthsOf, type Period } from './period';
import { cachedFigures } from './figures-cache';

const HOUR = 3_600_000;

export interface TaskFigures {
	total: number;
	onTime: number;
	late: number;
	open: number;
	overdue: number;
	cancelled: number;
	accepted: number;
	acceptedInTime: number;
	/** Done on time among the tasks done; null before any is done. */
	onTimeRate: number | null;
	avgHoursToAccept: number | null;
	avgHoursToComplete: number | null;
	links: TaskLinks;
}

export interface Satisfaction {
	mean: number | null;
	count: number;
	/** Ratings per score, 1 to 5. */
	distribution: { score: number; count: number }[];
}

export interface NeedFigures {
	received: number;
	accepted: number;
	acceptedInTime: number;
	declined: number;
	acceptedInTimeRate: number | null;
	links: ReturnType<typeof needLinks>;
}

export interface Breakdown extends NeedFigures {
	id: string;
	name: string;
	satisfaction: Satisfaction;
}

export interface UnitFigures extends TaskFigures {
	id: string;
	name: string;
	satisfaction: Satisfaction;
}

export interface MonthFigures {
	month: string;
	needsReceived: number;
	needsAcceptedInTime: number;
	resolutionsAdopted: number;
	tasksDispatched: number;
	tasksOnTime: number;
	tasksLate: number;
	tasksOpen: number;
	ratings: number;
	ratingMean: number | null;
}

export interface DashboardFigures {
	period: { from: string; to: string };
	generatedAt: string;
	needs: NeedFigures;
	needsByCommunity: Breakdown[];
	needsByCategory: Breakdown[];
	resolutions: { adopted: number; withTasks: number; completed: number; link: string };
	tasks: TaskFigures;
	tasksByUnit: UnitFigures[];
	satisfaction: Satisfaction;
	monthly: MonthFigures[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);

function sumBy<T, K extends keyof T>(rows: T[], keys: K[]): Record<K, number> {
	const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
	for (const r of rows) for (const k of keys) out[k] += Number(r[k]) || 0;
	return out;
}

const TASK_KEYS = [
	'total',
	'onTime',
	'late',
	'open',
	'overdue',
	'cancelled',
	'accepted',
	'acceptedInTime',
	'acceptMs',
	'done',
	'doneMs'
] as const satisfies (keyof TaskGroup)[];

function taskFigures(rows: TaskGroup[], links: TaskLinks): TaskFigures {
	const s = sumBy(rows, [...TASK_KEYS]);
	return {
		total: s.total,
		onTime: s.onTime,
		late: s.late,
		open: s.open,
		overdue: s.overdue,
		cancelled: s.cancelled,
		accepted: s.accepted,
		acceptedInTime: s.acceptedInTime,
		onTimeRate: ratio(s.onTime, s.done),
		avgHoursToAccept: s.accepted ? round1(s.acceptMs / s.accepted / HOUR) : null,
		avgHoursToComplete: s.done ? round1(s.doneMs / s.done / HOUR) : null,
		links
	};
}

function needFigures(rows: NeedGroup[], links: NeedFigures['links']): NeedFigures {
	const s = sumBy(rows, ['received', 'accepted', 'acceptedInTime', 'declined']);
	return { ...s, acceptedInTimeRate: ratio(s.acceptedInTime, s.received), links };
}

export function satisfaction(rows: Pick<RatingGroup, 'score' | 'count'>[]): Satisfaction {
	const distribution = [1, 2, 3, 4, 5].map((score) => ({ score, count: 0 }));
	let sum = 0;
	let count = 0;
	for (const r of rows) {
		const d = distribution[r.score - 1];
		if (!d) continue;
		d.count += r.count;
		sum += r.score * r.count;
		count += r.count;
	}
	return { mean: count ? Math.round((sum / count) * 100) / 100 : null, count, distribution };
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const r of rows) {
		const k = key(r);
		const list = out.get(k);
		if (list) list.push(r);
		else out.set(k, [r]);
	}
	return out;
}

function monthly(
	months: string[],
	t: TaskGroup[],
	n: NeedGroup[],
	r: RatingGroup[],
	adopted: { month: string }[]
): MonthFigures[] {
	const [tm, nm, rm] = [
		group(t, (x) => x.month),
		group(n, (x) => x.month),
		group(r, (x) => x.month)
	];
	return months.map((month) => {
		const ts = sumBy(tm.get(month) ?? [], ['total', 'onTime', 'late', 'open']);
		const ns = sumBy(nm.get(month) ?? [], ['received', 'acceptedInTime']);
		const sat = satisfaction(rm.get(month) ?? []);
		return {
			month,
			needsReceived: ns.received,
			needsAcceptedInTime: ns.acceptedInTime,
			resolutionsAdopted: adopted.filter((a) => a.month === month).length,
			tasksDispatched: ts.total,
			tasksOnTime: ts.onTime,
			tasksLate: ts.late,
			tasksOpen: ts.open,
			ratings: sat.count,
			ratingMean: sat.mean
		};
	});
}

/** The dashboard's figures over `period` (asked by someone with `dashboard.view`). */
export function dashboardView(
	db: DbLike,
	actor: Actor,
	committeeId: string,
	period: Period,
	opts: { locale: string; now?: Date }
): DashboardFigures {
	if (!can(actor, 'dashboard.view', { committeeId })) throw forbidden();
	return figuresOf(db, committeeId, period, opts);
}

/**
 * The figures, for a caller that has checked who asks (the dashboard, the evaluation): computed
 * afresh only when the data behind them changed (figures-cache.ts).
 */
export function figuresOf(
	db: DbLike,
	committeeId: string,
	period: Period,
	opts: { locale: string; now?: Date }
): DashboardFigures {
	const now = opts.now ?? new Date();
	const key = `${period.from}|${period.to}|${period.timeZone}|${opts.locale}`;
	const figures = cachedFigures(db, committeeId, key, now, () =>
		computeFigures(db, committeeId, period, { locale: opts.locale, now })
	);
	return { ...figures, generatedAt: now.toISOString() };
}

/** The figures computed from the rows, every time (the bench's and the tests' reference). */
export function computeFigures(
	db: DbLike,
	committeeId: string,
	period: Period,
	opts: { locale: string; now?: Date }
): DashboardFigures {
	const now = opts.now ?? new Date();
	const t = taskGroups(db, committeeId, period, now);
	const n = needGroups(db, committeeId, period);
	const r = ratingGroups(db, committeeId, period);
	const res = resolutionStats(db, committeeId, period);
	const names = namesOf(db, committeeId, opts.locale);

	const byUnit = [group(t, (x) => x.unitId), group(r, (x) => x.unitId ?? '')] as const;
	const tasksByUnit = names.units.map(({ id, name }) => ({
		id,
		name,
		...taskFigures(byUnit[0].get(id) ?? [], taskLinks(period, id)),
		satisfaction: satisfaction(byUnit[1].get(id) ?? [])
	}));
	const breakdown = (
		key: (x: { communityId: string | null; category: string }) => string,
		list: { id: string; name: string }[],
		by: (id: string) => { community?: string; category?: string }
	): Breakdown[] => {
		const [ng, rg] = [group(n, key), group(r, key)];
		return list
			.filter((x) => ng.has(x.id) || rg.has(x.id))
			.map((x) => ({
				...x,
				...needFigures(ng.get(x.id) ?? [], needLinks(period, by(x.id))),
				satisfaction: satisfaction(rg.get(x.id) ?? [])
			}));
	};
	return {
		period: { from: period.from, to: period.to },
		generatedAt: now.toISOString(),
		needs: needFigures(n, needLinks(period)),
		needsByCommunity: breakdown(
			(x) => x.communityId ?? '',
			names.communities,
			(community) => ({ community })
		),
		needsByCategory: breakdown(
			(x) => x.category,
			names.categories,
			(category) => ({ category })
		),
		resolutions: {
			adopted: res.length,
			withTasks: res.filter((x) => x.tasks > 0).length,
			completed: res.filter((x) => x.tasks > 0 && x.done === x.tasks).length,
			link: resolutionLink(period)
		},
		tasks: taskFigures(t, taskLinks(period)),
		tasksByUnit,
		satisfaction: satisfaction(r),
		monthly: monthly(monthsOf(period), t, n, r, res)
	};
}

/** Names of the committee's units, communities and need categories, in the reader's language. */
function namesOf(db: DbLike, committeeId: string, locale: string) {
	const cats = db
		.select()
		.from(needCategories)
		.where(eq(needCategories.committeeId, committeeId))
		.orderBy(needCategories.sort)
		.all();
	return {
		units: db
			.select({ id: units.id, name: units.name })
			.from(units)
			.where(eq(units.committeeId, committeeId))
			.orderBy(units.createdAt, units.name)
			.all(),
		communities: db
			.select({ id: communities.id, name: communities.name })
			.from(communities)
			.where(eq(communities.committeeId, committeeId))
			.orderBy(communities.createdAt, communities.name)
			.all(),
		categories: cats.map((c) => ({ id: c.code, name: locale === 'en' ? c.nameEn : c.nameZh }))
	};
}
