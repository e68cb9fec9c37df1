/** Accounts: sign-in, sign-out, self-registration with an invite code, preferences. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { inviteCodes, roleAssignments, users, type User } from '../db/schema';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from '../auth/password';
import {
	clearSignInFailures,
	limitsFromEnv,
	recordSignInFailure,
	signInWait
} from '../auth/rate-limit';
import {
	createSession,
	generateToken,
	invalidateSession,
	type SessionOrigin
} from '../auth/session';
import type { preferencesInput, registerInput } from '../../shared/schemas/auth';
import { audit, committeeChain } from '../platform/audit';

export interface SignedIn {
	user: User;
	token: string;
	expiresAt: Date;
}

/** A 429 that says, in the person's language, when to try again (and sets Retry-After). */
export function tooManyAttempts(waitMs: number): AppError {
	const seconds = Math.max(1, Math.ceil(waitMs / 1000));
	return new AppError(
		429,
		'err.tooManyAttempts',
		{},
		{ minutes: Math.max(1, Math.ceil(seconds / 60)), seconds }
	);
}

/**
 * Check a login and password, throttled per (address, account) and per address (see
 * auth/rate-limit.ts); opens a session.
 */
export async function signIn(
	db: Db,
	input: { login: string; password: string },
	address: string,
	from: SessionOrigin = {}
): Promise<SignedIn> {
	const login = input.login.trim().toLowerCase();
	const wait = signInWait(db, address, login);
	if (wait > 0) throw tooManyAttempts(wait);
	const user = db.select().from(users).where(eq(users.login, login)).get();
	const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
	if (!user || !ok || user.disabled) {
		recordSignInFailure(db, address, login, limitsFromEnv());
		throw new AppError(401, 'err.badCredentials');
	}
	clearSignInFailures(db, address, login);
	const token = generateToken();
	const session = createSession(db, token, user.id, Date.now(), { ...from, address });
	audit(db, user.id, 'auth.signIn', `user:${user.id}`);
	return { user, token, expiresAt: session.expiresAt };
}

export function signOut(db: Db, sessionId: string, userId: string): void {
	invalidateSession(db, sessionId);
	audit(db, userId, 'auth.signOut', `user:${userId}`);
}

/** A resident registers with a community invite code; the account gets the resident role there. */
export async function registerResident(
	db: Db,
	input: z.infer<typeof registerInput>,
	prefs: { locale: 'zh-CN' | 'en'; elderMode: boolean } = { locale: 'zh-CN', elderMode: false }
): Promise<SignedIn> {
	const passwordHash = await hashPassword(input.password);
	const login = input.login.toLowerCase();
	const user = db.transaction(
		(tx) => {
			const now = new Date();
			const invite = tx
				.select()
				.from(inviteCodes)
				.where(
					and(
						eq(inviteCodes.code, input.inviteCode.trim().toUpperCase()),
						isNull(inviteCodes.revokedAt),
						gt(inviteCodes.expiresAt, now)
					)
				)
				.get();
			if (!invite || invite.uses >= invite.maxUses) {
				throw new AppError(422, 'err.validation', { inviteCode: ['err.inviteInvalid'] });
			}
			if (tx.select({ id: users.id }).from(users).where(eq(users.login, login)).get()) {
				throw new AppError(409, 'err.validation', { login: ['err.loginTaken'] });
			}
			const created: User = {
				id: newId(),
				login,
				displayName: input.displayName,
				passwordHash,
				// What they chose before signing up stays chosen.
				locale: prefs.locale,
				elderMode: prefs.elderMode,
				disabled: false,
				createdAt: now
			};
			tx.insert(users).values(created).run();
			tx.insert(roleAssignments)
				.values({
					id: newId(),
					userId: created.id,
					committeeId: invite.committeeId,
					role: 'resident',
					unitId: null,
					communityId: invite.communityId,
					gridId: null,
					createdAt: now
				})
				.run();
			tx.update(inviteCodes)
				.set({ uses: sql`${inviteCodes.uses} + 1` })
				.where(eq(inviteCodes.id, invite.id))
				.run();
			audit(
				tx,
				created.id,
				'auth.register',
				`user:${created.id}`,
				{ invite: invite.id },
				committeeChain(invite.committeeId)
			);
			return created;
		},
		{ behavior: 'immediate' }
	);
	const token = generateToken();
	const session = createSession(db, token, user.id);
	return { user, token, expiresAt: session.expiresAt };
}

export function updatePreferences(
	db: Db,
	userId: string,
	prefs: z.infer<typeof preferencesInput>
): User {
	const set: Partial<User> = {};
	if (prefs.locale !== undefined) set.locale = prefs.locale;
	if (prefs.elderMode !== undefined) set.elderMode = prefs.elderMode;
	if (Object.keys(set).length) db.update(users).set(set).where(eq(users.id, userId)).run();
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user) throw new AppError(404, 'err.notFound');
	return user;
}

/** The public shape of a user (never the password hash). */
export function publicUser(u: User) {
	return {
		id: u.id,
		login: u.login,
		displayName: u.displayName,
		locale: u.locale as 'zh-CN' | 'en',
		elderMode: u.elderMode
	};
}
