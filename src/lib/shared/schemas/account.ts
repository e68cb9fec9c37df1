/** Request schemas for a person's own account: password change and reset, sessions. */
import { z } from 'zod';
import { password } from './auth';

export const changePasswordInput = z.strictObject({
	currentPassword: z.string().min(1, 'err.required').max(200, 'err.passwordLong'),
	newPassword: password
});

/** The form asks for the new password twice; the API takes it once. */
export const changePasswordForm = z
	.strictObject({
		currentPassword: changePasswordInput.shape.currentPassword,
		newPassword: password,
		confirmPassword: z.string().max(200, 'err.passwordLong')
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'err.account.mismatch'
	});

export const resetPasswordInput = z.strictObject({
	token: z.string().regex(/^[a-z2-7]{32}$/, 'err.account.resetInvalid'),
	newPassword: password
});

export const resetPasswordForm = z
	.strictObject({ newPassword: password, confirmPassword: z.string().max(200, 'err.passwordLong') })
	.refine((v) => v.newPassword === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'err.account.mismatch'
	});

export const sessionOut = z.object({
	id: z.string(),
	/** The browser's own description, as sent. */
	userAgent: z.string().nullable(),
	/** A short reading of it, e.g. "Chrome · Android". */
	device: z.string().nullable(),
	address: z.string().nullable(),
	createdAt: z.string(),
	lastSeenAt: z.string().nullable(),
	current: z.boolean()
});
