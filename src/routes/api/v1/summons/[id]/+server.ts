import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';

export const GET = endpoint(api.getSummons, ({ db, actor, params }) =>
	tasks.summonsForApi(tasks.getSummons(db, actor, params.id!))
);
