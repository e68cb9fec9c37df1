import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';

export const POST = endpoint(api.rejectTask, ({ db, actor, params, body }) => {
	tasks.rejectTask(db, actor, params.id!, body);
	return tasks.taskForApi(tasks.getTask(db, actor, params.id!));
});
