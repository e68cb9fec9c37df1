/** Request schemas for the committee's organisation: communities, grids, units, people, roles, invites. */
import { z } from 'zod';
import { ROLES } from '../roles';
import { loginName, password } from './auth';

export const UNIT_TYPES = [
	'government',
	'company',
	'school',
	'hospital',
	'social_org',
	'community_org',
	'other'
] as const;

const id = z.string().trim().min(1, 'err.required').max(64, 'err.tooLong');
const name = z.string().trim().min(1, 'err.required').max(60, 'err.tooLong');

export const communityInput = z.strictObject({ name });
export const gridInput = z.strictObject({ communityId: id, name });

/** How the committee votes: one vote per person, or one per member unit. */
export const votingInput = z.strictObject({ votePer: z.enum(['person', 'unit'], 'err.choose') });

export const unitInput = z.strictObject({
	name,
	type: z.enum(UNIT_TYPES, 'err.choose'),
	contactName: z.string().trim().max(40, 'err.tooLong').default(''),
	contactPhone: z
		.string()
		.trim()
		.max(20, 'err.tooLong')
		.regex(/^[0-9+\- ]*$/, 'err.phone')
		.default(''),
	dutyList: z.string().max(5000, 'err.tooLong').default('')
});
// Written out, not derived from unitInput: `.partial()` would keep its defaults, and a patch of
// `{ name }` would then clear the contact fields.
export const unitPatch = z.strictObject({
	name: name.optional(),
	type: z.enum(UNIT_TYPES, 'err.choose').optional(),
	contactName: z.string().trim().max(40, 'err.tooLong').optional(),
	contactPhone: z
		.string()
		.trim()
		.max(20, 'err.tooLong')
		.regex(/^[0-9+\- ]*$/, 'err.phone')
		.optional()
});

export const personInput = z
	.strictObject({
		login: loginName,
		displayName: name,
		password,
		/** The first role, granted with the account (the admin page always sets one). */
		role: z.enum(ROLES, 'err.choose').optional(),
		unitId: id.optional(),
		communityId: id.optional()
	})
	.refine((p) => !p.role || (p.role === 'member' || p.role === 'liaison') === !!p.unitId, {
		message: 'err.roleNeedsUnit',
		path: ['unitId']
	});

export const roleInput = z
	.strictObject({
		userId: id,
		role: z.enum(ROLES, 'err.choose'),
		unitId: id.optional(),
		communityId: id.optional()
	})
	.refine((r) => (r.role === 'member' || r.role === 'liaison') === !!r.unitId, {
		message: 'err.roleNeedsUnit',
		path: ['unitId']
	});

export const inviteInput = z.strictObject({
	communityId: id,
	maxUses: z.coerce
		.number()
		.int('err.invalid')
		.min(1, 'err.invalid')
		.max(1000, 'err.invalid')
		.default(50),
	validDays: z.coerce
		.number()
		.int('err.invalid')
		.min(1, 'err.invalid')
		.max(365, 'err.invalid')
		.default(30)
});

export const listQuery = z.object({
	limit: z.coerce.number().int().min(1).max(200).default(50),
	cursor: z.string().max(200).optional()
});
