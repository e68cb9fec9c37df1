/**
 * The annual evaluation (年度综合评估): the year's needs, resolutions and how each was carried
 * out, tasks, member units' standing and residents' satisfaction, for the annual meeting,
 * printed from the browser. Its figures are the dashboard's over the calendar year.
 */
import { sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { AppError, forbidden } from '../errors';
import { can, type Actor } from '../../shared/permissions';
import { figuresOf, type DashboardFigures } from './dashboard';
import { resolutionStats, type ResolutionRowStat } from './dashboard-queries';
import { yearPeriod } from './period';
import { unitStandings, type Standings } from '../supervision';

export interface Evaluation {
	year: number;
	figures: DashboardFigures;
	resolutions: ResolutionRowStat[];
	/** The member units' duty points over the year; null for a reader who may not see them. */
	standings: Standings | null;
	/** Years with anything to report, newest first (for moving between reports). */
	years: number[];
}

export function evaluationView(
	db: DbLike,
	actor: Actor,
	committeeId: string,
	year: number,
	opts: { locale: string; timeZone: string; now?: Date }
): Evaluation {
	if (!can(actor, 'evaluation.view', { committeeId })) throw forbidden();
	if (!Number.isInteger(year) || year < 2000 || year > 2999)
		throw new AppError(404, 'err.notFound');
	const period = yearPeriod(year, opts.timeZone);
	return {
		year,
		figures: figuresOf(db, committeeId, period, opts),
		resolutions: resolutionStats(db, committeeId, period),
		standings: can(actor, 'standings.view', { committeeId })
			? unitStandings(db, actor, String(year), { committeeId, now: opts.now })
			: null,
		years: yearsOf(db, committeeId, year)
	};
}

/** Years of the committee's resolutions and tasks, and the one asked for. */
function yearsOf(db: DbLike, committeeId: string, asked: number): number[] {
	const rows = db.all<{ y: number }>(sql`
		select distinct year as y from resolution where committee_id = ${committeeId}
		union select cast(strftime('%Y', min(created_at) / 1000, 'unixepoch') as integer) from task where committee_id = ${committeeId}
		union select cast(strftime('%Y', max(created_at) / 1000, 'unixepoch') as integer) from task where committee_id = ${committeeId}`);
	const years = new Set(rows.map((r) => r.y).filter((y): y is number => typeof y === 'number'));
	years.add(asked);
	const list = [...years].sort((a, b) => b - a);
	// Fill the gaps between the first and last year: a year with nothing is still a year.
	return Array.from({ length: list[0]! - list.at(-1)! + 1 }, (_, i) => list[0]! - i);
}
