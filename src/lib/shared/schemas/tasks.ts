/**
 * Tasks and summonses as forms and the API send them: one schema for every way in.
 */
import { z } from 'zod';

const id = z.string().trim().min(1).max(64);
const title = z.string().trim().min(2, 'err.required').max(120, 'err.tooLong');
const longText = z.string().trim().max(5_000, 'err.tooLong');
const when = z.coerce.date({ error: 'err.invalid' }).refine((d) => !Number.isNaN(d.getTime()), {
	message: 'err.invalid'
});

/** Dispatching a task (派单): from a resolution, from needs, or on its own. */
export const taskInputSchema = z
	.strictObject({
		title,
		description: longText.optional(),
		resolutionId: id.nullish(),
		projectId: id.nullish(),
		needIds: z.array(id).max(50).optional(),
		leadUnitId: id,
		coUnitIds: z.array(id).max(20).optional(),
		dueAt: when,
		acceptHours: z
			.number()
			.int('err.invalid')
			.min(1, 'err.invalid')
			.max(720, 'err.invalid')
			.optional()
	})
	.refine((t) => !(t.coUnitIds ?? []).includes(t.leadUnitId), {
		message: 'err.task.leadIsCo',
		path: ['coUnitIds']
	});
export type TaskInput = z.infer<typeof taskInputSchema>;

/** The secretary's changes to a task: a new lead unit (after a return), co-units, deadline. */
export const taskEditSchema = z
	.strictObject({
		title: title.optional(),
		description: longText.optional(),
		leadUnitId: id.optional(),
		coUnitIds: z.array(id).max(20).optional(),
		dueAt: when.optional(),
		acceptHours: z
			.number()
			.int('err.invalid')
			.min(1, 'err.invalid')
			.max(720, 'err.invalid')
			.optional()
	})
	.refine((t) => Object.values(t).some((v) => v !== undefined), { message: 'err.required' });
export type TaskEdit = z.infer<typeof taskEditSchema>;

/** A reason, where one is owed: returning a task, sending it back at the check, cancelling. */
export const reasonSchema = z.strictObject({
	reason: z.string().trim().min(2, 'err.task.reasonRequired').max(1_000, 'err.tooLong')
});

export const reportSchema = z.strictObject({
	progress: z.coerce
		.number({ error: 'err.invalid' })
		.int('err.invalid')
		.min(0, 'err.task.progressRange')
		.max(100, 'err.task.progressRange'),
	text: z.string().trim().min(1, 'err.required').max(5_000, 'err.tooLong')
});
export type ReportInput = z.infer<typeof reportSchema>;

/** Summoning units to an urgent matter (街道吹哨、部门报到). */
export const summonsInputSchema = z.strictObject({
	title,
	description: longText.optional(),
	needId: id.nullish(),
	unitIds: z.array(id).min(1, 'err.summons.units').max(50),
	respondHours: z.number().int('err.invalid').min(1, 'err.invalid').max(168, 'err.invalid')
});
export type SummonsInput = z.infer<typeof summonsInputSchema>;

export const summonsResponseSchema = z.strictObject({
	unitId: id.optional(),
	response: z.string().trim().min(1, 'err.required').max(2_000, 'err.tooLong')
});
