/**
 * Where each dashboard figure drills down to: the list behind the number, filtered the same
 * way. The tasks list takes `status` (one, or several comma-separated),
 * `unit`, `overdue=true`, `from` and `to`; the needs board takes `category`, `community`,
 * `status`, `from` and `to`; resolutions take `year`.
 */
import { OPEN_TASK_STATUSES, TASK_STATUSES } from '../../shared/tasks/options';
import type { Period } from './period';

type Params = Record<string, string | undefined>;

function href(path: string, params: Params): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
	const s = q.toString();
	return s ? `${path}?${s}` : path;
}

export interface TaskLinks {
	all: string;
	onTime: string;
	late: string;
	open: string;
	overdue: string;
}

/** Links to the period's tasks, optionally of one lead unit. */
export function taskLinks(p: Period, unit?: string): TaskLinks {
	const base = { unit, from: p.from, to: p.to };
	return {
		// The figure leaves cancelled tasks out (they are counted apart): so does its list.
		all: href('/tasks', {
			status: TASK_STATUSES.filter((s) => s !== 'cancelled').join(','),
			...base
		}),
		// Done on time and done late are one list (status done), sorted by lateness there.
		onTime: href('/tasks', { status: 'done', ...base }),
		late: href('/tasks', { status: 'done', late: 'true', ...base }),
		open: href('/tasks', { status: OPEN_TASK_STATUSES.join(','), ...base }),
		overdue: href('/tasks', { overdue: 'true', ...base })
	};
}

/** Links to the period's needs, optionally of one community or category. */
export function needLinks(
	p: Period,
	by: { community?: string; category?: string } = {}
): { received: string; waiting: string; declined: string } {
	const base = { ...by, from: p.from, to: p.to };
	return {
		received: href('/needs', base),
		waiting: href('/needs', { ...base, status: 'submitted' }),
		declined: href('/needs', { ...base, status: 'declined' })
	};
}

/** The resolutions of the period's years (the list filters by one year: the first). */
export function resolutionLink(p: Period): string {
	return href('/resolutions', { year: p.from.slice(0, 4) });
}

/** A month of the trend, as a period of its own for the lists. */
export function monthPeriod(month: string, p: Period): Period {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	const from = `${month}-01` < p.from ? p.from : `${month}-01`;
	const to = `${month}-${String(last).padStart(2, '0')}` > p.to ? p.to : `${month}-${last}`;
	return { ...p, from, to };
}
