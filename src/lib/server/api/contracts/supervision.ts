/** API contracts: the supervision list, supervision notices and replies, unit standings. */
import { z } from 'zod';
import { noticeInputSchema, noticeReplySchema } from '../../../shared/schemas/supervision';
import { TASK_STATUSES } from '../../../shared/tasks/options';
import { LIST_SORTS } from '../../supervision/list';
import { NOTICE_STATUSES } from '../../supervision/notice-view';
import { STANDINGS_RULES } from '../../supervision/standings-rules';
import type { EndpointDef } from '../endpoint';

const id = z.string().max(64);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const supervisionRowOut = z.object({
	id: z.string(),
	title: z.string(),
	status: z.enum(TASK_STATUSES),
	progress: z.number(),
	leadUnitId: z.string(),
	leadUnitName: z.string(),
	resolutionId: z.string().nullable(),
	resolutionNumber: z.string().nullable(),
	acceptBy: z.string(),
	acceptedAt: z.string().nullable(),
	dueAt: z.string(),
	doneAt: z.string().nullable(),
	overdue: z.boolean().describe('Open and past its due time, at the moment of the request'),
	daysLate: z.number().describe('Whole days past the due time (open, or done late); 0 otherwise'),
	acceptLate: z.boolean().describe('Not accepted within its time limit'),
	daysLeft: z.number().nullable().describe('Open and not yet due: whole days left'),
	openNotices: z.number().describe('Supervision notices on the task still awaiting a reply')
});

export const supervisionList = {
	method: 'GET',
	path: '/supervision',
	tag: 'supervision',
	summary:
		'Every task of the committee with status, due dates and lateness (secretary, chair, supervisors). ?status=a,b &unit= &community= &resolution= &overdue=true &dueWithin=days &sort=due|lateness|unit &dir=asc|desc &limit= &cursor=',
	query: z.object({
		status: z
			.string()
			.max(200)
			.transform((s) => s.split(',').filter(Boolean))
			.pipe(z.array(z.enum(TASK_STATUSES)))
			.optional(),
		unit: id.optional(),
		community: id.optional(),
		resolution: id.optional(),
		overdue: flag.optional(),
		dueWithin: z.coerce.number().int().min(0).max(365).optional(),
		sort: z.enum(LIST_SORTS).optional(),
		dir: z.enum(['asc', 'desc']).optional(),
		limit: z.coerce.number().int().min(1).max(200).optional(),
		cursor: z.string().max(64).optional()
	}),
	response: z.object({
		items: z.array(supervisionRowOut),
		total: z.number(),
		nextCursor: z.string().nullable()
	})
} satisfies EndpointDef;

export const noticeOut = z.object({
	id: z.string(),
	taskId: z.string().nullable(),
	taskTitle: z.string(),
	unitId: z.string(),
	unitName: z.string(),
	text: z.string(),
	replyBy: z.string(),
	issuedAt: z.string(),
	issuedByName: z.string(),
	reply: z.string().nullable(),
	repliedAt: z.string().nullable(),
	repliedByName: z.string(),
	lateAt: z.string().nullable().describe('When the deadline passed without a reply'),
	status: z.enum(NOTICE_STATUSES),
	repliedLate: z.boolean(),
	canReply: z.boolean()
});

export const issueNotice = {
	method: 'POST',
	path: '/notices',
	tag: 'supervision',
	status: 201,
	idempotent: true,
	summary:
		'Issue a supervision notice (督办单) to the lead unit or a co-unit of a task (supervisors, the secretary); replyBy is ISO 8601',
	body: noticeInputSchema,
	response: noticeOut
} satisfies EndpointDef;

export const listNotices = {
	method: 'GET',
	path: '/notices',
	tag: 'supervision',
	summary:
		'Supervision notices the caller may read, newest first (?unit=, ?task=, ?open=true for those awaiting a reply)',
	query: z.object({ unit: id.optional(), task: id.optional(), open: flag.optional() }),
	response: z.object({ items: z.array(noticeOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const getNotice = {
	method: 'GET',
	path: '/notices/{id}',
	tag: 'supervision',
	summary: 'One supervision notice',
	response: noticeOut
} satisfies EndpointDef;

export const replyNotice = {
	method: 'POST',
	path: '/notices/{id}/reply',
	tag: 'supervision',
	summary: "The unit's reply (its liaisons and member representatives), once",
	body: noticeReplySchema,
	response: noticeOut
} satisfies EndpointDef;

export const standings = {
	method: 'GET',
	path: '/units/standings',
	tag: 'supervision',
	summary:
		'Unit standings (履职积分 · 红黑榜) for a quarter (2026-Q4) or a year (2026); the current quarter when no period is given',
	query: z.object({ period: z.string().max(10).optional() }),
	response: z.object({
		period: z.string(),
		items: z.array(
			z.object({
				unitId: z.string(),
				unitName: z.string(),
				points: z.number(),
				onTimeRate: z.number().nullable(),
				rank: z.number(),
				satisfaction: z.number().nullable(),
				breakdown: z.array(
					z.object({
						rule: z.enum(STANDINGS_RULES.map((r) => r.key) as [string, ...string[]]),
						count: z.number(),
						points: z.number()
					})
				)
			})
		)
	})
} satisfies EndpointDef;
