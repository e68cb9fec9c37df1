/**
 * Dispatching a task (派单): from a resolution (its needs come along unless the secretary edits
 * them), straight from an accepted need, or from a claimed project. One transaction writes the
 * task, its units, its needs, the first timeline entry, the audit entry and the scheduler's
 * watch on it; the units' people are told after the commit.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import {
	needs,
	resolutionNeeds,
	resolutions,
	taskNeeds,
	taskUnits,
	tasks,
	type TaskRow
} from '../db/schema';
import { AppError, forbidden, parseInput } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { notify } from '../notifications/notifications';
import { committeeUnits } from './access';
import { addTaskEvent, taskLink, unitPeople } from './events';
import { plainTime, HOUR } from './clock';
import { scheduleTaskTimers } from './timers';
import { can, type Actor } from '../../shared/permissions';
import { taskInputSchema, type TaskInput } from '../../shared/schemas/tasks';
import { DEFAULT_ACCEPT_HOURS } from '../../shared/tasks/options';

/** Needs a task may answer: not declined, merged away, or already closed by a rating. */
const ANSWERABLE = ['accepted', 'on_agenda', 'decided', 'in_progress', 'done'] as const;

export interface NewTask extends TaskInput {
	committeeId: string;
	createdBy: string | null;
	now?: Date;
}

/** Write a new task inside the caller's transaction; returns it and the push to run after commit. */
export function createTask(tx: DbLike, input: NewTask): { task: TaskRow; push: () => void } {
	const now = input.now ?? new Date();
	const { committeeId } = input;
	const coUnitIds = [...new Set(input.coUnitIds ?? [])];
	const known = committeeUnits(tx, committeeId, [input.leadUnitId, ...coUnitIds]);
	if (!known.has(input.leadUnitId))
		throw new AppError(422, 'err.validation', { leadUnitId: ['err.task.unknownUnit'] });
	if (coUnitIds.some((u) => !known.has(u)))
		throw new AppError(422, 'err.validation', { coUnitIds: ['err.task.unknownUnit'] });
	if (input.dueAt.getTime() <= now.getTime())
		throw new AppError(422, 'err.validation', { dueAt: ['err.task.dueInPast'] });
	if (input.resolutionId) {
		const r = tx.select().from(resolutions).where(eq(resolutions.id, input.resolutionId)).get();
		if (!r || r.committeeId !== committeeId)
			throw new AppError(422, 'err.validation', { resolutionId: ['err.task.unknownResolution'] });
	}
	const needIds = linkedNeeds(tx, committeeId, input);
	const acceptHours = input.acceptHours ?? DEFAULT_ACCEPT_HOURS;
	const task: TaskRow = {
		id: newId(),
		committeeId,
		title: input.title,
		description: input.description ?? '',
		resolutionId: input.resolutionId ?? null,
		projectId: input.projectId ?? null,
		leadUnitId: input.leadUnitId,
		status: 'pending',
		progress: 0,
		acceptHours,
		acceptBy: new Date(now.getTime() + acceptHours * HOUR),
		dueAt: input.dueAt,
		acceptedAt: null,
		submittedAt: null,
		doneAt: null,
		createdBy: input.createdBy,
		createdAt: now,
		updatedAt: now
	};
	tx.insert(tasks).values(task).run();
	tx.insert(taskUnits)
		.values([
			{ taskId: task.id, unitId: task.leadUnitId, role: 'lead' as const },
			...coUnitIds.map((unitId) => ({ taskId: task.id, unitId, role: 'co' as const }))
		])
		.run();
	if (needIds.length)
		tx.insert(taskNeeds)
			.values(needIds.map((needId) => ({ taskId: task.id, needId })))
			.run();
	addTaskEvent(tx, {
		taskId: task.id,
		kind: 'dispatched',
		actorId: input.createdBy,
		at: now,
		detail: { dueAt: task.dueAt.toISOString(), acceptBy: task.acceptBy.toISOString() }
	});
	audit(
		tx,
		input.createdBy,
		'task.dispatch',
		`task:${task.id}`,
		{
			lead: task.leadUnitId,
			co: coUnitIds.join(','),
			dueAt: task.dueAt.toISOString()
		},
		committeeChain(committeeId)
	);
	scheduleTaskTimers(tx, task, now);
	const push = notify(tx, unitPeople(tx, committeeId, [task.leadUnitId, ...coUnitIds]), {
		kind: 'task.dispatched',
		params: { title: task.title, acceptBy: plainTime(task.acceptBy) },
		link: taskLink(task.id)
	});
	return { task, push };
}

/** The needs named, or else the resolution's; each must be the committee's and still answerable. */
function linkedNeeds(tx: DbLike, committeeId: string, input: TaskInput): string[] {
	let ids = input.needIds;
	if (!ids && input.resolutionId)
		ids = tx
			.select({ id: resolutionNeeds.needId })
			.from(resolutionNeeds)
			.where(eq(resolutionNeeds.resolutionId, input.resolutionId))
			.all()
			.map((r) => r.id);
	ids = [...new Set(ids ?? [])];
	if (ids.length === 0) return [];
	const ok = tx
		.select({ id: needs.id })
		.from(needs)
		.where(
			and(
				eq(needs.committeeId, committeeId),
				inArray(needs.id, ids),
				inArray(needs.status, [...ANSWERABLE])
			)
		)
		.all();
	if (ok.length !== ids.length)
		throw new AppError(422, 'err.validation', { needIds: ['err.task.needNotAnswerable'] });
	return ids;
}

/** The secretary dispatches a task (API, forms). */
export function dispatchTask(db: Db, actor: Actor, committeeId: string, raw: unknown): TaskRow {
	if (!can(actor, 'task.dispatch', { committeeId })) throw forbidden();
	const input = parseInput(taskInputSchema, raw);
	const { task, push } = db.transaction(
		(tx) => createTask(tx, { ...input, committeeId, createdBy: actor.userId }),
		{ behavior: 'immediate' }
	);
	push();
	return task;
}
