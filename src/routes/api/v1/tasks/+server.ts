import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';
import { committeeOf } from '$lib/server/org/org';
import { AppError } from '$lib/server/errors';
import { TASK_STATUSES, type TaskStatus } from '$lib/shared/tasks/options';

export const POST = endpoint(api.createTask, ({ db, actor, body }) => {
	const task = tasks.dispatchTask(db, actor, committeeOf(actor), body);
	return { id: task.id, status: task.status };
});

function statuses(raw: string | undefined): TaskStatus[] | undefined {
	if (!raw) return undefined;
	const list = raw.split(',').map((s) => s.trim());
	if (list.some((s) => !(TASK_STATUSES as readonly string[]).includes(s)))
		throw new AppError(422, 'err.validation', { status: ['err.choose'] });
	return list as TaskStatus[];
}

function date(raw: string | undefined, field: string): Date | undefined {
	if (!raw) return undefined;
	const d = new Date(raw);
	if (Number.isNaN(d.getTime()))
		throw new AppError(422, 'err.validation', { [field]: ['err.invalid'] });
	return d;
}

export const GET = endpoint(api.listTasks, ({ db, actor, query }) => ({
	items: tasks
		.listTasks(db, actor, committeeOf(actor), {
			status: statuses(query.status),
			unitId: query.unit,
			overdue: query.overdue === 'true',
			late: query.late === 'true',
			resolutionId: query.resolution,
			needId: query.need,
			projectId: query.project,
			from: date(query.from, 'from'),
			to: date(query.to, 'to'),
			limit: query.limit
		})
		.map(tasks.taskSummaryForApi),
	nextCursor: null
}));
