import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';

export const GET = endpoint(api.getTask, ({ db, actor, params }) =>
	tasks.taskForApi(tasks.getTask(db, actor, params.id!))
);
export const PATCH = endpoint(api.editTask, ({ db, actor, params, body }) => {
	tasks.editTask(db, actor, params.id!, body);
	return tasks.taskForApi(tasks.getTask(db, actor, params.id!));
});
