import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/tasks';
import * as tasks from '$lib/server/tasks';
import { committeeOf } from '$lib/server/org/org';

export const POST = endpoint(api.createSummons, ({ db, actor, body }) => {
	const s = tasks.createSummons(db, actor, committeeOf(actor), body);
	return tasks.summonsForApi(tasks.getSummons(db, actor, s.id));
});
export const GET = endpoint(api.listSummonses, ({ db, actor }) => ({
	items: tasks.listSummonses(db, actor, committeeOf(actor)).map(tasks.summonsForApi),
	nextCursor: null
}));
