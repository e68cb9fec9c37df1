import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';

export const POST = endpoint(api.approveTask, ({ db, actor, params }) => {
	tasks.approveTask(db, actor, params.id!);
	return tasks.taskForApi(tasks.getTask(db, actor, params.id!));
});
