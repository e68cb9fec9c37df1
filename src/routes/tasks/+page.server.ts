import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/forms';
import { listUnits } from '$lib/server/org/org';
import * as tasks from '$lib/server/tasks';
import { can, isStaff } from '$lib/shared/permissions';
import { readTaskFilter } from './filter';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	const { form, query } = readTaskFilter(event.url.searchParams, config.timeZone);
	// A liaison's or member representative's own units: their tasks waiting for action come first.
	const myUnits = [
		...new Set(
			actor.roles
				.filter(
					(r) => r.committeeId === committeeId && (r.role === 'liaison' || r.role === 'member')
				)
				.map((r) => r.unitId)
				.filter((u): u is string => !!u)
		)
	];
	const mine = new Map(
		myUnits
			.flatMap((unitId) =>
				tasks.listTasks(db, actor, committeeId, { unitId, status: ['pending', 'in_progress'] })
			)
			.map((t) => [t.id, t])
	);
	const staff = isStaff(actor, committeeId);
	return {
		tasks: tasks.listTasks(db, actor, committeeId, query),
		mine: myUnits.length ? [...mine.values()] : null,
		filter: form,
		units: staff
			? listUnits(db, actor, committeeId, { limit: 200 }).items.map((u) => ({
					id: u.id,
					name: u.name
				}))
			: [],
		canDispatch: can(actor, 'task.dispatch', { committeeId }),
		canSummons: staff,
		now: new Date()
	};
};
