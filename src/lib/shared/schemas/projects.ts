/**
 * Resources, projects and spending (资源清单 · 项目清单 · 阳光财务) as forms and the API send them.
 * Money arrives in yuan (a number such as 12000.5, or the text a form field holds) and leaves
 * these schemas in fen, the integer the database keeps.
 */
import { z } from 'zod';
import { QUARTER_PATTERN, RESOURCE_KINDS } from '../tasks/options';
import { yuanToFen } from '../projects/money';

const text = (max: number) => z.string().trim().max(max, 'err.tooLong');
const id = z.string().trim().min(1).max(64);

/** Yuan → fen: more than nothing when `positive`, at most 100 million yuan. */
const yuan = (positive: boolean) =>
	z
		.union([z.number(), z.string('err.required')])
		.describe('Yuan (元), at most two decimals: 12000.5')
		.transform((v, ctx) => {
			const fen = yuanToFen(v);
			if (fen === null || fen > 10_000_000_000 || (positive && fen === 0)) {
				ctx.addIssue({ code: 'custom', message: 'err.projects.amount' });
				return z.NEVER;
			}
			return fen;
		});

export const quarterSchema = z
	.string('err.required')
	.trim()
	.regex(QUARTER_PATTERN, 'err.projects.quarter')
	.describe('A quarter: 2026-Q4');

/** The need category codes a resource can serve. */
const categoryCodes = z.array(z.string().trim().min(1).max(32)).max(20).default([]);

export const resourceInput = z.strictObject({
	kind: z.enum(RESOURCE_KINDS, 'err.choose'),
	name: z.string('err.required').trim().min(1, 'err.required').max(60, 'err.tooLong'),
	capacity: text(120).default(''),
	contact: text(120).default(''),
	communityId: id.nullable().optional().describe('Where it is; null or absent: street-wide'),
	categories: categoryCodes.describe('Need category codes it can serve (elderly, parking…)'),
	note: text(500).default('')
});
export type ResourceInput = z.infer<typeof resourceInput>;

export const resourcePatch = z.strictObject({
	kind: z.enum(RESOURCE_KINDS, 'err.choose').optional(),
	name: z.string().trim().min(1, 'err.required').max(60, 'err.tooLong').optional(),
	capacity: text(120).optional(),
	contact: text(120).optional(),
	communityId: id.nullable().optional(),
	categories: z.array(z.string().trim().min(1).max(32)).max(20).optional(),
	note: text(500).optional()
});
export type ResourcePatch = z.infer<typeof resourcePatch>;

export const projectInput = z.strictObject({
	title: z.string('err.required').trim().min(2, 'err.required').max(80, 'err.tooLong'),
	description: text(4000).default(''),
	quarter: quarterSchema,
	budget: yuan(false),
	communityIds: z.array(id).max(50).default([]).describe('Communities served; none: the street')
});
export type ProjectInput = z.infer<typeof projectInput>;

export const projectPatch = z.strictObject({
	title: z.string().trim().min(2, 'err.required').max(80, 'err.tooLong').optional(),
	description: text(4000).optional(),
	quarter: quarterSchema.optional(),
	budget: yuan(false).optional(),
	communityIds: z.array(id).max(50).optional()
});
export type ProjectPatch = z.infer<typeof projectPatch>;

export const claimInput = z.strictObject({
	unitId: id
		.optional()
		.describe('The unit claiming; may be left out by someone who acts for one unit only')
});

export const spendingInput = z.strictObject({
	amount: yuan(true),
	item: z.string('err.required').trim().min(1, 'err.required').max(120, 'err.tooLong'),
	spentOn: z
		.string('err.required')
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'err.projects.date')
		.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'err.projects.date')
		.describe('The day of the spending: 2026-11-20')
});
export type SpendingInput = z.infer<typeof spendingInput>;
