/** API contracts: tasks (派单 · 接单 · 进展 · 验收) and summonses (吹哨报到). */
import { z } from 'zod';
import {
	reasonSchema,
	reportSchema,
	summonsInputSchema,
	summonsResponseSchema,
	taskEditSchema,
	taskInputSchema
} from '../../../shared/schemas/tasks';
import { TASK_STATUSES, TASK_UNIT_ROLES } from '../../../shared/tasks/options';
import type { EndpointDef } from '../endpoint';

const iso = z.string().describe('ISO 8601');
const taskSummaryOut = z.object({
	id: z.string(),
	title: z.string(),
	status: z.enum(TASK_STATUSES),
	progress: z.number().int().min(0).max(100),
	leadUnitId: z.string(),
	leadUnitName: z.string(),
	resolutionId: z.string().nullable(),
	resolutionNumber: z.string().nullable(),
	projectId: z.string().nullable(),
	acceptBy: iso,
	dueAt: iso,
	acceptedAt: iso.nullable(),
	doneAt: iso.nullable(),
	createdAt: iso,
	overdue: z.boolean().describe('Open and past its deadline now'),
	acceptLate: z.boolean().describe('Still waiting for its lead unit past the acceptance limit')
});
const taskOut = taskSummaryOut.extend({
	description: z.string(),
	acceptHours: z.number(),
	submittedAt: iso.nullable(),
	units: z.array(
		z.object({
			unitId: z.string(),
			unitName: z.string(),
			role: z.enum(TASK_UNIT_ROLES),
			acceptedAt: iso.nullable(),
			returnedAt: iso.nullable(),
			returnReason: z.string().nullable()
		})
	),
	needs: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
	reports: z.array(
		z.looseObject({ id: z.string(), progress: z.number(), text: z.string(), createdAt: iso })
	),
	timeline: z.array(
		z.object({
			at: iso,
			kind: z.string(),
			actorName: z.string().nullable(),
			unitName: z.string().nullable(),
			detail: z.record(z.string(), z.unknown())
		})
	),
	can: z.looseObject({})
});
const created = z.object({ id: z.string(), status: z.enum(TASK_STATUSES) });
const unitQuery = z.object({
	unit: z
		.string()
		.max(64)
		.optional()
		.describe('The unit to act for, when the caller represents several on this task')
});

export const createTask = {
	method: 'POST',
	path: '/tasks',
	tag: 'tasks',
	status: 201,
	idempotent: true,
	summary:
		'Dispatch a task (secretary): lead unit, co-units, deadline, acceptance limit in hours (default 24); from a resolution its needs come along unless needIds is given',
	body: taskInputSchema,
	response: created
} satisfies EndpointDef;

export const listTasks = {
	method: 'GET',
	path: '/tasks',
	tag: 'tasks',
	summary:
		'The tasks the caller may see, filtered; overdue=true: open tasks past their deadline, most overdue first',
	query: z.object({
		status: z.string().max(200).optional().describe('One status or several, comma-separated'),
		unit: z.string().max(64).optional(),
		overdue: z.enum(['true', 'false']).optional(),
		late: z.enum(['true', 'false']).optional().describe('Done after the deadline, or open past it'),
		resolution: z.string().max(64).optional(),
		need: z.string().max(64).optional(),
		project: z.string().max(64).optional(),
		from: z.string().max(40).optional(),
		to: z.string().max(40).optional(),
		limit: z.coerce.number().int().min(1).max(1000).optional()
	}),
	response: z.object({ items: z.array(taskSummaryOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const getTask = {
	method: 'GET',
	path: '/tasks/{id}',
	tag: 'tasks',
	summary: 'A task with its units, needs, reports and timeline, and what the caller may do on it',
	response: taskOut
} satisfies EndpointDef;

export const editTask = {
	method: 'PATCH',
	path: '/tasks/{id}',
	tag: 'tasks',
	summary:
		'Change a task (secretary): words, deadline, co-units, or a new lead unit while it is not accepted',
	body: taskEditSchema,
	response: taskOut
} satisfies EndpointDef;

export const acceptTask = {
	method: 'POST',
	path: '/tasks/{id}/accept',
	tag: 'tasks',
	summary:
		"Accept a task for one's unit (a liaison or member representative of the lead unit or a co-unit)",
	query: unitQuery,
	response: taskOut
} satisfies EndpointDef;

export const returnTask = {
	method: 'POST',
	path: '/tasks/{id}/return',
	tag: 'tasks',
	summary:
		"Return a task with a reason, before accepting it (the lead unit's return waits for the secretary to reassign)",
	query: unitQuery,
	body: reasonSchema,
	response: taskOut
} satisfies EndpointDef;

export const addReport = {
	method: 'POST',
	path: '/tasks/{id}/reports',
	tag: 'tasks',
	status: 201,
	idempotent: true,
	summary:
		"Report progress (0–100) on an accepted task; the lead unit's report sets the task's progress",
	query: unitQuery,
	body: reportSchema,
	response: z.object({ id: z.string() })
} satisfies EndpointDef;

export const submitTask = {
	method: 'POST',
	path: '/tasks/{id}/submit',
	tag: 'tasks',
	summary: 'Hand the task in for the acceptance check (lead unit)',
	response: taskOut
} satisfies EndpointDef;

export const approveTask = {
	method: 'POST',
	path: '/tasks/{id}/approve',
	tag: 'tasks',
	summary:
		'Approve as done (secretary): status "done"; needs with no other open task are done and their followers asked to rate',
	response: taskOut
} satisfies EndpointDef;

export const rejectTask = {
	method: 'POST',
	path: '/tasks/{id}/reject',
	tag: 'tasks',
	summary: 'Send a handed-in task back with a reason (secretary)',
	body: reasonSchema,
	response: taskOut
} satisfies EndpointDef;

export const cancelTask = {
	method: 'POST',
	path: '/tasks/{id}/cancel',
	tag: 'tasks',
	summary: 'Cancel an open task with a reason (secretary)',
	body: reasonSchema,
	response: taskOut
} satisfies EndpointDef;

const summonsOut = z.looseObject({
	id: z.string(),
	title: z.string(),
	respondBy: iso,
	units: z.array(
		z.looseObject({
			unitId: z.string(),
			unitName: z.string(),
			respondedAt: iso.nullable(),
			late: z.boolean()
		})
	)
});

export const createSummons = {
	method: 'POST',
	path: '/summons',
	tag: 'tasks',
	status: 201,
	idempotent: true,
	summary: 'Summon units to an urgent matter (secretary); each must respond within respondHours',
	body: summonsInputSchema,
	response: summonsOut
} satisfies EndpointDef;

export const listSummonses = {
	method: 'GET',
	path: '/summons',
	tag: 'tasks',
	summary: "The committee's summonses, newest first (staff)",
	response: z.object({ items: z.array(summonsOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const getSummons = {
	method: 'GET',
	path: '/summons/{id}',
	tag: 'tasks',
	summary: 'A summons and each unit’s response',
	response: summonsOut
} satisfies EndpointDef;

export const respondSummons = {
	method: 'POST',
	path: '/summons/{id}/respond',
	tag: 'tasks',
	summary: "Respond to a summons for one's unit (once)",
	body: summonsResponseSchema,
	response: summonsOut
} satisfies EndpointDef;
