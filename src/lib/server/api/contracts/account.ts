/** API contracts: a person's password and sessions, and reset links the secretary issues. */
import { z } from 'zod';
import {
	changePasswordInput,
	resetPasswordInput,
	sessionOut
} from '../../../shared/schemas/account';
import type { EndpointDef } from '../endpoint';

export const changePassword = {
	method: 'POST',
	path: '/me/password',
	tag: 'accounts',
	summary:
		"Change the caller's password (the current one required); every other session of theirs ends. A wrong current password counts as a failed sign-in (429 with Retry-After when throttled)",
	body: changePasswordInput,
	response: z.object({ endedSessions: z.number().int() })
} satisfies EndpointDef;

export const listSessions = {
	method: 'GET',
	path: '/me/sessions',
	tag: 'accounts',
	summary: "The caller's signed-in sessions (device, address, last seen), the current one marked",
	response: z.object({ items: z.array(sessionOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const endOtherSessions = {
	method: 'DELETE',
	path: '/me/sessions',
	tag: 'accounts',
	summary: "End every session of the caller's but the current one",
	response: z.object({ endedSessions: z.number().int() })
} satisfies EndpointDef;

export const endSession = {
	method: 'DELETE',
	path: '/me/sessions/{id}',
	tag: 'accounts',
	status: 204,
	summary: "End one of the caller's sessions; its live connections close"
} satisfies EndpointDef;

export const issuePasswordReset = {
	method: 'POST',
	path: '/people/{id}/password-reset',
	tag: 'accounts',
	status: 201,
	summary:
		'The secretary creates a one-time password-reset link for a person (good for 24 hours, works once; earlier links stop working). The token is in this answer only',
	response: z.object({ token: z.string(), url: z.string(), expiresAt: z.string() })
} satisfies EndpointDef;

export const resetPassword = {
	method: 'POST',
	path: '/auth/reset',
	tag: 'accounts',
	auth: false,
	status: 204,
	summary:
		"Set a new password with a reset link's token; the link is spent and every session of the person ends",
	body: resetPasswordInput
} satisfies EndpointDef;
