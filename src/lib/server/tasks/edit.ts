/**
 * The secretary's changes to a dispatched task: its words, its deadline (the scheduler's watch
 * moves with it), its co-units, or a new lead unit after a return (the new unit gets a fresh
 * acceptance time). Units added are told; the change goes on the timeline.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { taskUnits, tasks } from '../db/schema';
import { AppError, forbidden, parseInput } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { notify } from '../notifications/notifications';
import { committeeUnits, mayOnTask, visibleTask } from './access';
import { unitsOf } from './units';
import { addTaskEvent, taskLink, unitPeople } from './events';
import { scheduleTaskTimers } from './timers';
import { plainTime, HOUR } from './clock';
import type { Actor } from '../../shared/permissions';
import { taskEditSchema } from '../../shared/schemas/tasks';

export function editTask(db: Db, actor: Actor, id: string, raw: unknown) {
	const patch = parseInput(taskEditSchema, raw);
	const { task, scope } = visibleTask(db, actor, id);
	if (!mayOnTask(actor, 'task.manage', task, scope)) throw forbidden();
	if (task.status === 'done' || task.status === 'cancelled')
		throw new AppError(409, 'err.task.wrongState');
	const push = db.transaction(
		(tx) => {
			const now = new Date();
			const rows = unitsOf(tx, task.id);
			const lead = patch.leadUnitId ?? task.leadUnitId;
			const co = patch.coUnitIds ?? rows.filter((r) => r.role === 'co').map((r) => r.unitId);
			if (co.includes(lead))
				throw new AppError(422, 'err.validation', { coUnitIds: ['err.task.leadIsCo'] });
			const known = committeeUnits(tx, task.committeeId, [lead, ...co]);
			if (!known.has(lead) || co.some((u) => !known.has(u)))
				throw new AppError(422, 'err.validation', { leadUnitId: ['err.task.unknownUnit'] });
			const newLead = lead !== task.leadUnitId;
			// A new lead starts over: a fresh time to accept, from now.
			if (newLead && !['pending', 'returned'].includes(task.status))
				throw new AppError(409, 'err.task.leadAccepted');
			const dueAt = patch.dueAt ?? task.dueAt;
			if (patch.dueAt && dueAt <= now)
				throw new AppError(422, 'err.validation', { dueAt: ['err.task.dueInPast'] });
			const acceptHours = patch.acceptHours ?? task.acceptHours;
			const acceptBy = newLead ? new Date(now.getTime() + acceptHours * HOUR) : task.acceptBy;
			tx.update(tasks)
				.set({
					title: patch.title ?? task.title,
					description: patch.description ?? task.description,
					leadUnitId: lead,
					dueAt,
					acceptHours,
					acceptBy,
					...(newLead ? { status: 'pending' as const, acceptedAt: null } : {}),
					updatedAt: now
				})
				.where(eq(tasks.id, task.id))
				.run();
			const before = new Set(rows.map((r) => r.unitId));
			const keep = new Set([lead, ...co]);
			const gone = rows.filter((r) => !keep.has(r.unitId)).map((r) => r.unitId);
			if (gone.length)
				tx.delete(taskUnits)
					.where(and(eq(taskUnits.taskId, task.id), inArray(taskUnits.unitId, gone)))
					.run();
			for (const unitId of keep) {
				const role = unitId === lead ? ('lead' as const) : ('co' as const);
				tx.insert(taskUnits)
					.values({ taskId: task.id, unitId, role })
					.onConflictDoUpdate({ target: [taskUnits.taskId, taskUnits.unitId], set: { role } })
					.run();
			}
			const added = [...keep].filter((u) => !before.has(u));
			addTaskEvent(tx, {
				taskId: task.id,
				kind: newLead ? 'reassigned' : 'edited',
				actorId: actor.userId,
				at: now,
				detail: {
					dueAt: dueAt.toISOString(),
					lead,
					added: added.join(','),
					removed: gone.join(',')
				}
			});
			audit(
				tx,
				actor.userId,
				'task.edit',
				`task:${task.id}`,
				{ lead, dueAt: dueAt.toISOString() },
				committeeChain(task.committeeId)
			);
			scheduleTaskTimers(tx, { id: task.id, acceptBy, dueAt }, now);
			return notify(tx, unitPeople(tx, task.committeeId, added), {
				kind: 'task.dispatched',
				params: { title: patch.title ?? task.title, acceptBy: plainTime(acceptBy) },
				link: taskLink(task.id)
			});
		},
		{ behavior: 'immediate' }
	);
	push();
	return db.select().from(tasks).where(eq(tasks.id, id)).get()!;
}
