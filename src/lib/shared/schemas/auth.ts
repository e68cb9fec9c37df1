/** Request schemas for accounts and sessions, shared by forms, the API and the OpenAPI document. */
import { z } from 'zod';
import { LOCALES } from '../../i18n/locales';

export const loginName = z
	.string()
	.trim()
	.min(3, 'err.loginShort')
	.max(32, 'err.loginLong')
	.regex(/^[a-zA-Z0-9_.-]+$/, 'err.loginChars');

export const password = z.string().min(8, 'err.passwordShort').max(200, 'err.passwordLong');

export const loginInput = z.strictObject({
	login: z.string().trim().min(1, 'err.required').max(64, 'err.tooLong'),
	password: z.string().min(1, 'err.required').max(200, 'err.passwordLong')
});

export const registerInput = z.strictObject({
	inviteCode: z.string().trim().min(4, 'err.required').max(32, 'err.tooLong'),
	login: loginName,
	displayName: z.string().trim().min(1, 'err.required').max(40, 'err.tooLong'),
	password
});

export const preferencesInput = z.strictObject({
	locale: z.enum(LOCALES).optional(),
	elderMode: z.boolean().optional()
});

export const tokenInput = z.strictObject({
	name: z.string().trim().min(1, 'err.required').max(60, 'err.tooLong')
});

export const userOut = z.object({
	id: z.string(),
	login: z.string(),
	displayName: z.string(),
	locale: z.enum(LOCALES),
	elderMode: z.boolean()
});
