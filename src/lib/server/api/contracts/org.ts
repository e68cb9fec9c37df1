/** API contracts: the committee's communities, grids, member units, people, roles and invite codes. */
import { z } from 'zod';
import {
	communityInput,
	gridInput,
	inviteInput,
	listQuery,
	personInput,
	roleInput,
	UNIT_TYPES,
	unitInput,
	unitPatch,
	votingInput
} from '../../../shared/schemas/org';
import { ROLES } from '../../../shared/roles';
import type { EndpointDef } from '../endpoint';

const grid = z.object({ id: z.string(), name: z.string() });
const community = z.object({ id: z.string(), name: z.string(), grids: z.array(grid) });
const unit = z.object({
	id: z.string(),
	name: z.string(),
	type: z.enum(UNIT_TYPES),
	contactName: z.string(),
	contactPhone: z.string(),
	liaisons: z.array(z.object({ id: z.string(), displayName: z.string() })),
	createdAt: z.string()
});
const unitFull = unit.extend({
	dutyList: z
		.string()
		.describe('The duty list (履职清单), the text of the shared document unit/<id>/duties')
});
const person = z.object({
	id: z.string(),
	login: z.string(),
	displayName: z.string(),
	disabled: z.boolean(),
	roles: z.array(
		z.object({
			id: z.string(),
			role: z.enum(ROLES),
			unitId: z.string().nullable(),
			unitName: z.string().nullable(),
			communityName: z.string().nullable()
		})
	)
});
const invite = z.object({
	id: z.string(),
	code: z.string(),
	communityId: z.string(),
	maxUses: z.number(),
	uses: z.number(),
	expiresAt: z.string(),
	revokedAt: z.string().nullable()
});
const page = <T extends z.ZodType>(item: T) =>
	z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const committeeOut = z.object({
	id: z.string(),
	name: z.string(),
	street: z.string(),
	votePer: z.enum(['person', 'unit'])
});

export const committee = {
	method: 'GET',
	path: '/committee',
	tag: 'organisation',
	summary: "The caller's committee (street) and how it votes",
	response: committeeOut
} satisfies EndpointDef;

export const updateCommittee = {
	method: 'PATCH',
	path: '/committee',
	tag: 'organisation',
	summary: 'Set how the committee votes: one vote per person or per member unit (secretary)',
	body: votingInput,
	response: committeeOut
} satisfies EndpointDef;

export const listCommunities = {
	method: 'GET',
	path: '/communities',
	tag: 'organisation',
	summary: 'Communities with their grids',
	response: page(community)
} satisfies EndpointDef;

export const createCommunity = {
	method: 'POST',
	path: '/communities',
	tag: 'organisation',
	status: 201,
	idempotent: true,
	summary: 'Add a community (secretary)',
	body: communityInput,
	response: z.object({ id: z.string(), name: z.string() })
} satisfies EndpointDef;

export const createGrid = {
	method: 'POST',
	path: '/grids',
	tag: 'organisation',
	status: 201,
	idempotent: true,
	summary: 'Add a grid to a community (secretary)',
	body: gridInput,
	response: grid
} satisfies EndpointDef;

export const listUnits = {
	method: 'GET',
	path: '/units',
	tag: 'organisation',
	summary: 'Member units',
	query: listQuery,
	response: page(unit)
} satisfies EndpointDef;

export const createUnit = {
	method: 'POST',
	path: '/units',
	tag: 'organisation',
	status: 201,
	idempotent: true,
	summary: 'Add a member unit with its duty list (secretary)',
	body: unitInput,
	response: unitFull
} satisfies EndpointDef;

export const getUnit = {
	method: 'GET',
	path: '/units/{id}',
	tag: 'organisation',
	summary: 'A member unit with its duty list',
	response: unitFull
} satisfies EndpointDef;

export const updateUnit = {
	method: 'PATCH',
	path: '/units/{id}',
	tag: 'organisation',
	summary: "Change a unit's name, type or contact (secretary)",
	body: unitPatch,
	response: unitFull
} satisfies EndpointDef;

export const listPeople = {
	method: 'GET',
	path: '/people',
	tag: 'organisation',
	summary: 'People of the committee with their roles (secretary, supervisors)',
	response: page(person)
} satisfies EndpointDef;

export const createPerson = {
	method: 'POST',
	path: '/people',
	tag: 'organisation',
	status: 201,
	idempotent: true,
	summary: 'Create an account (secretary); grant roles with POST /roles',
	body: personInput,
	response: z.object({ id: z.string(), login: z.string(), displayName: z.string() })
} satisfies EndpointDef;

export const grantRole = {
	method: 'POST',
	path: '/roles',
	tag: 'organisation',
	status: 201,
	idempotent: true,
	summary: 'Grant a role; member and liaison roles name their unit (secretary)',
	body: roleInput,
	response: z.object({ id: z.string() })
} satisfies EndpointDef;

export const removeRole = {
	method: 'DELETE',
	path: '/roles/{id}',
	tag: 'organisation',
	status: 204,
	summary: 'Remove a role; the person’s live connections re-authenticate (secretary)'
} satisfies EndpointDef;

export const listInvites = {
	method: 'GET',
	path: '/invites',
	tag: 'organisation',
	summary: 'Resident invite codes (secretary)',
	response: page(invite)
} satisfies EndpointDef;

export const createInvite = {
	method: 'POST',
	path: '/invites',
	tag: 'organisation',
	status: 201,
	idempotent: true,
	summary: 'Create a resident invite code for a community (secretary)',
	body: inviteInput,
	response: invite
} satisfies EndpointDef;

export const revokeInvite = {
	method: 'DELETE',
	path: '/invites/{id}',
	tag: 'organisation',
	status: 204,
	summary: 'Revoke an invite code (secretary)'
} satisfies EndpointDef;
