/**
 * The task list's filter as the URL carries it (the filter form is a GET form, and the
 * dashboard links here with the same parameters): what the person chose, kept as typed for the
 * form, and read into what `listTasks` asks. Dates are calendar days in the committee's zone;
 * full ISO times (as the dashboard or the API write them) are taken as they are. Anything that
 * does not read is left out rather than refused: a list page should still show a list.
 */
import { TASK_STATUSES, type TaskStatus } from '$lib/shared/tasks/options';
import { wallTimeToDate } from '$lib/time';

export interface TaskFilterForm {
	status: string;
	unit: string;
	overdue: boolean;
	late: boolean;
	resolution: string;
	need: string;
	project: string;
	from: string;
	to: string;
}

export interface TaskFilterQuery {
	status?: TaskStatus[];
	unitId?: string;
	overdue?: boolean;
	late?: boolean;
	resolutionId?: string;
	needId?: string;
	projectId?: string;
	from?: Date;
	to?: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = (raw: string) => (ID.test(raw) ? raw : undefined);

function instant(raw: string, timeZone: string, endOfDay: boolean): Date | undefined {
	if (!raw) return undefined;
	if (DAY.test(raw)) {
		const start = wallTimeToDate(`${raw}T00:00`, timeZone);
		if (!start) return undefined;
		return endOfDay ? new Date(start.getTime() + 86_400_000 - 1) : start;
	}
	const d = new Date(raw);
	return Number.isNaN(d.getTime()) ? undefined : d;
}

function statuses(raw: string[]): TaskStatus[] | undefined {
	const list = raw
		.flatMap((s) => s.split(','))
		.map((s) => s.trim())
		.filter((s): s is TaskStatus => (TASK_STATUSES as readonly string[]).includes(s));
	return list.length ? [...new Set(list)] : undefined;
}

/** The URL's filter: as the form shows it, and as the list query reads it. */
export function readTaskFilter(
	params: URLSearchParams,
	timeZone: string
): { form: TaskFilterForm; query: TaskFilterQuery } {
	const get = (k: string) => (params.get(k) ?? '').trim().slice(0, 64);
	const form: TaskFilterForm = {
		status: statuses(params.getAll('status'))?.join(',') ?? '',
		unit: get('unit'),
		overdue: ['true', '1', 'on'].includes(get('overdue')),
		late: ['true', '1', 'on'].includes(get('late')),
		resolution: get('resolution'),
		need: get('need'),
		project: get('project'),
		from: get('from'),
		to: get('to')
	};
	return {
		form,
		query: {
			status: statuses(params.getAll('status')),
			unitId: id(form.unit),
			overdue: form.overdue || undefined,
			late: form.late || undefined,
			resolutionId: id(form.resolution),
			needId: id(form.need),
			projectId: id(form.project),
			from: instant(form.from, timeZone, false),
			to: instant(form.to, timeZone, true)
		}
	};
}

/** Whole days or hours between now and the deadline, for "3 days left" / "5 hours late". */
export function lateness(
	dueAt: Date,
	now: Date
): { late: boolean; unit: 'days' | 'hours'; n: number } {
	const ms = dueAt.getTime() - now.getTime();
	const late = ms < 0;
	const hours = Math.abs(ms) / 3_600_000;
	return hours >= 48
		? { late, unit: 'days', n: Math.floor(hours / 24) }
		: { late, unit: 'hours', n: Math.max(1, Math.floor(hours)) };
}
