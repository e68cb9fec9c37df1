/**
 * A standings period: a quarter (`2026-Q4`) or a year (`2026`), as wall-clock boundaries in the
 * committee's time zone, so a task due at 23:30 on 31 December belongs to that year.
 */
import { wallTimeToDate, zonedParts } from '../../time';
import { QUARTER_PATTERN } from '../../shared/tasks/options';

export interface Period {
	/** As written in URLs and the API. */
	key: string;
	kind: 'quarter' | 'year';
	year: number;
	quarter: number | null;
	from: Date;
	/** Exclusive. */
	to: Date;
}

const YEAR_PATTERN = /^(\d{4})$/;
const two = (n: number) => String(n).padStart(2, '0');

function boundary(year: number, month: number, timeZone: string): Date {
	const y = year + Math.floor((month - 1) / 12);
	const m = ((month - 1) % 12) + 1;
	return wallTimeToDate(`${y}-${two(m)}-01T00:00`, timeZone)!;
}

/** The period a key names, or null when it names none. */
export function parsePeriod(key: string, timeZone: string): Period | null {
	const q = QUARTER_PATTERN.exec(key);
	if (q) {
		const year = Number(q[1]);
		const quarter = Number(q[2]);
		const first = (quarter - 1) * 3 + 1;
		return {
			key,
			kind: 'quarter',
			year,
			quarter,
			from: boundary(year, first, timeZone),
			to: boundary(year, first + 3, timeZone)
		};
	}
	const y = YEAR_PATTERN.exec(key);
	if (!y) return null;
	const year = Number(y[1]);
	return {
		key,
		kind: 'year',
		year,
		quarter: null,
		from: boundary(year, 1, timeZone),
		to: boundary(year, 13, timeZone)
	};
}

/** The quarter an instant falls in, in the committee's time zone. */
export function quarterOf(at: Date, timeZone: string): string {
	const p = zonedParts(at, timeZone);
	return `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`;
}

/** The periods a standings page offers: this year's quarters so far, last year's, both years. */
export function periodChoices(now: Date, timeZone: string): string[] {
	const { year } = zonedParts(now, timeZone);
	const current = Number(quarterOf(now, timeZone).slice(-1));
	const quarters = [];
	for (let q = current; q >= 1; q--) quarters.push(`${year}-Q${q}`);
	for (let q = 4; q >= 1; q--) quarters.push(`${year - 1}-Q${q}`);
	return [...quarters, String(year), String(year - 1)];
}
