import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';

export const POST = endpoint(api.returnTask, ({ db, actor, params, query, body }) => {
	tasks.returnTask(db, actor, params.id!, body, query.unit);
	return tasks.taskForApi(tasks.getTask(db, actor, params.id!));
});
