/**
 * API contracts: residents' ratings (评单), reopening a poorly rated need, and the closed-loop
 * trace of a need or a resolution.
 *
 * `POST /needs/{id}/rating` has one body for both ways a rating arrives: `{ score, comment? }` is
 * the caller's own rating (the need's submitter or a supporter, once its task is done);
 * `{ score, comment?, userId, channel }` is a rating given by phone or in person that staff
 * (`rating.enterForResident`) enter for the resident `userId`, marked `onBehalf`.
 */
import { z } from 'zod';
import { ratingBody, reopenInput } from '../../../shared/ratings/schemas';
import { TRACE_KINDS, TRACE_STATUSES } from '../../../shared/ratings/trace';
import { NEED_STATUSES } from '../../../shared/schemas/needs';
import { RATING_CHANNELS } from '../../../shared/tasks/options';
import { ROLES } from '../../../shared/roles';
import type { EndpointDef } from '../endpoint';

const rating = z.object({
	id: z.string(),
	needId: z.string(),
	taskId: z.string().nullable().describe('The task whose approval invited the rating'),
	score: z.number().int().min(1).max(5),
	comment: z.string(),
	channel: z.enum(RATING_CHANNELS),
	onBehalf: z.boolean().describe('Entered by staff from a phone call or a visit (由工作人员代录)'),
	createdAt: z.string(),
	mine: z.boolean().optional(),
	raterName: z
		.string()
		.nullable()
		.optional()
		.describe("Staff see who rated; residents see only their own name, never others'"),
	enteredByName: z.string().nullable().optional()
});

export const rateNeed = {
	method: 'POST',
	path: '/needs/{id}/rating',
	tag: 'ratings',
	status: 201,
	idempotent: true,
	summary:
		'Rate what was done about a need (1–5), once; 409 the second time or before its task is done, 403 for anyone but its submitter and supporters. With userId and channel: staff enter a rating given by phone or in person',
	body: ratingBody,
	response: rating
} satisfies EndpointDef;

export const needRatings = {
	method: 'GET',
	path: '/needs/{id}/ratings',
	tag: 'ratings',
	summary: "A need's ratings: average, count, each with its comment",
	response: z.object({
		average: z.number().nullable(),
		count: z.number(),
		items: z.array(rating),
		nextCursor: z.null()
	})
} satisfies EndpointDef;

export const reopenNeed = {
	method: 'POST',
	path: '/needs/{id}/reopen',
	tag: 'ratings',
	summary:
		'Send a need rated 1–2 back to the board (the secretary); its first tasks and ratings stay on its record',
	body: reopenInput,
	response: z.object({ id: z.string(), status: z.enum(NEED_STATUSES) })
} satisfies EndpointDef;

const trace = z.object({
	subject: z.object({
		type: z.enum(['need', 'resolution']),
		id: z.string(),
		title: z.string(),
		number: z.string().optional()
	}),
	status: z.enum(TRACE_STATUSES).describe('Did it get done? closedRated, inProgress, overdue…'),
	dueAt: z.string().nullable().describe('The earliest due time of the tasks still open'),
	rating: z.object({ average: z.number().nullable(), count: z.number() }),
	steps: z.array(
		z.object({
			kind: z.enum(TRACE_KINDS),
			at: z.string(),
			actor: z
				.object({
					role: z.enum(ROLES).nullable(),
					unit: z.string().nullable(),
					name: z
						.string()
						.nullable()
						.describe("A person's name for staff viewers only (and the viewer's own steps)")
				})
				.nullable(),
			ref: z
				.record(z.string(), z.unknown())
				.describe(
					'What the step is about: type, id, title; a vote its outcome only (never ballots); a task its event; a report its progress; a rating its score and comment'
				)
		})
	)
});

export const needTrace = {
	method: 'GET',
	path: '/needs/{id}/trace',
	tag: 'ratings',
	summary:
		"A need's whole path in time order: need, agenda, meeting, vote, resolution, tasks, reports, approval, ratings",
	response: trace
} satisfies EndpointDef;

export const resolutionTrace = {
	method: 'GET',
	path: '/resolutions/{id}/trace',
	tag: 'ratings',
	summary: "A resolution's whole path: the needs it answers, the vote, its tasks and their ratings",
	response: trace
} satisfies EndpointDef;

export const taskRatings = {
	method: 'GET',
	path: '/tasks/{id}/ratings',
	tag: 'ratings',
	summary: "The ratings a task's approval invited (from the needs the caller may see)",
	response: z.object({
		average: z.number().nullable(),
		count: z.number(),
		items: z.array(rating),
		nextCursor: z.null()
	})
} satisfies EndpointDef;
