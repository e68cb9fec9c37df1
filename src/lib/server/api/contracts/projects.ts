/**
 * API contracts: resources (资源清单), projects (项目清单), claiming (认领) and open finances
 * (阳光财务). Money is in yuan (元) everywhere in the API, as a number with at most two decimals
 * (12000.5); the database keeps fen, so sums are exact.
 */
import { z } from 'zod';
import {
	claimInput,
	projectInput,
	projectPatch,
	quarterSchema,
	resourceInput,
	resourcePatch
} from '../../../shared/schemas/projects';
import { PROJECT_STATUSES, RESOURCE_KINDS, TASK_STATUSES } from '../../../shared/tasks/options';
import type { EndpointDef } from '../endpoint';

const yuan = z.number().describe('Yuan (元), at most two decimals');
const named = z.object({ id: z.string(), name: z.string() });

const projectSummary = z.object({
	id: z.string(),
	title: z.string(),
	quarter: z.string().describe('2026-Q4'),
	status: z.enum(PROJECT_STATUSES),
	claimedBy: named.nullable().describe('The member unit that claimed it'),
	communities: z.array(named).describe('Communities served; none: the whole street'),
	budget: yuan,
	spent: yuan,
	remaining: yuan.describe('Budget less spent; negative when over budget'),
	progress: z.number().describe("Mean progress of the project's tasks, 0–100 (done counts 100)"),
	claimedAt: z.string().nullable(),
	publishedAt: z.string().nullable()
});
const spendingOut = z.object({
	id: z.string(),
	amount: yuan,
	item: z.string(),
	spentOn: z.string().describe('YYYY-MM-DD'),
	receiptUrl: z.string().nullable(),
	receiptMime: z.string().nullable(),
	recordedByName: z.string().nullable(),
	createdAt: z.string()
});
const projectOut = projectSummary.extend({
	description: z.string(),
	tasks: z.array(
		z.object({
			id: z.string(),
			title: z.string(),
			status: z.enum(TASK_STATUSES),
			progress: z.number(),
			dueAt: z.string()
		})
	),
	spending: z.array(spendingOut),
	canManage: z.boolean(),
	canClaim: z.boolean(),
	canRecordSpending: z.boolean()
});
const resourceOut = z.object({
	id: z.string(),
	unitId: z.string(),
	unitName: z.string(),
	kind: z.enum(RESOURCE_KINDS),
	name: z.string(),
	capacity: z.string(),
	contact: z.string(),
	communityId: z.string().nullable(),
	communityName: z.string().nullable(),
	categories: z.array(z.string()),
	note: z.string(),
	updatedAt: z.string()
});

export const listProjects = {
	method: 'GET',
	path: '/projects',
	tag: 'projects',
	summary:
		"A quarter's published projects (?quarter=2026-Q4; none: every quarter) with claiming unit, budget, spent and progress, money in yuan. The secretary adds drafts with ?drafts=true",
	query: z.object({
		quarter: quarterSchema.optional(),
		drafts: z.enum(['true', 'false']).optional(),
		unit: z.string().max(64).optional().describe('Only projects claimed by this unit')
	}),
	response: z.object({ items: z.array(projectSummary), nextCursor: z.null() })
} satisfies EndpointDef;

export const createProject = {
	method: 'POST',
	path: '/projects',
	tag: 'projects',
	status: 201,
	idempotent: true,
	summary: "Draft a project on a quarter's list (secretary); budget in yuan",
	body: projectInput,
	response: projectOut
} satisfies EndpointDef;

export const getProject = {
	method: 'GET',
	path: '/projects/{id}',
	tag: 'projects',
	summary: 'A project with its tasks and spending; drafts only for the secretary (404 otherwise)',
	response: projectOut
} satisfies EndpointDef;

export const editProject = {
	method: 'PATCH',
	path: '/projects/{id}',
	tag: 'projects',
	summary: 'Change a draft (secretary); 409 once published',
	body: projectPatch,
	response: projectOut
} satisfies EndpointDef;

export const publishProject = {
	method: 'POST',
	path: '/projects/{id}/publish',
	tag: 'projects',
	summary: 'Publish a draft on the list, open to claims (secretary); 409 if not a draft',
	response: projectOut
} satisfies EndpointDef;

export const claimProject = {
	method: 'POST',
	path: '/projects/{id}/claim',
	tag: 'projects',
	summary:
		'Claim a published project for a unit (its liaison or member representative): the project becomes tasks led by that unit. The first claim wins; later ones get 409',
	body: claimInput,
	response: projectOut
} satisfies EndpointDef;

export const listSpending = {
	method: 'GET',
	path: '/projects/{id}/spending',
	tag: 'projects',
	summary: "A project's spending entries, newest first, with budget, spent and remaining (yuan)",
	response: z.object({
		items: z.array(spendingOut),
		nextCursor: z.null(),
		budget: yuan,
		spent: yuan,
		remaining: yuan
	})
} satisfies EndpointDef;

export const recordSpending = {
	method: 'POST',
	path: '/projects/{id}/spending',
	tag: 'projects',
	status: 201,
	summary:
		'Record spending (secretary, or the claiming unit): JSON { amount (yuan), item, spentOn: YYYY-MM-DD }, or multipart/form-data with the same fields and a "receipt" file (JPEG, PNG, WebP up to 5 MB, or PDF up to 10 MB)',
	response: spendingOut
} satisfies EndpointDef;

export const listResources = {
	method: 'GET',
	path: '/units/{id}/resources',
	tag: 'projects',
	summary: "A member unit's resource list (committee staff)",
	response: z.object({ items: z.array(resourceOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const addResource = {
	method: 'POST',
	path: '/units/{id}/resources',
	tag: 'projects',
	status: 201,
	idempotent: true,
	summary: "Add to a unit's resource list (its liaisons and member representatives, the secretary)",
	body: resourceInput,
	response: resourceOut
} satisfies EndpointDef;

export const editResource = {
	method: 'PATCH',
	path: '/resources/{id}',
	tag: 'projects',
	summary: 'Change a resource',
	body: resourcePatch,
	response: resourceOut
} satisfies EndpointDef;

export const removeResource = {
	method: 'DELETE',
	path: '/resources/{id}',
	tag: 'projects',
	status: 204,
	summary: 'Remove a resource'
} satisfies EndpointDef;

export const needResources = {
	method: 'GET',
	path: '/needs/{id}/resources',
	tag: 'projects',
	summary:
		'Resources suggested for a need (staff): matching its category, in its community or street-wide, best first',
	response: z.object({
		items: z.array(
			resourceOut.extend({ matchesCategory: z.boolean(), matchesCommunity: z.boolean() })
		),
		nextCursor: z.null()
	})
} satisfies EndpointDef;
