/** API contracts: the dashboard's figures (and, beside them, the closed-loop record). */
import { z } from 'zod';
import type { EndpointDef } from '../endpoint';

const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'err.invalid')
	.describe("A day in the committee's time zone, YYYY-MM-DD");
const rate = z.number().nullable().describe('0..1, null when there is nothing to divide by');
const hours = z.number().nullable();
const satisfactionOut = z.object({
	mean: z.number().nullable(),
	count: z.number(),
	distribution: z.array(z.object({ score: z.number(), count: z.number() }))
});
const taskLinks = z.object({
	all: z.string(),
	onTime: z.string(),
	late: z.string(),
	open: z.string(),
	overdue: z.string()
});
const taskFigures = z.object({
	total: z.number().describe('Dispatched in the period, cancelled ones left out'),
	onTime: z.number().describe('Approved as done by their deadline'),
	late: z.number().describe('Approved as done after their deadline'),
	open: z.number().describe('Still owed (pending, returned, in progress, submitted)'),
	overdue: z.number().describe('Open and past their deadline'),
	cancelled: z.number(),
	accepted: z.number(),
	acceptedInTime: z.number(),
	onTimeRate: rate,
	avgHoursToAccept: hours,
	avgHoursToComplete: hours,
	links: taskLinks.describe('Drill-down: the lists behind the figures')
});
const needLinks = z.object({ received: z.string(), waiting: z.string(), declined: z.string() });
const needFigures = z.object({
	received: z.number(),
	accepted: z.number(),
	acceptedInTime: z.number().describe('Accepted no later than their respond-by time'),
	declined: z.number(),
	acceptedInTimeRate: rate,
	links: needLinks
});
const breakdown = needFigures.extend({
	id: z.string(),
	name: z.string(),
	satisfaction: satisfactionOut
});
export const dashboardOut = z.object({
	period: z.object({ from: day, to: day }),
	generatedAt: z.string(),
	needs: needFigures,
	needsByCommunity: z.array(breakdown),
	needsByCategory: z.array(breakdown.describe('id is the category code')),
	resolutions: z.object({
		adopted: z.number(),
		withTasks: z.number(),
		completed: z.number().describe('Every live task of the resolution done'),
		link: z.string()
	}),
	tasks: taskFigures,
	tasksByUnit: z.array(
		taskFigures.extend({ id: z.string(), name: z.string(), satisfaction: satisfactionOut })
	),
	satisfaction: satisfactionOut,
	monthly: z.array(
		z.object({
			month: z.string().describe('YYYY-MM'),
			needsReceived: z.number(),
			needsAcceptedInTime: z.number(),
			resolutionsAdopted: z.number(),
			tasksDispatched: z.number(),
			tasksOnTime: z.number(),
			tasksLate: z.number(),
			tasksOpen: z.number(),
			ratings: z.number(),
			ratingMean: z.number().nullable()
		})
	)
});

export const dashboard = {
	method: 'GET',
	path: '/dashboard',
	tag: 'insight',
	summary:
		"The dashboard's figures over a period (?from=&to=, days; by default the last 12 months)",
	query: z.object({ from: day.optional(), to: day.optional() }),
	response: dashboardOut
} satisfies EndpointDef;
