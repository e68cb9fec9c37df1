import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';

export const POST = endpoint(api.addReport, ({ db, actor, params, query, body }) => ({
	id: tasks.addReport(db, actor, params.id!, body, [], query.unit)
}));
