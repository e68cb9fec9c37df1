import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';

export const POST = endpoint(api.acceptTask, ({ db, actor, params, query }) => {
	tasks.acceptTask(db, actor, params.id!, query.unit);
	return tasks.taskForApi(tasks.getTask(db, actor, params.id!));
});
