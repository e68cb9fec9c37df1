import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';

export const POST = endpoint(api.respondSummons, ({ db, actor, params, body }) => {
	tasks.respondSummons(db, actor, params.id!, body);
	return tasks.summonsForApi(tasks.getSummons(db, actor, params.id!));
});
