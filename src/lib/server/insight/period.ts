/**
 * The period a dashboard or evaluation covers, in the committee's time zone: whole days from
 * `from` (inclusive) to `to` (inclusive) as people write them (`2026-01-01`), held as the instants
 * [start, end). Months are counted in the same zone.
 */
import { AppError } from '../errors';
import { wallTimeToDate, zonedParts } from '../../time';

export interface Period {
	/** First day, `YYYY-MM-DD`, in the committee's time zone. */
	from: string;
	/** Last day (inclusive), `YYYY-MM-DD`. */
	to: string;
	start: Date;
	end: Date;
	timeZone: string;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const two = (n: number) => String(n).padStart(2, '0');

export function dayOf(d: Date, timeZone: string): string {
	const p = zonedParts(d, timeZone);
	return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

function startOfDay(day: string, timeZone: string): Date {
	const d = wallTimeToDate(`${day}T00:00`, timeZone);
	if (!d) throw new AppError(400, 'err.validation', { from: ['err.invalid'] });
	return d;
}

function nextDay(day: string): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const next = new Date(Date.UTC(y, m - 1, d + 1));
	return `${next.getUTCFullYear()}-${two(next.getUTCMonth() + 1)}-${two(next.getUTCDate())}`;
}

function validDay(day: string): boolean {
	const m = DAY_PATTERN.exec(day);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
	return d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/**
 * The period asked for, or by default the last 12 months: from the first day of the month
 * eleven months back to today, so every month of the trend is whole but the current one.
 */
export function periodOf(q: { from?: string; to?: string }, now: Date, timeZone: string): Period {
	const today = dayOf(now, timeZone);
	const p = zonedParts(now, timeZone);
	const back = new Date(Date.UTC(p.year, p.month - 1 - 11, 1));
	const from = q.from || `${back.getUTCFullYear()}-${two(back.getUTCMonth() + 1)}-01`;
	const to = q.to || today;
	const errors: Record<string, ['err.invalid']> = {};
	if (!validDay(from)) errors.from = ['err.invalid'];
	if (!validDay(to)) errors.to = ['err.invalid'];
	if (!errors.from && !errors.to && to < from) errors.to = ['err.invalid'];
	if (Object.keys(errors).length) throw new AppError(400, 'err.validation', errors);
	return {
		from,
		to,
		start: startOfDay(from, timeZone),
		end: startOfDay(nextDay(to), timeZone),
		timeZone
	};
}

/** A calendar year in the committee's time zone (the annual evaluation's period). */
export function yearPeriod(year: number, timeZone: string): Period {
	return periodOf({ from: `${year}-01-01`, to: `${year}-12-31` }, new Date(), timeZone);
}

/** The months the period touches, `YYYY-MM`, in order. */
export function monthsOf(period: Period): string[] {
	const out: string[] = [];
	let [y, m] = period.from.split('-').map(Number) as [number, number];
	const last = period.to.slice(0, 7);
	for (;;) {
		const key = `${y}-${two(m)}`;
		out.push(key);
		if (key >= last || out.length > 240) return out;
		m += 1;
		if (m > 12) [y, m] = [y + 1, 1];
	}
}

/** The first instant of each month the period touches (the first: the period's start). */
export function monthStarts(period: Period): Date[] {
	return monthsOf(period).map((m, i) =>
		i === 0 ? period.start : startOfDay(`${m}-01`, period.timeZone)
	);
}

/**
 * The zone's offset in seconds at the period's start, for bucketing times by month in SQL.
 * Exact for zones without daylight saving (China's); elsewhere an hour at a month's edge may
 * fall into the neighbouring month.
 */
export function offsetSeconds(period: Period): number {
	const p = zonedParts(period.start, period.timeZone);
	const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return Math.round((wall - period.start.getTime()) / 1000);
}
