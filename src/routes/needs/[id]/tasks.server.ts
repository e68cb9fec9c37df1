/** What the need page shows of execution: the tasks dealing with the need, and who may dispatch. */
import type { Db } from '$lib/server/db';
import { listTasks } from '$lib/server/tasks';
import { can, type Actor } from '$lib/shared/permissions';

export function needTasks(db: Db, actor: Actor, need: { id: string; committeeId: string }) {
	const scope = { committeeId: need.committeeId };
	return {
		tasks: listTasks(db, actor, need.committeeId, { needId: need.id }),
		canDispatch: can(actor, 'task.dispatch', scope),
		canSummon: can(actor, 'summons.create', scope)
	};
}
