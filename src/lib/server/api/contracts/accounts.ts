/** API contracts: sign-in, sign-out, registration, the current user, personal tokens. */
import { z } from 'zod';
import {
	loginInput,
	preferencesInput,
	registerInput,
	tokenInput,
	userOut
} from '../../../shared/schemas/auth';
import { ROLES } from '../../../shared/roles';
import type { EndpointDef } from '../endpoint';

const roleOut = z.object({
	committeeId: z.string(),
	role: z.enum(ROLES),
	unitId: z.string().nullable(),
	communityId: z.string().nullable()
});

export const login = {
	method: 'POST',
	path: '/auth/login',
	tag: 'accounts',
	auth: false,
	summary: 'Sign in with login and password; sets the session cookie',
	body: loginInput,
	response: z.object({ user: userOut })
} satisfies EndpointDef;

export const logout = {
	method: 'POST',
	path: '/auth/logout',
	tag: 'accounts',
	status: 204,
	summary: 'Sign out: the session is revoked and its live connections close'
} satisfies EndpointDef;

export const register = {
	method: 'POST',
	path: '/auth/register',
	tag: 'accounts',
	auth: false,
	status: 201,
	summary: 'A resident registers with a community invite code; sets the session cookie',
	body: registerInput,
	response: z.object({ user: userOut })
} satisfies EndpointDef;

export const me = {
	method: 'GET',
	path: '/me',
	tag: 'accounts',
	summary: 'The signed-in user with their committee roles',
	response: userOut.extend({ roles: z.array(roleOut) })
} satisfies EndpointDef;

export const updateMe = {
	method: 'PATCH',
	path: '/me',
	tag: 'accounts',
	summary: 'Change language or elder mode',
	body: preferencesInput,
	response: userOut
} satisfies EndpointDef;

const tokenOut = z.object({
	id: z.string(),
	name: z.string(),
	createdAt: z.string(),
	lastUsedAt: z.string().nullable()
});

export const createToken = {
	method: 'POST',
	path: '/tokens',
	tag: 'accounts',
	status: 201,
	idempotent: true,
	summary: 'Create a personal API token; the token is in this answer only',
	body: tokenInput,
	response: z.object({ id: z.string(), name: z.string(), token: z.string() })
} satisfies EndpointDef;

export const listTokens = {
	method: 'GET',
	path: '/tokens',
	tag: 'accounts',
	summary: "The caller's live tokens (never the token values)",
	response: z.object({ items: z.array(tokenOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const deleteToken = {
	method: 'DELETE',
	path: '/tokens/{id}',
	tag: 'accounts',
	status: 204,
	summary: 'Revoke a personal API token'
} satisfies EndpointDef;
